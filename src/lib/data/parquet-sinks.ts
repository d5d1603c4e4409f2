// Where decoded Parquet pages land: one preallocated typed array per column, filled page by page.
// Dictionary pages are converted once (to doubles, booleans or global string codes) and data pages
// that hold dictionary indices are gathered through them, so strings are decoded once per distinct value.
import type { Data } from 'apache-arrow';
import type { DecodedArray } from 'hyparquet';
import { boolData, dictionaryData, float64Data, int32Data, temporalData } from './arrow-vectors.ts';
import { GenericSink } from './parquet-generic-sink.ts';
import type { ColumnDecoder, ColumnPlan, NumberTarget } from './parquet-values.ts';
import { StringDictionary } from './string-dictionary.ts';

/** Receives the pages of one column across all row groups. `present` is null when no cell is missing. */
export interface PageSink {
  dictionary(raw: DecodedArray): void;
  /** Values for the present cells among rows [row, row + n). */
  plain(raw: DecodedArray, row: number, n: number, present: Uint8Array | null): void;
  /** Dictionary indices for the present cells among rows [row, row + n). */
  indices(idx: Int32Array, row: number, n: number, present: Uint8Array | null): void;
  finish(): Data;
}

/**
 * Validity of one column, allocated only when a page first has a missing cell: fresh memory is slow
 * to touch (about 3 ms per MB on small VMs), and most columns have no nulls at all.
 */
class Validity {
  mask: Uint8Array | null = null;
  constructor(private readonly rows: number) {}
  mark(row: number, n: number, present: Uint8Array | null): void {
    if (present === null) {
      if (this.mask) this.mask.fill(1, row, row + n);
      return;
    }
    if (!this.mask) {
      this.mask = new Uint8Array(this.rows);
      this.mask.fill(1, 0, row);
    }
    this.mask.set(present.subarray(0, n), row);
  }
}

const TWO32 = 4294967296;

/**
 * Numbers into the column's final storage: doubles for Float64/Int32 targets, or the two 32-bit
 * halves of the BigInt64Array that Arrow's Timestamp and Date types hold, so that no intermediate
 * array is made.
 */
class NumberSink implements PageSink {
  private readonly valid: Validity;
  private readonly out: Float64Array | null = null;
  private readonly wide: BigInt64Array | null = null;
  private readonly halves: Int32Array | null = null;
  private dict: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private dictLo = new Int32Array(0);
  private dictHi = new Int32Array(0);
  constructor(private readonly rows: number, private readonly target: NumberTarget, private readonly toNumbers: (raw: DecodedArray) => Float64Array) {
    this.valid = new Validity(rows);
    if (target === 'timestamp' || target === 'date') {
      this.wide = new BigInt64Array(rows);
      this.halves = new Int32Array(this.wide.buffer);
    } else this.out = new Float64Array(rows);
  }
  dictionary(raw: DecodedArray): void {
    this.dict = this.toNumbers(raw);
    if (this.halves) {
      const n = this.dict.length;
      this.dictLo = new Int32Array(n);
      this.dictHi = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = Math.floor(this.dict[i]);
        const hi = Math.floor(v / TWO32);
        this.dictLo[i] = v - hi * TWO32;
        this.dictHi[i] = hi;
      }
    }
  }
  plain(raw: DecodedArray, row: number, n: number, present: Uint8Array | null): void {
    this.valid.mark(row, n, present);
    const src = this.toNumbers(raw);
    const { out, halves } = this;
    if (out) {
      if (present === null) out.set(src.subarray(0, n), row);
      else for (let k = 0, v = 0; k < n; k++) if (present[k]) out[row + k] = src[v++];
      return;
    }
    for (let k = 0, v = 0; k < n; k++) {
      if (present !== null && !present[k]) continue;
      const x = Math.floor(src[v++]);
      const hi = Math.floor(x / TWO32);
      halves![2 * (row + k)] = x - hi * TWO32;
      halves![2 * (row + k) + 1] = hi;
    }
  }
  indices(idx: Int32Array, row: number, n: number, present: Uint8Array | null): void {
    this.valid.mark(row, n, present);
    const { out, halves, dict, dictLo, dictHi } = this;
    if (out) {
      if (present === null) for (let k = 0; k < n; k++) out[row + k] = dict[idx[k]];
      else for (let k = 0, v = 0; k < n; k++) if (present[k]) out[row + k] = dict[idx[v++]];
      return;
    }
    const h = halves!;
    if (present === null) {
      for (let k = 0, j = 2 * row; k < n; k++, j += 2) {
        const c = idx[k];
        h[j] = dictLo[c];
        h[j + 1] = dictHi[c];
      }
    } else {
      for (let k = 0, v = 0; k < n; k++) {
        if (!present[k]) continue;
        const c = idx[v++];
        h[2 * (row + k)] = dictLo[c];
        h[2 * (row + k) + 1] = dictHi[c];
      }
    }
  }
  finish(): Data {
    const { rows } = this;
    const valid = this.valid.mask;
    if (this.wide) return temporalData(this.target === 'date' ? 'date' : 'timestamp', this.wide, valid, rows);
    if (this.target === 'int32') return int32Data(Int32Array.from(this.out!), valid, rows);
    return float64Data(this.out!, valid, rows);
  }
}

class BoolSink implements PageSink {
  private readonly out: Uint8Array;
  private readonly valid: Validity;
  private dict = new Uint8Array(0);
  constructor(private readonly rows: number) {
    this.out = new Uint8Array(rows);
    this.valid = new Validity(rows);
  }
  dictionary(raw: DecodedArray): void {
    this.dict = Uint8Array.from(raw as ArrayLike<unknown>, (b) => (b ? 1 : 0));
  }
  plain(raw: DecodedArray, row: number, n: number, present: Uint8Array | null): void {
    this.valid.mark(row, n, present);
    for (let k = 0, v = 0; k < n; k++) if (present === null || present[k]) this.out[row + k] = raw[v++] ? 1 : 0;
  }
  indices(idx: Int32Array, row: number, n: number, present: Uint8Array | null): void {
    this.valid.mark(row, n, present);
    for (let k = 0, v = 0; k < n; k++) if (present === null || present[k]) this.out[row + k] = this.dict[idx[v++]];
  }
  finish(): Data {
    return boolData(this.out, this.valid.mask, this.rows);
  }
}

const utf8 = new TextDecoder();

/** Short ASCII values skip TextDecoder, whose per-call cost dwarfs a 3-letter airport code. */
export function decodeUtf8(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return bytes;
  if (bytes.length > 64) return utf8.decode(bytes);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 127) return utf8.decode(bytes);
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

class StringSink implements PageSink {
  private readonly codes: Int32Array;
  private readonly valid: Validity;
  private readonly dict = new StringDictionary();
  private remap = new Int32Array(0);
  constructor(private readonly rows: number) {
    this.codes = new Int32Array(rows);
    this.valid = new Validity(rows);
  }
  dictionary(raw: DecodedArray): void {
    this.remap = new Int32Array(raw.length);
    for (let i = 0; i < raw.length; i++) this.remap[i] = this.dict.codeOf(decodeUtf8(raw[i] as Uint8Array));
  }
  plain(raw: DecodedArray, row: number, n: number, present: Uint8Array | null): void {
    this.valid.mark(row, n, present);
    for (let k = 0, v = 0; k < n; k++) if (present === null || present[k]) this.codes[row + k] = this.dict.codeOf(decodeUtf8(raw[v++] as Uint8Array));
  }
  indices(idx: Int32Array, row: number, n: number, present: Uint8Array | null): void {
    this.valid.mark(row, n, present);
    const { codes, remap } = this;
    if (present === null) for (let k = 0; k < n; k++) codes[row + k] = remap[idx[k]];
    else for (let k = 0, v = 0; k < n; k++) if (present[k]) codes[row + k] = remap[idx[v++]];
  }
  finish(): Data {
    return dictionaryData(this.codes, this.dict.values, this.valid.mask, this.rows);
  }
}

/** A sink for a column of `rows` rows. */
export function makeSink(plan: ColumnPlan, rows: number, decoder: ColumnDecoder): PageSink {
  switch (plan.kind) {
    case 'number':
      return new NumberSink(rows, plan.target, plan.toNumbers);
    case 'bool':
      return new BoolSink(rows);
    case 'string':
      return new StringSink(rows);
    default:
      return new GenericSink(rows, decoder);
  }
}
