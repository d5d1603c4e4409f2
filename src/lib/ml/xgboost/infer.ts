// What an XGBoost model outputs, whatever its objective: class probabilities (multi:softmax and
// binary:logitraw through their margins), values, and SageMaker's inference fields. After early stopping a
// model predicts with the rounds up to its best iteration, as XGBoost's scikit-learn API and SageMaker do.
import type { Inference, Task } from '../estimator.ts';
import { validateFeatureMatrix, type FeatureMatrix } from '../matrix.ts';
import type { XGBoostModel } from './model.ts';
import { predictMargins, predictXGBoost } from './predict.ts';

/** The task an objective implies. */
export function taskOfObjective(objective: string): Task {
  if (objective.startsWith('multi:')) return 'multiclass';
  if (objective.startsWith('binary:')) return 'binary';
  return 'regression';
}

/** Rounds a model predicts with: up to the best iteration after early stopping, else all. */
export function predictionRounds(model: XGBoostModel): number | undefined {
  return model.bestScore !== undefined && model.bestIteration !== undefined ? model.bestIteration + 1 : undefined;
}

/**
 * Class probabilities (binary: the positive class's), or values for regression, whatever the objective:
 * multi:softmax and binary:logitraw go through their margins. `rounds` limits the trees used; defaults to all.
 */
export function predictProbabilities(model: XGBoostModel, x: FeatureMatrix, rounds?: number): Float32Array {
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
  if (model.objective === 'binary:logitraw') return predictMargins(model, x, range).map((v) => 1 / (1 + Math.exp(-v)));
  return predictXGBoost(model, x, { iterationRange: range });
}

export function inferXGBoost(model: XGBoostModel, x: FeatureMatrix): Inference {
  validateFeatureMatrix(x, 'features');
  const p = predictProbabilities(model, x, predictionRounds(model));
  const task = taskOfObjective(model.objective);
  if (task === 'regression') return { kind: 'regression', score: p };
  const n = x.nRows;
  const label = new Int32Array(n);
  if (task === 'binary') {
    for (let i = 0; i < n; i++) label[i] = p[i] > 0.5 ? 1 : 0;
    return { kind: 'classification', predictedLabel: label, probabilities: p, classes: 2 };
  }
  const K = model.numClass;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < K; c++) if (p[i * K + c] > p[i * K + best]) best = c;
    label[i] = best;
  }
  return { kind: 'classification', predictedLabel: label, probabilities: p, classes: K };
}

