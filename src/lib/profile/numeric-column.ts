// A column as one row-aligned Float64Array with NaN for missing cells: the single representation every
// numeric kernel (moments, quantiles, histogram, correlation) reads, whatever the Arrow storage was.
import type { Data, Date_, Timestamp, Vector } from 'apache-arrow';
import {
  DATE_UNIT_TO_MS, TIMESTAMP_UNIT_TO_MS, chunkGetter, chunksOf, int64Reader, isValidAt, storageKind, validityOf,
} from './arrow-columns.ts';
import { parseIsoDate } from './iso-date.ts';

/** Options for numericColumn. */
export interface NumericColumnOptions {
  /** How text cells become numbers: 'number' parses decimals, 'datetime' parses ISO dates to epoch ms; defaults to 'number'. */
  parseStrings?: 'number' | 'datetime';
}

// Plain decimals only: Number() would also accept '0x1A', 'Infinity' and '' (as 0), none of which a
// user who says "this column is numeric" means.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** The number written in `text`, or NaN when it is not a plain decimal. */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

function toNumber(value: unknown, parse: (s: string) => number): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parse(value);
  if (value instanceof Date) return value.getTime();
  return NaN;
}

/** Per-chunk conversions worth keeping while a column is read window by window: a dictionary's numbers, a boxed getter. */
interface ChunkCache {
  dictionary?: unknown;
  lookup?: Float64Array;
  data?: Data;
  get?: (i: number) => unknown;
}

/** Writes rows [from, to) of chunk `data` as numbers into target[at …]; `cache` keeps per-chunk work across calls. */
function readChunk(data: Data, target: Float64Array, at: number, parse: (s: string) => number, from = 0, to = data.length, cache: ChunkCache = {}): void {
  const o = at - from;
  const bitmap = validityOf(data);
  const offset = data.offset;
  const kind = storageKind(data.type);
  if (kind === 'int' || kind === 'float') {
    const values = data.values as ArrayLike<number>;
    if (bitmap === null) for (let i = from; i < to; i++) target[o + i] = values[i];
    else for (let i = from; i < to; i++) target[o + i] = isValidAt(bitmap, offset, i) ? values[i] : NaN;
    return;
  }
  if (kind === 'int64' || kind === 'timestamp' || (kind === 'date' && data.values instanceof BigInt64Array)) {
    const scale = kind === 'timestamp' ? TIMESTAMP_UNIT_TO_MS[(data.type as Timestamp).unit] : 1;
    const read = int64Reader(data.values as BigInt64Array);
    for (let i = from; i < to; i++) target[o + i] = isValidAt(bitmap, offset, i) ? read(i) * scale : NaN;
    return;
  }
  if (kind === 'date') {
    const days = data.values as Int32Array;
    const scale = DATE_UNIT_TO_MS[(data.type as Date_).unit];
    for (let i = from; i < to; i++) target[o + i] = isValidAt(bitmap, offset, i) ? days[i] * scale : NaN;
    return;
  }
  if (kind === 'bool') {
    const bits = data.values as Uint8Array;
    for (let i = from; i < to; i++) {
      const b = offset + i;
      target[o + i] = isValidAt(bitmap, offset, i) ? (bits[b >> 3] >> (b & 7)) & 1 : NaN;
    }
    return;
  }
  if (kind === 'dictionary' && data.dictionary !== undefined) {
    // Convert each dictionary entry once, then gather: parsing is per distinct value, not per row.
    const dict = data.dictionary;
    if (cache.dictionary !== dict || !cache.lookup) {
      cache.lookup = new Float64Array(dict.length);
      for (let k = 0; k < dict.length; k++) cache.lookup[k] = toNumber(dict.get(k), parse);
      cache.dictionary = dict;
    }
    const lookup = cache.lookup;
    const indices = data.values as ArrayLike<number | bigint>;
    for (let i = from; i < to; i++) target[o + i] = isValidAt(bitmap, offset, i) ? lookup[Number(indices[i])] : NaN;
    return;
  }
  if (cache.data !== data || !cache.get) {
    cache.get = chunkGetter(data);
    cache.data = data;
  }
  const get = cache.get;
  for (let i = from; i < to; i++) target[o + i] = toNumber(get(i), parse);
}

function parserFor(options: NumericColumnOptions, caller: string): (s: string) => number {
  const mode = options.parseStrings ?? 'number';
  if (mode !== 'number' && mode !== 'datetime') {
    throw new RangeError(`${caller}: options.parseStrings must be 'number' or 'datetime'; got ${JSON.stringify(mode)}`);
  }
  return mode === 'datetime' ? parseIsoDate : parseDecimal;
}

/**
 * One number per row, NaN where the cell is missing or (for text) does not parse. Datetimes become epoch
 * milliseconds and booleans 0/1. A single-chunk Float64 column without nulls is returned without a copy,
 * so treat the result as read-only.
 */
export function numericColumn(column: Vector, options: NumericColumnOptions = {}): Float64Array {
  const parse = parserFor(options, 'numericColumn');
  const chunks = chunksOf(column);
  if (chunks.length === 1) {
    const only = chunks[0];
    if (only.values instanceof Float64Array && validityOf(only) === null) return only.values.subarray(0, only.length);
  }
  const target = new Float64Array(column.length);
  let start = 0;
  for (const data of chunks) {
    readChunk(data, target, start, parse);
    start += data.length;
  }
  return target;
}

/**
 * The column's non-missing numbers (as numericColumn reads them), in row order, written into the front of
 * `scratch` (at least column.length long, reused across columns so that profiling a big table holds one
 * such buffer); returns how many there are.
 */
export function nonMissingInto(column: Vector, scratch: Float64Array, options: NumericColumnOptions = {}): number {
  const parse = parserFor(options, 'nonMissingInto');
  if (scratch.length < column.length) throw new RangeError(`nonMissingInto: scratch holds ${scratch.length} values but the column has ${column.length} rows`);
  let count = 0;
  for (const data of chunksOf(column)) {
    // Read the chunk row-aligned after what is kept so far, then close up its NaN in place.
    readChunk(data, scratch, count, parse);
    const end = count + data.length;
    for (let i = count; i < end; i++) {
      const v = scratch[i];
      if (v === v) scratch[count++] = v;
    }
  }
  return count;
}

/**
 * Reads a column window by window, as numericColumn would (NaN = missing), without a whole-column copy: the
 * correlation's row-window passes use one per column.
 */
export class NumericWindows {
  readonly #chunks: readonly Data[];
  readonly #starts: number[] = [];
  readonly #parse: (s: string) => number;
  readonly #cache: ChunkCache = {};

  constructor(column: Vector, options: NumericColumnOptions = {}) {
    this.#parse = parserFor(options, 'NumericWindows');
    this.#chunks = chunksOf(column);
    let at = 0;
    for (const c of this.#chunks) { this.#starts.push(at); at += c.length; }
  }

  /**
   * Rows [start, start + scratch.length) as numbers: a view of the column itself where those rows are one
   * chunk of Float64 without nulls (read-only then), else `scratch` filled.
   */
  read(start: number, scratch: Float64Array): Float64Array {
    const end = start + scratch.length;
    let c = 0;
    while (c + 1 < this.#chunks.length && this.#starts[c + 1] <= start) c++;
    const first = this.#chunks[c];
    const begin = start - this.#starts[c];
    if (first && begin + scratch.length <= first.length && first.values instanceof Float64Array && validityOf(first) === null) {
      return first.values.subarray(begin, begin + scratch.length);
    }
    for (let at = start; at < end && c < this.#chunks.length; c++) {
      const data = this.#chunks[c];
      const from = at - this.#starts[c];
      const to = Math.min(data.length, end - this.#starts[c]);
      if (to <= from) continue;
      readChunk(data, scratch, at - start, this.#parse, from, to, this.#cache);
      at += to - from;
    }
    return scratch;
  }
}

/** The non-missing (non-NaN) entries of `values`, in row order, as a new array. */
export function nonMissing(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) out[j++] = v;
  }
  return out;
}
