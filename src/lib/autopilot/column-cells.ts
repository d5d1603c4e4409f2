// One column read once into the form every exploration check uses: numbers (NaN = missing) for numeric,
// datetime and boolean storage, text (null = missing) for everything else. Cells also hash into two
// independent 32-bit values, which is how duplicate rows and duplicate columns are found without holding
// every column at once.
import type { Vector } from 'apache-arrow';
import { isTextStorage, parseNumbers, textColumn } from '../ml/prepare/column-values.ts';
import { numericColumn } from '../profile/numeric-column.ts';

/** A column's cells in one of two forms. */
export type ColumnCells =
  | { kind: 'number'; values: Float64Array; missing: number }
  | { kind: 'text'; values: (string | null)[]; missing: number };

/** The column's cells: numbers where it is stored as numbers (or `numericText`: text read as numbers), else text. */
export function readCells(column: Vector, numericText = false): ColumnCells {
  if (!isTextStorage(column) || numericText) {
    // Text cells that do not parse count as missing, as training reads them (invalidNumbers: 'missing').
    const values = isTextStorage(column) ? parseNumbers(column).values : numericColumn(column);
    let missing = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) missing++;
    return { kind: 'number', values, missing };
  }
  const values = textColumn(column);
  let missing = 0;
  for (const v of values) if (v === null) missing++;
  return { kind: 'text', values, missing };
}

// Hash of a missing cell: fixed, so that two missing cells are equal (pandas' duplicated() does the same).
const MISSING_A = 0x6b43a9b5;
const MISSING_B = 0x1b873593;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h ^ s.length);
}

/**
 * Calls `visit(row, a, b)` with two independent 32-bit hashes of each cell. Numbers hash by value (-0 as 0),
 * text by its characters (a number and the text of it hash differently, as pandas keeps 1 and "1" apart).
 */
export function hashCells(cells: ColumnCells, visit: (row: number, a: number, b: number) => void): void {
  if (cells.kind === 'number') {
    const v = cells.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== x) { visit(i, MISSING_A, MISSING_B); continue; }
      bits[0] = x === 0 ? 0 : x;
      visit(i, mix(words[0] ^ mix(words[1] ^ 0x9e3779b9)), mix(words[1] ^ mix(words[0] ^ 0x7f4a7c15)));
    }
    return;
  }
  const v = cells.values;
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    if (s === null) visit(i, MISSING_A, MISSING_B);
    else visit(i, hashString(s, 0x811c9dc5), hashString(s, 0x01234567));
  }
}

/** Whether two columns hold the same cells row by row (missing equals missing). */
export function sameCells(a: ColumnCells, b: ColumnCells): boolean {
  if (a.kind !== b.kind || a.values.length !== b.values.length) return false;
  if (a.kind === 'number') {
    const x = a.values, y = b.values as Float64Array;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(x[i] !== x[i] && y[i] !== y[i])) return false;
    return true;
  }
  const x = a.values, y = b.values as (string | null)[];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
