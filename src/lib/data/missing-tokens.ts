// A set of "no value" texts that can be tested against a range of the scanned text without cutting a
// substring for every cell: only cells whose length and first character match some token are looked up.
import { parseDecimal } from './parse-number.ts';
import { DEFAULT_MISSING_TOKENS, DOMINANT_TOKEN_SHARE, type ColumnMissingTokens, type LoadOptions } from './types.ts';

export interface MissingTokens {
  /** Whether an empty (or all-blank) cell is missing. */
  readonly empty: boolean;
  /** Token → its index in `tokens`. */
  readonly set: ReadonlyMap<string, number>;
  /** The distinct non-empty tokens, trimmed. */
  readonly tokens: readonly string[];
  readonly maxLength: number;
  /** 1 at each UTF-16 code unit that starts some token. */
  readonly first: Uint8Array;
  /** Whether some token is itself a number (like -999), which rules out reading numbers without a lookup. */
  readonly numeric: boolean;
}

export function missingTokens(tokens: readonly string[] = DEFAULT_MISSING_TOKENS, empty = false): MissingTokens {
  const set = new Map<string, number>();
  const list: string[] = [];
  const first = new Uint8Array(65536);
  let maxLength = 0;
  let numeric = false;
  for (const raw of tokens) {
    const t = raw.trim();
    if (t === '') {
      empty = true;
      continue;
    }
    if (set.has(t)) continue;
    set.set(t, list.length);
    list.push(t);
    if (!Number.isNaN(parseDecimal(t, 0, t.length))) numeric = true;
    first[t.charCodeAt(0)] = 1;
    maxLength = Math.max(maxLength, t.length);
  }
  return { empty, set, tokens: list, maxLength, first, numeric };
}

/** Where a file's missing tokens come from: LoadOptions' naValues, defaultNa and naValuesByColumn. */
export type MissingTokenOptions = Pick<LoadOptions, 'naValues' | 'defaultNa' | 'naValuesByColumn'>;

/**
 * The tokens for the whole file: pandas' defaults (unless `defaultNa` is false) plus `naValues`. An empty
 * cell is always missing: a delimited file has no other way to write "no value".
 */
export function fileMissingTokens(o: MissingTokenOptions): MissingTokens {
  return missingTokens([...(o.defaultNa === false ? [] : DEFAULT_MISSING_TOKENS), ...(o.naValues ?? [])], true);
}

/** The tokens for column `name`: its own list when naValuesByColumn names it, else the file's. */
export function columnMissingTokens(o: MissingTokenOptions, name: string, file: MissingTokens): MissingTokens {
  const own = o.naValuesByColumn && Object.hasOwn(o.naValuesByColumn, name) ? o.naValuesByColumn[name] : undefined;
  return own === undefined ? file : missingTokens(own, true);
}

/** The index of the already-trimmed, non-empty range `s[a, b)` among the tokens, or -1. */
export function missingTokenAt(m: MissingTokens, s: string, a: number, b: number): number {
  if (b - a > m.maxLength || m.first[s.charCodeAt(a)] !== 1) return -1;
  return m.set.get(s.slice(a, b)) ?? -1;
}

/** Whether the already-trimmed, non-empty range `s[a, b)` is one of the tokens. */
export function isMissingRange(m: MissingTokens, s: string, a: number, b: number): boolean {
  return missingTokenAt(m, s, a, b) >= 0;
}

/** The sentence for a token that fills most of a column yet was read as missing. */
export function dominantTokenWarning(column: string, token: string, count: number, rows: number): string {
  const pct = rows === 0 ? 0 : Math.round((100 * count) / rows);
  return `${column}: ${JSON.stringify(token)} is ${pct}% of the column and was read as missing; if it is a value, remove it from the missing tokens.`;
}

/**
 * One column's report from its counts: `counts[k]` cells held `m.tokens[k]`, `empty` were blank, out of
 * `rows`. Null when nothing was read as missing. A token is dominant past DOMINANT_TOKEN_SHARE of the
 * non-empty cells.
 */
export function missingReport(column: string, m: MissingTokens, counts: ArrayLike<number>, empty: number, rows: number): ColumnMissingTokens | null {
  const nonEmpty = rows - empty;
  const tokens = [];
  for (let k = 0; k < m.tokens.length; k++) {
    const count = counts[k] ?? 0;
    if (count > 0) tokens.push({ token: m.tokens[k], count, dominant: nonEmpty > 0 && count > DOMINANT_TOKEN_SHARE * nonEmpty });
  }
  if (tokens.length === 0 && empty === 0) return null;
  tokens.sort((x, y) => y.count - x.count || (x.token < y.token ? -1 : 1));
  return { column, empty, tokens };
}
