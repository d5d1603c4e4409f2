// Mean and sample standard deviation. Two passes (mean, then centred squares) rather than raw sums of
// squares, which cancel catastrophically when the mean is large against the spread (e.g. epoch-ms
// datetimes); the first pass uses Neumaier summation so long columns keep full precision. This is the
// algorithm pandas' nanops.nanvar uses, so results agree to ~1e-15 relative.

/** Sum of `values` with Neumaier's compensation. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

export interface Moments {
  /** NaN when there are no values. */
  mean: number;
  /** Sample standard deviation (ddof = 1, like pandas); NaN with fewer than two values. */
  std: number;
}

/** Mean and sample standard deviation of `values`, which must hold no missing (NaN) entries. */
export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = compensatedSum(values) / n;
  if (n === 1) return { mean, std: NaN };
  let ss = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
    s += d;
  }
  // The s*s/n term removes what rounding left in the mean (the "corrected two-pass" form).
  const variance = Math.max(0, (ss - (s * s) / n) / (n - 1));
  return { mean, std: Math.sqrt(variance) };
}
