// The one predictions CSV: `mlpad predict` writes it for a data file, and the studio offers it for the
// held-out rows (with the row number, split and actual value in front). Columns are SageMaker's inference
// field names: predicted_label and probability_<class> (classification), score (regression, anomaly),
// closest_cluster and distance_to_cluster (k-means), projection_1…N (PCA).
import type { Inference } from '../ml/estimator.ts';
import type { FeatureEncoding } from '../ml/prepare/types.ts';

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Shortest decimal that reads back as the same float32 (what the model computed, no float64 noise); NaN is
 * empty. Most float32 model outputs need 8 significant digits, so the search starts there and goes down
 * (or up to 9): if p digits read back, so do p + 1, whose nearest decimal is at least as close.
 */
export function formatFloat32(v: number): string {
  const x = Math.fround(v);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : String(x);
  let best = x.toPrecision(8);
  if (Math.fround(Number(best)) !== x) {
    best = x.toPrecision(9);
    return Math.fround(Number(best)) === x ? String(Number(best)) : String(x);
  }
  for (let p = 7; p >= 1; p--) {
    const shorter = x.toPrecision(p);
    if (Math.fround(Number(shorter)) !== x) break;
    best = shorter;
  }
  return String(Number(best));
}

/** Class names of a classifier: the encoding's, else 0…K−1 (a native XGBoost model has no names). */
function classNames(inference: Extract<Inference, { kind: 'classification' }>, encoding: FeatureEncoding | undefined): string[] {
  return encoding?.classes ?? Array.from({ length: inference.classes }, (_, k) => String(k));
}

/** The inference columns' header names. */
export function inferenceHeader(inference: Inference, encoding?: FeatureEncoding): string[] {
  switch (inference.kind) {
    case 'classification': return ['predicted_label', ...classNames(inference, encoding).map((c) => `probability_${c}`)];
    case 'regression': case 'anomaly': return ['score'];
    case 'clustering': return ['closest_cluster', 'distance_to_cluster'];
    case 'decomposition': return Array.from({ length: inference.components }, (_, c) => `projection_${c + 1}`);
  }
}

/** Row `i`'s inference fields, formatted. */
export function inferenceFields(inference: Inference, i: number, encoding?: FeatureEncoding): string[] {
  switch (inference.kind) {
    case 'classification': {
      const names = classNames(inference, encoding);
      const K = inference.classes;
      const p = inference.probabilities;
      const probs = K === 2 && p.length !== 2 * inference.predictedLabel.length ? [Math.fround(1 - p[i]), p[i]] : Array.from(p.subarray(i * K, (i + 1) * K));
      return [csvField(names[inference.predictedLabel[i]] ?? ''), ...probs.map(formatFloat32)];
    }
    case 'regression': case 'anomaly': return [formatFloat32(inference.score[i])];
    case 'clustering': return [String(inference.closestCluster[i]), formatFloat32(inference.distanceToCluster[i])];
    case 'decomposition': {
      const C = inference.components;
      return Array.from(inference.projection.subarray(i * C, (i + 1) * C), formatFloat32);
    }
  }
}

/** Rows of an inference: `mlpad predict`'s CSV (header + one line per row). */
export function predictionsCsv(inference: Inference, nRows: number, encoding?: FeatureEncoding): string {
  const lines = [inferenceHeader(inference, encoding).map(csvField).join(',')];
  for (let i = 0; i < nRows; i++) lines.push(inferenceFields(inference, i, encoding).join(','));
  return `${lines.join('\n')}\n`;
}

/** One split of the studio's download: its table rows, actual values (labels) and inference. */
export interface PredictionSet {
  split: string;
  /** 0-based table rows. */
  rows: Uint32Array;
  /** Labels (class indices or values); absent without a target. */
  labels?: Float32Array;
  inference: Inference;
  /** Row keys (the table's id columns), one value per row, written after `row`; defaults to none. */
  keys?: { name: string; values: readonly (string | null)[] }[];
}

/**
 * The studio's download: `row` (1-based data row), the id columns, `split`, `actual` (with a target) and then
 * exactly the columns `mlpad predict` writes for those rows.
 */
export function splitPredictionsCsv(encoding: FeatureEncoding, sets: PredictionSet[]): string {
  if (sets.length === 0) return '';
  const hasActual = sets.every((s) => s.labels);
  const keyNames = (sets[0].keys ?? []).map((k) => k.name);
  const header = ['row', ...keyNames, 'split', ...(hasActual ? ['actual'] : []), ...inferenceHeader(sets[0].inference, encoding)];
  const lines = [header.map(csvField).join(',')];
  for (const s of sets) {
    for (let i = 0; i < s.rows.length; i++) {
      const actual = hasActual ? [encoding.classes ? csvField(encoding.classes[s.labels![i]] ?? '') : formatFloat32(s.labels![i])] : [];
      const keys = (s.keys ?? []).map((k) => csvField(k.values[i] ?? ''));
      lines.push([String(s.rows[i] + 1), ...keys, csvField(s.split), ...actual, ...inferenceFields(s.inference, i, encoding)].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
