// Per-epoch metrics under SageMaker's factorization-machines names (without the "train:" / "test:"
// prefix): rmse for a regressor; accuracy, cross entropy and F1 at threshold 0.5 for a binary classifier.
import type { MetricValues } from '../estimator.ts';
import { errorRate, logloss, rmse } from '../metrics/pointwise-metrics.ts';

/** F1 (β = 1) of predicting 1 when p > 0.5, weighted; 0 when there are no true positives. */
function fBeta(probs: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    const predicted = probs[i] > 0.5;
    if (predicted && labels[i] === 1) tp += w;
    else if (predicted) fp += w;
    else if (labels[i] === 1) fn += w;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Metrics of predictions `pred` (probabilities when `binary`) against `labels`. */
export function roundMetrics(pred: Float32Array, labels: Float32Array, weights: Float32Array | undefined, binary: boolean): MetricValues {
  if (!binary) return { rmse: rmse(pred, labels, weights) };
  return {
    binary_classification_accuracy: 1 - errorRate(pred, labels, weights),
    binary_classification_cross_entropy: logloss(pred, labels, weights),
    binary_f_beta: fBeta(pred, labels, weights),
  };
}
