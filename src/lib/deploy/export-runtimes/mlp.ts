// The multilayer perceptron in an exported module: feature standardisation, affine layers with optional
// batch normalisation (moving statistics) and the hidden activation, then σ, softmax or the label scaling
// back, with the float32 roundings of src/lib/ml/mlp/infer.ts and forward.ts on TensorFlow.js's CPU backend.
import { floatsToJson } from '../../ml/model-file.ts';
import { BATCH_NORM_EPSILON, type MlpModel } from '../../ml/mlp/model.ts';
import type { ExportRuntime } from './types.ts';

function params(model: MlpModel) {
  return {
    predictorType: model.predictorType,
    classes: model.classes,
    activation: model.activation,
    featureMean: model.featureMean ? floatsToJson(model.featureMean) : null,
    featureScale: model.featureScale ? floatsToJson(model.featureScale) : null,
    labelMean: model.labelMean,
    labelScale: model.labelScale,
    epsilon: BATCH_NORM_EPSILON,
    layers: model.layers.map((l) => ({
      nIn: l.nIn, nOut: l.nOut, weights: floatsToJson(l.weights), bias: floatsToJson(l.bias),
      batchNorm: l.batchNorm ? {
        gamma: floatsToJson(l.batchNorm.gamma), beta: floatsToJson(l.batchNorm.beta),
        mean: floatsToJson(l.batchNorm.movingMean), variance: floatsToJson(l.batchNorm.movingVariance),
      } : null,
    })),
  };
}

const SOURCE = String.raw`
const EPS = f(P.epsilon);
const LAYERS = P.layers.map((l) => ({
  nIn: l.nIn, nOut: l.nOut, w: Float32Array.from(l.weights), b: l.batchNorm ? null : Float32Array.from(l.bias),
  bn: l.batchNorm ? { gamma: Float32Array.from(l.batchNorm.gamma), beta: Float32Array.from(l.batchNorm.beta),
    mean: Float32Array.from(l.batchNorm.mean), sd: Float32Array.from(l.batchNorm.variance, (v) => f(Math.sqrt(f(v + EPS)))) } : null,
}));
const MEAN = P.featureMean && Float32Array.from(P.featureMean), SCALE = P.featureScale && Float32Array.from(P.featureScale);

function activate(v) {
  switch (P.activation) {
    case 'relu': return Math.max(0, v);
    case 'tanh': return f(Math.tanh(v));
    case 'logistic': return f(1 / (1 + Math.exp(-v)));
    default: return v;
  }
}

function inferRows(X) {
  return X.map((x) => {
    let h = new Float32Array(x.length);
    for (let j = 0; j < x.length; j++) h[j] = MEAN && SCALE ? (x[j] - MEAN[j]) / SCALE[j] : x[j];
    for (let l = 0; l < LAYERS.length; l++) {
      const { nIn, nOut, w, b, bn } = LAYERS[l];
      const z = new Float32Array(nOut);
      for (let o = 0; o < nOut; o++) {
        let v = dotBlocked(h, 0, 1, w, o, nOut, nIn);
        if (b) v = f(v + b[o]);
        if (l < LAYERS.length - 1) {
          if (bn) v = f(f(f(f(v - bn.mean[o]) / bn.sd[o]) * bn.gamma[o]) + bn.beta[o]);
          v = activate(v);
        }
        z[o] = v;
      }
      h = z;
    }
    if (P.predictorType === 'regressor') return { score: f(h[0] * P.labelScale + P.labelMean) };
    if (P.predictorType === 'binary_classifier') {
      const p = f(1 / (1 + Math.exp(-h[0])));
      return classRecord(p > 0.5 ? 1 : 0, [f(1 - p), p]);
    }
    let max = h[0];
    for (let c = 1; c < h.length; c++) max = Math.max(max, h[c]);
    const e = Array.from(h, (v) => f(Math.exp(f(v - max))));
    let sum = 0;
    for (const v of e) sum += v;
    const s = f(sum);
    const probs = e.map((v) => f(v / s));
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
    return classRecord(best, probs);
  });
}
`;

export const mlpRuntime: ExportRuntime<MlpModel> = { source: SOURCE, params, needsFinite: true };
