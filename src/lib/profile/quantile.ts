// Quantiles of sorted values with numpy's default method ('linear', type 7 of Hyndman & Fan), which
// pandas' Series.quantile also uses. The interpolation copies numpy's _lerp, which computes from the upper
// neighbour when the weight is >= 0.5, so results match numpy to the last bit rather than to ~1 ulp.

/** The p-quantile of ascending `sorted` values (no NaN); NaN when `sorted` is empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1]; got ${p}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  if (h >= n - 1) return sorted[n - 1];
  const lo = Math.floor(h);
  const gamma = h - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** The probabilities the profile reports. */
export const PROFILE_QUANTILES: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];
