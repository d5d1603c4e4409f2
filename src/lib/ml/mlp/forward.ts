// The forward pass shared by training (batch statistics, dropout) and inference (moving statistics):
// hidden layers affine → [batch norm] → activation → [dropout], then an affine output layer (logits).
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_EPSILON } from './model.ts';
import type { Activation } from './params.ts';

/** One layer's parameters as tensors (variables while training, constants in inference). */
export interface LayerTensors {
  /** nIn × nOut. */
  w: tf.Tensor2D;
  /** nOut; null on batch-normalised layers, whose beta takes the bias's place. */
  b: tf.Tensor1D | null;
  bn?: { gamma: tf.Tensor1D; beta: tf.Tensor1D; mean: tf.Tensor1D; variance: tf.Tensor1D };
}

/** What a training-mode pass needs and returns besides the logits. */
export interface TrainingPass {
  /** Inverted-dropout mask per hidden layer (batch × units), or null for none. */
  masks: (tf.Tensor2D | null)[];
  /** Filled with each batch-normalised layer's batch mean and variance (kept out of the caller's tidy). */
  stats: { mean: tf.Tensor1D; variance: tf.Tensor1D }[];
}

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'logistic': return tf.sigmoid(x);
    case 'identity': return x;
  }
}

/** Logits (batch × output units) of `x` (batch × features, already standardised). */
export function forward(layers: readonly LayerTensors[], activation: Activation, x: tf.Tensor2D, train?: TrainingPass): tf.Tensor2D {
  let h = x;
  const last = layers.length - 1;
  for (let l = 0; l <= last; l++) {
    const { w, b, bn } = layers[l];
    let z: tf.Tensor2D = tf.matMul(h, w);
    if (b) z = tf.add(z, b);
    if (l === last) return z;
    if (bn) {
      let mean = bn.mean, variance = bn.variance;
      if (train) {
        const m = tf.moments(z, 0);
        mean = m.mean as tf.Tensor1D;
        variance = m.variance as tf.Tensor1D;
        train.stats.push({ mean: tf.keep(mean), variance: tf.keep(variance) });
      }
      z = tf.add(tf.mul(tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BATCH_NORM_EPSILON))), bn.gamma), bn.beta) as tf.Tensor2D;
    }
    h = activate(z, activation);
    const mask = train?.masks[l];
    if (mask) h = tf.mul(h, mask) as tf.Tensor2D;
  }
  throw new Error('an mlp needs at least an output layer');
}
