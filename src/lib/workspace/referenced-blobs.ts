// Which blobs a record refers to, for exporting one experiment with only the artifacts it needs. Records name
// blobs by their SHA-256 (backend.ts), but the engine's record shapes are its own business, so the rule is
// generic: every run of exactly 64 lower-case hex characters, not part of a longer hex run, found in a string
// value or an object key anywhere inside the record. That covers a bare hash ("3fa…"), a prefixed one
// ("sha256:3fa…") and a map keyed by hash. Candidates that name no stored blob are ignored by the caller, so a
// 64-hex string that happens not to be a hash costs nothing.

const HASH_RUN = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g;

/** Every 64-hex run in the string values and keys of `value` (walked without recursion, so depth is no risk). */
export function referencedBlobHashes(value: unknown): string[] {
  const found = new Set<string>();
  const scan = (s: string) => { if (s.length >= 64) for (const m of s.matchAll(HASH_RUN)) found.add(m[0]); };
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') scan(v);
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { scan(k); stack.push(x); }
  }
  return [...found].sort();
}
