// Label metrics of anomaly scores at a threshold, as SageMaker RCF's eval_metrics report them for a
// labelled test set: a row is flagged as an anomaly when its score is above the threshold.

/** Accuracy, and precision, recall and F1 of the anomaly class (label 1). */
export interface AnomalyMetrics {
  /** Fraction of rows whose flag matches the label. */
  accuracy: number;
  /** Flagged rows that are anomalies / flagged rows; 0 when nothing is flagged. */
  precision: number;
  /** Flagged anomalies / anomalies; 0 when there are no anomalies. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

/**
 * Metrics of flagging `score > threshold` against `labels` (1 = anomaly, 0 = normal). Throws a RangeError
 * when the lengths differ, a label is neither 0 nor 1, or there are no rows.
 */
export function anomalyMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): AnomalyMetrics {
  if (scores.length !== labels.length) {
    throw new RangeError(`anomalyMetrics needs one label per score; got ${scores.length} scores and ${labels.length} labels`);
  }
  if (scores.length === 0) throw new RangeError('anomalyMetrics needs at least one scored row; got none');
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < scores.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`labels must be 0 (normal) or 1 (anomaly); labels[${i}] is ${y}`);
    const flagged = scores[i] > threshold;
    if (flagged) { if (y === 1) tp++; else fp++; } else if (y === 1) fn++; else tn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { accuracy: (tp + tn) / scores.length, precision, recall, f1 };
}

/** Mean and population standard deviation of `values`, in float64. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) { const d = values[i] - mean; ss += d * d; }
  return { mean, std: Math.sqrt(ss / n) };
}
