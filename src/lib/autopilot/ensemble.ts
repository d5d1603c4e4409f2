// The stacking model of ENSEMBLING (AutoGluon's stacker level, reduced to one regularised linear layer):
// it learns from the bagged base models' out-of-fold predictions how to combine them.
// - Classification: a multinomial logistic regression on the base models' log-probabilities, L2-penalised
//   (λ/2)·‖W‖², fitted by gradient descent with a backtracking (Armijo) line search that starts from the
//   best base model itself (W = identity on its block, so softmax(log p) = p). Every step lowers the
//   penalised loss, so the stack's out-of-fold log loss is at most the best base model's plus λ·k/2.
// - Regression: ridge regression on the base predictions, solved in closed form (intercept unpenalised,
//   λ scaled by the target's variance), so its out-of-fold MSE is at most the best base model's plus λ.
import { AutopilotError } from './errors.ts';
import type { Predictions } from './objective-score.ts';

/** L2 weight of the classification stacker (on mean log loss). */
export const STACK_L2 = 1e-3;
/** Ridge weight of the regression stacker, as a share of the target's variance. */
export const STACK_RIDGE = 1e-3;
/** Gradient steps of the classification stacker at most. */
export const STACK_ITERATIONS = 300;

/** A fitted stacker. */
export type StackModel =
  | { kind: 'classification'; classes: number; models: number; /** classes × (models·classes), row-major. */ weights: Float64Array; bias: Float64Array }
  | { kind: 'regression'; models: number; weights: Float64Array; bias: number };

const EPS = 1e-7;

function logFeatures(base: readonly Predictions[], k: number): { z: Float64Array; d: number; n: number } {
  const n = base[0].kind === 'classification' ? base[0].predictedLabel.length : 0;
  const d = base.length * k;
  const z = new Float64Array(n * d);
  base.forEach((b, m) => {
    if (b.kind !== 'classification' || b.classes !== k) throw new AutopilotError('every base model of a classification stack must give probabilities of the same classes');
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) z[i * d + m * k + c] = Math.log(Math.max(EPS, b.probabilities[i * k + c]));
  });
  return { z, d, n };
}

/** Softmax scores of every row into `out` (n × k); returns the mean log loss against `labels` (when given). */
function forward(z: Float64Array, n: number, d: number, k: number, w: Float64Array, b: Float64Array, out: Float64Array, labels?: Float32Array): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = b[c];
      for (let j = 0; j < d; j++) s += w[c * d + j] * z[i * d + j];
      out[i * k + c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) { const e = Math.exp(out[i * k + c] - max); out[i * k + c] = e; sum += e; }
    for (let c = 0; c < k; c++) out[i * k + c] /= sum;
    if (labels) loss -= Math.log(Math.max(1e-300, out[i * k + labels[i]]));
  }
  return loss / Math.max(1, n);
}

function penalised(loss: number, w: Float64Array): number {
  let s = 0;
  for (const v of w) s += v * v;
  return loss + (STACK_L2 / 2) * s;
}

function fitLogistic(base: readonly Predictions[], labels: Float32Array, k: number, start: number): StackModel {
  const { z, d, n } = logFeatures(base, k);
  let w = new Float64Array(k * d);
  let b = new Float64Array(k);
  for (let c = 0; c < k; c++) w[c * d + start * k + c] = 1;
  const p = new Float64Array(n * k);
  let f = penalised(forward(z, n, d, k, w, b, p, labels), w);
  let step = 1;
  const gw = new Float64Array(k * d), gb = new Float64Array(k);
  for (let it = 0; it < STACK_ITERATIONS; it++) {
    gw.fill(0); gb.fill(0);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const r = (p[i * k + c] - (labels[i] === c ? 1 : 0)) / n;
        gb[c] += r;
        for (let j = 0; j < d; j++) gw[c * d + j] += r * z[i * d + j];
      }
    }
    let g2 = 0;
    for (let j = 0; j < gw.length; j++) { gw[j] += STACK_L2 * w[j]; g2 += gw[j] * gw[j]; }
    for (const v of gb) g2 += v * v;
    if (g2 < 1e-14) break;
    // Armijo backtracking: accept the first step that lowers the loss by at least half the linear prediction.
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      const w2 = w.map((v, j) => v - step * gw[j]);
      const b2 = b.map((v, c) => v - step * gb[c]);
      const p2 = new Float64Array(n * k);
      const f2 = penalised(forward(z, n, d, k, w2, b2, p2, labels), w2);
      if (f2 <= f - 0.5 * step * g2) { w = w2; b = b2; p.set(p2); f = f2; step *= 2; accepted = true; break; }
      step /= 2;
    }
    if (!accepted) break;
  }
  return { kind: 'classification', classes: k, models: base.length, weights: w, bias: b };
}

/** Solves the symmetric positive-definite system a·x = y (a is m × m, row-major) by Cholesky. */
function solveSpd(a: Float64Array, y: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j];
      for (let t = 0; t < j; t++) s -= l[i * m + t] * l[j * m + t];
      l[i * m + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * m + j];
    }
  }
  const u = new Float64Array(m);
  for (let i = 0; i < m; i++) { let s = y[i]; for (let t = 0; t < i; t++) s -= l[i * m + t] * u[t]; u[i] = s / l[i * m + i]; }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) { let s = u[i]; for (let t = i + 1; t < m; t++) s -= l[t * m + i] * x[t]; x[i] = s / l[i * m + i]; }
  return x;
}

function fitRidge(base: readonly Predictions[], labels: Float32Array): StackModel {
  const m = base.length, n = labels.length;
  const cols = base.map((b) => { if (b.kind !== 'regression') throw new AutopilotError('every base model of a regression stack must give scores'); return b.score; });
  const mean = cols.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const my = labels.reduce((s, v) => s + v, 0) / n;
  let vy = 0;
  for (let i = 0; i < n; i++) vy += (labels[i] - my) ** 2;
  vy /= n;
  const lambda = STACK_RIDGE * Math.max(vy, 1e-12);
  const a = new Float64Array(m * m), y = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < m; p++) {
      const xp = cols[p][i] - mean[p];
      y[p] += (xp * (labels[i] - my)) / n;
      for (let q = 0; q <= p; q++) a[p * m + q] += (xp * (cols[q][i] - mean[q])) / n;
    }
  }
  for (let p = 0; p < m; p++) { for (let q = 0; q < p; q++) a[q * m + p] = a[p * m + q]; a[p * m + p] += lambda; }
  const w = solveSpd(a, y, m);
  let bias = my;
  for (let p = 0; p < m; p++) bias -= w[p] * mean[p];
  return { kind: 'regression', models: m, weights: w, bias };
}

/**
 * The stacker of `base` (each model's out-of-fold predictions, same rows) against `labels`. `best` is the
 * index of the best base model, where the classification stacker starts. Throws AutopilotError without base models.
 */
export function fitStack(base: readonly Predictions[], labels: Float32Array, best = 0): StackModel {
  if (base.length === 0) throw new AutopilotError('a stack needs at least one base model');
  const first = base[0];
  return first.kind === 'regression' ? fitRidge(base, labels) : fitLogistic(base, labels, first.classes, best);
}

/** The stack's predictions from the base models' predictions of the same rows (in fitStack's model order). */
export function applyStack(stack: StackModel, base: readonly Predictions[]): Predictions {
  if (base.length !== stack.models) throw new AutopilotError(`the stack combines ${stack.models} base models; got ${base.length}`);
  if (stack.kind === 'regression') {
    const n = base[0].kind === 'regression' ? base[0].score.length : 0;
    const score = new Float64Array(n).fill(stack.bias);
    base.forEach((b, m) => { if (b.kind === 'regression') for (let i = 0; i < n; i++) score[i] += stack.weights[m] * b.score[i]; });
    return { kind: 'regression', score };
  }
  const k = stack.classes;
  const { z, d, n } = logFeatures(base, k);
  const probabilities = new Float64Array(n * k);
  forward(z, n, d, k, stack.weights, stack.bias, probabilities);
  const predictedLabel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + arg]) arg = c;
    predictedLabel[i] = arg;
  }
  return { kind: 'classification', classes: k, probabilities, predictedLabel };
}

/** The mean of several models' predictions of the same rows (bagging: the k fold models on the test split). */
export function averagePredictions(all: readonly Predictions[]): Predictions {
  const first = all[0];
  if (first.kind === 'regression') {
    const score = new Float64Array(first.score.length);
    for (const p of all) if (p.kind === 'regression') for (let i = 0; i < score.length; i++) score[i] += p.score[i] / all.length;
    return { kind: 'regression', score };
  }
  const k = first.classes;
  const probabilities = new Float64Array(first.probabilities.length);
  for (const p of all) if (p.kind === 'classification') for (let i = 0; i < probabilities.length; i++) probabilities[i] += p.probabilities[i] / all.length;
  const n = probabilities.length / k;
  const predictedLabel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + arg]) arg = c;
    predictedLabel[i] = arg;
  }
  return { kind: 'classification', classes: k, probabilities, predictedLabel };
}

/**
 * Binary F1, Accuracy or BalancedAccuracy: the probability threshold of the positive class that maximises
 * the objective on `pred` against `labels` (midway between neighbouring distinct probabilities), as
 * AutoGluon calibrates a decision threshold; 0.5 for other objectives and for multiclass.
 */
export function decisionThreshold(pred: Predictions, labels: Float32Array, objective: string): number {
  if (pred.kind !== 'classification' || pred.classes !== 2 || !['F1', 'Accuracy', 'BalancedAccuracy'].includes(objective)) return 0.5;
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => pred.probabilities[2 * b + 1] - pred.probabilities[2 * a + 1]);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] === 1 ? 1 : 0;
  const neg = n - pos;
  const score = (tp: number, fp: number) => {
    const fn = pos - tp, tn = neg - fp;
    if (objective === 'F1') return tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (objective === 'Accuracy') return (tp + tn) / n;
    return ((pos > 0 ? tp / pos : 0) + (neg > 0 ? tn / neg : 0)) / 2;
  };
  let best = score(0, 0), threshold = 1 + 1e-9, tp = 0, fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (labels[i] === 1) tp++; else fp++;
    const p = pred.probabilities[2 * i + 1];
    const next = r + 1 < n ? pred.probabilities[2 * order[r + 1] + 1] : -Infinity;
    if (next === p) continue;
    const s = score(tp, fp);
    if (s > best) { best = s; threshold = Number.isFinite(next) ? (p + next) / 2 : p / 2; }
  }
  return threshold;
}

/** Binary predictions relabelled at `threshold` (positive when its probability is at least it). */
export function atThreshold(pred: Predictions, threshold: number): Predictions {
  if (pred.kind !== 'classification' || pred.classes !== 2) return pred;
  const predictedLabel = Int32Array.from({ length: pred.predictedLabel.length }, (_, i) => (pred.probabilities[2 * i + 1] >= threshold ? 1 : 0));
  return { ...pred, predictedLabel };
}
