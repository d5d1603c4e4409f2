// What the results view and metrics.json show for one data set: headline metrics, the confusion matrix
// and curves for classification, residuals for regression. The metric kernels are XGBoost's own
// definitions (../metrics), so mlpad's numbers match the ones native XGBoost prints.
import { rocAuc } from '../metrics/auc.ts';
import { errorRate, logloss, mae, merror, mlogloss, rmse } from '../metrics/pointwise-metrics.ts';
import type { Task } from '../prepare/types.ts';
import { SeededRandom } from '../random.ts';
import { prCurve, rocCurve, type CurvePoint } from './curves.ts';
import { perClassMetrics, type PerClassMetrics } from './per-class.ts';

/** Most (actual, predicted) pairs kept for a residual plot. */
export const MAX_RESIDUALS = 1000;

export interface ClassificationEvaluation {
  task: 'binary' | 'multiclass';
  rows: number;
  /** ROC AUC (binary), or the unweighted mean of one-vs-rest AUCs (multiclass); NaN when a class is absent. */
  auc: number;
  /** Share of rows whose most probable class is the label (binary: p > 0.5 means the positive class). */
  accuracy: number;
  logloss: number;
  classes: string[];
  /** counts[actual][predicted]. */
  confusionMatrix: number[][];
  /** Binary only, at most 200 points each. */
  roc?: CurvePoint[];
  pr?: CurvePoint[];
  /** Precision, recall, F1 and support of each class, from the confusion matrix. */
  perClass: PerClassMetrics;
  /** Multiclass only: each class against the rest, in class order (curves empty and AUC NaN when a class is absent). */
  oneVsRest?: OneVsRest[];
}

/** One class against the rest: its ROC and precision–recall curves (at most 200 points each) and ROC AUC. */
export interface OneVsRest {
  roc: CurvePoint[];
  pr: CurvePoint[];
  auc: number;
}

export interface RegressionEvaluation {
  task: 'regression';
  rows: number;
  rmse: number;
  mae: number;
  /** 1 − SSres/SStot; NaN when the labels are constant. */
  r2: number;
  /** A seeded sample of at most 1000 rows for a residual plot. */
  residuals: { actual: number; predicted: number }[];
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;

function argmax(p: Float32Array, i: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
  return best;
}

function accuracyOf(labels: Float32Array, predicted: Int32Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) right++;
  return right / labels.length;
}

function classification(task: 'binary' | 'multiclass', labels: Float32Array, preds: Float32Array, classes: string[], predicted?: Int32Array): ClassificationEvaluation {
  const n = labels.length;
  const K = classes.length;
  const confusion = classes.map(() => new Array<number>(K).fill(0));
  if (task === 'binary') {
    for (let i = 0; i < n; i++) confusion[labels[i]][predicted ? predicted[i] : preds[i] > 0.5 ? 1 : 0]++;
    return {
      task, rows: n, auc: rocAuc(preds, labels), accuracy: predicted ? accuracyOf(labels, predicted) : 1 - errorRate(preds, labels), logloss: logloss(preds, labels),
      classes, confusionMatrix: confusion, roc: rocCurve(preds, labels), pr: prCurve(preds, labels), perClass: perClassMetrics(confusion.flat(), K),
    };
  }
  for (let i = 0; i < n; i++) confusion[labels[i]][predicted ? predicted[i] : argmax(preds, i, K)]++;
  let aucSum = 0, aucCount = 0;
  const p = new Float32Array(n), y = new Float32Array(n);
  const oneVsRest: OneVsRest[] = [];
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < n; i++) { p[i] = preds[i * K + c]; y[i] = labels[i] === c ? 1 : 0; }
    const a = rocAuc(p, y);
    if (a === a) { aucSum += a; aucCount++; }
    oneVsRest.push({ roc: rocCurve(p, y), pr: prCurve(p, y), auc: a });
  }
  return {
    task, rows: n, auc: aucCount > 0 ? aucSum / aucCount : NaN, accuracy: predicted ? accuracyOf(labels, predicted) : 1 - merror(preds, labels, K), logloss: mlogloss(preds, labels, K),
    classes, confusionMatrix: confusion, perClass: perClassMetrics(confusion.flat(), K), oneVsRest,
  };
}

function regression(labels: Float32Array, preds: Float32Array): RegressionEvaluation {
  const n = labels.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += labels[i];
  mean /= n;
  let ssTot = 0, ssRes = 0;
  for (let i = 0; i < n; i++) { ssTot += (labels[i] - mean) ** 2; ssRes += (labels[i] - preds[i]) ** 2; }
  const rows = Array.from({ length: n }, (_, i) => i);
  if (n > MAX_RESIDUALS) {
    const rng = new SeededRandom(0);
    for (let i = 0; i < MAX_RESIDUALS; i++) { const j = i + rng.nextInt(n - i); const t = rows[i]; rows[i] = rows[j]; rows[j] = t; }
    rows.length = MAX_RESIDUALS;
    rows.sort((a, b) => a - b);
  }
  return {
    task: 'regression', rows: n, rmse: rmse(preds, labels), mae: mae(preds, labels), r2: ssTot > 0 ? 1 - ssRes / ssTot : NaN,
    residuals: rows.map((i) => ({ actual: labels[i], predicted: preds[i] })),
  };
}

/**
 * Evaluates predictions against labels. Classification: `predictions` are positive-class probabilities
 * (binary, one per row) or nRows × nClass probabilities (multiclass), labels class indices, `classes`
 * required; `predicted` (class index per row) gives the model's own decisions for accuracy and the confusion
 * matrix, defaulting to p > 0.5 (binary) or the most probable class. Regression: predicted values. Throws
 * RangeError naming the argument on mismatched shapes.
 */
export function evaluate(task: Task, labels: Float32Array, predictions: Float32Array, classes?: readonly string[], predicted?: Int32Array): Evaluation {
  const n = labels.length;
  if (n === 0) throw new RangeError('labels must hold at least one row to evaluate');
  if (task === 'regression') {
    if (predictions.length !== n) throw new RangeError(`predictions has ${predictions.length} values but labels has ${n}`);
    return regression(labels, predictions);
  }
  if (task !== 'binary' && task !== 'multiclass') throw new RangeError(`task must be binary, multiclass or regression; got ${JSON.stringify(task)}`);
  const names = classes ? [...classes] : task === 'binary' ? ['0', '1'] : undefined;
  if (!names || names.length < 2) throw new RangeError(`classes must list at least two class labels for task ${task}`);
  if (task === 'binary' && names.length !== 2) throw new RangeError(`classes must have 2 labels for a binary task; got ${names.length}`);
  const width = task === 'binary' ? 1 : names.length;
  if (predictions.length !== n * width) {
    throw new RangeError(`predictions has ${predictions.length} values but ${n} rows × ${width} ${task === 'binary' ? 'probability' : 'class probabilities'} were expected`);
  }
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < names.length)) throw new RangeError(`labels[${i}] is ${y}; class indices must be integers in [0, ${names.length - 1}]`);
  }
  if (predicted && predicted.length !== n) throw new RangeError(`predicted has ${predicted.length} labels but labels has ${n}`);
  return classification(task, labels, predictions, names, predicted);
}

/** The headline numbers of an evaluation, as metrics.json holds them (NaN becomes null). */
export function summaryMetrics(e: Evaluation): Record<string, number | null> {
  const v = (x: number) => (Number.isFinite(x) ? x : null);
  return e.task === 'regression'
    ? { rmse: v(e.rmse), mae: v(e.mae), r2: v(e.r2), rows: e.rows }
    : { auc: v(e.auc), accuracy: v(e.accuracy), logloss: v(e.logloss), rows: e.rows };
}
