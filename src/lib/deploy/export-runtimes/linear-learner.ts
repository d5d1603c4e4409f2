// linear-learner in an exported module: the kept model's feature scaling, weights and bias, and its output
// rule (σ with the chosen threshold, softmax with arg-max, or the label scaling back), computed as
// src/lib/ml/linear-learner/model.ts does on TensorFlow.js's CPU backend (float32 after every op).
import { floatsToJson } from '../../ml/model-file.ts';
import type { LinearLearnerModel } from '../../ml/linear-learner/model.ts';
import type { ExportRuntime } from './types.ts';

function params(model: LinearLearnerModel) {
  return {
    predictorType: model.predictorType,
    nCols: model.nCols,
    outputs: model.outputs,
    shift: floatsToJson(model.featureShift),
    scale: floatsToJson(model.featureScale),
    weights: floatsToJson(model.weights),
    bias: floatsToJson(model.bias),
    labelShift: model.labelShift,
    labelScale: model.labelScale,
    threshold: model.threshold,
  };
}

const SOURCE = String.raw`
const SHIFT = Float32Array.from(P.shift), SCALE = Float32Array.from(P.scale);
const W = Float32Array.from(P.weights), BIAS = Float32Array.from(P.bias);

function inferRows(X) {
  const d = P.nCols, k = P.outputs;
  const xs = new Float32Array(d);
  return X.map((x) => {
    for (let j = 0; j < d; j++) xs[j] = (x[j] - SHIFT[j]) / SCALE[j];
    const z = new Float32Array(k);
    for (let c = 0; c < k; c++) z[c] = f(dotBlocked(xs, 0, 1, W, c, k, d) + BIAS[c]);
    if (P.predictorType === 'regressor') return { score: f(z[0] * P.labelScale + P.labelShift) };
    if (P.predictorType === 'binary_classifier') {
      const p = f(1 / (1 + Math.exp(-z[0])));
      return classRecord(p >= P.threshold ? 1 : 0, [f(1 - p), p]);
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (z[c] > z[best]) best = c;
    const top = z[best];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[c] - top);
    const probs = new Array(k);
    for (let c = 0; c < k; c++) probs[c] = f(Math.exp(z[c] - top) / sum);
    return classRecord(best, probs);
  });
}
`;

export const linearLearnerRuntime: ExportRuntime<LinearLearnerModel> = { source: SOURCE, params, needsFinite: true };
