// The binary decision threshold that binary_classifier_model_selection_criteria asks for: every cut
// between distinct scores is tried on the calibration rows and the best one kept. A row is predicted
// positive when its score is ≥ the threshold.
import { argsortDescendingFloat32 } from '../radix-sort.ts';
import type { SelectionCriterion } from './params.ts';

export interface ThresholdOptions {
  criterion: Exclude<SelectionCriterion, 'loss_function'>;
  /** β of f_beta; defaults to 1. */
  beta?: number;
  /** Recall to hold for precision_at_target_recall; defaults to 0.8. */
  targetRecall?: number;
  /** Precision to hold for recall_at_target_precision; defaults to 0.8. */
  targetPrecision?: number;
}

/** The chosen threshold and the criterion's value there (higher is better for every criterion). */
export interface ThresholdChoice {
  threshold: number;
  value: number;
}

/** Threshold at a cut between sorted scores `above` (last positive) and `below` (first negative): a float32 in (below, above]. */
function cutBetween(above: number, below: number): number {
  const t = Math.fround((above + below) / 2);
  return t > below && t <= above ? t : above;
}

/**
 * Chooses the threshold on `scores` (positive-class scores, e.g. probabilities) against 0/1 `labels`
 * with optional row weights. Ties in the criterion go to the threshold nearest 0.5, the default rule.
 * recall_at_target_precision with no cut reaching the target precision scores 0 and keeps the most
 * precise cut.
 */
export function chooseThreshold(scores: Float32Array, labels: Float32Array | Uint8Array, weights: Float32Array | undefined, o: ThresholdOptions): ThresholdChoice {
  const n = scores.length;
  const order = argsortDescendingFloat32(scores);
  let pos = 0, neg = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (labels[i] > 0.5) pos += w; else neg += w;
  }
  const beta2 = (o.beta ?? 1) ** 2;
  const targetRecall = o.targetRecall ?? 0.8, targetPrecision = o.targetPrecision ?? 0.8;
  // Candidate k: the k top-scored rows (k = 0 … n, only between distinct scores) are predicted positive.
  // `value` is the criterion; `fallback` ranks cuts when no cut meets a target.
  const score = (tp: number, fp: number): { value: number; fallback: number } => {
    const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    const recall = pos > 0 ? tp / pos : 0;
    switch (o.criterion) {
      case 'accuracy': return { value: pos + neg > 0 ? (tp + neg - fp) / (pos + neg) : 0, fallback: 0 };
      case 'f_beta': {
        const den = beta2 * precision + recall;
        return { value: den > 0 ? (1 + beta2) * precision * recall / den : 0, fallback: 0 };
      }
      case 'precision_at_target_recall': return { value: recall >= targetRecall ? precision : -Infinity, fallback: recall };
      case 'recall_at_target_precision': return { value: precision >= targetPrecision && tp > 0 ? recall : -Infinity, fallback: tp > 0 ? precision : -Infinity };
      default: throw new RangeError(`binary_classifier_model_selection_criteria ${String(o.criterion)} has no threshold rule`);
    }
  };
  let best = { value: -Infinity, fallback: -Infinity, threshold: NaN };
  const consider = (tp: number, fp: number, threshold: number) => {
    const s = score(tp, fp);
    const better = s.value > best.value
      || (s.value === best.value && s.value === -Infinity && s.fallback > best.fallback)
      || (s.value === best.value && s.fallback === best.fallback && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5));
    if (better) best = { ...s, threshold };
  };
  // No row positive: a threshold above every score.
  consider(0, 0, n > 0 ? Math.max(1, scores[order[0]]) + 1e-6 : 0.5);
  let tp = 0, fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const w = weights ? weights[i] : 1;
    if (labels[i] > 0.5) tp += w; else fp += w;
    const next = k + 1 < n ? scores[order[k + 1]] : null;
    if (next !== null && next === scores[i]) continue;
    consider(tp, fp, next === null ? Math.min(0, scores[i]) : cutBetween(scores[i], next));
  }
  // recall_at_target_precision when no cut reaches the target: 0, at the most precise cut.
  return { threshold: best.threshold, value: best.value === -Infinity ? 0 : best.value };
}
