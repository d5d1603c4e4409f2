// Precision, recall and F1 of each class from a confusion matrix, with their macro (unweighted) and
// support-weighted averages, as scikit-learn's classification_report gives them (a ratio with nothing to
// divide, e.g. the precision of a class never predicted, is 0, sklearn's default zero_division).

/** Per-class metrics, one entry per class in index order. */
export interface PerClassMetrics {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  /** Rows whose actual class is this one. */
  support: Int32Array;
  /** Unweighted means over the classes. */
  macro: { precision: number; recall: number; f1: number };
  /** Means weighted by support. */
  weighted: { precision: number; recall: number; f1: number };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * Per-class metrics of the row-major `k` × `k` confusion matrix `counts` (row = actual, column = predicted).
 * Throws RangeError when `counts` does not hold k × k values.
 */
export function perClassMetrics(counts: ArrayLike<number>, k: number): PerClassMetrics {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer; got ${k}`);
  if (counts.length !== k * k) throw new RangeError(`counts has ${counts.length} values but k × k = ${k * k} were expected`);
  const precision = new Float64Array(k), recall = new Float64Array(k), f1 = new Float64Array(k), support = new Int32Array(k);
  const predicted = new Float64Array(k);
  for (let a = 0; a < k; a++) for (let p = 0; p < k; p++) { support[a] += counts[a * k + p]; predicted[p] += counts[a * k + p]; }
  let total = 0;
  const macro = { precision: 0, recall: 0, f1: 0 }, weighted = { precision: 0, recall: 0, f1: 0 };
  for (let c = 0; c < k; c++) {
    const tp = counts[c * k + c];
    precision[c] = ratio(tp, predicted[c]);
    recall[c] = ratio(tp, support[c]);
    f1[c] = ratio(2 * precision[c] * recall[c], precision[c] + recall[c]);
    macro.precision += precision[c] / k; macro.recall += recall[c] / k; macro.f1 += f1[c] / k;
    weighted.precision += precision[c] * support[c]; weighted.recall += recall[c] * support[c]; weighted.f1 += f1[c] * support[c];
    total += support[c];
  }
  for (const m of ['precision', 'recall', 'f1'] as const) weighted[m] = ratio(weighted[m], total);
  return { precision, recall, f1, support, macro, weighted };
}
