// One column being read, stored columnar from the first cell. It starts numeric (a growable Int32Array
// while every number is an int32, then a Float64Array) and switches to dictionary-coded strings at the first
// cell that is not a number; the numbers already read are turned back into their original text. A number
// written with a leading zero (`00501`, `007`) makes the whole column text: it is an identifier, and as a
// number it would lose characters.
// Scratch is kept small, as a 1 GB file's columns are built beside their scratch (issue 13): validity is a bit
// per row (Arrow's own bitmap), and the per-cell decimal scales that rebuild a number's text are kept only once
// two cells differ in scale; an integer column never holds a Float64Array copy beside its Int32 values.
import { IRREGULAR, lastNumber, parseDecimal } from './parse-number.ts';
import { missingReport, missingTokenAt, type MissingTokens } from './missing-tokens.ts';
import type { ColumnMissingTokens } from './types.ts';
import { allNullData, boolData, dateMsData, dictionaryData, float64Data, int32Data, timestampMsData, ValidBits } from './arrow-vectors.ts';
import { convertDistinct, isBool } from './string-types.ts';
import { readDates, type DateFormat, type DateOrder } from './date-formats.ts';
import { StringDictionary } from './string-dictionary.ts';
import type { Data } from 'apache-arrow';
import { columnArray } from './shared-memory.ts';

const NUMBER = 0;
const BOOL = 1;
const STRING = 2;

export class ColumnBuilder {
  private kind = NUMBER;
  private capacity: number;
  /** A bit per row (bit r & 7 of byte r >> 3), set where the row holds a value: Arrow's validity bitmap. */
  private valid: Uint8Array;
  /** The numbers while each is an int32 (allocated up front); null once one is not, or once the column is not numeric. */
  private ints: Int32Array | null;
  /** The numbers once one is not an int32; null before. */
  private nums: Float64Array | null = null;
  /**
   * Per numeric cell, how to rebuild its text (CSV only; JSON numbers print with String()); null while every
   * number so far has `scale` digits after the point (one decimal scale for the whole column, the usual case).
   */
  private scales: Uint8Array | null = null;
  /** The decimal scale every number so far shares while `scales` is null; -1 before the first number. */
  private scale = -1;
  private irregularRows: number[] = [];
  private irregularTexts: string[] = [];
  private allInteger = true;
  private hasValue = false;
  private bools: Uint8Array | null = null;
  private codes: Int32Array | null = null;
  private dict = new StringDictionary();
  /** Cells read as missing, per token of `missing`, and blank ones. */
  private tokenCounts: Int32Array;
  private emptyCount = 0;
  /** The last row counted as missing and what it held (-2: blank): a record cut by a chunk boundary is scanned twice. */
  private lastMissRow = -1;
  private lastMissToken = -1;
  /**
   * After addText: the dictionary code the cell got when it went into a text column, else -1 (a number
   * or a missing cell). Codes never change once given, so the cell's next occurrence may use addCode.
   */
  textCode = -1;
  /** After finish: how a text column of dates was read, else null. */
  dateFormat: DateFormat | null = null;
  /** After finish: whether `dateOrder` was given but some value does not fit it (the column stays text). */
  dateOrderRefused = false;

  /**
   * `missing` is null for typed sources (JSON), whose cells are never re-read from text. `dateOrder`
   * forces how dates are read (the user's choice), 'text' keeps date-shaped values as text; by default
   * the order is detected from the values.
   */
  constructor(capacity: number, private readonly missing: MissingTokens | null, private readonly dateOrder?: DateOrder | 'text') {
    this.capacity = Math.max(16, capacity);
    // In column memory: when some row is missing, the bitmap becomes the table's own (no copy).
    this.valid = columnArray(Uint8Array, (this.capacity + 7) >> 3);
    this.ints = columnArray(Int32Array, this.capacity);
    this.tokenCounts = new Int32Array(missing ? missing.tokens.length : 0);
  }

  private grow(row: number): void {
    let cap = this.capacity;
    while (cap <= row) cap *= 2;
    // Values and codes become the table's arrays (shared memory where the load shares); the rest is scratch.
    const widen = <T extends Uint8Array | Int32Array | Float64Array>(a: T | null, final = false, length = cap): T | null => {
      if (a === null) return null;
      const Type = a.constructor as (new (n: number) => T) & Parameters<typeof columnArray<T>>[0];
      const b = final ? columnArray(Type, length) : new Type(length);
      b.set(a);
      return b;
    };
    this.valid = widen(this.valid, true, (cap + 7) >> 3)!;
    this.ints = widen(this.ints, true);
    this.nums = widen(this.nums, true);
    this.scales = widen(this.scales);
    this.bools = widen(this.bools);
    this.codes = widen(this.codes, true);
    this.capacity = cap;
  }

  setNull(row: number): void {
    if (row >= this.capacity) this.grow(row);
    this.absent(row);
  }

  /** Mark `row` as holding a value. */
  private present(row: number): void {
    this.valid[row >> 3] |= 1 << (row & 7);
  }

  /** Mark `row` as missing. */
  private absent(row: number): void {
    this.valid[row >> 3] &= ~(1 << (row & 7));
  }

  /** Whether `row` holds a value. */
  private isPresent(row: number): boolean {
    return ((this.valid[row >> 3] >> (row & 7)) & 1) === 1;
  }

  /**
   * Store number `v` at `row`: in the Int32Array while `integer` and within int32 (not -0, which a Float64
   * column keeps), else in the Float64Array, which the Int32 values move into first.
   */
  private putNumber(row: number, v: number, integer: boolean): void {
    const nums = this.nums;
    if (nums !== null) nums[row] = v;
    else if (integer && (v | 0) === v && (v !== 0 || 1 / v > 0)) this.ints![row] = v;
    else this.toFloats(row)[row] = v;
  }

  /** Move the int32 numbers of rows [0, upTo] (no later row is written yet) into a Float64Array. */
  private toFloats(upTo: number): Float64Array {
    const ints = this.ints!;
    const nums = columnArray(Float64Array, this.capacity);
    const end = Math.min(upTo + 1, this.capacity);
    for (let r = 0; r < end; r++) nums[r] = ints[r];
    this.nums = nums;
    this.ints = null;
    return nums;
  }

  /** Record that the number at `row` was written with `scale` digits after the point (CSV). */
  private putScale(row: number, scale: number): void {
    const scales = this.scales;
    if (scales !== null) scales[row] = scale;
    else if (scale !== this.scale) this.mixScales(row, scale);
  }

  /** The first number's scale, or a second scale: from here on each cell's scale is kept. */
  private mixScales(row: number, scale: number): void {
    if (this.scale < 0) this.scale = scale;
    else this.scalesFrom(row)[row] = scale;
  }

  /** Keep each cell's scale from `row` on: the rows before it get the one scale they shared. */
  private scalesFrom(row: number): Uint8Array {
    const scales = new Uint8Array(this.capacity);
    if (this.scale >= 0) scales.fill(this.scale, 0, row);
    this.scales = scales;
    return scales;
  }

  /** A CSV cell `s[a, b)`: missing token, number, or text (kept untrimmed). */
  addText(s: string, a: number, b: number, row: number): void {
    if (row >= this.capacity) this.grow(row);
    this.textCode = -1;
    let x = a;
    let y = b;
    while (x < y && s.charCodeAt(x) <= 32) x++;
    while (y > x && s.charCodeAt(y - 1) <= 32) y--;
    const m = this.missing!;
    const token = x === y ? (m.empty ? -2 : -1) : missingTokenAt(m, s, x, y);
    if (token !== -1) {
      this.countMissing(row, token);
      this.absent(row);
      return;
    }
    if (this.kind === NUMBER && x < y) {
      const v = parseDecimal(s, x, y);
      if (v === v && !lastNumber.leadingZero) {
        this.putNumber(row, v, lastNumber.integer);
        this.present(row);
        this.hasValue = true;
        if (!lastNumber.integer) this.allInteger = false;
        if (lastNumber.scale === IRREGULAR || x !== a || y !== b) this.keepText(row, s.slice(a, b));
        else this.putScale(row, lastNumber.scale);
        return;
      }
    }
    this.addString(s.slice(a, b), row);
    this.textCode = this.codes![row];
  }

  /** A text cell whose `textCode` an earlier addText of the same text gave. */
  addCode(code: number, row: number): void {
    if (row >= this.capacity) this.grow(row);
    this.codes![row] = code;
    this.present(row);
  }

  private countMissing(row: number, token: number): void {
    if (row === this.lastMissRow) {
      if (this.lastMissToken === -2) this.emptyCount--;
      else this.tokenCounts[this.lastMissToken]--;
    }
    if (token === -2) this.emptyCount++;
    else this.tokenCounts[token]++;
    this.lastMissRow = row;
    this.lastMissToken = token;
  }

  /** Cells read as missing by their text, or null when there were none (or the source is typed). */
  missingTokens(column: string, rows: number): ColumnMissingTokens | null {
    return this.missing ? missingReport(column, this.missing, this.tokenCounts, this.emptyCount, rows) : null;
  }

  /**
   * Whether plain decimals may go straight to setNumber: a CSV column that is still numeric, and none of
   * whose missing tokens is a number (those need a lookup).
   */
  get numeric(): boolean {
    return this.kind === NUMBER && this.missing !== null && !this.missing.numeric;
  }

  /** A decimal the CSV scanner already parsed, whose text is `value.toFixed(scale)`; only while `numeric`. */
  setNumber(row: number, value: number, scale: number, integer: boolean): void {
    if (row >= this.capacity) this.grow(row);
    this.putNumber(row, value, integer);
    this.present(row);
    this.putScale(row, scale);
    this.hasValue = true;
    if (!integer) this.allInteger = false;
  }

  private keepText(row: number, text: string): void {
    // Irregular cells are listed by row: from here on each cell's scale is kept, so a row read again as a
    // plain number (a record cut by a chunk boundary) no longer reads as irregular.
    (this.scales ?? this.scalesFrom(row))[row] = IRREGULAR;
    const last = this.irregularRows.length - 1;
    // A record cut by a chunk boundary is read again at the same row: replace, don't append.
    if (last >= 0 && this.irregularRows[last] === row) this.irregularTexts[last] = text;
    else {
      this.irregularRows.push(row);
      this.irregularTexts.push(text);
    }
  }

  addNumber(v: number, row: number): void {
    if (row >= this.capacity) this.grow(row);
    if (this.kind !== NUMBER) return this.addString(String(v), row);
    const integer = Number.isInteger(v);
    this.putNumber(row, v, integer);
    this.present(row);
    this.hasValue = true;
    if (!integer) this.allInteger = false;
  }

  addBool(v: boolean, row: number): void {
    if (row >= this.capacity) this.grow(row);
    if (this.kind === NUMBER && !this.hasValue) {
      this.kind = BOOL;
      this.bools = new Uint8Array(this.capacity);
      this.nums = null;
      this.ints = null;
    }
    if (this.kind !== BOOL) return this.addString(v ? 'true' : 'false', row);
    this.bools![row] = v ? 1 : 0;
    this.present(row);
    this.hasValue = true;
  }

  addString(s: string, row: number): void {
    if (row >= this.capacity) this.grow(row);
    if (this.kind !== STRING) this.toStrings(row);
    this.codes![row] = this.intern(s);
    this.present(row);
  }

  private intern(s: string): number {
    return this.dict.codeOf(s);
  }

  /** Re-code rows [0, upTo) as strings, rebuilding each number's text. */
  private toStrings(upTo: number): void {
    // The int32 numbers' array becomes the codes: each row's number is read before its code is written.
    const ints = this.ints;
    const codes = ints ?? columnArray(Int32Array, this.capacity);
    const typed = this.missing === null;
    let irr = 0;
    for (let r = 0; r < upTo; r++) {
      if (!this.isPresent(r)) continue;
      let text: string;
      if (this.kind === BOOL) text = this.bools![r] ? 'true' : 'false';
      else {
        const v = ints !== null ? ints[r] : this.nums![r];
        const scale = this.scales !== null ? this.scales[r] : this.scale;
        if (typed) text = String(v);
        else if (scale === IRREGULAR) {
          while (this.irregularRows[irr] < r) irr++;
          text = this.irregularTexts[irr];
        } else text = v.toFixed(scale);
      }
      codes[r] = this.intern(text);
    }
    this.kind = STRING;
    this.codes = codes;
    this.ints = null;
    this.nums = null;
    this.scales = null;
    this.bools = null;
    this.irregularRows = [];
    this.irregularTexts = [];
  }

  /**
   * The Arrow column for rows [0, length). Integer columns within ±2^31 become Int32, other numbers
   * Float64 (wider integers too: downstream math is in doubles, and 2^53 covers real-world counts).
   */
  finish(length: number): Data {
    if (length > this.capacity) this.grow(length);
    const valid = new ValidBits(this.valid);
    const missing = (i: number) => !this.isPresent(i);
    if (this.kind === BOOL) return boolData(this.bools!, valid, length);
    if (this.kind === NUMBER) {
      if (!this.hasValue) return allNullData(length);
      const held = this.ints;
      if (held !== null) {
        // Every number is an int32 (the first that was not moved them all to nums).
        for (let i = 0; i < length; i++) if (missing(i)) held[i] = 0;
        return int32Data(held, valid, length);
      }
      const nums = this.nums!;
      if (this.allInteger) {
        let fits = true;
        for (let i = 0; i < length && fits; i++) if (!missing(i) && (nums[i] < -2147483648 || nums[i] > 2147483647)) fits = false;
        if (fits) {
          const ints = columnArray(Int32Array, length);
          for (let i = 0; i < length; i++) ints[i] = missing(i) ? 0 : nums[i];
          return int32Data(ints, valid, length);
        }
      }
      for (let i = 0; i < length; i++) if (missing(i)) nums[i] = 0;
      return float64Data(nums, valid, length);
    }
    const codes = this.codes!;
    const values = this.dict.values;
    const bool = values.length > 0 && values.every(isBool);
    const order = this.dateOrder;
    const dates = bool || order === 'text' ? null : readDates(values, order);
    const date = dates?.format ?? null;
    this.dateFormat = date;
    this.dateOrderRefused = order !== undefined && order !== 'text' && date === null && values.length > 0;
    if (!bool && date === null) {
      for (let i = 0; i < length; i++) if (missing(i)) codes[i] = 0;
      return dictionaryData(codes, values, valid, length);
    }
    const kind = bool ? 'bool' : date!.hasTime ? 'timestamp' : 'date';
    const table = dates?.ms ?? convertDistinct(values, 'bool');
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = missing(i) ? NaN : table[codes[i]];
    if (kind === 'bool') return boolData(Uint8Array.from(out, (v) => (v === 1 ? 1 : 0)), valid, length);
    return kind === 'date' ? dateMsData(out, valid, length) : timestampMsData(out, valid, length);
  }
}
