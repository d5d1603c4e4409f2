// How each Parquet leaf type becomes an Arrow column, and the converters from decoded page values to
// doubles. Converters run on whole pages (or once per dictionary), never per cell through a callback.
import type { DecodedArray, SchemaElement } from 'hyparquet';
import { parseDecimal, parseFloat16 } from 'hyparquet/src/convert.js';
import type { readPage } from 'hyparquet/src/column.js';

/** hyparquet's per-column decoding context (its type is not exported from the package root). */
export type ColumnDecoder = Parameters<typeof readPage>[2];

/** The Arrow type a numeric Parquet column ends up as. */
export type NumberTarget = 'int32' | 'float64' | 'timestamp' | 'date';

export type ColumnPlan =
  | { kind: 'number'; target: NumberTarget; toNumbers: (raw: DecodedArray) => Float64Array }
  | { kind: 'bool' }
  | { kind: 'string' }
  /** Anything else (UUID, INTERVAL, JSON-typed binary …) goes through hyparquet's converters. */
  | { kind: 'generic' };

const TWO32 = 4294967296;

/** 32-bit integers as doubles, times `multiplier` then divided by `divisor` (division keeps decimals exact). */
function int32s(raw: DecodedArray, unsigned: boolean, multiplier = 1, divisor = 1): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = unsigned ? (raw[i] as number) >>> 0 : (raw[i] as number);
    out[i] = (v * multiplier) / divisor;
  }
  return out;
}

/** 64-bit integers as doubles through their 32-bit halves, so no BigInt is touched per value. */
function int64s(raw: DecodedArray, unsigned: boolean, divisor: number): Float64Array {
  const out = new Float64Array(raw.length);
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) {
    const h = new Int32Array(raw.buffer, raw.byteOffset, raw.length * 2);
    for (let i = 0; i < raw.length; i++) {
      const hi = unsigned ? h[2 * i + 1] >>> 0 : h[2 * i + 1];
      out[i] = (hi * TWO32 + (h[2 * i] >>> 0)) / divisor;
    }
  } else for (let i = 0; i < raw.length; i++) out[i] = Number(raw[i]) / divisor;
  return out;
}

/** INT96 timestamps (Impala/Spark): Julian day in the high 32 bits, nanoseconds of the day below. */
function int96s(raw: DecodedArray): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] as bigint;
    const days = Number(v >> 64n) - 2440588;
    const nanos = Number(v & 0xffffffffffffffffn);
    out[i] = days * 86_400_000 + nanos / 1e6;
  }
  return out;
}

function floats(raw: DecodedArray): Float64Array {
  return raw instanceof Float64Array ? raw : Float64Array.from(raw as ArrayLike<number>);
}

function byteDecimals(raw: DecodedArray, scale: number): Float64Array {
  const out = new Float64Array(raw.length);
  const f = 10 ** scale;
  for (let i = 0; i < raw.length; i++) out[i] = parseDecimal(raw[i] as Uint8Array) / f;
  return out;
}

const UNIT_DIVISOR = { MILLIS: 1, MICROS: 1000, NANOS: 1e6 } as const;

export function planColumn(e: SchemaElement): ColumnPlan {
  const ct = e.converted_type;
  const lt = e.logical_type;
  const type = e.type;
  const num = (target: NumberTarget, toNumbers: (raw: DecodedArray) => Float64Array): ColumnPlan => ({ kind: 'number', target, toNumbers });
  if (ct === 'DECIMAL' || lt?.type === 'DECIMAL') {
    const scale = e.scale ?? (lt?.type === 'DECIMAL' ? lt.scale : 0) ?? 0;
    if (type === 'INT32') return num('float64', (r) => int32s(r, false, 1, 10 ** scale));
    if (type === 'INT64') return num('float64', (r) => int64s(r, false, 10 ** scale));
    if (type === 'FIXED_LEN_BYTE_ARRAY' || type === 'BYTE_ARRAY') return num('float64', (r) => byteDecimals(r, scale));
  }
  switch (type) {
    case 'BOOLEAN':
      return { kind: 'bool' };
    case 'INT32': {
      if (ct === 'DATE' || lt?.type === 'DATE') return num('date', (r) => int32s(r, false, 86_400_000));
      if (ct === 'TIME_MILLIS' || lt?.type === 'TIME') return num('float64', (r) => int32s(r, false));
      const unsigned = ct === 'UINT_32' || (lt?.type === 'INTEGER' && !lt.isSigned && lt.bitWidth === 32);
      return num(unsigned ? 'float64' : 'int32', (r) => int32s(r, unsigned));
    }
    case 'INT64': {
      if (lt?.type === 'TIMESTAMP') return num('timestamp', (r) => int64s(r, false, UNIT_DIVISOR[lt.unit]));
      if (ct === 'TIMESTAMP_MILLIS') return num('timestamp', (r) => int64s(r, false, 1));
      if (ct === 'TIMESTAMP_MICROS') return num('timestamp', (r) => int64s(r, false, 1000));
      if (lt?.type === 'TIME') return num('float64', (r) => int64s(r, false, UNIT_DIVISOR[lt.unit]));
      if (ct === 'TIME_MICROS') return num('float64', (r) => int64s(r, false, 1000));
      const unsigned = ct === 'UINT_64' || (lt?.type === 'INTEGER' && !lt.isSigned);
      return num('float64', (r) => int64s(r, unsigned, 1));
    }
    case 'INT96':
      return num('timestamp', int96s);
    case 'FLOAT':
    case 'DOUBLE':
      return num('float64', floats);
    case 'BYTE_ARRAY':
      // Unannotated binary is read as UTF-8 text, as hyparquet and pandas do.
      return ct === 'BSON' || lt?.type === 'BSON' || lt?.type === 'VARIANT' || lt?.type === 'GEOMETRY' || lt?.type === 'GEOGRAPHY' ? { kind: 'generic' } : { kind: 'string' };
    case 'FIXED_LEN_BYTE_ARRAY':
      if (lt?.type === 'FLOAT16') return num('float64', (r) => Float64Array.from(r as Uint8Array[], (b) => parseFloat16(b) ?? NaN));
      return { kind: 'generic' };
    default:
      return { kind: 'generic' };
  }
}
