// A reference sample prepared once, to measure drift against many current samples (the Monitor timeline's
// windows, or drift.json's one current table): each column is read once through its typed arrays, a numeric
// column's present values are sorted with their quantile edges and bin shares, a text column's categories
// counted. The kernels here take sorted samples or bin shares; drift-metrics.ts wraps them for raw samples.
// driftAgainst computes exactly what measuring the two raw samples would (same operations, same order).
import { DataType, type Table, type Vector } from 'apache-arrow';
import { chunksOf, int64Reader, isValidAt, storageKind, validityOf } from '../profile/arrow-columns.ts';
import { binShares, quantileEdges, type NumericBinning } from './drift-binning.ts';
import { driftColumn, type DriftColumn } from './drift-columns.ts';
import { ksSorted } from './drift-ks.ts';
import type { BinningOptions, DriftReportOptions, FeatureDrift } from './drift-metrics.ts';

/** Share given to an empty bin in PSI, whose log-ratio is otherwise infinite. */
export const PSI_EPSILON = 1e-4;
/** Quantile bins of the reference that PSI and the JS distance count in. */
export const DRIFT_BINS = 10;

/** The column called `name` as driftColumn reads it, through typed arrays for numbers and text (Vector.get boxes every cell). */
export function readDriftColumn(table: Table, name: string): DriftColumn | null {
  const field = table.schema.fields.find((f) => f.name === name);
  const vector = table.getChild(name);
  if (!field || !vector) return null;
  const kind = storageKind(field.type);
  const text = kind === 'dictionary' || DataType.isUtf8(field.type); // Utf8: 32-bit offsets (not Large or View)
  if (kind !== 'int' && kind !== 'int64' && kind !== 'float' && !text) return driftColumn(table, name);
  const numbers = text ? null : new Float64Array(vector.length);
  const strings: (string | null)[] | null = text ? new Array(vector.length) : null;
  const decoder = new TextDecoder('utf-8'); // Arrow's own decoder, so a leading BOM is dropped as Vector.get drops it
  const dictionaries = new Map<Vector, (string | null)[]>();
  const entriesOf = (dictionary: Vector): (string | null)[] => {
    let entries = dictionaries.get(dictionary);
    if (!entries) dictionaries.set(dictionary, (entries = Array.from({ length: dictionary.length }, (_, k) => { const v: unknown = dictionary.get(k); return v === null || v === undefined ? null : String(v); })));
    return entries;
  };
  let at = 0;
  for (const data of chunksOf(vector)) {
    const bitmap = validityOf(data), offset = data.offset, n = data.length;
    if (numbers) {
      const raw = data.values as ArrayLike<number> | BigInt64Array | BigUint64Array;
      const read = raw instanceof BigInt64Array || raw instanceof BigUint64Array ? int64Reader(raw) : (i: number) => (raw as ArrayLike<number>)[i];
      for (let i = 0; i < n; i++) numbers[at + i] = isValidAt(bitmap, offset, i) ? read(i) : NaN;
    } else if (strings && kind === 'string') {
      const offsets = data.valueOffsets as Int32Array, bytes = data.values as Uint8Array;
      for (let i = 0; i < n; i++) strings[at + i] = isValidAt(bitmap, offset, i) ? decoder.decode(bytes.subarray(offsets[i], offsets[i + 1])) : null;
    } else if (strings) {
      const entries = data.dictionary ? entriesOf(data.dictionary) : [];
      const raw = data.values as ArrayLike<number> | BigInt64Array | BigUint64Array;
      const code = raw instanceof BigInt64Array || raw instanceof BigUint64Array ? int64Reader(raw) : (i: number) => (raw as ArrayLike<number>)[i];
      for (let i = 0; i < n; i++) strings[at + i] = isValidAt(bitmap, offset, i) ? (entries[code(i)] ?? null) : null;
    }
    at += n;
  }
  return numbers ? { kind: 'numeric', values: numbers } : { kind: 'categorical', values: strings as (string | null)[] };
}

/** The cells of `column` at `rows`, in that order. */
export function takeDriftColumn(column: DriftColumn, rows: readonly number[]): DriftColumn {
  return column.kind === 'numeric' ? { kind: 'numeric', values: Float64Array.from(rows, (i) => column.values[i]) } : { kind: 'categorical', values: rows.map((i) => column.values[i]) };
}

/** The present (non-NaN) values of `x`, sorted ascending; empty when none. */
function sortPresent(x: Float64Array): Float64Array {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) k++;
  const out = new Float64Array(k);
  k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
  return out.sort();
}

/** scipy.stats.wasserstein_distance on two non-empty ascending samples without NaN. */
export function wassersteinSorted(x: Float64Array, y: Float64Array): number {
  let i = 0, j = 0, sum = 0;
  let prev = Math.min(x[0], y[0]);
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    sum += Math.abs(i / x.length - j / y.length) * (v - prev);
    prev = v;
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
  }
  return sum;
}

/** Throws, naming `fn`, unless 0 < epsilon < 1. */
export function checkEpsilon(fn: string, epsilon: number): void {
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`${fn}: 'epsilon' must be in (0, 1), got ${epsilon}`);
}

/** PSI of two histograms' shares (reference, current), an empty bin counting as `epsilon`; natural log. */
export function psiFromShares(ref: ArrayLike<number>, cur: ArrayLike<number>, epsilon: number): number {
  let sum = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] === 0 ? epsilon : ref[i];
    const c = cur[i] === 0 ? epsilon : cur[i];
    sum += (c - r) * Math.log(c / r);
  }
  return sum;
}

/** scipy.spatial.distance.jensenshannon(p, q, base=2) on two histograms of equal length. */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0, sq = 0;
  for (let i = 0; i < p.length; i++) { sp += p[i]; sq += q[i]; }
  let left = 0, right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp, qi = q[i] / sq, m = (pi + qi) / 2;
    if (pi > 0) left += pi * Math.log(pi / m);
    if (qi > 0) right += qi * Math.log(qi / m);
  }
  return Math.sqrt(Math.max(0, (left + right) / Math.LN2) / 2);
}

/** Inner edges from `options` (validated) or the k-quantiles of `sorted`; `sorted` ascending, or null to validate only. */
export function binningOf(fn: string, sorted: Float64Array | null, options: BinningOptions): NumericBinning {
  let edges: number[] = [];
  if (options.edges !== undefined) {
    edges = [...options.edges];
    for (let i = 0; i < edges.length; i++) {
      if (!Number.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) throw new RangeError(`${fn}: 'edges' must be finite and strictly ascending; edges[${i}] = ${edges[i]}`);
    }
  } else {
    const k = options.bins ?? DRIFT_BINS;
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`${fn}: 'bins' must be an integer >= 2, got ${k}`);
    if (sorted) edges = quantileEdges(sorted, k);
  }
  return { method: 'quantile', bins: edges.length + 1, edges };
}

type Prepared =
  | { kind: 'numeric'; sorted: Float64Array; binning: NumericBinning | null; shares: Float64Array | null }
  | { kind: 'categorical'; index: Map<string, number>; counts: Float64Array; n: number };

/** A reference sample ready to be compared with any number of current samples (see driftAgainst). */
export interface DriftReference {
  /** The columns compared, in order; null where the reference has no such column. */
  columns: { name: string; prepared: Prepared | null }[];
  epsilon: number;
}

function prepare(column: DriftColumn, options: BinningOptions): Prepared {
  if (column.kind === 'numeric') {
    const sorted = sortPresent(column.values);
    const binning = sorted.length ? binningOf('driftReport', sorted, options) : null;
    return { kind: 'numeric', sorted, binning, shares: binning ? binShares(sorted, binning.edges) : null };
  }
  const index = new Map<string, number>();
  const counts: number[] = [];
  let n = 0;
  for (const v of column.values) {
    if (v === null) continue;
    const k = index.get(v);
    if (k === undefined) { index.set(v, index.size); counts.push(1); } else counts[k]++;
    n++;
  }
  return { kind: 'categorical', index, counts: Float64Array.from(counts), n };
}

/** Reads and prepares the columns of `reference` (options.columns, or all); validates the binning options. */
export function prepareReference(reference: Table, options: DriftReportOptions = {}): DriftReference {
  binningOf('driftReport', null, options);
  const epsilon = options.epsilon ?? PSI_EPSILON;
  checkEpsilon('driftReport', epsilon);
  const names = options.columns ?? reference.schema.fields.map((f) => f.name);
  return { epsilon, columns: names.map((name) => {
    const column = readDriftColumn(reference, name);
    return { name, prepared: column ? prepare(column, options) : null };
  }) };
}

function categoricalDrift(ref: Extract<Prepared, { kind: 'categorical' }>, values: readonly (string | null)[], epsilon: number) {
  const extra = new Map<string, number>();
  const counts: number[] = new Array(ref.index.size).fill(0);
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    let k = ref.index.get(v) ?? extra.get(v);
    if (k === undefined) { k = counts.length; extra.set(v, k); counts.push(0); }
    counts[k]++;
    n++;
  }
  const reference = new Float64Array(counts.length), current = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    reference[i] = (i < ref.counts.length ? ref.counts[i] : 0) / ref.n;
    current[i] = counts[i] / n;
  }
  const categories = [...ref.index.keys(), ...extra.keys()];
  return { psi: psiFromShares(reference, current, epsilon), js_distance: jensenShannon(reference, current), binning: { method: 'categories' as const, categories, epsilon, js_base: 2 as const } };
}

/** drift.json's entries: each prepared reference column against `current(name)` (null: the current sample has no such column). */
export function driftAgainst(reference: DriftReference, current: (name: string) => DriftColumn | null): FeatureDrift[] {
  const epsilon = reference.epsilon;
  return reference.columns.map(({ name, prepared: ref }): FeatureDrift => {
    const cur = current(name);
    const kind = ref?.kind ?? cur?.kind ?? 'numeric';
    const empty = { name, kind, ks_statistic: null, ks_pvalue: null, wasserstein: null, psi: null, js_distance: null, binning: null };
    if (!ref) return { ...empty, note: `column '${name}' is not in the reference data` };
    if (!cur) return { ...empty, note: `column '${name}' is not in the current data` };
    if (ref.kind !== cur.kind) return { ...empty, note: `column '${name}' is ${ref.kind} in the reference data but ${cur.kind} in the current data` };
    if (ref.kind === 'categorical' ? ref.n === 0 : ref.sorted.length === 0) return { ...empty, note: `column '${name}' has no values in the reference data` };
    if (ref.kind === 'categorical') {
      const values = cur.values as (string | null)[];
      if (!values.some((v) => v !== null)) return { ...empty, note: `column '${name}' has no values in the current data` };
      return { ...empty, ...categoricalDrift(ref, values, epsilon), note: `'${name}' is text: the Kolmogorov-Smirnov test and the Wasserstein distance need numbers` };
    }
    const b = sortPresent(cur.values as Float64Array);
    if (b.length === 0) return { ...empty, note: `column '${name}' has no values in the current data` };
    const a = ref.sorted, binning = ref.binning as NumericBinning;
    const ks = ksSorted(a, b);
    const shares = binShares(b, binning.edges);
    return { ...empty, ks_statistic: ks.statistic, ks_pvalue: ks.pvalue, wasserstein: wassersteinSorted(a, b), psi: psiFromShares(ref.shares as Float64Array, shares, epsilon),
      js_distance: jensenShannon(ref.shares as Float64Array, shares), binning: { ...binning, edges: [...binning.edges], epsilon, js_base: 2 } };
  });
}
