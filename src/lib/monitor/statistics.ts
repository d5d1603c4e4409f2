// A Model Monitor data-quality baseline: statistics.json for an Arrow table, computed the way its Deequ
// container does (types from Deequ's DataType analyzer, population standard deviation, KLL sketch with
// 10 buckets), streaming over the table's chunks: memory per numeric column is the sketch, never a copy
// or a sort of the column. String columns keep a count per distinct value.
import type { Table, Vector } from 'apache-arrow';
import { KLL_DEFAULT_BUCKETS, kllBuckets } from './kll-buckets.ts';
import { KLL_DEFAULT_C, KLL_DEFAULT_K, KllSketch } from './kll.ts';
import { chunksOf, int64Reader, storageKind, validityOf } from '../profile/arrow-columns.ts';
import { columnInstants, floatText, scanChunk, scanColumn, textNumber, type ColumnInstants, typeHistogram, type ScanCache, type TypeHistogram } from './column-scan.ts';
import type { CategoricalBucket, FeatureStatistics, InferredType, StatisticsJson } from './types.ts';

/** Options for baselineStatistics. */
export interface StatisticsOptions {
  /** KLL sketch size k; defaults to 2048 (Model Monitor's). */
  k?: number;
  /** KLL shrinking factor c; defaults to 0.64 (Model Monitor's). */
  c?: number;
  /** Equal-width KLL buckets per numeric feature, 1 to 100; defaults to 10 (Model Monitor's). */
  buckets?: number;
  /** Most categorical buckets written per String feature (the most frequent); defaults to 1000, Deequ's histogram limit. */
  maxCategoricalBuckets?: number;
  /** Types to use for these columns instead of inferring them (a monitoring run uses the baseline's); defaults to none. */
  types?: Readonly<Record<string, InferredType>>;
}

/** Deequ's DataTypeHistogram.determineType, with Boolean written as String (Model Monitor has no Boolean). */
export function inferType(h: TypeHistogram): InferredType {
  const { Fractional, Integral, Boolean, String } = h.counts;
  if (Fractional + Integral + Boolean + String === 0) return 'Unknown';
  if (String > 0 || Boolean > 0) return 'String';
  return Fractional > 0 ? 'Fractional' : 'Integral';
}

interface Resolved { k: number; c: number; buckets: number; maxCategoricalBuckets: number; types: Readonly<Record<string, InferredType>> }

const TYPES: readonly InferredType[] = ['Integral', 'Fractional', 'String', 'Unknown'];

function resolve(options: StatisticsOptions = {}): Resolved {
  const { k = KLL_DEFAULT_K, c = KLL_DEFAULT_C, buckets = KLL_DEFAULT_BUCKETS, maxCategoricalBuckets = 1000, types = {} } = options;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`baselineStatistics: options.k must be an integer ≥ 2, got ${k}.`);
  if (!(c > 0 && c <= 1)) throw new RangeError(`baselineStatistics: options.c must be in (0, 1], got ${c}.`);
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 100) {
    throw new RangeError(`baselineStatistics: options.buckets must be an integer from 1 to 100, got ${buckets}.`);
  }
  if (!Number.isInteger(maxCategoricalBuckets) || maxCategoricalBuckets < 1) {
    throw new RangeError(`baselineStatistics: options.maxCategoricalBuckets must be a positive integer, got ${maxCategoricalBuckets}.`);
  }
  for (const [name, type] of Object.entries(types)) {
    if (!TYPES.includes(type)) throw new RangeError(`baselineStatistics: options.types['${name}'] must be one of ${TYPES.join(', ')}, got ${String(type)}.`);
  }
  return { k, c, buckets, maxCategoricalBuckets, types };
}

/** Running count, compensated sum, Welford moments and extremes of a numeric feature, with its sketch. */
class NumericAccumulator {
  n = 0;
  sum = 0;
  compensation = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  private readonly block = new Float64Array(4096);
  private filled = 0;
  constructor(readonly sketch: KllSketch) {}

  add(x: number): void {
    this.n++;
    // Neumaier-compensated sum, and Welford's update for the centred sum of squares.
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    // The sketch takes the values in blocks, in the same order (updateMany is update, value by value).
    this.block[this.filled++] = x;
    if (this.filled === this.block.length) this.flush();
  }

  /** One typed chunk's present, non-NaN values, in a loop without a call per cell. */
  addChunk(read: (i: number) => number, length: number, bitmap: Uint8Array | null, offset: number): void {
    let { n, sum, compensation, mean, m2, min, max, filled } = this;
    const block = this.block;
    for (let i = 0; i < length; i++) {
      if (bitmap !== null) {
        const bit = offset + i;
        if ((bitmap[bit >> 3] & (1 << (bit & 7))) === 0) continue;
      }
      const x = read(i);
      if (x !== x) continue;
      n++;
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
      const delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
      if (x < min) min = x;
      if (x > max) max = x;
      block[filled++] = x;
      if (filled === block.length) {
        this.sketch.updateMany(block, 0, filled);
        filled = 0;
      }
    }
    Object.assign(this, { n, sum, compensation, mean, m2, min, max, filled });
  }

  flush(): void {
    this.sketch.updateMany(this.block, 0, this.filled);
    this.filled = 0;
  }
}

function numericFeature(column: Vector, name: string, type: 'Integral' | 'Fractional', o: Resolved, cache?: ScanCache): FeatureStatistics {
  const sketch = new KllSketch(o.k, o.c);
  const acc = new NumericAccumulator(sketch);
  const add = (x: number) => acc.add(x);
  // Text that is not a number reads as missing, as Spark's cast to double makes it.
  const visitor = { onNumber: add, onText: (text: string, count: number) => { const x = textNumber(text); if (!Number.isNaN(x)) for (let k = 0; k < count; k++) add(x); }, onMissing: () => {} };
  for (const data of chunksOf(column)) {
    const kind = storageKind(data.type);
    if (kind === 'int' || kind === 'float' || kind === 'int64') {
      const values = data.values as ArrayLike<number> & (BigInt64Array | BigUint64Array | Float64Array);
      const read = kind === 'int64' ? int64Reader(values as BigInt64Array | BigUint64Array) : (i: number) => (values as ArrayLike<number>)[i];
      acc.addChunk(read, data.length, validityOf(data), data.offset);
    } else scanChunk(data, visitor, cache);
  }
  acc.flush();
  const { n, sum, compensation, m2, min, max } = acc;
  const total = sum + compensation;
  const present = n > 0;
  return {
    name,
    inferred_type: type,
    numerical_statistics: {
      common: { num_present: n, num_missing: column.length - n },
      mean: present ? total / n : 0,
      sum: total,
      std_dev: present ? Math.sqrt(Math.max(0, m2) / n) : 0,
      min: present ? min : 0,
      max: present ? max : 0,
      distribution: {
        kll: {
          buckets: present ? kllBuckets(sketch, min, max, o.buckets) : [],
          sketch: { parameters: { c: o.c, k: o.k }, data: sketch.toData() },
        },
      },
    },
  };
}

/**
 * Indices of the `limit` largest counts, by count and then index (what a stable sort of every entry by
 * count gives), without sorting every entry: a column of instants has hundreds of thousands.
 */
export function topCounts(counts: ArrayLike<number>, limit: number): number[] {
  const n = counts.length;
  let cut = 0;
  if (n > limit) {
    // The limit-th largest count: every entry above it is kept, entries equal to it by index.
    const all = Float64Array.from(counts);
    all.sort();
    cut = all[n - limit];
  }
  let ties = limit;
  for (let i = 0; i < n; i++) if (counts[i] > cut) ties--;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (counts[i] > cut || (counts[i] === cut && ties-- > 0)) kept.push(i);
  // Array.prototype.sort is stable: ties keep index order.
  return kept.sort((x, y) => counts[y] - counts[x]);
}

function stringFeature(column: Vector, name: string, type: 'String' | 'Unknown', o: Resolved, cache?: ScanCache): { feature: FeatureStatistics; counts: Map<string, number>; histogram?: TypeHistogram } {
  const instants = columnInstants(column, cache);
  if (instants) return instantsFeature(column, name, type, o, instants);
  const counts = new Map<string, number>();
  let missing = 0;
  const add = (text: string, count = 1) => counts.set(text, (counts.get(text) ?? 0) + count);
  scanColumn(column, {
    onNumber: (x, isFloat) => add(isFloat ? floatText(x) : String(x)),
    onText: add,
    onMissing: () => missing++,
  }, cache);
  const values = [...counts.keys()];
  const frequencies = Float64Array.from(counts.values());
  const buckets: CategoricalBucket[] = topCounts(frequencies, o.maxCategoricalBuckets).map((i) => ({ value: values[i], count: frequencies[i] }));
  const feature: FeatureStatistics = {
    name,
    inferred_type: type,
    string_statistics: {
      common: { num_present: column.length - missing, num_missing: missing },
      distinct_count: counts.size,
      distribution: { categorical: { buckets } },
    },
  };
  return { feature, counts };
}

/** A date or timestamp column: the same statistics, formatting only the instants that become buckets. */
function instantsFeature(column: Vector, name: string, type: 'String' | 'Unknown', o: Resolved, instants: ColumnInstants): { feature: FeatureStatistics; counts: Map<string, number>; histogram?: TypeHistogram } {
  const buckets: CategoricalBucket[] = topCounts(instants.counts, o.maxCategoricalBuckets).map((e) => ({ value: instants.text(e), count: instants.counts[e] }));
  const feature: FeatureStatistics = {
    name,
    inferred_type: type,
    string_statistics: {
      common: { num_present: column.length - instants.missing, num_missing: instants.missing },
      distinct_count: instants.size,
      distribution: { categorical: { buckets } },
    },
  };
  // Every instant's text only when a check asks (a domain to compare against).
  let counts: Map<string, number> | null = null;
  return {
    feature,
    get counts() {
      if (!counts) {
        counts = new Map();
        for (let e = 0; e < instants.size; e++) counts.set(instants.text(e), instants.counts[e]);
      }
      return counts;
    },
  };
}

/** One column's statistics, the type histogram they were inferred from and, for text features, every value's count. */
export interface ColumnStatistics {
  /** The statistics.json entry. */
  feature: FeatureStatistics;
  /** Deequ's per-cell type counts. */
  histogram: TypeHistogram;
  /** String and Unknown features: the count of every distinct value (the buckets keep only the most frequent). */
  counts?: Map<string, number>;
}

/** Statistics of one column. */
export function featureStatistics(column: Vector, name: string, options?: StatisticsOptions): ColumnStatistics {
  const o = resolve(options);
  const cache: ScanCache = new WeakMap();
  const histogram = typeHistogram(column, cache);
  const type = o.types[name] ?? inferType(histogram);
  if (type === 'Integral' || type === 'Fractional') return { feature: numericFeature(column, name, type, o, cache), histogram };
  // Not a spread: that would read (and so build) a column of instants' lazy counts.
  return Object.assign(stringFeature(column, name, type, o, cache), { histogram });
}

/** statistics.json for `table`: one feature per column, in column order. */
export function baselineStatistics(table: Table, options?: StatisticsOptions): StatisticsJson {
  if (table === null || typeof table !== 'object' || !Array.isArray(table.schema?.fields)) {
    throw new TypeError('baselineStatistics: table must be an apache-arrow Table.');
  }
  resolve(options);
  const features = table.schema.fields.map((field, i) => featureStatistics(table.getChildAt(i) as Vector, field.name, options).feature);
  return { version: 0, dataset: { item_count: table.numRows }, features };
}
