// The playground's picture of a model on two features: a size × size grid over the training rows' range
// (5% margin each side), and what the model says at each grid point: the positive class's probability
// (binary), the predicted class (multiclass) or the predicted value (regression).
import type { FitData, Inference } from '../ml/estimator.ts';
import { featureColumns, type FeatureMatrix } from '../ml/matrix.ts';
import type { SurfaceGrid } from './train-engine-api.ts';

/** Grid points per side the playground asks for by default. */
export const SURFACE_SIZE = 64;

/** The grid's extent and its points as a row-major matrix (x varies fastest, y from low to high). */
export interface SurfacePoints {
  size: number;
  x: [number, number];
  y: [number, number];
  matrix: FeatureMatrix;
}

function range(col: Float32Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < col.length; i++) { const v = col[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!(lo <= hi)) return [0, 1];
  const pad = (hi - lo || Math.abs(lo) || 1) * 0.05;
  return [lo - pad, hi + pad];
}

/** The grid over `data`'s two features. Throws RangeError unless the data has exactly two. */
export function surfacePoints(data: FitData, size = SURFACE_SIZE): SurfacePoints {
  if (data.nCols !== 2) throw new RangeError(`the playground draws two features; the data has ${data.nCols}`);
  const [cx, cy] = featureColumns(data);
  const x = range(cx), y = range(cy);
  const m = new Float32Array(size * size * 2);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const k = (j * size + i) * 2;
      m[k] = x[0] + ((i + 0.5) / size) * (x[1] - x[0]);
      m[k + 1] = y[0] + ((j + 0.5) / size) * (y[1] - y[0]);
    }
  }
  return { size, x, y, matrix: { features: m, nRows: size * size, nCols: 2, featureNames: data.featureNames } };
}

/** The model's answer at each grid point, as the playground colours it. */
export function surfaceOf(points: SurfacePoints, inference: Inference): SurfaceGrid {
  const base = { size: points.size, x: points.x, y: points.y };
  switch (inference.kind) {
    case 'classification':
      return inference.classes === 2 && inference.probabilities.length === points.size * points.size
        ? { ...base, meaning: 'probability', values: inference.probabilities.slice() }
        : { ...base, meaning: 'class', values: Float32Array.from(inference.predictedLabel) };
    case 'regression':
      return { ...base, meaning: 'score', values: inference.score.slice() };
    default:
      throw new RangeError(`the playground draws supervised models; this one gives ${inference.kind} outputs`);
  }
}
