// The data losses the mlp minimises, one value per row: sigmoid log loss (binary), softmax cross-entropy
// (multiclass) and half squared error (regression, scikit-learn's squared_loss), from logits.
import * as tf from '@tensorflow/tfjs';
import type { PredictorType } from './params.ts';

/**
 * Per-row loss of `logits` (batch × units) against `targets`: binary 0/1 (batch × 1), multiclass one-hot
 * (batch × classes), regression values (batch × 1).
 */
export function rowLoss(predictorType: PredictorType, logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  switch (predictorType) {
    case 'binary_classifier': {
      // max(z, 0) − z·y + log(1 + e^−|z|): stable for large |z|.
      const z = logits;
      const l = tf.sub(tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), tf.mul(z, targets));
      return tf.reshape(l, [-1]);
    }
    case 'multiclass_classifier':
      return tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, targets), 1));
    case 'regressor':
      return tf.reshape(tf.mul(tf.square(tf.sub(logits, targets)), 0.5), [-1]);
  }
}

/** Σ w·loss / Σ w, or the plain mean without weights. */
export function weightedMean(rows: tf.Tensor1D, weights: tf.Tensor1D | null): tf.Scalar {
  if (!weights) return tf.mean(rows);
  return tf.div(tf.sum(tf.mul(rows, weights)), tf.maximum(tf.sum(weights), 1e-30));
}

/** Output of the final layer as SageMaker reports it: probabilities (sigmoid / softmax) or the score. */
export function outputOf(predictorType: PredictorType, logits: tf.Tensor2D): tf.Tensor2D {
  if (predictorType === 'binary_classifier') return tf.sigmoid(logits);
  if (predictorType === 'multiclass_classifier') return tf.softmax(logits);
  return logits;
}
