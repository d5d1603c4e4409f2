// Reading one Arrow column as what an encoder needs: numbers (NaN = missing), 0/1 booleans, epoch seconds,
// or category text. Dictionary columns (what the CSV loader makes of text) are decoded once per entry.
import type { Vector } from 'apache-arrow';
import { chunkGetter, chunksOf, isValidAt, storageKind, validityOf } from '../../profile/arrow-columns.ts';
import { numericColumn, parseDecimal } from '../../profile/numeric-column.ts';

/** Whether the column holds text (plain or dictionary-encoded strings) rather than typed values. */
export function isTextStorage(column: Vector): boolean {
  const kind = storageKind(column.type);
  return kind === 'string' || kind === 'dictionary' || kind === 'other';
}

function display(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return String(v);
}

/** The cells of `column` as text, null where missing; numbers print as JavaScript does (1, 2.5, true). */
export function textColumn(column: Vector): (string | null)[] {
  const out = new Array<string | null>(column.length);
  let start = 0;
  for (const data of chunksOf(column)) {
    const n = data.length;
    if (storageKind(data.type) === 'dictionary' && data.dictionary !== undefined) {
      const dict = data.dictionary;
      const lookup = Array.from({ length: dict.length }, (_, k) => display(dict.get(k)));
      const bitmap = validityOf(data);
      const indices = data.values as ArrayLike<number | bigint>;
      for (let i = 0; i < n; i++) out[start + i] = isValidAt(bitmap, data.offset, i) ? lookup[Number(indices[i])] : null;
    } else {
      const get = chunkGetter(data);
      for (let i = 0; i < n; i++) out[start + i] = display(get(i));
    }
    start += n;
  }
  return out;
}

/** A column's texts as codes: each distinct text once, and per row the index of its text (-1 where missing). */
export interface TextCodes {
  /** Distinct texts in the order rows first show them. */
  texts: string[];
  /** Per row, an index into texts, or -1 where the cell is missing. */
  codes: Int32Array;
}

/**
 * textColumn without a string per row: a 10-million-row target needs one Int32Array, not 10 million
 * references. Texts are the ones textColumn gives, in first-seen order; primitives are converted once per
 * distinct value.
 */
export function textCodes(column: Vector): TextCodes {
  const texts: string[] = [];
  const byText = new Map<string, number>();
  const codeOf = (text: string | null): number => {
    if (text === null) return -1;
    let k = byText.get(text);
    if (k === undefined) { k = texts.push(text) - 1; byText.set(text, k); }
    return k;
  };
  const codes = new Int32Array(column.length);
  // Numbers, bigints and booleans print the same every time: convert each distinct value once.
  const byValue = new Map<unknown, number>();
  let start = 0;
  for (const data of chunksOf(column)) {
    const n = data.length;
    if (storageKind(data.type) === 'dictionary' && data.dictionary !== undefined) {
      const dict = data.dictionary;
      const entry = Int32Array.from({ length: dict.length }, (_, k) => codeOf(display(dict.get(k))));
      const bitmap = validityOf(data);
      const indices = data.values as ArrayLike<number | bigint>;
      for (let i = 0; i < n; i++) codes[start + i] = isValidAt(bitmap, data.offset, i) ? entry[Number(indices[i])] : -1;
    } else {
      const get = chunkGetter(data);
      for (let i = 0; i < n; i++) {
        const v = get(i);
        const t = typeof v;
        if (t === 'number' || t === 'bigint' || t === 'boolean') {
          let k = byValue.get(v);
          if (k === undefined) { k = codeOf(display(v)); byValue.set(v, k); }
          codes[start + i] = k;
        } else codes[start + i] = codeOf(display(v));
      }
    }
    start += n;
  }
  return { texts, codes };
}

/** Numbers of a numeric column, NaN where missing, and how many present text cells did not parse. */
export interface ParsedNumbers {
  values: Float64Array;
  /** Present cells whose text is not a number (they became NaN). */
  unparsable: number;
  /** The first of them, for messages. */
  example?: { row: number; text: string };
}

/** A numeric column as float64 (NaN = missing); text cells that are not plain decimals become NaN and are counted. */
export function parseNumbers(column: Vector): ParsedNumbers {
  if (!isTextStorage(column)) return { values: numericColumn(column), unparsable: 0 };
  const text = textColumn(column);
  const values = new Float64Array(text.length);
  let unparsable = 0;
  let example: ParsedNumbers['example'];
  for (let i = 0; i < text.length; i++) {
    const t = text[i];
    if (t === null) { values[i] = NaN; continue; }
    const v = parseDecimal(t);
    values[i] = v;
    if (Number.isNaN(v)) {
      unparsable++;
      example ??= { row: i, text: t };
    }
  }
  return { values, unparsable, example };
}

/** Share of a text column's present cells that parse as decimals (0 when none are present); `counts[k]`, when given, is how many cells hold text[k] (defaults to 1 each). */
export function numericShare(text: readonly (string | null)[], counts?: ArrayLike<number>): number {
  let present = 0, numeric = 0;
  text.forEach((t, k) => {
    if (t === null) return;
    const n = counts ? counts[k] : 1;
    present += n;
    if (!Number.isNaN(parseDecimal(t))) numeric += n;
  });
  return present === 0 ? 0 : numeric / present;
}

/** numericShare of `column`'s cells, read as codes (no string per row). */
export function columnNumericShare(column: Vector): number {
  const { texts, codes } = textCodes(column);
  const counts = new Float64Array(texts.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  return numericShare(texts, counts);
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/** A boolean column as 0/1 (NaN = missing or a word that is not yes/no, true/false, 1/0). */
export function booleanValues(column: Vector): Float64Array {
  if (!isTextStorage(column)) {
    const v = numericColumn(column);
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] !== v[i] ? NaN : v[i] !== 0 ? 1 : 0;
    return out;
  }
  const text = textColumn(column);
  const out = new Float64Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const t = text[i]?.trim().toLowerCase();
    out[i] = t === undefined ? NaN : TRUE_WORDS.has(t) ? 1 : FALSE_WORDS.has(t) ? 0 : NaN;
  }
  return out;
}

/**
 * A datetime column as seconds since 1970-01-01 UTC. Seconds rather than milliseconds because features
 * are float32: epoch ms (~1.7e12) would keep only ~2-minute steps anyway and look misleadingly exact;
 * epoch seconds keep 128-second steps for dates in the 2020s.
 */
export function epochSeconds(column: Vector): Float64Array {
  const ms = numericColumn(column, { parseStrings: 'datetime' });
  const out = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) out[i] = ms[i] / 1000;
  return out;
}
