// ROC AUC and PR AUC as XGBoost 1.7 computes them (src/metric/auc.cc): predictions sorted descending,
// tied predictions form one step, ROC area by trapezoids, PR area by XGBoost's interpolation between
// operating points. Weighted; labels are 0/1.

import { argsortDescendingFloat32 } from '../radix-sort.ts';
import { RANKED_LABEL_BIT, RANKED_SCORE_BITS, rankedLabels, rankedRocSweep } from './ranked-labels.ts';

type Area = (fpPrev: number, fp: number, tpPrev: number, tp: number) => number;

/** BinaryAUC: the un-normalised area and the total weights of negatives (fp) and positives (tp). */
function sweep(preds: Float32Array, labels: Float32Array, weights: Float32Array | undefined, area: Area): [number, number, number] {
  const ranked = rankedLabels(preds, labels, weights);
  return ranked ? sweepRanked(ranked, area) : sweepSorted(preds, labels, weights, area);
}

/** sweep on rankedLabels' keys: the same steps (integer counts), in the same order, so the same area. */
function sweepRanked(keys: Uint32Array, area: Area): [number, number, number] {
  const n = keys.length;
  let auc = 0;
  let fp = 0, tp = 0;
  let tpPrev = 0, fpPrev = 0;
  let rank = keys[0] & RANKED_SCORE_BITS;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    const r = k & RANKED_SCORE_BITS;
    if (r !== rank) {
      auc += area(fpPrev, fp, tpPrev, tp);
      tpPrev = tp;
      fpPrev = fp;
      rank = r;
    }
    if (k & RANKED_LABEL_BIT) tp++;
    else fp++;
  }
  auc += area(fpPrev, fp, tpPrev, tp);
  if (fp <= 0 || tp <= 0) return [0, 0, 0];
  return [fp, tp, auc];
}

/** sweep by an index argsort: any weights and labels. */
function sweepSorted(preds: Float32Array, labels: Float32Array, weights: Float32Array | undefined, area: Area): [number, number, number] {
  const idx = argsortDescendingFloat32(preds);
  const n = idx.length;
  let auc = 0;
  let y = labels[idx[0]];
  let w = weights ? weights[idx[0]] : 1;
  let fp = (1 - y) * w, tp = y * w;
  let tpPrev = 0, fpPrev = 0;
  for (let i = 1; i < n; i++) {
    if (preds[idx[i]] !== preds[idx[i - 1]]) {
      auc += area(fpPrev, fp, tpPrev, tp);
      tpPrev = tp;
      fpPrev = fp;
    }
    y = labels[idx[i]];
    w = weights ? weights[idx[i]] : 1;
    fp += Math.fround(1 - y) * w;
    tp += y * w;
  }
  auc += area(fpPrev, fp, tpPrev, tp);
  if (fp <= 0 || tp <= 0) return [0, 0, 0];
  return [fp, tp, auc];
}

const trapezoid: Area = (x0, x1, y0, y1) => Math.abs(x0 - x1) * (y0 + y1) / 2;

/** sweep with ROC trapezoids: rankedRocSweep where the ranked form applies (the same steps and sums). */
function rocSweep(preds: Float32Array, labels: Float32Array, weights: Float32Array | undefined): [number, number, number] {
  const ranked = rankedLabels(preds, labels, weights);
  if (!ranked) return sweepSorted(preds, labels, weights, trapezoid);
  const out = new Float64Array(3);
  rankedRocSweep(ranked, ranked.length, out, 0);
  return out[0] > 0 && out[1] > 0 ? [out[0], out[1], out[2]] : [0, 0, 0];
}

/** Area under the ROC curve; NaN when only one class is present. */
export function rocAuc(preds: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  if (preds.length === 0) return NaN;
  const [fp, tp, auc] = rocSweep(preds, labels, weights);
  return fp * tp > 0 ? auc / (fp * tp) : NaN;
}

/** Area under the precision–recall curve (XGBoost's aucpr); NaN when only one class is present. */
export function prAuc(preds: Float32Array, labels: Float32Array, weights?: Float32Array): number {
  if (preds.length === 0) return NaN;
  let totalPos = 0, totalNeg = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    totalPos += w * labels[i];
    totalNeg += w * Math.fround(1 - labels[i]);
  }
  if (totalPos <= 0 || totalNeg <= 0) return NaN;
  const delta: Area = (fpPrev, fp, tpPrev, tp) => {
    const prPrev = tpPrev / totalPos;
    const pr = tp / totalPos;
    let a = 1, b = 0;
    if (tp !== tpPrev) {
      const h = (fp - fpPrev) / (tp - tpPrev);
      a = h + 1;
      b = (fpPrev - h * tpPrev) / totalPos;
    }
    return b !== 0 ? (pr - prPrev - (b / a) * (Math.log(a * pr + b) - Math.log(a * prPrev + b))) / a : (pr - prPrev) / a;
  };
  return sweep(preds, labels, weights, delta)[2];
}

/**
 * Multi-class ROC AUC, one-vs-rest, averaged with weights by class prevalence (XGBoost's
 * MultiClassOVR). `probs` is nRows × nClass row-major; labels are class indices.
 */
export function multiclassRocAuc(probs: Float32Array, labels: Float32Array, nClass: number, weights?: Float32Array): number {
  const n = labels.length;
  const p = new Float32Array(n);
  const r = new Float32Array(n);
  let aucSum = 0, tpSum = 0;
  for (let c = 0; c < nClass; c++) {
    for (let i = 0; i < n; i++) { p[i] = probs[i * nClass + c]; r[i] = labels[i] === c ? 1 : 0; }
    const [fp, tp, auc] = rocSweep(p, r, weights);
    if (fp * tp === 0) return NaN;
    aucSum += (auc / (fp * tp)) * tp;
    tpSum += tp;
  }
  return tpSum === 0 ? NaN : aucSum / tpSum;
}
