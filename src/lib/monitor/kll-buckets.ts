// Model Monitor's `kll.buckets`: equal-width buckets between the column's min and max, each counted from
// the sketch the way Deequ's KLLSketch analyzer does (rank(< upper) − rank(< lower), the last bucket
// closed on the right), so the counts are sketch estimates, exact while the sketch has not compacted.
// Deequ's quirk is kept: the top edge min + (max − min)·n/n can round below max (−7.1 and 18.3 give
// 18.299999999999997), and values above it then fall in no bucket; Model Monitor writes the same.
import type { KllBucket } from './types.ts';
import type { KllSketch } from './kll.ts';

/** Model Monitor's bucket count ("not currently configurable"). */
export const KLL_DEFAULT_BUCKETS = 10;

/**
 * Buckets of `sketch` between `min` and `max`.
 * @param buckets number of buckets, 1 to 100 (Deequ's maximum); defaults to 10.
 */
export function kllBuckets(sketch: KllSketch, min: number, max: number, buckets = KLL_DEFAULT_BUCKETS): KllBucket[] {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 100) {
    throw new RangeError(`kllBuckets: buckets must be an integer from 1 to 100, got ${buckets}.`);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`kllBuckets: min and max must be finite with min ≤ max, got ${min} and ${max}.`);
  }
  const out: KllBucket[] = [];
  for (let i = 0; i < buckets; i++) {
    // Same operation order as Deequ (start + (end − start)·i / n) so the edges are bit-identical.
    const lower = min + ((max - min) * i) / buckets;
    const upper = min + ((max - min) * (i + 1)) / buckets;
    const below = sketch.rankExclusive(lower);
    const count = i === buckets - 1 ? sketch.rank(upper) - below : sketch.rankExclusive(upper) - below;
    out.push({ lower_bound: lower, upper_bound: upper, count });
  }
  return out;
}
