// The weight of each training row in each parallel model's loss: the data's row weight, times the class
// weight (balance_multiclass_weights), times the model's positive_example_weight_mult on positive rows.
import { SeededRandom } from '../random.ts';
import type { ModelSetting } from './model-grid.ts';
import type { LinearLearnerParams } from './params.ts';

/** Negatives ÷ positives by weight (positive_example_weight_mult balanced); 1 when a class is absent. */
export function balancedPositiveWeight(labels: Float32Array, weights?: Float32Array): number {
  let pos = 0, neg = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    if (labels[i] > 0.5) pos += w; else neg += w;
  }
  return pos > 0 && neg > 0 ? neg / pos : 1;
}

/** Per-class weights total ÷ (classes × class total), so each present class carries equal weight. */
export function balancedClassWeights(labels: Float32Array, classes: number, weights?: Float32Array): Float64Array {
  const totals = new Float64Array(classes);
  let all = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    totals[labels[i]] += w;
    all += w;
  }
  return totals.map((t) => (t > 0 ? all / (classes * t) : 0));
}

/** Row weights of every model, rows × models row-major. */
export function trainingWeights(labels: Float32Array, weights: Float32Array | undefined, settings: readonly ModelSetting[],
  p: LinearLearnerParams, classes: number): Float32Array {
  const M = settings.length;
  const out = new Float32Array(labels.length * M);
  const classWeight = p.balance_multiclass_weights ? balancedClassWeights(labels, classes, weights) : null;
  for (let i = 0; i < labels.length; i++) {
    const base = (weights ? weights[i] : 1) * (classWeight ? classWeight[labels[i]] : 1);
    const positive = p.predictor_type === 'binary_classifier' && labels[i] > 0.5;
    for (let m = 0; m < M; m++) out[i * M + m] = positive ? base * settings[m].positiveWeight : base;
  }
  return out;
}

/** Initial weights, rows × columns row-major: uniform in ±init_scale or normal with sd init_sigma (Box–Muller), seeded. */
export function initialWeights(rows: number, columns: number, p: LinearLearnerParams, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const out = new Float32Array(rows * columns);
  for (let i = 0; i < out.length; i++) {
    if (p.init_method === 'uniform') out[i] = (2 * rng.next() - 1) * p.init_scale;
    else out[i] = p.init_sigma * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  }
  return out;
}
