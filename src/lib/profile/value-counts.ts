// How often each distinct value occurs: the input to top-k, distinct counts and text type inference.
// Strings are counted from their UTF-8 bytes and decoded only on request (valueAt), because an id column
// has millions of distinct values of which the profile shows ten. Dictionary columns (what the CSV loader
// makes of text) are counted per dictionary index first, so rows cost one typed-array increment each.
import type { Data, Vector } from 'apache-arrow';
import { chunkGetter, chunksOf, isValidAt, storageKind, validityOf } from './arrow-columns.ts';
import { nonMissingInto } from './numeric-column.ts';
import { distinctUtf8, isPlainUtf8, stringTextStats, utf8At, utf8TextStats, type TextStats } from './utf8-distinct.ts';

export type { TextStats } from './utf8-distinct.ts';

export interface ValueCounts {
  /** counts[i] is how many cells hold distinct value i. Text is in order of first occurrence, numbers ascending. */
  counts: Float64Array;
  /** Missing cells: null, or NaN in numeric columns. */
  missing: number;
  /** The display text of distinct value i (dates as ISO 8601), built on demand. */
  valueAt(i: number): string;
  /** Lengths and spacing of the distinct values' text, for type inference. */
  textStats(): TextStats;
}

function fromStrings(values: readonly string[], counts: ArrayLike<number>, missing: number): ValueCounts {
  const c = Float64Array.from(counts);
  return { counts: c, missing, valueAt: (i) => values[i], textStats: () => stringTextStats(values.length, (i) => values[i], c) };
}

function countBool(column: Vector): ValueCounts {
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
  const values: string[] = [], counts: number[] = [];
  if (t) { values.push('true'); counts.push(t); }
  if (f) { values.push('false'); counts.push(f); }
  return fromStrings(values, counts, missing);
}

/** Counts numbers by sorting them: in `scratch` when it is given and long enough, else in one new array. */
function countNumbers(column: Vector, kind: string, scratch?: Float64Array): ValueCounts {
  const values = scratch && scratch.length >= column.length ? scratch : new Float64Array(column.length);
  const sorted = values.subarray(0, nonMissingInto(column, values)).sort();
  const distinct: number[] = [], counts: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    distinct.push(sorted[i]);
    counts.push(j - i);
    i = j;
  }
  // Date columns hold calendar days: show them without the midnight time.
  const text = kind === 'date' ? (v: number) => new Date(v).toISOString().slice(0, 10)
    : kind === 'timestamp' ? (v: number) => new Date(v).toISOString() : (v: number) => String(v);
  const c = Float64Array.from(counts);
  const valueAt = (i: number) => text(distinct[i]);
  return { counts: c, missing: column.length - sorted.length, valueAt, textStats: () => stringTextStats(distinct.length, valueAt, c) };
}

function countUtf8(chunks: readonly Data[], weights?: Float64Array[], extraMissing = 0): ValueCounts {
  const d = distinctUtf8(chunks, weights);
  return {
    counts: d.counts,
    missing: d.missing + extraMissing,
    valueAt: (i) => utf8At(chunks[d.chunkOf[i]], d.indexOf[i]),
    textStats: () => utf8TextStats(chunks, d),
  };
}

function countDictionary(chunks: readonly Data[]): ValueCounts {
  // Rows → per-entry counts, one array per distinct dictionary object (chunks usually share one).
  const dictionaries: Vector[] = [];
  const weights: Float64Array[] = [];
  let missing = 0;
  for (const data of chunks) {
    const dict = data.dictionary as Vector;
    let g = dictionaries.indexOf(dict);
    if (g === -1) { g = dictionaries.push(dict) - 1; weights.push(new Float64Array(dict.length)); }
    const perEntry = weights[g];
    const indices = data.values as ArrayLike<number | bigint>;
    const bitmap = validityOf(data);
    if (indices instanceof Int32Array && bitmap === null) {
      for (let i = 0; i < data.length; i++) perEntry[indices[i]]++;
    } else {
      for (let i = 0; i < data.length; i++) {
        if (isValidAt(bitmap, data.offset, i)) perEntry[Number(indices[i])]++;
        else missing++;
      }
    }
  }
  // Entries → distinct strings. Hashing the entries (not trusting them to be unique) also merges chunks
  // whose dictionaries differ; a null entry's rows are missing cells.
  const entryChunks: Data[] = [], entryWeights: Float64Array[] = [];
  dictionaries.forEach((dict, g) => {
    let start = 0;
    for (const part of dict.data) {
      entryChunks.push(part);
      entryWeights.push(weights[g].subarray(start, start + part.length));
      start += part.length;
    }
  });
  if (isPlainUtf8(entryChunks)) return countUtf8(entryChunks, entryWeights, missing);
  // Dictionaries of other value types (numbers, large strings): few enough entries to box.
  const map = new Map<string, number>();
  entryChunks.forEach((part, c) => {
    const get = chunkGetter(part);
    for (let k = 0; k < part.length; k++) {
      const w = entryWeights[c][k];
      if (w === 0) continue;
      const v = get(k);
      if (v === null || v === undefined) missing += w;
      else map.set(String(v), (map.get(String(v)) ?? 0) + w);
    }
  });
  return fromStrings([...map.keys()], [...map.values()], missing);
}

function countBoxed(column: Vector): ValueCounts {
  const map = new Map<string, number>();
  let missing = 0;
  for (const data of chunksOf(column)) {
    const get = chunkGetter(data);
    for (let i = 0; i < data.length; i++) {
      const value = get(i);
      if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) missing++;
      else {
        const key = value instanceof Date ? value.toISOString() : String(value);
        map.set(key, (map.get(key) ?? 0) + 1);
      }
    }
  }
  return fromStrings([...map.keys()], [...map.values()], missing);
}

/** Whether valueCounts counts `column` by sorting its numbers (and so can use a scratch buffer). */
export function countsBySorting(column: Vector): boolean {
  const kind = storageKind(column.type);
  return kind === 'int' || kind === 'int64' || kind === 'float' || kind === 'date' || kind === 'timestamp';
}

/**
 * Counts of each distinct value in `column`. A numeric column's values are sorted in `scratch` (at least
 * column.length long; its contents are overwritten) when given, so that a caller profiling many columns holds
 * one such buffer; by default in a new array.
 */
export function valueCounts(column: Vector, scratch?: Float64Array): ValueCounts {
  const kind = storageKind(column.type);
  const chunks = chunksOf(column);
  if (kind === 'bool') return countBool(column);
  if (countsBySorting(column)) return countNumbers(column, kind, scratch);
  if (kind === 'dictionary' && chunks.every((d) => d.dictionary !== undefined)) return countDictionary(chunks);
  if (kind === 'string' && isPlainUtf8(chunks)) return countUtf8(chunks);
  return countBoxed(column);
}
