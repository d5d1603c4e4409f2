// How often each value occurs, keyed by its display text: the input to top-k, distinct counts and string
// type inference. Dictionary columns (what the CSV loader makes of text) are counted per dictionary index
// in a typed array and only the distinct entries are turned into strings, so a 3-million-row column costs
// one pass over an Int32Array.
import type { Data, Vector } from 'apache-arrow';
import { chunkGetter, chunksOf, isValidAt, storageKind, validityOf } from './arrow-columns.ts';
import { numericColumn } from './numeric-column.ts';

export interface ValueCounts {
  /** Occurrences of each non-missing value, keyed by its text. */
  counts: Map<string, number>;
  /** Missing cells: null, or NaN in numeric columns. */
  missing: number;
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** The text a cell is shown as; dates as ISO 8601, date-only types without the time. */
export function cellText(value: unknown, dateOnly = false): string {
  if (value instanceof Date) return dateOnly ? value.toISOString().slice(0, 10) : value.toISOString();
  return String(value);
}

function countDictionaryChunk(data: Data, counts: Map<string, number>): number {
  const dict = data.dictionary as Vector;
  const perEntry = new Float64Array(dict.length);
  const indices = data.values as ArrayLike<number | bigint>;
  const bitmap = validityOf(data);
  let missing = 0;
  for (let i = 0; i < data.length; i++) {
    if (isValidAt(bitmap, data.offset, i)) perEntry[Number(indices[i])]++;
    else missing++;
  }
  for (let k = 0; k < perEntry.length; k++) {
    if (perEntry[k] === 0) continue;
    const value = dict.get(k);
    // A null dictionary entry is a missing cell too.
    if (value === null || value === undefined) missing += perEntry[k];
    else add(counts, cellText(value), perEntry[k]);
  }
  return missing;
}

function countBoxedChunk(data: Data, counts: Map<string, number>): number {
  const get = chunkGetter(data);
  let missing = 0;
  for (let i = 0; i < data.length; i++) {
    const value = get(i);
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) missing++;
    else add(counts, cellText(value), 1);
  }
  return missing;
}

/** Counts of each distinct value in `column`. */
export function valueCounts(column: Vector): ValueCounts {
  const counts = new Map<string, number>();
  const kind = storageKind(column.type);
  if (kind === 'bool') {
    let t = 0, f = 0, missing = 0;
    for (const data of chunksOf(column)) {
      const bitmap = validityOf(data);
      const bits = data.values as Uint8Array;
      for (let i = 0; i < data.length; i++) {
        if (!isValidAt(bitmap, data.offset, i)) { missing++; continue; }
        const b = data.offset + i;
        if ((bits[b >> 3] >> (b & 7)) & 1) t++;
        else f++;
      }
    }
    if (t) counts.set('true', t);
    if (f) counts.set('false', f);
    return { counts, missing };
  }
  if (kind === 'int' || kind === 'int64' || kind === 'float' || kind === 'date' || kind === 'timestamp') {
    // Count numbers first and format each distinct one once.
    const values = numericColumn(column);
    const byNumber = new Map<number, number>();
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) missing++;
      else byNumber.set(v, (byNumber.get(v) ?? 0) + 1);
    }
    const dateOnly = kind === 'date';
    for (const [v, n] of byNumber) add(counts, kind === 'date' || kind === 'timestamp' ? cellText(new Date(v), dateOnly) : String(v), n);
    return { counts, missing };
  }
  let missing = 0;
  for (const data of chunksOf(column)) {
    missing += kind === 'dictionary' && data.dictionary !== undefined ? countDictionaryChunk(data, counts) : countBoxedChunk(data, counts);
  }
  return { counts, missing };
}
