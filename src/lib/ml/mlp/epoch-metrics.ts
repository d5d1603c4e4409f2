// Per-epoch metrics of a set in inference mode (moving batch-norm statistics, no dropout): the data loss
// the network minimises, plus accuracy (classifiers) or rmse in label units (regressor).
import * as tf from '@tensorflow/tfjs';
import type { MetricValues } from '../estimator.ts';
import type { DeviceSet } from './device-set.ts';
import { forward, type LayerTensors } from './forward.ts';
import { rowLoss } from './loss.ts';
import type { Activation, PredictorType } from './params.ts';

/** Rows per forward pass, so a large set never needs one huge activation tensor. */
export const EVAL_CHUNK_ROWS = 8192;

/**
 * `loss`: weighted mean log loss (classifiers) or half squared error of the standardised label (regressor),
 * as the optimiser sees it without the L2 term; `accuracy` or `rmse` beside it.
 */
export async function epochMetrics(
  layers: readonly LayerTensors[], activation: Activation, predictorType: PredictorType, set: DeviceSet, labelScale: number,
): Promise<MetricValues> {
  const sums = [0, 0, 0]; // Σ w·loss, Σ w, Σ w·(correct | squared error)
  for (let start = 0; start < set.n; start += EVAL_CHUNK_ROWS) {
    const size = Math.min(EVAL_CHUNK_ROWS, set.n - start);
    const part = tf.tidy(() => {
      const x = tf.slice(set.x, [start, 0], [size, -1]);
      const y = tf.slice(set.y, [start, 0], [size, -1]);
      const w = set.w ? tf.slice(set.w, [start], [size]) : tf.ones([size]);
      const logits = forward(layers, activation, x);
      const loss = rowLoss(predictorType, logits, y);
      let second: tf.Tensor1D;
      if (predictorType === 'regressor') {
        second = tf.reshape(tf.square(tf.sub(logits, y)), [-1]);
      } else {
        const cls = tf.slice(set.cls as tf.Tensor1D, [start], [size]);
        const predicted = predictorType === 'binary_classifier'
          ? tf.cast(tf.greater(tf.reshape(logits, [-1]), 0), 'int32')
          : tf.argMax(logits, 1);
        second = tf.cast(tf.equal(predicted, cls), 'float32') as tf.Tensor1D;
      }
      return tf.stack([tf.sum(tf.mul(loss, w)), tf.sum(w), tf.sum(tf.mul(second, w))]);
    });
    const v = await part.data();
    part.dispose();
    for (let k = 0; k < 3; k++) sums[k] += v[k];
  }
  const loss = sums[0] / sums[1];
  if (predictorType === 'regressor') return { loss, rmse: Math.sqrt(sums[2] / sums[1]) * labelScale };
  return { loss, accuracy: sums[2] / sums[1] };
}
