// Regression metrics of Model Monitor's model quality job: mae, mse, rmse and r2 (scikit-learn's
// r2_score, which gives 1 for a perfect fit of a constant target and 0 for an imperfect one).
import { checkLength, type PointMetrics } from './quality-types.ts';

/** mae, mse, rmse, r2 of `predicted` against `actual` over the rows in `rows` (all rows when absent). */
export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>, rows?: ArrayLike<number>): PointMetrics {
  const n = rows ? rows.length : actual.length;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += actual[rows ? rows[k] : k];
  mean /= n;
  let abs = 0, sq = 0, tot = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    const e = actual[i] - predicted[i];
    abs += Math.abs(e);
    sq += e * e;
    tot += (actual[i] - mean) ** 2;
  }
  const mse = sq / n;
  const r2 = tot === 0 ? (sq === 0 ? 1 : 0) : 1 - sq / tot;
  return { mae: abs / n, mse, rmse: Math.sqrt(mse), r2 };
}

/** Throws naming the argument and row unless both columns are equally long, non-empty and finite. */
export function checkRegression(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  const n = checkLength('regression', 'actual', actual);
  checkLength('regression', 'predicted', predicted, n);
  for (const [name, col] of [['actual', actual], ['predicted', predicted]] as const) {
    for (let i = 0; i < n; i++) {
      if (typeof col[i] !== 'number' || !Number.isFinite(col[i])) throw new RangeError(`regression: '${name}' must hold finite numbers; row ${i} holds ${String(col[i])}`);
    }
  }
}
