// Weighted mean-of-row-loss metrics with XGBoost 1.7's definitions (src/metric/elementwise_metric.cu
// and multiclass_metric.cu): every one is Σ w·loss / Σ w, accumulated in double.

const EPS = Math.fround(1e-16);

function weightedMean(n: number, weights: Float32Array | undefined, loss: (i: number) => number): number {
  let s = 0, sw = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    s += w * loss(i);
    sw += w;
  }
  return sw === 0 ? NaN : s / sw;
}

/**
 * Σ of the unweighted binary log loss of rows [lo, hi), in row order: one log per 0/1 label (the other term
 * is ±0, so the sum is the same to the bit), the general formula otherwise. Self-contained (the histogram
 * pool's workers run its source text; see metric-chunks.ts).
 */
export function loglossRows(probs: Float32Array, labels: Float32Array, lo: number, hi: number): number {
  const eps = Math.fround(1e-16), top = 1 - eps;
  let s = 0;
  for (let i = lo; i < hi; i++) {
    const py = probs[i], y = labels[i];
    const pneg = Math.fround(1 - py);
    if (y === 1) s -= Math.log(py < eps ? eps : pneg < eps ? top : py);
    else if (y === 0) s -= Math.log(py < eps ? top : pneg < eps ? eps : pneg);
    else if (py < eps) s += -y * Math.log(eps) - (1 - y) * Math.log(top);
    else if (pneg < eps) s += -y * Math.log(top) - (1 - y) * Math.log(eps);
    else s += -y * Math.log(py) - (1 - y) * Math.log(pneg);
  }
  return s;
}

/** Root mean squared error. */
export function rmse(preds: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  return Math.sqrt(weightedMean(labels.length, weights, (i) => (labels[i] - preds[i]) ** 2));
}

/** Mean absolute error. */
export function mae(preds: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  return weightedMean(labels.length, weights, (i) => Math.abs(labels[i] - preds[i]));
}

/** Binary log loss of probabilities, clipped to [1e-16, 1 − 1e-16]. */
export function logloss(probs: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  if (!weights) return labels.length === 0 ? NaN : loglossRows(probs, labels, 0, labels.length) / labels.length;
  return weightedMean(labels.length, weights, (i) => {
    const py = probs[i], y = labels[i];
    const pneg = Math.fround(1 - py);
    if (py < EPS) return -y * Math.log(EPS) - (1 - y) * Math.log(1 - EPS);
    if (pneg < EPS) return -y * Math.log(1 - EPS) - (1 - y) * Math.log(EPS);
    return -y * Math.log(py) - (1 - y) * Math.log(pneg);
  });
}

/** Binary error rate: a row is predicted 1 when its probability exceeds `threshold` (default 0.5). */
export function errorRate(probs: Float32Array, labels: Float32Array, weights?: Float32Array, threshold = 0.5): number {
  return weightedMean(labels.length, weights, (i) => (probs[i] > threshold ? 1 - labels[i] : labels[i]));
}

/** Multi-class log loss of nRows × nClass probabilities against class-index labels. */
export function mlogloss(probs: Float32Array, labels: Float32Array, nClass: number, weights?: Float32Array): number {
  return weightedMean(labels.length, weights, (i) => -Math.log(Math.max(probs[i * nClass + labels[i]], EPS)));
}

/** Multi-class error rate: the arg-max class (first on ties) differs from the label. */
export function merror(probs: Float32Array, labels: Float32Array, nClass: number, weights?: Float32Array): number {
  return weightedMean(labels.length, weights, (i) => {
    let best = 0;
    for (let c = 1; c < nClass; c++) if (probs[i * nClass + c] > probs[i * nClass + best]) best = c;
    return best === labels[i] ? 0 : 1;
  });
}

/** log Γ(x) for x > 0 (Lanczos, g = 7), for the Poisson likelihood. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Poisson negative log-likelihood of predicted means. */
export function poissonNegLogLik(preds: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  return weightedMean(labels.length, weights, (i) => {
    const py = Math.max(preds[i], EPS), y = labels[i];
    return logGamma(y + 1) + py - Math.log(py) * y;
  });
}
