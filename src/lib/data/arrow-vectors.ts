// Arrow Data built straight from typed arrays. The readers hand over columns as typed arrays plus a
// byte-per-row validity mask; building Data directly avoids Arrow's per-value builders, which box every
// cell and are an order of magnitude slower on million-row files.
import {
  Bool, DateMillisecond, Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Table,
  TimestampMillisecond, Utf8, makeData, makeVector, type Data, type DataType,
} from 'apache-arrow';
import { columnArray } from './shared-memory.ts';

/** A finished column: its name and Arrow data. */
export interface NamedData {
  name: string;
  data: Data;
  /** Field metadata (e.g. the date format a text column was read in); defaults to none. */
  metadata?: Map<string, string>;
}

/**
 * A validity bitmap already in Arrow's layout (bit i of byte i >> 3 set = row i present), as ColumnBuilder keeps
 * it: a bit per row instead of a byte (a 10-million-row column's mask is 1.25 MB, not 10 MB).
 */
export class ValidBits {
  constructor(readonly bits: Uint8Array) {}
}

/** Which rows hold a value: a byte per row (1 = present), a ValidBits bitmap, or null when every row does. */
export type Validity = Uint8Array | ValidBits | null;

/** Set bits in each byte value. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  return n;
});

/** The null count and bitmap of rows [0, length) of `valid`: the bitmap itself (a view), or undefined when nothing is missing. */
function bitsValidity(valid: ValidBits, length: number): { bitmap: Uint8Array | undefined; nullCount: number } {
  const bits = valid.bits;
  const whole = length >> 3;
  let present = 0;
  for (let i = 0; i < whole; i++) present += POPCOUNT[bits[i]];
  const rest = length & 7;
  if (rest) present += POPCOUNT[bits[whole] & ((1 << rest) - 1)];
  const nullCount = length - present;
  return nullCount === 0 ? { bitmap: undefined, nullCount: 0 } : { bitmap: bits.subarray(0, (length + 7) >> 3), nullCount };
}

/** Arrow's bitmap and null count for `valid` over rows [0, length); the bitmap is undefined when nothing is missing. */
function validityOf(valid: Validity, length: number): { bitmap: Uint8Array | undefined; nullCount: number } {
  if (valid === null) return { bitmap: undefined, nullCount: 0 };
  return valid instanceof ValidBits ? bitsValidity(valid, length) : packValidity(valid, length);
}

/** Pack a byte-per-row validity mask (1 = present) into an Arrow bitmap; null when nothing is missing. */
export function packValidity(valid: Uint8Array, length: number): { bitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  for (let i = 0; i < length; i++) nullCount += 1 - valid[i];
  if (nullCount === 0) return { bitmap: undefined, nullCount: 0 };
  const bitmap = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) if (valid[i]) bitmap[i >> 3] |= 1 << (i & 7);
  return { bitmap, nullCount };
}

export function float64Data(values: Float64Array, valid: Validity, length: number): Data {
  const { bitmap, nullCount } = validityOf(valid, length);
  return makeData({ type: new Float64(), length, nullCount, nullBitmap: bitmap, data: values.subarray(0, length) });
}

export function int32Data(values: Int32Array, valid: Validity, length: number): Data {
  const { bitmap, nullCount } = validityOf(valid, length);
  return makeData({ type: new Int32(), length, nullCount, nullBitmap: bitmap, data: values.subarray(0, length) });
}

/** Booleans from a byte per row (0 or 1). */
export function boolData(bytes: Uint8Array, valid: Validity, length: number): Data {
  const { bitmap, nullCount } = validityOf(valid, length);
  const bits = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) if (bytes[i]) bits[i >> 3] |= 1 << (i & 7);
  return makeData({ type: new Bool(), length, nullCount, nullBitmap: bitmap, data: bits });
}

/**
 * Epoch milliseconds into the BigInt64Array that Arrow's 64-bit temporal types store, written through
 * an Int32 view so that no BigInt is allocated per cell. Fractions of a millisecond are floored.
 */
export function epochMsToInt64(ms: Float64Array, length: number): BigInt64Array {
  const out = columnArray(BigInt64Array, length);
  const halves = new Int32Array(out.buffer);
  for (let i = 0; i < length; i++) {
    const v = Math.floor(ms[i]);
    if (v !== v) continue; // NaN marks a missing cell; the validity bitmap says so
    const hi = Math.floor(v / 4294967296);
    halves[2 * i] = v - hi * 4294967296;
    halves[2 * i + 1] = hi;
  }
  return out;
}

/** TimestampMillisecond or DateMillisecond data over epoch milliseconds already stored as int64. */
export function temporalData(kind: 'timestamp' | 'date', ms: BigInt64Array, valid: Validity, length: number): Data {
  const { bitmap, nullCount } = validityOf(valid, length);
  const data = ms.subarray(0, length);
  if (kind === 'date') return makeData({ type: new DateMillisecond(), length, nullCount, nullBitmap: bitmap, data });
  return makeData({ type: new TimestampMillisecond(), length, nullCount, nullBitmap: bitmap, data });
}

export function timestampMsData(ms: Float64Array, valid: Validity, length: number): Data {
  return temporalData('timestamp', epochMsToInt64(ms, length), valid, length);
}

export function dateMsData(ms: Float64Array, valid: Validity, length: number): Data {
  return temporalData('date', epochMsToInt64(ms, length), valid, length);
}

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes
      i++;
    } else n += 2;
  }
  return n;
}

const encoder = new TextEncoder();

/** Plain Utf8 data for a list of strings: one encode of the joined text, offsets from per-string byte lengths. */
export function utf8Data(values: readonly string[]): Data<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    pos += utf8Length(values[i]);
    offsets[i + 1] = pos;
  }
  const bytes = encoder.encode(values.join(''));
  // Lone surrogates encode as 3-byte U+FFFD, which utf8Length also counts as 3 bytes, so lengths agree.
  return makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets: offsets, data: bytes });
}

/** Dictionary<Utf8, Int32> from per-row codes into `dictionary`. */
export function dictionaryData(codes: Int32Array, dictionary: readonly string[], valid: Validity, length: number): Data {
  const { bitmap, nullCount } = validityOf(valid, length);
  const type = new Dictionary(new Utf8(), new Int32());
  return makeData({ type, length, nullCount, nullBitmap: bitmap, data: codes.subarray(0, length), dictionary: makeVector(utf8Data(dictionary)) });
}

/**
 * Dictionary-coded text from `value(k)` for k < length (null or undefined is missing), dictionary in
 * first-seen order. Built without Arrow's vectorFromArray, whose builders compile code with `new Function`,
 * which the studio's Content-Security-Policy refuses.
 */
export function textData(value: (k: number) => unknown, length: number): Data {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(length);
  const valid = new Uint8Array(length);
  for (let k = 0; k < length; k++) {
    const v = value(k);
    if (v === null || v === undefined) continue;
    valid[k] = 1;
    const s = String(v);
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      index.set(s, code);
      dictionary.push(s);
    }
    codes[k] = code;
  }
  return dictionaryData(codes, dictionary, valid, length);
}

/** An all-missing Float64 column, for columns that never held a value. */
export function allNullData(length: number): Data {
  return float64Data(new Float64Array(length), new Uint8Array(length), length);
}

/**
 * One-batch Table from named columns. Names go through Fields, never through object keys, so a column
 * called `__proto__` or `constructor` is kept as it is.
 */
export function tableFromColumns(columns: readonly NamedData[], numRows: number): Table {
  const fields = columns.map((c) => new Field(c.name, c.data.type as DataType, true, c.metadata));
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length: numRows, nullCount: 0, children: columns.map((c) => c.data) });
  return new Table(schema, new RecordBatch(schema, struct));
}
