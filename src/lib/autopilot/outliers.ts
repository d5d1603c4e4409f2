// Outliers by Tukey's IQR rule: values below Q1 − k·IQR or above Q3 + k·IQR, with k = 1.5 ("outside") and
// k = 3 ("far out"). Quartiles use numpy's default linear interpolation (quantileSorted), so the counts
// match pandas' `(s < q1 - 1.5 * iqr) | (s > q3 + 1.5 * iqr)` exactly.
import { quantileSorted } from '../profile/quantile.ts';

/** The IQR rule's figures for one numeric column. */
export interface IqrOutliers {
  q1: number;
  q3: number;
  iqr: number;
  /** Values strictly beyond 1.5 IQR from the quartiles. */
  beyond1_5: number;
  /** Values strictly beyond 3 IQR from the quartiles. */
  beyond3: number;
  /** Non-missing values the shares are of. */
  present: number;
}

/** IQR outlier counts of `values` (NaN = missing, ignored); undefined when none is present. */
export function iqrOutliers(values: Float64Array): IqrOutliers | undefined {
  const sorted = values.filter((x) => x === x).sort();
  if (sorted.length === 0) return undefined;
  const q1 = quantileSorted(sorted, 0.25), q3 = quantileSorted(sorted, 0.75), iqr = q3 - q1;
  let beyond1_5 = 0, beyond3 = 0;
  for (const x of sorted) {
    if (x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr) beyond1_5++;
    if (x < q1 - 3 * iqr || x > q3 + 3 * iqr) beyond3++;
  }
  return { q1, q3, iqr, beyond1_5, beyond3, present: sorted.length };
}
