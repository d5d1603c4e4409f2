// A binary classifier at a chosen decision threshold: the confusion matrix and the metrics it implies, from
// positive-class scores and 0/1 labels. One typed-array pass per threshold, so the results view can move a
// threshold slider live over 100,000 held-out rows; and the seeded sample of rows the view keeps for it.
import { SeededRandom } from '../random.ts';

/** Most rows of a split whose scores and labels a result keeps for the threshold control. */
export const MAX_THRESHOLD_ROWS = 100_000;

/** Accuracy, precision, recall and F1 of the positive class at a threshold (0 where a ratio has nothing to divide). */
export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * The 2 × 2 confusion matrix [tn, fp, fn, tp] (row = actual, column = predicted) when a row is predicted
 * positive if its score is at least `threshold`; written into `out` when given. O(n), no allocation with `out`.
 */
export function confusionAt(scores: Float32Array, labels: Uint8Array, threshold: number, out = new Int32Array(4)): Int32Array {
  if (scores.length !== labels.length) throw new RangeError(`scores has ${scores.length} values but labels has ${labels.length}`);
  let tn = 0, fp = 0, fn = 0, tp = 0;
  for (let i = 0; i < scores.length; i++) {
    const positive = scores[i] >= threshold;
    if (labels[i] === 1) { if (positive) tp++; else fn++; } else if (positive) fp++; else tn++;
  }
  out[0] = tn; out[1] = fp; out[2] = fn; out[3] = tp;
  return out;
}

/** The metrics of the 2 × 2 confusion matrix [tn, fp, fn, tp]. */
export function binaryMetricsAt(confusion: ArrayLike<number>): BinaryMetrics {
  const [tn, fp, fn, tp] = [confusion[0], confusion[1], confusion[2], confusion[3]];
  const n = tn + fp + fn + tp;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { accuracy: n > 0 ? (tp + tn) / n : 0, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * Positive-class scores and 0/1 labels of at most `max` rows (all of them when there are no more, otherwise a
 * seeded sample in row order), in fresh buffers of their own so that a worker can transfer them.
 */
export function thresholdSample(scores: Float32Array, labels: Float32Array, max = MAX_THRESHOLD_ROWS): { scores: Float32Array; labels: Uint8Array } {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`scores has ${n} values but labels has ${labels.length}`);
  if (n <= max) return { scores: scores.slice(), labels: Uint8Array.from(labels, (y) => (y === 1 ? 1 : 0)) };
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const rng = new SeededRandom(0);
  for (let i = 0; i < max; i++) { const j = i + rng.nextInt(n - i); const t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
  const kept = idx.subarray(0, max).sort();
  const s = new Float32Array(max), y = new Uint8Array(max);
  for (let k = 0; k < max; k++) { s[k] = scores[kept[k]]; y[k] = labels[kept[k]] === 1 ? 1 : 0; }
  return { scores: s, labels: y };
}
