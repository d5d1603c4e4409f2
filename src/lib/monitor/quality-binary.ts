// Binary classification metrics of Model Monitor's model quality job, labels 0 / 1 with 1 positive:
// the confusion matrix, precision, recall, accuracy, the four rates, auc, f0_5 / f1 / f2, and each one's
// value for the best constant classifier. Model Monitor's own example (SageMaker developer guide, "Model
// quality metrics") takes that classifier to be the one that always predicts 1: with one positive in four
// rows it writes recall 1, precision 0.25, accuracy 0.25, f1 0.4. auc is the area under the ROC curve of
// `probability` when given (scikit-learn's roc_auc_score, ties averaged), else of the predicted labels;
// NaN when `actual` holds one class only. A ratio with a zero denominator is 0 (scikit-learn's zero_division=0).
import { checkLength, fBeta, type ConfusionMatrix, type PointMetrics } from './quality-types.ts';

/** Counts of [true positive, false positive, false negative, true negative] over `rows` (all when absent). */
export function binaryCounts(actual: ArrayLike<number>, predicted: ArrayLike<number>, rows?: ArrayLike<number>): [number, number, number, number] {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const n = rows ? rows.length : actual.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    if (actual[i] === 1) { if (predicted[i] === 1) tp++; else fn++; } else if (predicted[i] === 1) fp++; else tn++;
  }
  return [tp, fp, fn, tn];
}

/** Area under the ROC curve by the rank-sum (Mann-Whitney) identity, tied scores sharing their mean rank. */
export function rocAuc(actual: ArrayLike<number>, score: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const n = rows ? rows.length : actual.length;
  const idx = Array.from({ length: n }, (_, k) => (rows ? rows[k] : k)).sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0, pos = 0;
  for (let k = 0; k < n;) {
    let e = k;
    while (e + 1 < n && score[idx[e + 1]] === score[idx[k]]) e++;
    const midRank = (k + e) / 2 + 1;
    for (let t = k; t <= e; t++) if (actual[idx[t]] === 1) { rankSumPos += midRank; pos++; }
    k = e + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Point metrics of one sample (see the file comment); `rows` restricts to a subsample. */
export function binaryMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>, probability?: ArrayLike<number>, rows?: ArrayLike<number>): PointMetrics {
  const [tp, fp, fn, tn] = binaryCounts(actual, predicted, rows);
  const n = tp + fp + fn + tn;
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  const positives = tp + fn;
  // the constant classifier that always says 1
  const cPrecision = ratio(positives, n), cRecall = positives > 0 ? 1 : 0;
  return {
    recall, precision, accuracy: ratio(tp + tn, n),
    recall_best_constant_classifier: cRecall, precision_best_constant_classifier: cPrecision, accuracy_best_constant_classifier: ratio(positives, n),
    true_positive_rate: recall, true_negative_rate: ratio(tn, tn + fp), false_positive_rate: ratio(fp, fp + tn), false_negative_rate: ratio(fn, fn + tp),
    auc: rocAuc(actual, probability ?? predicted, rows),
    f0_5: fBeta(precision, recall, 0.5), f1: fBeta(precision, recall, 1), f2: fBeta(precision, recall, 2),
    f0_5_best_constant_classifier: fBeta(cPrecision, cRecall, 0.5), f1_best_constant_classifier: fBeta(cPrecision, cRecall, 1), f2_best_constant_classifier: fBeta(cPrecision, cRecall, 2),
  };
}

/** confusion_matrix[actual][predicted] with both labels 0 and 1 present. */
export function binaryConfusion(actual: ArrayLike<number>, predicted: ArrayLike<number>): ConfusionMatrix {
  const [tp, fp, fn, tn] = binaryCounts(actual, predicted);
  return { 0: { 0: tn, 1: fp }, 1: { 0: fn, 1: tp } };
}

/** Throws naming the argument and row unless the columns are equally long, labels 0/1 and probabilities in [0, 1]. */
export function checkBinary(actual: ArrayLike<number>, predicted: ArrayLike<number>, probability?: ArrayLike<number>): void {
  const n = checkLength('binary classification', 'actual', actual);
  checkLength('binary classification', 'predicted', predicted, n);
  for (const [name, col] of [['actual', actual], ['predicted', predicted]] as const) {
    for (let i = 0; i < n; i++) {
      if (col[i] !== 0 && col[i] !== 1) throw new RangeError(`binary classification: '${name}' must hold labels 0 or 1; row ${i} holds ${String(col[i])}`);
    }
  }
  if (probability !== undefined) {
    checkLength('binary classification', 'probability', probability, n);
    for (let i = 0; i < n; i++) {
      const p = probability[i];
      if (!(p >= 0 && p <= 1)) throw new RangeError(`binary classification: 'probability' must hold numbers in [0, 1]; row ${i} holds ${String(p)}`);
    }
  }
}
