// A training or validation set checked and uploaded once: standardised features, targets in the loss's
// form (0/1, one-hot, standardised value), weights, and class indices for accuracy.
import * as tf from '@tensorflow/tfjs';
import { firstMissing, validateFeatureMatrix, type FitData } from '../matrix.ts';
import { standardizedRows } from './normalize.ts';
import type { PredictorType } from './params.ts';

export interface DeviceSet {
  n: number;
  /** n × features, standardised. */
  x: tf.Tensor2D;
  /** n × 1 (binary 0/1, regression standardised value) or n × classes one-hot. */
  y: tf.Tensor2D;
  /** n, or null when every row weighs 1. */
  w: tf.Tensor1D | null;
  /** Class index per row (classifiers), for accuracy. */
  cls: tf.Tensor1D | null;
}

/** How labels and features are transformed before upload (from the training set). */
export interface SetTransform {
  predictorType: PredictorType;
  classes: number;
  featureMean: Float32Array | null;
  featureScale: Float32Array | null;
  labelMean: number;
  labelScale: number;
}

/** Throws a RangeError naming `what` when features hold NaN or labels are absent or not fit for the predictor type. */
export function checkFitData(d: FitData, predictorType: PredictorType, classes: number, what: string, nCols?: number): asserts d is FitData & { labels: Float32Array } {
  validateFeatureMatrix(d, what);
  if (d.nRows === 0) throw new RangeError(`${what} has no rows; mlp needs at least one`);
  if (nCols !== undefined && d.nCols !== nCols) throw new RangeError(`${what} has ${d.nCols} features but the training data has ${nCols}`);
  if (!(d.labels instanceof Float32Array) || d.labels.length !== d.nRows) {
    throw new RangeError(`${what}.labels must be a Float32Array of ${d.nRows} values; mlp is supervised and needs a target (got ${d.labels?.length ?? 'none'})`);
  }
  const miss = firstMissing(d);
  if (miss) throw new RangeError(`${what} feature ${miss.column} is missing (NaN) in row ${miss.row}; mlp needs complete rows (fill missing values first)`);
  if (d.weights && d.weights.length !== d.nRows) throw new RangeError(`${what}.weights has ${d.weights.length} values but nRows is ${d.nRows}`);
  for (let i = 0; i < d.nRows; i++) {
    const y = d.labels[i];
    if (!Number.isFinite(y)) throw new RangeError(`${what}.labels[${i}] is ${y}; drop rows with a missing target before training`);
    if (predictorType !== 'regressor' && !(Number.isInteger(y) && y >= 0 && y < classes)) {
      throw new RangeError(`${what}.labels[${i}] is ${y}; a ${predictorType} needs class indices 0…${classes - 1}`);
    }
    const w = d.weights?.[i];
    if (w !== undefined && !(w >= 0 && Number.isFinite(w))) throw new RangeError(`${what}.weights[${i}] must be a finite number ≥ 0; got ${w}`);
  }
}

/** Uploads `d` (already checked) in the form the loss reads. */
export function uploadSet(d: FitData & { labels: Float32Array }, t: SetTransform): DeviceSet {
  const n = d.nRows;
  const x = tf.tensor2d(standardizedRows(d, t.featureMean, t.featureScale), [n, d.nCols]);
  let y: tf.Tensor2D;
  if (t.predictorType === 'multiclass_classifier') {
    const oneHot = new Float32Array(n * t.classes);
    for (let i = 0; i < n; i++) oneHot[i * t.classes + d.labels[i]] = 1;
    y = tf.tensor2d(oneHot, [n, t.classes]);
  } else if (t.predictorType === 'regressor') {
    y = tf.tensor2d(Float32Array.from(d.labels, (v) => (v - t.labelMean) / t.labelScale), [n, 1]);
  } else {
    y = tf.tensor2d(d.labels, [n, 1]);
  }
  const w = d.weights ? tf.tensor1d(d.weights) : null;
  const cls = t.predictorType === 'regressor' ? null : tf.tensor1d(Int32Array.from(d.labels), 'int32');
  return { n, x, y, w, cls };
}

export function disposeSet(s: DeviceSet | null): void {
  if (s) tf.dispose([s.x, s.y, ...(s.w ? [s.w] : []), ...(s.cls ? [s.cls] : [])]);
}
