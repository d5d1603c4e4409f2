// Deequ's KLL quantile sketch (QuantileNonSample + NonSampleCompactor), the sketch Model Monitor writes
// into statistics.json. Its rules, which this file follows so that `data` matches what SageMaker writes:
// - level h holds items of weight 2^h and has capacity 2·(⌈k·c^h / 2⌉ + 1): the BOTTOM level is the
//   largest (k = 2048 → 2050, then 1314, 842, …), unlike the KLL paper, where the top level is;
// - a new value is appended to level 0; when the items in all levels exceed the summed capacities, the
//   lowest level at or over its own capacity is compacted (once per update): its items but an odd last
//   one are sorted, every other one (from `offset`) moves up a level, the odd last one stays;
// - compaction is deterministic: Deequ's random offset is commented out, and instead the offset flips
//   before every even-numbered compaction after the first (0, 1, 1, 0, 0, 1, 1, …), so no seed is needed;
// - `data` lists the level buffers bottom-up, each in its stored (not sorted) order.
// Memory is the sum of the capacities: about k/(1 − c) + 4 per level, i.e. O(k + log n) numbers.

/** Deequ's default sketch size k. */
export const KLL_DEFAULT_K = 2048;
/** Deequ's default shrinking factor c. */
export const KLL_DEFAULT_C = 0.64;

function growTo(buffer: Float64Array, size: number): Float64Array {
  if (size <= buffer.length) return buffer;
  const next = new Float64Array(Math.max(size, buffer.length * 2));
  next.set(buffer);
  return next;
}

/** The sketch's items sorted, with the inclusive rank (summed weight of items ≤ value) of each distinct value. */
export interface RankMap {
  /** Distinct item values, ascending. */
  values: Float64Array;
  /** ranks[i] = total weight of items ≤ values[i]; the last entry is the sketch's count. */
  ranks: Float64Array;
}

export class KllSketch {
  /** Sketch size k. */
  readonly k: number;
  /** Shrinking factor c. */
  readonly c: number;
  private buffers: Float64Array[] = [];
  private sizes: number[] = [];
  /** Per level, how many times it was compacted (Deequ's numOfCompress). */
  private compressions: number[] = [];
  private offsets: number[] = [];
  private itemCount = 0;
  private capacityTotal = 0;
  private cachedRankMap: RankMap | null = null;
  private readonly scratch: RadixScratch = { keys: new Uint32Array(0), temp: new Uint32Array(0), counts: new Uint32Array(8 * 256) };

  /**
   * @param k sketch size; defaults to 2048 (Deequ's and Model Monitor's).
   * @param c shrinking factor in (0, 1]; defaults to 0.64.
   */
  constructor(k = KLL_DEFAULT_K, c = KLL_DEFAULT_C) {
    if (!Number.isInteger(k) || k < 2) throw new RangeError(`KllSketch: k must be an integer ≥ 2, got ${k}.`);
    if (!(c > 0 && c <= 1)) throw new RangeError(`KllSketch: c must be in (0, 1], got ${c}.`);
    this.k = k;
    this.c = c;
    this.expand();
  }

  /** Rebuilds a sketch from statistics.json's `sketch` (`data` bottom level first), as Deequ's reconstruct does. */
  static fromData(k: number, c: number, data: readonly (readonly number[])[]): KllSketch {
    const sketch = new KllSketch(k, c);
    for (let h = 1; h < data.length; h++) sketch.expand();
    data.forEach((level, h) => {
      sketch.buffers[h] = Float64Array.from(level);
      sketch.sizes[h] = level.length;
    });
    sketch.itemCount = data.reduce((s, level) => s + level.length, 0);
    return sketch;
  }

  /** Capacity of level `height`: 2·(⌈k·c^height / 2⌉ + 1). */
  capacity(height: number): number {
    return 2 * (Math.ceil((this.k * Math.pow(this.c, height)) / 2) + 1);
  }

  /** Number of levels (compactors). */
  get levels(): number {
    return this.buffers.length;
  }

  /** Number of items stored: what memory the sketch holds. */
  get size(): number {
    return this.itemCount;
  }

  /** Summed capacity of the levels; `size` stays at or below it plus one between updates. */
  get totalCapacity(): number {
    return this.capacityTotal;
  }

  /** Total weight: the number of values the sketch has seen. */
  get count(): number {
    let total = 0;
    for (let h = 0; h < this.sizes.length; h++) total += this.sizes[h] * 2 ** h;
    return total;
  }

  /** How many times each level has been compacted. */
  get compactions(): readonly number[] {
    return this.compressions;
  }

  /** Adds one value (NaN is the caller's to leave out). */
  update(value: number): void {
    const b = this.sizes[0];
    this.buffers[0] = growTo(this.buffers[0], b + 1);
    this.buffers[0][b] = value;
    this.sizes[0] = b + 1;
    this.itemCount++;
    this.cachedRankMap = null;
    if (this.itemCount > this.capacityTotal) this.condense();
  }

  /**
   * Adds values[start..end) one after another, exactly as that many update() calls would (the same
   * compactions at the same moments), but appending runs of them to level 0 between compactions.
   */
  updateMany(values: ArrayLike<number>, start = 0, end = values.length): void {
    let i = start;
    while (i < end) {
      // update() condenses as soon as itemCount exceeds capacityTotal: append up to that item, then condense.
      const take = Math.min(end - i, Math.max(1, this.capacityTotal - this.itemCount + 1));
      const b = this.sizes[0];
      const buffer = (this.buffers[0] = growTo(this.buffers[0], b + take));
      for (let j = 0; j < take; j++) buffer[b + j] = values[i + j];
      i += take;
      this.sizes[0] = b + take;
      this.itemCount += take;
      this.cachedRankMap = null;
      if (this.itemCount > this.capacityTotal) this.condense();
    }
  }

  /** Adds `other`'s items into this sketch level by level, then compacts until under capacity (Deequ's merge). */
  merge(other: KllSketch): this {
    while (this.levels < other.levels) this.expand();
    for (let h = 0; h < other.levels; h++) this.append(h, other.buffers[h], 0, other.sizes[h], 1);
    this.itemCount = this.sizes.reduce((s, n) => s + n, 0);
    this.cachedRankMap = null;
    while (this.itemCount >= this.capacityTotal) this.condense();
    return this;
  }

  /** The level buffers bottom-up, as statistics.json's `sketch.data`. */
  toData(): number[][] {
    return this.buffers.map((buffer, h) => Array.from(buffer.subarray(0, this.sizes[h])));
  }

  /** Deequ's getRankMap: distinct values with their inclusive ranks. */
  rankMap(): RankMap {
    if (this.cachedRankMap) return this.cachedRankMap;
    const n = this.itemCount;
    const items = new Float64Array(n);
    const weights = new Float64Array(n);
    let at = 0;
    for (let h = 0; h < this.levels; h++) {
      items.set(this.buffers[h].subarray(0, this.sizes[h]), at);
      weights.fill(2 ** h, at, at + this.sizes[h]);
      at += this.sizes[h];
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => items[a] - items[b]);
    const values: number[] = [];
    const ranks: number[] = [];
    let running = 0;
    for (const i of order) {
      running += weights[i];
      if (values.length > 0 && values[values.length - 1] === items[i]) ranks[ranks.length - 1] = running;
      else {
        values.push(items[i]);
        ranks.push(running);
      }
    }
    this.cachedRankMap = { values: Float64Array.from(values), ranks: Float64Array.from(ranks) };
    return this.cachedRankMap;
  }

  /** Estimated number of values ≤ x (Deequ's getRank). */
  rank(x: number): number {
    const { values, ranks } = this.rankMap();
    const i = upperBound(values, x);
    return i === 0 ? 0 : ranks[i - 1];
  }

  /** Estimated number of values < x (Deequ's getRankExclusive). */
  rankExclusive(x: number): number {
    const { values, ranks } = this.rankMap();
    const i = lowerBound(values, x);
    return i === 0 ? 0 : ranks[i - 1];
  }

  /** The smallest item whose inclusive rank reaches p·count, p in [0, 1]; NaN when empty. */
  quantile(p: number): number {
    const { values, ranks } = this.rankMap();
    if (values.length === 0) return NaN;
    const target = p * ranks[ranks.length - 1];
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  }

  private expand(): void {
    this.buffers.push(new Float64Array(16));
    this.sizes.push(0);
    this.compressions.push(0);
    this.offsets.push(0);
    this.capacityTotal += this.capacity(this.buffers.length - 1);
  }

  private append(height: number, source: Float64Array, start: number, end: number, step: number): void {
    const count = Math.ceil((end - start) / step);
    const size = this.sizes[height];
    const target = (this.buffers[height] = growTo(this.buffers[height], size + count));
    let j = size;
    for (let i = start; i < end; i += step) target[j++] = source[i];
    this.sizes[height] = size + count;
  }

  /** Compacts the lowest level at or over its capacity, once (Deequ's condense). */
  private condense(): void {
    for (let h = 0; h < this.levels; h++) {
      if (this.sizes[h] < this.capacity(h)) continue;
      if (h + 1 >= this.levels) this.expand();
      const items = this.sizes[h];
      const len = items - (items % 2);
      if (this.compressions[h] % 2 === 1) this.offsets[h] = 1 - this.offsets[h];
      const buffer = this.buffers[h];
      sortFloat64(buffer, len, this.scratch);
      this.append(h + 1, buffer, this.offsets[h], len, 2);
      if (items % 2 === 1) buffer[0] = buffer[items - 1];
      this.sizes[h] = items % 2;
      this.compressions[h]++;
      this.itemCount = this.sizes.reduce((s, n) => s + n, 0);
      return;
    }
  }
}

/** Reusable buffers of sortFloat64. */
export interface RadixScratch { keys: Uint32Array; temp: Uint32Array; counts: Uint32Array }

/**
 * Sorts a[0..len) ascending in the order Float64Array.prototype.sort gives (-0 before +0; the sketch
 * never holds NaN), by an LSD radix sort over the IEEE-754 bits with 8-bit digits: the compactions sort
 * a level of up to 2050 numbers thousands of times per column, and the built-in comparison sort spends
 * about 4 times as long on them. Whole numbers in a 2^32 range sort as 32-bit offsets. Digits every key shares (the exponent of values of one magnitude, the
 * low mantissa bits of whole numbers) are skipped.
 */
export function sortFloat64(a: Float64Array, len: number, scratch: RadixScratch): void {
  if (len < 64) {
    a.subarray(0, len).sort();
    return;
  }
  if (scratch.keys.length < 2 * len) {
    scratch.keys = new Uint32Array(4 * len);
    scratch.temp = new Uint32Array(4 * len);
  }
  let keys = scratch.keys;
  let temp = scratch.temp;
  const counts = scratch.counts;
  counts.fill(0);
  // Whole numbers within 2^32 of each other (counts, codes, minutes: the common case) sort as 32-bit offsets
  // from the smallest; their sign bits then cost no passes. -0 takes the bit path, to stay before +0.
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < len; i++) {
    const x = a[i];
    if (x < min) min = x;
    if (x > max) max = x;
    if (whole && (Math.floor(x) !== x || (x === 0 && 1 / x < 0))) whole = false;
  }
  if (whole && max - min < 4294967296) {
    for (let i = 0; i < len; i++) {
      const key = a[i] - min;
      keys[i] = key;
      counts[key & 255]++;
      counts[256 + ((key >>> 8) & 255)]++;
      counts[512 + ((key >>> 16) & 255)]++;
      counts[768 + (key >>> 24)]++;
    }
    for (let d = 0; d < 4; d++) {
      const base = d * 256;
      const shift = d * 8;
      if (counts[base + ((keys[0] >>> shift) & 255)] === len) continue;
      startsOfDigit(counts, base);
      for (let i = 0; i < len; i++) {
        const key = keys[i];
        temp[counts[base + ((key >>> shift) & 255)]++] = key;
      }
      const t = keys;
      keys = temp;
      temp = t;
    }
    for (let i = 0; i < len; i++) a[i] = keys[i] + min;
    return;
  }
  // Interleaved (lo, hi) words, mapped so that unsigned order is numeric order: negative numbers have
  // every bit flipped, positive ones only the sign bit.
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * len);
  for (let i = 0; i < len; i++) {
    let lo = words[2 * i];
    let hi = words[2 * i + 1];
    if (hi & 0x80000000) { lo = ~lo >>> 0; hi = ~hi >>> 0; } else hi = (hi | 0x80000000) >>> 0;
    keys[2 * i] = lo;
    keys[2 * i + 1] = hi;
    counts[lo & 255]++;
    counts[256 + ((lo >>> 8) & 255)]++;
    counts[512 + ((lo >>> 16) & 255)]++;
    counts[768 + (lo >>> 24)]++;
    counts[1024 + (hi & 255)]++;
    counts[1280 + ((hi >>> 8) & 255)]++;
    counts[1536 + ((hi >>> 16) & 255)]++;
    counts[1792 + (hi >>> 24)]++;
  }
  for (let d = 0; d < 8; d++) {
    const base = d * 256;
    const word = d >> 2;
    const shift = (d & 3) * 8;
    // A digit every key shares leaves the order as it is.
    if (counts[base + ((keys[word] >>> shift) & 255)] === len) continue;
    startsOfDigit(counts, base);
    for (let i = 0; i < len; i++) {
      const lo = keys[2 * i];
      const hi = keys[2 * i + 1];
      const at = counts[base + ((((word ? hi : lo) >>> shift)) & 255)]++;
      temp[2 * at] = lo;
      temp[2 * at + 1] = hi;
    }
    const t = keys;
    keys = temp;
    temp = t;
  }
  for (let i = 0; i < len; i++) {
    const lo = keys[2 * i];
    const hi = keys[2 * i + 1];
    if (hi & 0x80000000) { words[2 * i] = lo; words[2 * i + 1] = (hi & 0x7fffffff) >>> 0; } else { words[2 * i] = ~lo >>> 0; words[2 * i + 1] = ~hi >>> 0; }
  }
}

/** Turns one digit's 256 counts (at `base`) into each digit value's first output position. */
function startsOfDigit(counts: Uint32Array, base: number): void {
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    const c = counts[base + v];
    counts[base + v] = sum;
    sum += c;
  }
}

/** First index whose value is ≥ x. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
