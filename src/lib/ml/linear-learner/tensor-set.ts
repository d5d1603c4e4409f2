// A training or validation set as the tensors training reads: scaled features, labels in the form the
// loss takes (0/1, one-hot, or the scaled label), and row weights. Labels are checked against the
// predictor type first, with messages that name the row.
import * as tf from '@tensorflow/tfjs';
import { type FitData, firstMissing } from '../matrix.ts';
import type { PredictorType } from './params.ts';
import { type Scaling, scaledRows } from './scaler.ts';

export interface TensorSet {
  nRows: number;
  /** Scaled features [rows, cols]. */
  x: tf.Tensor2D;
  /** Labels [rows, outputs]: 0/1 (binary), one-hot (multiclass), (y − shift) / scale (regressor). */
  y: tf.Tensor2D;
  /** Row weights [rows, 1] (1 without weights). */
  w: tf.Tensor2D;
  /** The labels as given (class index or value). */
  labels: Float32Array;
  weights?: Float32Array;
}

/** Throws RangeError naming the first label that does not fit the predictor type. */
export function checkLabels(labels: Float32Array, predictor: PredictorType, classes: number, what: string): void {
  if (predictor === 'regressor') return;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      const range = predictor === 'binary_classifier' ? '0 or 1' : `a class index in 0…${classes - 1}`;
      throw new RangeError(`${what}.labels[${i}] is ${y}; ${predictor} needs ${range}`);
    }
  }
}

/** Throws RangeError when a feature is missing: linear-learner needs numbers (the job runner imputes means). */
export function checkNoMissing(d: FitData, what: string): void {
  const missing = firstMissing(d);
  if (!missing) return;
  const name = d.featureNames?.[missing.column];
  throw new RangeError(`${what} has a missing value in column ${name === undefined ? missing.column : JSON.stringify(name)} (row ${missing.row}); linear-learner needs a number in every cell (impute missing values first)`);
}

export function tensorSet(d: FitData & { labels: Float32Array }, scaling: Scaling, label: { shift: number; scale: number },
  predictor: PredictorType, outputs: number): TensorSet {
  const n = d.nRows;
  const x = tf.tensor2d(scaledRows(d, scaling), [n, d.nCols]);
  let y: tf.Tensor2D;
  if (predictor === 'multiclass_classifier') {
    y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(d.labels), 'int32'), outputs).toFloat() as tf.Tensor2D);
  } else if (predictor === 'regressor') {
    y = tf.tensor2d(d.labels.map((v) => (v - label.shift) / label.scale), [n, 1]);
  } else {
    y = tf.tensor2d(d.labels, [n, 1]);
  }
  const w = tf.tensor2d(d.weights ?? new Float32Array(n).fill(1), [n, 1]);
  return { nRows: n, x, y, w, labels: d.labels, weights: d.weights };
}

export function disposeSet(s: TensorSet | null): void {
  if (!s) return;
  s.x.dispose();
  s.y.dispose();
  s.w.dispose();
}
