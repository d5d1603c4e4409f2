// Predictions as the CSV the studio offers for download: one row per held-out row, the actual value,
// the prediction and, for classification, the probability of each class.
import type { FeatureEncoding } from '../ml/prepare/types.ts';

/** One split's labels (class indices or values) and predictions (as predictForEvaluation returns them). */
export interface PredictionSet {
  split: string;
  labels: Float32Array;
  predictions: Float32Array;
}

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const num = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(7))) : '');

/** Header `split,actual,predicted[,probability_<class>…]` and one line per row of each set. */
export function predictionsCsv(encoding: FeatureEncoding, sets: PredictionSet[]): string {
  const classes = encoding.classes ?? [];
  const task = encoding.task;
  const probCols = task === 'binary' ? [classes[1] ?? '1'] : task === 'multiclass' ? classes : [];
  const lines = [['split', 'actual', 'predicted', ...probCols.map((c) => `probability_${c}`)].map(field).join(',')];
  for (const s of sets) {
    const K = task === 'multiclass' ? classes.length : 1;
    for (let i = 0; i < s.labels.length; i++) {
      if (task === 'regression') {
        lines.push(`${field(s.split)},${num(s.labels[i])},${num(s.predictions[i])}`);
        continue;
      }
      let best = 0;
      if (task === 'binary') best = s.predictions[i] > 0.5 ? 1 : 0;
      else for (let c = 1; c < K; c++) if (s.predictions[i * K + c] > s.predictions[i * K + best]) best = c;
      const probs = Array.from({ length: K }, (_, c) => num(s.predictions[i * K + c]));
      lines.push([field(s.split), field(classes[s.labels[i]] ?? ''), field(classes[best] ?? ''), ...probs].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
