// An Autopilot objective (SageMaker's MetricName) computed from a model's outputs, the same way for a single
// model, a bagged model and the stacked ensemble, so the leaderboard compares like with like; and the map
// from an Autopilot objective to the per-algorithm tuning metric ("validation:f1") a tuning job follows.
import type { Inference } from '../ml/estimator.ts';
import { multiclassRocAuc, rocAuc } from '../ml/metrics/auc.ts';
import { AutopilotError } from './errors.ts';
import { objectiveInfo, type ObjectiveMetric, type ProblemType } from './objectives.ts';

/** Predictions in the leaderboard's terms: classification probabilities (and labels) or regression scores. */
export type Predictions =
  | { kind: 'classification'; classes: number; /** nRows × classes row-major (binary: 2 columns). */ probabilities: Float64Array; predictedLabel: Int32Array }
  | { kind: 'regression'; score: Float64Array };

/** A model's Inference as Predictions (binary probabilities widened to two columns). */
export function predictionsOf(inference: Inference): Predictions {
  if (inference.kind === 'regression') return { kind: 'regression', score: Float64Array.from(inference.score) };
  if (inference.kind !== 'classification') throw new AutopilotError(`a candidate gave ${inference.kind} outputs; Autopilot needs classification or regression`);
  const n = inference.predictedLabel.length, k = inference.classes;
  const p = new Float64Array(n * k);
  if (k === 2 && inference.probabilities.length === n) {
    for (let i = 0; i < n; i++) { p[2 * i + 1] = inference.probabilities[i]; p[2 * i] = 1 - inference.probabilities[i]; }
  } else p.set(inference.probabilities);
  return { kind: 'classification', classes: k, probabilities: p, predictedLabel: Int32Array.from(inference.predictedLabel) };
}

function confusion(pred: Int32Array, labels: Float32Array, k: number): Float64Array {
  const m = new Float64Array(k * k);
  for (let i = 0; i < labels.length; i++) m[labels[i] * k + pred[i]]++;
  return m;
}

/** Per-class precision, recall, F1 from a k × k confusion matrix (actual × predicted); 0 where undefined. */
function perClass(m: Float64Array, k: number) {
  const precision: number[] = [], recall: number[] = [], f1: number[] = [];
  for (let c = 0; c < k; c++) {
    let tp = m[c * k + c], col = 0, row = 0;
    for (let j = 0; j < k; j++) { col += m[j * k + c]; row += m[c * k + j]; }
    tp = tp || 0;
    const p = col > 0 ? tp / col : 0, r = row > 0 ? tp / row : 0;
    precision.push(p); recall.push(r); f1.push(p + r > 0 ? (2 * p * r) / (p + r) : 0);
  }
  return { precision, recall, f1 };
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

/** The value of `objective` for `predictions` against `labels` (class indices or target values). */
export function objectiveScore(objective: ObjectiveMetric, predictions: Predictions, labels: Float32Array): number {
  const n = labels.length;
  if (n === 0) return NaN;
  if (predictions.kind === 'regression') {
    const s = predictions.score;
    let se = 0, ae = 0, my = 0;
    for (let i = 0; i < n; i++) { const d = s[i] - labels[i]; se += d * d; ae += Math.abs(d); my += labels[i]; }
    my /= n;
    let tot = 0;
    for (let i = 0; i < n; i++) tot += (labels[i] - my) ** 2;
    switch (objective) {
      case 'MSE': return se / n;
      case 'RMSE': return Math.sqrt(se / n);
      case 'MAE': return ae / n;
      case 'R2': return tot > 0 ? 1 - se / tot : NaN;
      default: throw new AutopilotError(`objective ${objective} does not apply to regression predictions`);
    }
  }
  const { classes: k, probabilities: p, predictedLabel } = predictions;
  const m = confusion(predictedLabel, labels, k);
  const pc = perClass(m, k);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += m[c * k + c];
  switch (objective) {
    case 'Accuracy': return correct / n;
    case 'BalancedAccuracy': return mean(pc.recall);
    case 'F1': return pc.f1[1];
    case 'Precision': return pc.precision[1];
    case 'Recall': return pc.recall[1];
    case 'F1macro': return mean(pc.f1);
    case 'PrecisionMacro': return mean(pc.precision);
    case 'RecallMacro': return mean(pc.recall);
    case 'AUC': {
      if (k === 2) return rocAuc(Float32Array.from({ length: n }, (_, i) => p[2 * i + 1]), labels);
      return multiclassRocAuc(Float32Array.from(p), labels, k);
    }
    case 'LogLoss': {
      let s = 0;
      for (let i = 0; i < n; i++) s -= Math.log(Math.min(1, Math.max(1e-15, p[i * k + labels[i]])));
      return s / n;
    }
    default: throw new AutopilotError(`objective ${objective} does not apply to classification predictions`);
  }
}

/** Whether a larger value of `objective` is better. */
export function maximizes(objective: ObjectiveMetric): boolean {
  return objectiveInfo(objective)!.direction === 'Maximize';
}

/** Whether `a` is a better value of `objective` than `b` (NaN is never better). */
export function better(objective: ObjectiveMetric, a: number, b: number): boolean {
  if (!Number.isFinite(a)) return false;
  if (!Number.isFinite(b)) return true;
  return maximizes(objective) ? a > b : a < b;
}

/**
 * The tuning metric that follows `objective` on the validation channel, as the tuning job's
 * finalMetrics names it: Accuracy → validation:accuracy, AUC → validation:auc, F1 → validation:f1,
 * Precision → validation:precision, Recall → validation:recall, LogLoss → validation:logloss,
 * F1macro / PrecisionMacro / RecallMacro → validation:f1 / :precision / :recall (macro for multiclass),
 * BalancedAccuracy (multiclass) → validation:recall (the mean per-class recall is balanced accuracy),
 * MSE → validation:mse, RMSE → validation:rmse, MAE → validation:mae, R2 → validation:r2.
 * Throws for BalancedAccuracy on a binary problem, which no per-algorithm metric reports.
 */
export function tuningMetric(objective: ObjectiveMetric, problemType: ProblemType): string {
  const map: Partial<Record<ObjectiveMetric, string>> = {
    Accuracy: 'accuracy', AUC: 'auc', F1: 'f1', Precision: 'precision', Recall: 'recall', LogLoss: 'logloss',
    F1macro: 'f1', PrecisionMacro: 'precision', RecallMacro: 'recall', MSE: 'mse', RMSE: 'rmse', MAE: 'mae', R2: 'r2',
    ...(problemType === 'MulticlassClassification' ? { BalancedAccuracy: 'recall' } : {}),
  };
  const metric = map[objective];
  if (metric === undefined) {
    throw new AutopilotError(`objective ${objective} has no per-algorithm tuning metric for ${problemType}, so HYPERPARAMETER_TUNING cannot follow it; choose Mode ENSEMBLING or another objective (Accuracy, AUC, F1, Precision, Recall, LogLoss)`);
  }
  return `validation:${metric}`;
}
