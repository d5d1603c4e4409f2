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

function readChunk(data: Data, target: Float64Array, start: number, parse: (s: string) => number): void {
  const n = data.length;
  const bitmap = validityOf(data);
  const offset = data.offset;
  const kind = storageKind(data.type);
  if (kind === 'int' || kind === 'float') {
    const values = data.values as ArrayLike<number>;
    if (bitmap === null) for (let i = 0; i < n; i++) target[start + i] = values[i];
    else for (let i = 0; i < n; i++) target[start + i] = isValidAt(bitmap, offset, i) ? values[i] : NaN;
    return;
  }
  if (kind === 'int64' || kind === 'timestamp' || (kind === 'date' && data.values instanceof BigInt64Array)) {
    const scale = kind === 'timestamp' ? TIMESTAMP_UNIT_TO_MS[(data.type as Timestamp).unit] : 1;
    const read = int64Reader(data.values as BigInt64Array);
    for (let i = 0; i < n; i++) target[start + i] = isValidAt(bitmap, offset, i) ? read(i) * scale : NaN;
    return;
  }
  if (kind === 'date') {
    const days = data.values as Int32Array;
    const scale = DATE_UNIT_TO_MS[(data.type as Date_).unit];
    for (let i = 0; i < n; i++) target[start + i] = isValidAt(bitmap, offset, i) ? days[i] * scale : NaN;
    return;
  }
  if (kind === 'bool') {
    const bits = data.values as Uint8Array;
    for (let i = 0; i < n; i++) {
      const b = offset + i;
      target[start + i] = isValidAt(bitmap, offset, i) ? (bits[b >> 3] >> (b & 7)) & 1 : NaN;
    }
    return;
  }
  if (kind === 'dictionary' && data.dictionary !== undefined) {
    // Convert each dictionary entry once, then gather: parsing is per distinct value, not per row.
    const dict = data.dictionary;
    const lookup = new Float64Array(dict.length);
    for (let k = 0; k < dict.length; k++) lookup[k] = toNumber(dict.get(k), parse);
    const indices = data.values as ArrayLike<number | bigint>;
    for (let i = 0; i < n; i++) target[start + i] = isValidAt(bitmap, offset, i) ? lookup[Number(indices[i])] : NaN;
    return;
  }
  const get = chunkGetter(data);
  for (let i = 0; i < n; i++) target[start + i] = toNumber(get(i), parse);
}

/**
 * One number per row, NaN where the cell is missing or (for text) does not parse. Datetimes become epoch
 * milliseconds and booleans 0/1. A single-chunk Float64 column without nulls is returned without a copy,
 * so treat the result as read-only.
 */
export function numericColumn(column: Vector, options: NumericColumnOptions = {}): Float64Array {
  const mode = options.parseStrings ?? 'number';
  if (mode !== 'number' && mode !== 'datetime') {
    throw new RangeError(`numericColumn: options.parseStrings must be 'number' or 'datetime'; got ${JSON.stringify(mode)}`);
  }
  const chunks = chunksOf(column);
  if (chunks.length === 1) {
    const only = chunks[0];
    if (only.values instanceof Float64Array && validityOf(only) === null) return only.values.subarray(0, only.length);
  }
  const parse = mode === 'datetime' ? parseIsoDate : parseDecimal;
  const target = new Float64Array(column.length);
  let start = 0;
  for (const data of chunks) {
    readChunk(data, target, start, parse);
    start += data.length;
  }
  return target;
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
