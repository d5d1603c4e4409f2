// Per-model metrics of every parallel model on one set, in row chunks so that the [rows, models × outputs]
// scores never exist at once: the objective loss (weighted by the data's row weights only, in label
// units), and accuracy (+ top-k) for classifiers or RMSE for the regressor.
import * as tf from '@tensorflow/tfjs';
import type { LinearLoss, LossSettings } from './losses.ts';
import type { PredictorType } from './params.ts';
import type { TensorSet } from './tensor-set.ts';

export interface EvalContext {
  predictor: PredictorType;
  loss: LinearLoss;
  settings: LossSettings;
  models: number;
  outputs: number;
  /** The regressor's label scale (1 otherwise): losses and RMSE are reported in label units. */
  labelScale: number;
  /** k of top_k_accuracy (multiclass). */
  topK: number;
}

/** Metrics per model (each array has one value per model). */
export interface ModelMetrics {
  loss: Float64Array;
  accuracy?: Float64Array;
  topKAccuracy?: Float64Array;
  rmse?: Float64Array;
}

/** Score cells per evaluation chunk. */
const CHUNK_CELLS = 1 << 22;

/** Raw scores z = x·W + b of the given rows (all models), [rows, models × outputs]. */
export function scores(x: tf.Tensor2D, W: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return tf.add(tf.matMul(x, W), b) as tf.Tensor2D;
}

/**
 * Metrics of each model on `set`. Binary accuracy uses each model's threshold on σ(z) (`thresholds`,
 * one per model; 0.5 when absent).
 */
export async function evaluateModels(set: TensorSet, W: tf.Variable, b: tf.Variable, ctx: EvalContext, thresholds?: Float32Array): Promise<ModelMetrics> {
  const { models: M, outputs: K, predictor } = ctx;
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_CELLS / (M * K)));
  const sums = { loss: new Float64Array(M), correct: new Float64Array(M), topK: new Float64Array(M), sq: new Float64Array(M) };
  let weightSum = 0;
  const thr = tf.tensor2d(thresholds ?? new Float32Array(M).fill(0.5), [1, M]);
  for (let start = 0; start < set.nRows; start += rowsPerChunk) {
    const size = Math.min(rowsPerChunk, set.nRows - start);
    const parts = tf.tidy(() => {
      const x = tf.slice(set.x, [start, 0], [size, -1]);
      const y = tf.slice(set.y, [start, 0], [size, -1]);
      const w = tf.slice(set.w, [start, 0], [size, -1]);
      const z3 = tf.reshape(scores(x, W, b), [size, M, K]) as tf.Tensor3D;
      const y3 = tf.reshape(y, [size, 1, K]) as tf.Tensor3D;
      const wsum = (t: tf.Tensor) => tf.sum(tf.mul(w, t), 0);
      const out: tf.Tensor[] = [wsum(ctx.loss.rows(z3, y3, ctx.settings)), tf.sum(w)];
      const z = tf.reshape(z3, [size, M * K]);
      if (predictor === 'binary_classifier') {
        const predicted = tf.cast(tf.greaterEqual(tf.sigmoid(z), thr), 'float32');
        out.push(wsum(tf.cast(tf.equal(predicted, y), 'float32')));
      } else if (predictor === 'multiclass_classifier') {
        const truth = tf.argMax(y, 1).reshape([size, 1]);
        out.push(wsum(tf.cast(tf.equal(tf.argMax(z3, 2), truth), 'float32')));
        const trueScore = tf.sum(tf.mul(z3, y3), 2, true);
        const above = tf.sum(tf.greater(z3, trueScore), 2);
        out.push(wsum(tf.cast(tf.less(above, ctx.topK), 'float32')));
      } else {
        out.push(wsum(tf.square(tf.sub(z, y))));
      }
      return out;
    });
    const values = await Promise.all(parts.map((t) => t.data()));
    tf.dispose(parts);
    weightSum += values[1][0];
    for (let m = 0; m < M; m++) {
      sums.loss[m] += values[0][m];
      if (predictor === 'binary_classifier') sums.correct[m] += values[2][m];
      else if (predictor === 'multiclass_classifier') { sums.correct[m] += values[2][m]; sums.topK[m] += values[3][m]; }
      else sums.sq[m] += values[2][m];
    }
  }
  thr.dispose();
  const mean = (a: Float64Array, f = 1) => a.map((v) => (weightSum > 0 ? (v / weightSum) * f : NaN));
  const out: ModelMetrics = { loss: mean(sums.loss, ctx.labelScale ** ctx.loss.labelPower) };
  if (predictor === 'regressor') out.rmse = mean(sums.sq).map((v) => Math.sqrt(v) * ctx.labelScale);
  else out.accuracy = mean(sums.correct);
  if (predictor === 'multiclass_classifier') out.topKAccuracy = mean(sums.topK);
  return out;
}

/** Raw scores of the rows `rows` of `set` for every model, [rows.length × models × outputs] row-major. */
export async function scoresOfRows(set: TensorSet, rows: Int32Array, W: tf.Variable, b: tf.Variable): Promise<Float32Array> {
  const z = tf.tidy(() => scores(tf.gather(set.x, tf.tensor1d(rows, 'int32')), W, b));
  try {
    return (await z.data()) as Float32Array;
  } finally {
    z.dispose();
  }
}

/**
 * Each model's regularization term wd/2·‖w‖² + l1·‖w‖₁ + bias_wd_mult·wd/2·b², in label units like the
 * losses (`wd` and `l1` hold each model's value per weight column).
 */
export async function penalties(W: tf.Variable, b: tf.Variable, wd: tf.Tensor2D, l1: tf.Tensor2D, biasWd: number, ctx: EvalContext): Promise<Float64Array> {
  const t = tf.tidy(() => {
    const perColumn = tf.add(tf.sum(tf.add(tf.mul(tf.mul(wd, 0.5), tf.square(W)), tf.mul(l1, tf.abs(W))), 0),
      tf.reshape(tf.mul(tf.mul(wd, 0.5 * biasWd), tf.square(b)), [-1]));
    return tf.sum(tf.reshape(perColumn, [ctx.models, ctx.outputs]), 1);
  });
  try {
    const unit = ctx.labelScale ** ctx.loss.labelPower;
    return Float64Array.from(await t.data(), (v) => v * unit);
  } finally {
    t.dispose();
  }
}
