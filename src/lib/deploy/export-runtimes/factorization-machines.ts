// Factorization machines in an exported module: w0 + Σ wᵢxᵢ + ½ Σ_f [(Σᵢ v_{i,f} xᵢ)² − Σᵢ v_{i,f}² xᵢ²] over a
// row's non-zero features (ascending), with the products and float32 roundings of
// src/lib/ml/factorization-machines/slot-scores.ts on TensorFlow.js's CPU backend; σ for a binary classifier.
import type { FmModel } from '../../ml/factorization-machines/model.ts';
import { floatsToJson } from '../../ml/model-file.ts';
import type { ExportRuntime } from './types.ts';

function params(model: FmModel) {
  return { predictorType: model.predictorType, k: model.numFactors, nCols: model.nCols, bias: Math.fround(model.bias), linear: floatsToJson(model.linear), factors: floatsToJson(model.factors) };
}

const SOURCE = String.raw`
// Table rows [vᵢ, wᵢ] (k + 1 values) and their squares.
const K1 = P.k + 1;
const E = new Float32Array(P.nCols * K1), E2 = new Float32Array(P.nCols * K1);
for (let i = 0; i < P.nCols; i++) {
  for (let c = 0; c < P.k; c++) E[i * K1 + c] = P.factors[i * P.k + c];
  E[i * K1 + P.k] = P.linear[i];
}
for (let i = 0; i < E.length; i++) E2[i] = E[i] * E[i];
const HALF = new Float32Array(K1).fill(0.5), LIN = new Float32Array(K1);
HALF[P.k] = 0;
LIN[P.k] = 1;

function inferRows(X) {
  return X.map((x) => {
    const cols = [];
    for (let j = 0; j < x.length; j++) if (x[j] !== 0) cols.push(j);
    const m = cols.length;
    const xv = new Float32Array(m), x2 = new Float32Array(m), rowsE = new Float32Array(m * K1), rowsE2 = new Float32Array(m * K1);
    for (let s = 0; s < m; s++) {
      xv[s] = x[cols[s]];
      x2[s] = xv[s] * xv[s];
      rowsE.set(E.subarray(cols[s] * K1, cols[s] * K1 + K1), s * K1);
      rowsE2.set(E2.subarray(cols[s] * K1, cols[s] * K1 + K1), s * K1);
    }
    const sums = new Float32Array(K1), diff = new Float32Array(K1);
    for (let c = 0; c < K1; c++) {
      sums[c] = dotBlocked(xv, 0, 1, rowsE, c, K1, m);
      const q = dotBlocked(x2, 0, 1, rowsE2, c, K1, m);
      diff[c] = f(sums[c] * sums[c]) - q;
    }
    const score = f(dotBlocked(diff, 0, 1, HALF, 0, 1, K1) + dotBlocked(sums, 0, 1, LIN, 0, 1, K1));
    const z = f(score + P.bias);
    if (P.predictorType === 'regressor') return { score: z };
    const p = f(1 / (1 + Math.exp(-z)));
    return classRecord(p > 0.5 ? 1 : 0, [f(1 - p), p]);
  });
}
`;

export const factorizationMachinesRuntime: ExportRuntime<FmModel> = { source: SOURCE, params, needsFinite: true };
