// linear-learner's losses as TensorFlow.js ops on the scores of every model at once. Training takes their
// gradient with respect to the scores (tf.grad), so each loss is written once, as its value.
import * as tf from '@tensorflow/tfjs';
import type { LossName } from './params.ts';

/** Loss parameters, with the regression ones in the units the model trains in (the normalised label). */
export interface LossSettings {
  /** hinge_loss margin. */
  margin: number;
  /** quantile_loss quantile in (0, 1). */
  quantile: number;
  /** eps_insensitive_* insensitivity. */
  epsilon: number;
  /** huber_loss delta. */
  delta: number;
}

export interface LinearLoss {
  name: LossName;
  /**
   * How the loss scales with the label's unit: 0 for classification, 1 for absolute-type losses, 2 for
   * squared-type ones; a loss computed on labels divided by s is the original loss divided by s^labelPower.
   */
  labelPower: 0 | 1 | 2;
  /**
   * Per-row loss of every model: `z` holds the scores [rows, models, outputs], `y` the labels [rows, 1,
   * outputs] (0/1 for binary, one-hot for multiclass, values for regression); returns [rows, models].
   */
  rows(z: tf.Tensor3D, y: tf.Tensor3D, s: LossSettings): tf.Tensor2D;
  /**
   * d(row loss)/dz, [rows, models, outputs]: written out rather than taken by tf.grad, which costs several
   * times as much on the tfjs cpu backend (a subgradient where the loss has a kink).
   */
  grad(z: tf.Tensor3D, y: tf.Tensor3D, s: LossSettings): tf.Tensor3D;
}

type Op = (z: tf.Tensor3D, y: tf.Tensor3D, s: LossSettings) => tf.Tensor;

/** An element-wise loss (summed over the outputs axis) and its element-wise derivative. */
function pointwise(name: LossName, labelPower: 0 | 1 | 2, value: Op, grad: Op): LinearLoss {
  return {
    name,
    labelPower,
    rows: (z, y, s) => tf.tidy(() => tf.sum(value(z, y, s), 2) as tf.Tensor2D),
    grad: (z, y, s) => tf.tidy(() => grad(z, y, s) as tf.Tensor3D),
  };
}

/** The residual r = z − y. */
const residual = (z: tf.Tensor, y: tf.Tensor) => tf.sub(z, y);
/** The signed label ±1 of a 0/1 label. */
const signed = (y: tf.Tensor) => tf.sub(tf.mul(y, 2), 1);
const indicator = (t: tf.Tensor) => tf.cast(t, 'float32');

export const LOSSES: Record<LossName, LinearLoss> = {
  // softplus(z) − y·z = −y·log σ(z) − (1 − y)·log(1 − σ(z)), computed without overflow; derivative σ(z) − y.
  logistic: pointwise('logistic', 0,
    (z, y) => tf.sub(tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z))))), tf.mul(y, z)),
    (z, y) => tf.sub(tf.sigmoid(z), y)),
  // max(0, margin − s·z) with s = ±1 the signed label; derivative −s where the margin is violated.
  hinge_loss: pointwise('hinge_loss', 0,
    (z, y, s) => tf.relu(tf.sub(s.margin, tf.mul(signed(y), z))),
    (z, y, s) => tf.mul(tf.neg(signed(y)), indicator(tf.greater(tf.sub(s.margin, tf.mul(signed(y), z)), 0)))),
  // logsumexp(z) − z_y; derivative softmax(z) − y.
  softmax_loss: {
    name: 'softmax_loss',
    labelPower: 0,
    rows: (z, y) => tf.tidy(() => tf.sub(tf.logSumExp(z, 2), tf.sum(tf.mul(y, z), 2)) as tf.Tensor2D),
    // softmax over a 2-D view: the tfjs cpu backend's 3-D softmax is half as fast.
    grad: (z, y) => tf.tidy(() => {
      const [n, m, k] = z.shape;
      return tf.sub(tf.reshape(tf.softmax(tf.reshape(z, [n * m, k])), [n, m, k]), y) as tf.Tensor3D;
    }),
  },
  squared_loss: pointwise('squared_loss', 2,
    (z, y) => tf.square(residual(z, y)),
    (z, y) => tf.mul(residual(z, y), 2)),
  absolute_loss: pointwise('absolute_loss', 1,
    (z, y) => tf.abs(residual(z, y)),
    (z, y) => tf.sign(residual(z, y))),
  eps_insensitive_squared_loss: pointwise('eps_insensitive_squared_loss', 2,
    (z, y, s) => tf.square(tf.relu(tf.sub(tf.abs(residual(z, y)), s.epsilon))),
    (z, y, s) => tf.tidy(() => {
      const r = residual(z, y);
      return tf.mul(tf.mul(tf.relu(tf.sub(tf.abs(r), s.epsilon)), tf.sign(r)), 2);
    })),
  eps_insensitive_absolute_loss: pointwise('eps_insensitive_absolute_loss', 1,
    (z, y, s) => tf.relu(tf.sub(tf.abs(residual(z, y)), s.epsilon)),
    (z, y, s) => tf.tidy(() => {
      const r = residual(z, y);
      return tf.mul(tf.sign(r), indicator(tf.greater(tf.abs(r), s.epsilon)));
    })),
  // Pinball loss of e = y − z: q·e above the prediction, (q − 1)·e below; derivative −q or 1 − q.
  quantile_loss: pointwise('quantile_loss', 1,
    (z, y, s) => {
      const e = tf.sub(y, z);
      return tf.maximum(tf.mul(e, s.quantile), tf.mul(e, s.quantile - 1));
    },
    (z, y, s) => tf.sub(1 - s.quantile, indicator(tf.greater(y, z)))),
  // With a = |r| and c = min(a, δ): ½c² + δ(a − c), i.e. ½a² up to δ and δ(a − ½δ) beyond; derivative clip(r, ±δ).
  huber_loss: pointwise('huber_loss', 2,
    (z, y, s) => {
      const a = tf.abs(residual(z, y));
      const c = tf.minimum(a, s.delta);
      return tf.add(tf.mul(tf.square(c), 0.5), tf.mul(tf.sub(a, c), s.delta));
    },
    (z, y, s) => tf.clipByValue(residual(z, y), -s.delta, s.delta)),
};
