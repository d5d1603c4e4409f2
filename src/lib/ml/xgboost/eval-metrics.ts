// XGBoost's eval_metric names, mapped onto the metric kernels. Predictions are what the objective's
// evalTransform produces (probabilities, or the mean for regression).
import { multiclassRocAuc, prAuc, rocAuc } from '../metrics/auc.ts';
import { errorRate, logloss, mae, merror, mlogloss, poissonNegLogLik, rmse } from '../metrics/pointwise-metrics.ts';

export const EVAL_METRICS = ['rmse', 'mae', 'logloss', 'error', 'auc', 'aucpr', 'mlogloss', 'merror', 'poisson-nloglik'] as const;
export type EvalMetricName = (typeof EVAL_METRICS)[number];

/** Metrics where larger is better (early stopping maximises them). */
export function maximizes(metric: string): boolean {
  return metric === 'auc' || metric === 'aucpr';
}

/** Which metrics make sense for a task with `nClass` classes (0 = not multi-class). */
export function checkMetricForTask(metric: EvalMetricName, objective: string, nClass: number): void {
  const multi = nClass > 0;
  const binary = objective.startsWith('binary:') || objective === 'reg:logistic';
  if ((metric === 'mlogloss' || metric === 'merror') && !multi) {
    throw new RangeError(`eval_metric ${metric} needs a multi:softprob or multi:softmax objective; got ${objective}`);
  }
  if ((metric === 'logloss' || metric === 'error' || metric === 'aucpr') && !binary) {
    throw new RangeError(`eval_metric ${metric} needs a binary:* or reg:logistic objective; got ${objective}`);
  }
  if (metric === 'auc' && !binary && !multi) {
    throw new RangeError(`eval_metric auc needs a classification objective (binary:* or multi:*); got ${objective}`);
  }
}

/** Evaluates `metric` on predictions `preds` (nRows × max(1, nClass)). */
export function evalMetric(metric: EvalMetricName, preds: Float32Array, labels: Float32Array, nClass: number, weights?: Float32Array): number {
  switch (metric) {
    case 'rmse': return rmse(preds, labels, weights);
    case 'mae': return mae(preds, labels, weights);
    case 'logloss': return logloss(preds, labels, weights);
    case 'error': return errorRate(preds, labels, weights);
    case 'auc': return nClass > 0 ? multiclassRocAuc(preds, labels, nClass, weights) : rocAuc(preds, labels, weights);
    case 'aucpr': return prAuc(preds, labels, weights);
    case 'mlogloss': return mlogloss(preds, labels, nClass, weights);
    case 'merror': return merror(preds, labels, nClass, weights);
    case 'poisson-nloglik': return poissonNegLogLik(preds, labels, weights);
  }
}
