// Joining byte chunks read from a stream.

/** The bytes of `parts` (whose lengths sum to `length`) as one array; the single part itself when there is one. */
export function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
