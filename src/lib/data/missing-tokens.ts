// A set of "no value" texts that can be tested against a range of the scanned text without cutting a
// substring for every cell: only cells whose length and first character match some token are looked up.
import { parseDecimal } from './parse-number.ts';
import { DEFAULT_MISSING_TOKENS } from './types.ts';

export interface MissingTokens {
  /** Whether an empty (or all-blank) cell is missing. */
  readonly empty: boolean;
  readonly set: ReadonlySet<string>;
  readonly maxLength: number;
  /** 1 at each UTF-16 code unit that starts some token. */
  readonly first: Uint8Array;
  /** Whether some token is itself a number (like -999), which rules out reading numbers without a lookup. */
  readonly numeric: boolean;
}

export function missingTokens(tokens: readonly string[] = DEFAULT_MISSING_TOKENS): MissingTokens {
  const set = new Set<string>();
  const first = new Uint8Array(65536);
  let maxLength = 0;
  let empty = false;
  let numeric = false;
  for (const raw of tokens) {
    const t = raw.trim();
    if (t === '') {
      empty = true;
      continue;
    }
    set.add(t);
    if (!Number.isNaN(parseDecimal(t, 0, t.length))) numeric = true;
    first[t.charCodeAt(0)] = 1;
    maxLength = Math.max(maxLength, t.length);
  }
  return { empty, set, maxLength, first, numeric };
}

/** Whether the already-trimmed, non-empty range `s[a, b)` is one of the tokens. */
export function isMissingRange(m: MissingTokens, s: string, a: number, b: number): boolean {
  return b - a <= m.maxLength && m.first[s.charCodeAt(a)] === 1 && m.set.has(s.slice(a, b));
}
