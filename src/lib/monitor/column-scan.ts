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

function cellText(value: unknown, kind: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'number' && (kind === 'date' || kind === 'timestamp')) {
    const iso = new Date(value).toISOString();
    return kind === 'date' ? iso.slice(0, 10) : iso;
  }
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
 * Per chunk of a dictionary or temporal column, its values' counts in first-seen order and its missing
 * cells: one column's statistics scan it twice (type histogram, then the feature), and the second scan
 * reuses the first's counts. Scoped to one caller (featureStatistics), so nothing outlives it.
 */
export type ScanCache = WeakMap<object, { counts: Map<unknown, number>; missing: number }>;

function repeatedValues(data: Data, kind: string, bitmap: Uint8Array | null, offset: number, get: (i: number) => unknown, cache?: ScanCache): { counts: Map<unknown, number>; missing: number } {
  const hit = cache?.get(data);
  if (hit) return hit;
  const counts = new Map<unknown, number>();
  let missing = 0;
  const codes = kind === 'dictionary' ? (data.values as ArrayLike<number>) : null;
  for (let i = 0; i < data.length; i++) {
    if (!isValidAt(bitmap, offset, i)) { missing++; continue; }
    const key = codes ? codes[i] : get(i);
    if (key === null || key === undefined || (typeof key === 'number' && Number.isNaN(key))) { missing++; continue; }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = { counts, missing };
  cache?.set(data, out);
  return out;
}

/** Visits every cell of `column` in row order (repeated text values and instants: once per distinct value, with its count). */
export function scanColumn(column: Vector, visit: CellVisitor, cache?: ScanCache): void {
  for (const data of chunksOf(column)) scanChunk(data, visit, cache);
}

function scanChunk(data: Data, visit: CellVisitor, cache?: ScanCache): void {
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
    const get = chunkGetter(data);
    if (kind === 'dictionary' || kind === 'date' || kind === 'timestamp') {
      // Repeated values (a dictionary's entries, instants): count them once per chunk (kept for the next
      // scan of the same chunk: the type histogram and the statistics both read it), then format each once.
      const { counts, missing } = repeatedValues(data, kind, bitmap, offset, get, cache);
      for (let k = 0; k < missing; k++) visit.onMissing();
      const dictionary = kind === 'dictionary' ? (data.dictionary as Vector | undefined) : undefined;
      for (const [key, count] of counts) {
        const value = dictionary ? dictionary.get(key as number) : key;
        if (value === null || value === undefined) for (let k = 0; k < count; k++) visit.onMissing();
        else visit.onText(cellText(value, dictionary ? storageKind(dictionary.type) : kind), count);
      }
      return;
    }
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
