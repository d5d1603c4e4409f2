// Class probabilities from an XGBoost model whatever its objective: multi:softmax and binary:logitraw
// return class indices or margins from predict, so those go through their margins here.
import type { FeatureMatrix } from '../matrix.ts';
import type { XGBoostModel } from '../xgboost/model.ts';
import { predictMargins, predictXGBoost } from '../xgboost/predict.ts';

/** The task a model's objective implies. */
export function taskOfObjective(objective: string): 'binary' | 'multiclass' | 'regression' {
  if (objective.startsWith('multi:')) return 'multiclass';
  if (objective.startsWith('binary:')) return 'binary';
  return 'regression';
}

/**
 * Predictions for evaluation: the positive-class probability per row (binary), nRows × nClass
 * probabilities (multiclass), or values (regression). `rounds` limits the trees used (e.g. to the best
 * iteration); defaults to all.
 */
export function predictForEvaluation(model: XGBoostModel, x: FeatureMatrix, rounds?: number): Float32Array {
  const range = rounds === undefined ? undefined : ([0, rounds] as const);
  if (model.objective === 'multi:softmax') {
    const m = predictMargins(model, x, range);
    const K = model.numClass;
    const out = new Float32Array(m.length);
    for (let i = 0; i < x.nRows; i++) {
      let max = -Infinity;
      for (let c = 0; c < K; c++) max = Math.max(max, m[i * K + c]);
      let sum = 0;
      for (let c = 0; c < K; c++) sum += Math.exp(m[i * K + c] - max);
      for (let c = 0; c < K; c++) out[i * K + c] = Math.exp(m[i * K + c] - max) / sum;
    }
    return out;
  }
  if (model.objective === 'binary:logitraw') {
    const m = predictMargins(model, x, range);
    return m.map((v) => 1 / (1 + Math.exp(-v)));
  }
  return predictXGBoost(model, x, { iterationRange: range });
}
