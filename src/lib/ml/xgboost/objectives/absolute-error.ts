// reg:absoluteerror: grad = sign(p − y)·w, hess = w; base_score defaults to the (weighted) median label,
// and after each tree is grown every leaf is set to the median residual y − p of its rows (XGBoost 1.7's
// adaptive leaves; note 1.7 does not scale these leaves by eta).
import type { Objective } from '../objective.ts';
import type { RowPartition } from '../row-partition.ts';
import type { Tree } from '../tree.ts';

const f = Math.fround;

/** common::Quantile / WeightedQuantile of `values[0..n)` (float32 result). */
export function quantile(alpha: number, values: Float32Array, weights: Float32Array | null): number {
  const n = values.length;
  if (n === 0) return NaN;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  if (weights) {
    const cdf = new Float32Array(n);
    cdf[0] = weights[idx[0]];
    for (let i = 1; i < n; i++) cdf[i] = cdf[i - 1] + weights[idx[i]];
    const thresh = f(cdf[n - 1] * alpha);
    let k = 0;
    while (k < n && cdf[k] < thresh) k++;
    return values[idx[Math.min(k, n - 1)]];
  }
  if (alpha <= 1 / (n + 1)) return values[idx[0]];
  if (alpha >= n / (n + 1)) return values[idx[n - 1]];
  const x = alpha * (n + 1);
  const k = Math.floor(x) - 1;
  const d = x - 1 - k;
  const v0 = values[idx[k]], v1 = values[idx[k + 1]];
  return f(v0 + d * (v1 - v0));
}

/**
 * Sets each leaf of `tree` to the alpha-quantile of y − margin over its rows with non-zero hessian
 * (rows sampled out have hessian 0), keeping the grown value for a leaf with no such rows.
 */
export function refitLeaves(
  tree: Tree, partition: RowPartition, margins: Float32Array, labels: Float32Array,
  weights: Float32Array | undefined, hess: Float32Array, alpha: number,
): void {
  for (let nid = 0; nid < tree.nNodes; nid++) {
    if (tree.left[nid] !== -1) continue;
    const b = partition.begin[nid], e = partition.end[nid];
    const r = new Float32Array(e - b);
    const w = weights ? new Float32Array(e - b) : null;
    let m = 0;
    for (let i = b; i < e; i++) {
      const row = partition.rows[i];
      if (hess[row] === 0) continue;
      if (w) w[m] = weights![row];
      r[m++] = f(labels[row] - margins[row]);
    }
    if (m === 0) continue;
    tree.threshold[nid] = quantile(alpha, r.subarray(0, m), w ? w.subarray(0, m) : null);
  }
}

export function absoluteError(): Objective {
  return {
    name: 'reg:absoluteerror',
    nGroups: 1,
    predWidth: 1,
    defaultMetric: 'mae',
    adaptiveLeaves: true,
    checkLabels() {},
    baseMargin: (b) => f(b),
    estimateBaseScore: (y, w) => quantile(0.5, y, w ?? null),
    gradient(m, y, w, grad, hess) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i] : 1;
        const d = m[i] - y[i];
        grad[i] = f((d > 0 ? 1 : d < 0 ? -1 : 0) * wi);
        hess[i] = wi;
      }
    },
    evalTransform: (m) => m.slice(),
    predTransform: (m) => m.slice(),
  };
}
