// Choosing among the parallel models each epoch, and early stopping. A model's selection score is the
// binary criterion at its own best threshold (on the calibration rows of the validation set, else of the
// training set), or minus its loss (on the training set: its whole objective, loss + penalty); ties go to
// the lower loss.
import { positiveProbabilities } from './model.ts';
import type { LinearLearnerParams } from './params.ts';
import { chooseThreshold } from './threshold.ts';

/** Each model's threshold (binary) and selection score; higher scores are better. */
export interface Selection {
  thresholds: Float32Array;
  score: Float64Array;
}

/**
 * Thresholds and criterion values of every model from raw scores of the calibration rows (rows × models,
 * row-major). loss_function keeps 0.5 and scores nothing here (the caller scores by loss).
 */
export function calibrate(z: Float32Array, labels: Float32Array, weights: Float32Array | undefined, models: number,
  p: LinearLearnerParams): Selection {
  const n = labels.length;
  const thresholds = new Float32Array(models).fill(0.5);
  const score = new Float64Array(models);
  const criterion = p.binary_classifier_model_selection_criteria;
  if (criterion === 'loss_function') return { thresholds, score };
  const column = new Float32Array(n);
  for (let m = 0; m < models; m++) {
    for (let i = 0; i < n; i++) column[i] = z[i * models + m];
    const choice = chooseThreshold(positiveProbabilities(column), labels, weights, {
      criterion, beta: p.f_beta, targetRecall: p.target_recall, targetPrecision: p.target_precision,
    });
    thresholds[m] = choice.threshold;
    score[m] = choice.value;
  }
  return { thresholds, score };
}

/** Whether (score a, loss a) beats (score b, loss b); NaN (a diverged model) never wins. */
export function beats(scoreA: number, lossA: number, scoreB: number, lossB: number): boolean {
  const sa = Number.isNaN(scoreA) ? -Infinity : scoreA, sb = Number.isNaN(scoreB) ? -Infinity : scoreB;
  const la = Number.isNaN(lossA) ? Infinity : lossA, lb = Number.isNaN(lossB) ? Infinity : lossB;
  return sa > sb || (sa === sb && la < lb);
}

/** Index of the best model: highest score, then lowest loss, then lowest index. */
export function bestModel(score: Float64Array, loss: Float64Array): number {
  let best = 0;
  for (let m = 1; m < score.length; m++) if (beats(score[m], loss[m], score[best], loss[best])) best = m;
  return best;
}

/**
 * Early stopping of the parallel models: each model counts the epochs since its higher-is-better value
 * last improved by at least `tolerance` (relative); training stops when every model has waited
 * `patience` epochs. (One fast model that overshoots does not stop the slower ones still improving.)
 */
export class EarlyStopping {
  private best: Float64Array;
  private stale: Int32Array;
  constructor(models: number, private readonly patience: number, private readonly tolerance: number) {
    this.best = new Float64Array(models).fill(-Infinity);
    this.stale = new Int32Array(models);
  }

  /** Records an epoch's values (one per model; NaN never improves); returns true when training should stop. */
  observe(values: ArrayLike<number>): boolean {
    let stop = true;
    for (let m = 0; m < this.best.length; m++) {
      const v = values[m], best = this.best[m];
      if (!Number.isNaN(v) && (best === -Infinity || v - best > this.tolerance * Math.max(Math.abs(best), 1e-12))) {
        this.best[m] = v;
        this.stale[m] = 0;
      } else {
        this.stale[m]++;
      }
      if (this.stale[m] < this.patience) stop = false;
    }
    return stop;
  }
}
