// k-NN in an exported module: the index rows themselves (the model is its training sample, base64 float32),
// the stored projection, and an exact float64 search (ties to the lower row), which is what
// src/lib/ml/knn/search-neighbours.ts certifies its tensor search against; then the vote or the average.
import type { KnnModel } from '../../ml/knn/knn-model.ts';
import { float32ToBase64 } from '../../ml/randomcutforest/base64.ts';
import type { ExportRuntime } from './types.ts';

function reduction(model: KnnModel) {
  const r = model.reduction;
  if (r === null) return null;
  if (r.type === 'sign') return { type: 'sign', target: r.target, inputDim: r.inputDim, signs: Array.from(r.signs) };
  return { type: 'fjlt', target: r.target, inputDim: r.inputDim, padded: r.padded, flips: Array.from(r.flips), coordinates: Array.from(r.coordinates) };
}

function params(model: KnnModel) {
  return {
    predictorType: model.predictorType, k: model.k, metric: model.metric, classes: model.classes,
    nRows: model.nRows, dim: model.dim, rows: float32ToBase64(model.rows), labels: float32ToBase64(model.labels),
    reduction: reduction(model),
  };
}

const SOURCE = String.raw`
const ROWS = b64f32(P.rows), YS = b64f32(P.labels);
const NORMS = new Float64Array(P.metric === 'COSINE' ? P.nRows : 0);
for (let i = 0; i < NORMS.length; i++) NORMS[i] = norm(ROWS, i * P.dim, P.dim);

function norm(a, o, d) {
  let s = 0;
  for (let j = 0; j < d; j++) s += a[o + j] * a[o + j];
  return Math.sqrt(s);
}

function project(x) {
  const r = P.reduction;
  if (r === null) return x;
  const t = r.target, d = r.inputDim, scale = 1 / Math.sqrt(t);
  const out = new Float32Array(t);
  if (r.type === 'sign') {
    const acc = new Float64Array(t);
    for (let j = 0; j < d; j++) for (let c = 0; c < t; c++) acc[c] += r.signs[j * t + c] * x[j];
    for (let c = 0; c < t; c++) out[c] = acc[c] * scale;
    return out;
  }
  const a = new Float64Array(r.padded);
  for (let j = 0; j < d; j++) a[j] = r.flips[j] * x[j];
  for (let h = 1; h < a.length; h *= 2) {
    for (let i = 0; i < a.length; i += 2 * h) {
      for (let j = i; j < i + h; j++) { const u = a[j], v = a[j + h]; a[j] = u + v; a[j + h] = u - v; }
    }
  }
  for (let c = 0; c < t; c++) out[c] = a[r.coordinates[c]] * scale;
  return out;
}

function nearness(q, qNorm, i) {
  const d = P.dim, base = i * d;
  let s = 0;
  if (P.metric === 'L2') {
    for (let j = 0; j < d; j++) { const diff = q[j] - ROWS[base + j]; s += diff * diff; }
    return -s;
  }
  for (let j = 0; j < d; j++) s += q[j] * ROWS[base + j];
  if (P.metric === 'INNER_PRODUCT') return s;
  return qNorm === 0 || NORMS[i] === 0 ? 0 : s / (qNorm * NORMS[i]);
}

// The k nearest rows, nearest first; a later row enters only when strictly nearer, so ties keep the lower row.
function nearest(q) {
  const k = P.k, idx = new Int32Array(k), val = new Float64Array(k);
  const qNorm = P.metric === 'COSINE' ? norm(q, 0, P.dim) : 0;
  let size = 0;
  for (let i = 0; i < P.nRows; i++) {
    const v = nearness(q, qNorm, i);
    if (size === k && !(v > val[k - 1])) continue;
    let p = size < k ? size++ : k - 1;
    while (p > 0 && v > val[p - 1]) { val[p] = val[p - 1]; idx[p] = idx[p - 1]; p--; }
    val[p] = v;
    idx[p] = i;
  }
  return idx;
}

function inferRows(X) {
  const k = P.k;
  return X.map((x) => {
    const q = Float64Array.from(project(x));
    const idx = nearest(q);
    if (P.predictorType === 'regressor') {
      let s = 0;
      for (let r = 0; r < k; r++) s += YS[idx[r]];
      return { score: f(s / k) };
    }
    const counts = new Int32Array(P.classes);
    for (let r = 0; r < k; r++) counts[YS[idx[r]]]++;
    let best = 0;
    for (let c = 1; c < P.classes; c++) if (counts[c] > counts[best]) best = c;
    return classRecord(best, Array.from(counts, (n) => f(n / k)));
  });
}
`;

export const knnRuntime: ExportRuntime<KnnModel> = { source: SOURCE, params, needsFinite: true };
