// A trained linear-learner model (the one of the parallel models that was kept) and its outputs.
import * as tf from '@tensorflow/tfjs';
import type { Inference } from '../estimator.ts';
import { type FeatureMatrix, firstMissing, validateFeatureMatrix } from '../matrix.ts';
import type { LossName, PredictorType } from './params.ts';
import { scaledRows } from './scaler.ts';

export interface LinearLearnerModel {
  predictorType: PredictorType;
  loss: LossName;
  nCols: number;
  /** Score columns: 1 for binary and regressor, the class count for multiclass. */
  outputs: number;
  /** Feature scaling applied before the weights: x' = (x − featureShift) / featureScale. */
  featureShift: Float32Array;
  featureScale: Float32Array;
  /** nCols × outputs, row-major, on the scaled features. */
  weights: Float32Array;
  bias: Float32Array;
  /** Regressor: score = z · labelScale + labelShift (0 and 1 without label scaling). */
  labelShift: number;
  labelScale: number;
  /** Binary: a row is predicted positive when its score (σ of the raw score) is ≥ this. */
  threshold: number;
  /** Which of the parallel models was kept, and its training parameters. */
  kept: { index: number; learningRate: number; wd: number; l1: number; positiveWeight: number };
  /** String attributes stored with the model (the feature encoding). */
  attributes: Record<string, string>;
}

/** Raw scores z = x'·W + b of every row, nRows × outputs. */
export async function rawScores(model: LinearLearnerModel, x: FeatureMatrix): Promise<Float32Array> {
  validateFeatureMatrix(x, 'features');
  if (x.nCols !== model.nCols) throw new RangeError(`features has ${x.nCols} columns but the linear-learner model reads ${model.nCols}`);
  const missing = firstMissing(x);
  if (missing) {
    throw new RangeError(`features has a missing value in column ${missing.column} (row ${missing.row}); linear-learner needs a number in every cell (impute missing values first)`);
  }
  const rows = scaledRows(x, { shift: model.featureShift, scale: model.featureScale });
  const z = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(rows, [x.nRows, x.nCols]), tf.tensor2d(model.weights, [model.nCols, model.outputs])),
    tf.tensor2d(model.bias, [1, model.outputs])));
  try {
    return (await z.data()) as Float32Array;
  } finally {
    z.dispose();
  }
}

/** σ(z) of raw binary scores, as float32: the one rule training's threshold search and infer share. */
export function positiveProbabilities(z: Float32Array): Float32Array {
  return z.map((v) => 1 / (1 + Math.exp(-v)));
}

/** Classification: probabilities and predicted labels; regressor: the score in label units. */
export async function inferLinearLearner(model: LinearLearnerModel, x: FeatureMatrix): Promise<Inference> {
  const z = await rawScores(model, x);
  const n = x.nRows;
  if (model.predictorType === 'regressor') {
    return { kind: 'regression', score: z.map((v) => v * model.labelScale + model.labelShift) };
  }
  if (model.predictorType === 'binary_classifier') {
    const probabilities = positiveProbabilities(z);
    const predictedLabel = Int32Array.from(probabilities, (p) => (p >= model.threshold ? 1 : 0));
    return { kind: 'classification', probabilities, predictedLabel, classes: 2 };
  }
  const k = model.outputs;
  const probabilities = new Float32Array(n * k);
  const predictedLabel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (z[i * k + c] > z[i * k + best]) best = c;
    const top = z[i * k + best];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(z[i * k + c] - top);
    for (let c = 0; c < k; c++) probabilities[i * k + c] = Math.exp(z[i * k + c] - top) / sum;
    predictedLabel[i] = best;
  }
  return { kind: 'classification', probabilities, predictedLabel, classes: k };
}
