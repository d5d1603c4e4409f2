// The binary AUC sweep of unweighted 0/1 labels needs only, for each distinct score from the highest down,
// how many positives and negatives share it. So instead of an index argsort (two arrays per radix pass, then
// two random reads per row in the sweep) the label rides in the one bit a non-negative float32 key does not
// need, and a single Uint32Array is radix-sorted: three passes with their counts taken in one read, passes
// whose digit is the same for every row skipped. Per-round training AUC on 200k rows is then a few ms.
// rankedKeysInRange and rankedRocSweep are self-contained (no imports, closures or module constants): the
// histogram pool's workers run their source text to rank a range of scores each (see metric-chunks.ts).

/** Bit 31 of a ranked key: the row's label (1 = positive). */
export const RANKED_LABEL_BIT = 0x80000000;
/** Bits 0–30 of a ranked key: the score's rank key (smaller = higher score; equal scores, equal keys). */
export const RANKED_SCORE_BITS = 0x7fffffff;

/** Working arrays of rankedKeysInRange, grown as needed and kept between calls. */
export interface RankBuffers {
  keys: Uint32Array;
  other: Uint32Array;
}

/**
 * Collects the ranked key (`label << 31 | rank`, rank being the score's float32 bit pattern inverted in bits
 * 0–30, so ascending keys with the label bit masked off are descending scores and equal scores have equal
 * ranks) of each row whose rank lies in [rankLo, rankHi], sorts them ascending by rank (rows of one score in
 * no particular label order) into buf.keys[0, count) and returns the count; −1 when a label is not exactly 0
 * or 1, or a score is negative (−0 counts as +0) or NaN (the caller then takes the general path).
 */
export function rankedKeysInRange(scores: Float32Array, labels: Float32Array, rankLo: number, rankHi: number, buf: RankBuffers): number {
  const n = scores.length;
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n);
  let keys = buf.keys;
  // Digits of 11, 11 and 9 bits: their counts in one read.
  const count = new Uint32Array(2048 * 3);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let b = bits[i];
    if (b === 0x80000000) b = 0;
    // Negative (sign bit) or NaN (exponent all ones, mantissa non-zero): not for this form.
    if (b > 0x7f800000) return -1;
    const y = labels[i];
    if (y !== 0 && y !== 1) return -1;
    const k = (~b & 0x7fffffff) >>> 0;
    if (k < rankLo || k > rankHi) continue;
    if (m === keys.length) {
      const grown = new Uint32Array(Math.max(1024, 2 * m, Math.min(n, m + (n >>> 3))));
      grown.set(keys);
      keys = buf.keys = grown;
    }
    keys[m++] = y === 1 ? (k | 0x80000000) >>> 0 : k;
    count[k & 2047]++;
    count[2048 + ((k >>> 11) & 2047)]++;
    count[4096 + (k >>> 22)]++;
  }
  let other = buf.other.length >= m ? buf.other : (buf.other = new Uint32Array(keys.length));
  for (let d = 0; d < 3; d++) {
    const shift = 11 * d, mask = d < 2 ? 2047 : 511, base = 2048 * d;
    // A digit every row shares leaves the order as it is.
    let skip = false;
    let sum = 0;
    for (let b = 0; b <= mask; b++) {
      const c = count[base + b];
      if (c === m) skip = true;
      count[base + b] = sum;
      sum += c;
    }
    if (skip) continue;
    for (let i = 0; i < m; i++) {
      const k = keys[i];
      other[count[base + ((k >>> shift) & mask)]++] = k;
    }
    const t = keys; keys = other; other = t;
  }
  buf.keys = keys;
  buf.other = other;
  return m;
}

/**
 * The ROC sweep (trapezoids, tied scores one step) over sorted ranked keys[0, m), from zero counts: writes
 * the negatives, the positives and the un-normalised area to out[o], out[o + 1], out[o + 2]. Counts and
 * areas are integers and halves, exact in doubles, so the areas of consecutive rank ranges add up (each
 * shifted by the positives ranked before it times its negatives) to the whole sweep's area to the bit.
 */
export function rankedRocSweep(keys: Uint32Array, m: number, out: Float64Array, o: number): void {
  let area = 0, fp = 0, tp = 0, tpPrev = 0, fpPrev = 0;
  let rank = m > 0 ? keys[0] & 0x7fffffff : 0;
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    const r = k & 0x7fffffff;
    if (r !== rank) {
      area += (fp - fpPrev) * (tp + tpPrev) / 2;
      tpPrev = tp;
      fpPrev = fp;
      rank = r;
    }
    if (k & 0x80000000) tp++;
    else fp++;
  }
  area += (fp - fpPrev) * (tp + tpPrev) / 2;
  out[o] = fp;
  out[o + 1] = tp;
  out[o + 2] = area;
}

/** Scores ranked descending with their labels (rankedKeysInRange over every rank), or null for weights or when that form does not apply. */
export function rankedLabels(scores: Float32Array, labels: Float32Array, weights?: Float32Array): Uint32Array | null {
  const n = scores.length;
  if (weights || labels.length !== n) return null;
  const buf: RankBuffers = { keys: new Uint32Array(n), other: new Uint32Array(n) };
  const m = rankedKeysInRange(scores, labels, 0, 0x7fffffff, buf);
  return m < 0 ? null : buf.keys.subarray(0, m);
}
