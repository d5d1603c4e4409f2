// One pass over an Arrow column's cells, chunk by chunk, without copying the column: typed numbers go to
// `onNumber`, every other present cell goes to `onText` in the text form Spark would give it, and null or
// NaN cells to `onMissing`. The Deequ type of a text cell comes from Deequ's own patterns (StatefulDataType).
import type { Data, Vector } from 'apache-arrow';
import { chunkGetter, chunksOf, int64Reader, isValidAt, storageKind, validityOf } from '../profile/arrow-columns.ts';

/** Deequ's patterns for a value cast to text. */
const FRACTIONAL = /^(-|\+)? ?\d+((\.\d+)|((?:\.\d+)?[Ee][-+]?\d+))$/;
const INTEGRAL = /^(-|\+)? ?\d+$/;
const BOOLEAN = /^(true|false)$/;

/** Deequ's per-value types. */
export type CellType = 'Fractional' | 'Integral' | 'Boolean' | 'String';

/** The Deequ type of one text value. */
export function cellType(text: string): CellType {
  if (FRACTIONAL.test(text)) return 'Fractional';
  if (INTEGRAL.test(text)) return 'Integral';
  if (BOOLEAN.test(text)) return 'Boolean';
  return 'String';
}

/** The number a numeric-looking text value holds (Deequ's patterns allow one space after the sign); NaN otherwise. */
export function textNumber(text: string): number {
  const type = cellType(text);
  return type === 'Fractional' || type === 'Integral' ? Number(text.replace(' ', '')) : NaN;
}

/** A float as Spark writes a double: whole numbers keep a ".0". */
export function floatText(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e7 ? x.toFixed(1) : String(x);
}

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Date.prototype.toISOString of epoch milliseconds `ms` (the date part alone when `dateOnly`), with the
 * date part formatted once per day in `days`: a timestamp column has hundreds of thousands of distinct
 * instants on a few hundred days. Years outside 1970–9999 (and invalid times, which throw) take toISOString.
 */
export function isoText(ms: number, dateOnly: boolean, days: Map<number, string>): string {
  const t = Math.trunc(ms) + 0;
  if (!(t >= 0 && t < 253_402_300_800_000)) {
    const iso = new Date(t).toISOString();
    return dateOnly ? iso.slice(0, 10) : iso;
  }
  const day = Math.floor(t / DAY_MS);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    days.set(day, date);
  }
  if (dateOnly) return date;
  let rest = t - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${date}T${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[rest - sec * 1000]}Z`;
}

function cellText(value: unknown, kind: string, days: Map<number, string> = new Map()): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'number' && (kind === 'date' || kind === 'timestamp')) return isoText(value, kind === 'date', days);
  return String(value);
}

/** Receivers of scanColumn. */
export interface CellVisitor {
  /** A present cell of an integer (`isFloat` false) or float column; NaN never arrives here. */
  onNumber(x: number, isFloat: boolean): void;
  /**
   * `count` present cells of any other column holding `text` (1 at a time, or every cell of one dictionary
   * entry or one instant of a chunk at once, in first-seen order).
   */
  onText(text: string, count: number): void;
  /** A null cell, or NaN in a float column. */
  onMissing(): void;
}

/**
 * The distinct values of one dictionary or temporal chunk in first-seen order: `first[e]` is the row of
 * entry e's first cell (a dictionary code's row, or an instant's), `counts[e]` its cells; `missing` counts
 * null cells. `texts` (set by the first scan that formats them) holds each entry's text, null for a null
 * dictionary entry. One column's statistics scan a chunk twice (type histogram, then the feature); the
 * second reuses the first's entry. Scoped to one caller (featureStatistics), so nothing outlives it.
 */
export interface RepeatedValues { first: Int32Array; counts: Int32Array; size: number; missing: number; texts?: (string | null)[] }
export type ScanCache = WeakMap<object, RepeatedValues>;

/** Appends entry (row, 1) to growable first/counts arrays. */
class Entries {
  first = new Int32Array(64);
  counts = new Int32Array(64);
  size = 0;
  add(row: number): number {
    if (this.size === this.first.length) {
      const first = new Int32Array(this.size * 2);
      first.set(this.first);
      this.first = first;
      const counts = new Int32Array(this.size * 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.first[this.size] = row;
    this.counts[this.size] = 1;
    return this.size++;
  }
}

/** A dictionary chunk: a count per code, in the order codes first appear. */
function dictionaryValues(data: Data, bitmap: Uint8Array | null, offset: number): RepeatedValues {
  const raw = data.values as ArrayLike<number> | BigInt64Array | BigUint64Array;
  const code = raw instanceof BigInt64Array || raw instanceof BigUint64Array ? int64Reader(raw) : (i: number) => (raw as ArrayLike<number>)[i];
  const entryOf = new Map<number, number>();
  const entries = new Entries();
  let missing = 0;
  const slots = new Int32Array(Math.max(1, (data.dictionary as Vector | undefined)?.length ?? 0)).fill(-1);
  for (let i = 0; i < data.length; i++) {
    if (!isValidAt(bitmap, offset, i)) { missing++; continue; }
    const c = code(i);
    if (c >= 0 && c < slots.length) {
      const e = slots[c];
      if (e >= 0) entries.counts[e]++;
      else slots[c] = entries.add(i);
    } else {
      // A code beyond the dictionary (a malformed file): counted by itself, formatted as Arrow reads it.
      const e = entryOf.get(c);
      if (e !== undefined) entries.counts[e]++;
      else entryOf.set(c, entries.add(i));
    }
  }
  return { first: entries.first, counts: entries.counts, size: entries.size, missing };
}

/** A date or timestamp chunk: a count per distinct stored value (its 32 or 64 bits), in first-seen order. */
function temporalValues(data: Data, bitmap: Uint8Array | null, offset: number): RepeatedValues {
  const raw = data.values as Int32Array | BigInt64Array;
  const stride = raw.BYTES_PER_ELEMENT === 8 ? 2 : 1;
  const words = new Int32Array(raw.buffer, raw.byteOffset, data.length * stride);
  const entries = new Entries();
  let missing = 0;
  // Open addressing on the stored bits, kept under half full.
  let mask = 1023;
  let table = new Int32Array(mask + 1).fill(-1);
  const hash = (lo: number, hi: number) => (Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) ^ (lo >>> 15)) >>> 0;
  const lo = (row: number) => words[row * stride];
  const hi = (row: number) => (stride === 2 ? words[row * 2 + 1] : 0);
  for (let i = 0; i < data.length; i++) {
    if (!isValidAt(bitmap, offset, i)) { missing++; continue; }
    const l = lo(i);
    const h = hi(i);
    let slot = hash(l, h) & mask;
    for (;;) {
      const e = table[slot];
      if (e < 0) {
        table[slot] = entries.add(i);
        if (entries.size * 2 > mask) {
          mask = mask * 2 + 1;
          table = new Int32Array(mask + 1).fill(-1);
          for (let k = 0; k < entries.size; k++) {
            const row = entries.first[k];
            let s = hash(lo(row), hi(row)) & mask;
            while (table[s] >= 0) s = (s + 1) & mask;
            table[s] = k;
          }
        }
        break;
      }
      const row = entries.first[e];
      if (lo(row) === l && hi(row) === h) { entries.counts[e]++; break; }
      slot = (slot + 1) & mask;
    }
  }
  return { first: entries.first, counts: entries.counts, size: entries.size, missing };
}

/**
 * The distinct instants of a whole date or timestamp column, when each stored value has its own text
 * (dates, and timestamps in seconds or milliseconds; finer units share a millisecond's text): `keys[e]`
 * the stored value, `counts[e]` its cells, `text(e)` its ISO text, in first-seen order. Null for any other
 * column. A column of instants has hundreds of thousands of distinct values, so only the texts a caller
 * asks for (the most frequent) are formatted.
 */
export interface ColumnInstants { size: number; missing: number; counts: Float64Array; text(e: number): string }

export function columnInstants(column: Vector, cache?: ScanCache): ColumnInstants | null {
  const chunks = chunksOf(column);
  for (const data of chunks) {
    const kind = storageKind(data.type);
    if (kind === 'date') continue;
    if (kind !== 'timestamp' || ((data.type as unknown as { unit: number }).unit ?? 2) > 1) return null;
  }
  const parts = chunks.map((data) => ({ data, values: repeatedValues(data, storageKind(data.type), validityOf(data), data.offset, cache) }));
  const missing = parts.reduce((m, p) => m + p.values.missing, 0);
  const keyOf = (data: Data, row: number) => {
    const raw = data.values as Int32Array | BigInt64Array;
    if (raw.BYTES_PER_ELEMENT === 4) return (raw as Int32Array)[row];
    const words = new Int32Array(raw.buffer, raw.byteOffset + row * 8, 2);
    return words[1] * 4294967296 + (words[0] >>> 0);
  };
  const formatter = (data: Data) => {
    const get = chunkGetter(data);
    const kind = storageKind(data.type);
    const days = new Map<number, string>();
    return (row: number) => cellText(get(row), kind, days);
  };
  if (parts.length === 1) {
    const { data, values } = parts[0];
    const format = formatter(data);
    return { size: values.size, missing, counts: Float64Array.from(values.counts.subarray(0, values.size)), text: (e) => format(values.first[e]) };
  }
  // Several chunks: entries merged by instant (milliseconds since the epoch), first-seen order kept.
  const index = new Map<number, number>();
  const counts: number[] = [];
  const firsts: { part: number; row: number }[] = [];
  const scale = (data: Data) => (storageKind(data.type) === 'date' ? ((data.type as unknown as { unit: number }).unit === 0 ? 86_400_000 : 1) : (data.type as unknown as { unit: number }).unit === 0 ? 1000 : 1);
  parts.forEach(({ data, values }, part) => {
    const toMs = scale(data);
    for (let e = 0; e < values.size; e++) {
      const ms = keyOf(data, values.first[e]) * toMs;
      const at = index.get(ms);
      if (at !== undefined) counts[at] += values.counts[e];
      else {
        index.set(ms, counts.length);
        counts.push(values.counts[e]);
        firsts.push({ part, row: values.first[e] });
      }
    }
  });
  const formats = parts.map(({ data }) => formatter(data));
  return { size: counts.length, missing, counts: Float64Array.from(counts), text: (e) => formats[firsts[e].part](firsts[e].row) };
}

function repeatedValues(data: Data, kind: string, bitmap: Uint8Array | null, offset: number, cache?: ScanCache): RepeatedValues {
  const hit = cache?.get(data);
  if (hit) return hit;
  const out = kind === 'dictionary' ? dictionaryValues(data, bitmap, offset) : temporalValues(data, bitmap, offset);
  cache?.set(data, out);
  return out;
}

/** Each entry's text (null for a null dictionary entry), formatted once per chunk and cached with the counts. */
function repeatedTexts(data: Data, kind: string, values: RepeatedValues): (string | null)[] {
  if (values.texts) return values.texts;
  const get = chunkGetter(data);
  const dictionary = kind === 'dictionary' ? (data.dictionary as Vector | undefined) : undefined;
  const textKind = dictionary ? storageKind(dictionary.type) : kind;
  const texts: (string | null)[] = new Array(values.size);
  const days = new Map<number, string>();
  for (let e = 0; e < values.size; e++) {
    const value = get(values.first[e]);
    texts[e] = value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : cellText(value, textKind, days);
  }
  values.texts = texts;
  return texts;
}

/** Visits every cell of `column` in row order (repeated text values and instants: once per distinct value, with its count). */
export function scanColumn(column: Vector, visit: CellVisitor, cache?: ScanCache): void {
  for (const data of chunksOf(column)) scanChunk(data, visit, cache);
}

export function scanChunk(data: Data, visit: CellVisitor, cache?: ScanCache): void {
  {
    const n = data.length;
    const bitmap = validityOf(data);
    const offset = data.offset;
    const kind = storageKind(data.type);
    if (kind === 'int' || kind === 'float' || kind === 'int64') {
      const values = data.values as ArrayLike<number> & (BigInt64Array | BigUint64Array | Float64Array);
      const read = kind === 'int64' ? int64Reader(values as BigInt64Array | BigUint64Array) : (i: number) => (values as ArrayLike<number>)[i];
      const isFloat = kind === 'float';
      for (let i = 0; i < n; i++) {
        if (!isValidAt(bitmap, offset, i)) visit.onMissing();
        else {
          const x = read(i);
          if (Number.isNaN(x)) visit.onMissing();
          else visit.onNumber(x, isFloat);
        }
      }
      return;
    }
    if (kind === 'dictionary' || kind === 'date' || kind === 'timestamp') {
      // Repeated values (a dictionary's entries, instants): count them once per chunk (kept for the next
      // scan of the same chunk: the type histogram and the statistics both read it), then format each once.
      const values = repeatedValues(data, kind, bitmap, offset, cache);
      const texts = repeatedTexts(data, kind, values);
      for (let k = 0; k < values.missing; k++) visit.onMissing();
      for (let e = 0; e < values.size; e++) {
        const text = texts[e];
        const count = values.counts[e];
        if (text === null) for (let k = 0; k < count; k++) visit.onMissing();
        else visit.onText(text, count);
      }
      return;
    }
    const get = chunkGetter(data);
    for (let i = 0; i < n; i++) {
      const value = get(i);
      if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) visit.onMissing();
      else visit.onText(cellText(value, kind), 1);
    }
  }
}

/** Deequ's data-type histogram of a column, plus an example of each type. */
export interface TypeHistogram {
  /** Null or NaN cells. */
  missing: number;
  /** Cells per Deequ type. */
  counts: Record<CellType, number>;
  /** Float-column cells that hold whole numbers (they count as Fractional, but also fit an Integral column). */
  wholeFloats: number;
  /** The first cell seen of each type, as text. */
  examples: Partial<Record<CellType, string>>;
}

/** Counts the Deequ types of a column's cells. */
export function typeHistogram(column: Vector, cache?: ScanCache): TypeHistogram {
  const h: TypeHistogram = { missing: 0, counts: { Fractional: 0, Integral: 0, Boolean: 0, String: 0 }, wholeFloats: 0, examples: {} };
  const see = (type: CellType, example: () => string, count = 1) => {
    h.counts[type] += count;
    if (h.examples[type] === undefined) h.examples[type] = example();
  };
  const visitor: CellVisitor = {
    onNumber: (x, isFloat) => {
      if (isFloat && Number.isInteger(x)) h.wholeFloats++;
      see(isFloat ? 'Fractional' : 'Integral', () => (isFloat ? floatText(x) : String(x)));
    },
    onText: (text, count) => see(cellType(text), () => text, count),
    onMissing: () => h.missing++,
  };
  for (const data of chunksOf(column)) {
    const kind = storageKind(data.type);
    if (kind === 'date' || kind === 'timestamp') {
      // An instant's text (ISO 8601) never matches Deequ's number or boolean patterns: every present cell is a String.
      const values = repeatedValues(data, kind, validityOf(data), data.offset, cache);
      h.missing += values.missing;
      let present = 0;
      for (let e = 0; e < values.size; e++) present += values.counts[e];
      if (present > 0) see('String', () => cellText(chunkGetter(data)(values.first[0]), kind), present);
      continue;
    }
    if (kind !== 'float' && kind !== 'int') {
      scanChunk(data, visitor, cache);
      continue;
    }
    // Typed numbers: the same counts in one tight loop, without a call per cell.
    const values = data.values as ArrayLike<number>;
    const bitmap = validityOf(data);
    const isFloat = kind === 'float';
    let present = 0;
    let whole = 0;
    let first = NaN;
    for (let i = 0; i < data.length; i++) {
      if (!isValidAt(bitmap, data.offset, i)) continue;
      const x = values[i];
      if (x !== x) continue;
      if (present === 0) first = x;
      present++;
      if (isFloat && Number.isInteger(x)) whole++;
    }
    h.missing += data.length - present;
    h.wholeFloats += whole;
    if (present > 0) see(isFloat ? 'Fractional' : 'Integral', () => (isFloat ? floatText(first) : String(first)), present);
  }
  return h;
}
