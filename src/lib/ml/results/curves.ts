// ROC and precision–recall curves of a binary classifier: one operating point per distinct score
// (tied scores form one step, as in the AUC), thinned to a fixed number of points for drawing.

/** One operating point: predicting positive when score ≥ threshold. */
export interface CurvePoint {
  /** x: false-positive rate (ROC) or recall (PR). */
  x: number;
  /** y: true-positive rate (ROC) or precision (PR). */
  y: number;
  threshold: number;
}

/** Most points a curve keeps; defaults of the results view and metrics files. */
export const MAX_CURVE_POINTS = 200;

/** Keeps at most `max` points, evenly spaced by index, always the first and the last. */
export function thin<T>(points: readonly T[], max = MAX_CURVE_POINTS): T[] {
  if (points.length <= max) return points.slice();
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * (points.length - 1)) / (max - 1))]);
  return out;
}

/** Cumulative (fp, tp, threshold) after each distinct score, scores descending. */
function sweep(scores: ArrayLike<number>, labels: ArrayLike<number>): { fp: number[]; tp: number[]; thr: number[]; P: number; N: number } {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const fp: number[] = [], tp: number[] = [], thr: number[] = [];
  let f = 0, t = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    if (labels[i] === 1) t++; else f++;
    if (k === n - 1 || scores[idx[k + 1]] !== scores[i]) { fp.push(f); tp.push(t); thr.push(scores[i]); }
  }
  return { fp, tp, thr, P: t, N: f };
}

/** ROC curve points from (0, 0) to (1, 1), at most `max` of them; empty when a class is absent. */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, max = MAX_CURVE_POINTS): CurvePoint[] {
  const s = sweep(scores, labels);
  if (s.P === 0 || s.N === 0) return [];
  const pts: CurvePoint[] = [{ x: 0, y: 0, threshold: Infinity }];
  for (let k = 0; k < s.fp.length; k++) pts.push({ x: s.fp[k] / s.N, y: s.tp[k] / s.P, threshold: s.thr[k] });
  return thin(pts, max);
}

/** Precision–recall points by increasing recall, at most `max`; empty when a class is absent. */
export function prCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, max = MAX_CURVE_POINTS): CurvePoint[] {
  const s = sweep(scores, labels);
  if (s.P === 0 || s.N === 0) return [];
  const pts: CurvePoint[] = [];
  for (let k = 0; k < s.fp.length; k++) pts.push({ x: s.tp[k] / s.P, y: s.tp[k] / (s.tp[k] + s.fp[k]), threshold: s.thr[k] });
  return thin(pts, max);
}
