// One optimizer step of SageMaker's factorization machine: Adam (MXNet's: β1 0.9, β2 0.999, bias correction
// folded into the learning rate) with a learning rate and weight decay per parameter group, updating
// lazily as MXNet does for row-sparse weights: only the table rows of features present in the batch move,
// so weight decay and stale momentum never drag absent features' weights. MXNet's order is kept:
// g = rescale_grad · Σ rows' gradients + wd · θ, then clipped to ±clip_gradient.
import * as tf from '@tensorflow/tfjs';
import type { BatchSlots } from './batch-slots.ts';
import { factorColumns, slotTerms } from './slot-scores.ts';

const BETA1 = 0.9;
const BETA2 = 0.999;

/** Parameters and Adam moments, as tensors, between steps. */
export interface FmState {
  k: number;
  /** [n, k + 1]: row i = [vᵢ, wᵢ]; `m` and `v` are its first and second moments. */
  table: tf.Tensor2D;
  m: tf.Tensor2D;
  v: tf.Tensor2D;
  /** w0 and its moments. */
  bias: tf.Scalar;
  mBias: tf.Scalar;
  vBias: tf.Scalar;
  /** Steps taken (Adam's t). */
  steps: number;
}

/** What a step needs beyond the batch. */
export interface StepSettings {
  binary: boolean;
  /** k + 1 learning rates and weight decays per table column: factors_* k times, then linear_*. */
  tableLr: Float32Array;
  tableWd: Float32Array;
  biasLr: number;
  biasWd: number;
  clip: number | null;
  eps: number;
}

export function createState(table: Float32Array, n: number, k: number, bias: number): FmState {
  return {
    k,
    table: tf.tensor2d(table, [n, k + 1]),
    m: tf.zeros([n, k + 1]),
    v: tf.zeros([n, k + 1]),
    bias: tf.scalar(bias),
    mBias: tf.scalar(0),
    vBias: tf.scalar(0),
    steps: 0,
  };
}

export function disposeState(s: FmState): void {
  tf.dispose([s.table, s.m, s.v, s.bias, s.mBias, s.vBias]);
}

function adam(param: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor, lr: tf.Tensor | number, wd: tf.Tensor | number,
  o: StepSettings): [tf.Tensor, tf.Tensor, tf.Tensor] {
  let g = tf.add(grad, tf.mul(param, wd));
  if (o.clip !== null) g = tf.clipByValue(g, -o.clip, o.clip);
  const m2 = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
  const v2 = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
  return [tf.sub(param, tf.div(tf.mul(m2, lr), tf.add(tf.sqrt(v2), o.eps))), m2, v2];
}

/**
 * One step on a batch laid out with distinct-feature positions (`slots.unique` set). `y` holds the labels
 * (0/1 for binary), `scale` each row's factor on its loss gradient (rescale_grad × row weight).
 */
export function adamStep(state: FmState, slots: BatchSlots, y: Float32Array, scale: Float32Array, o: StepSettings): void {
  const unique = slots.unique;
  if (!unique) throw new Error('adamStep needs slots built with distinct-feature positions');
  const { rows, width } = slots;
  const k = state.k;
  const u = unique.length;
  state.steps++;
  const correction = Math.sqrt(1 - BETA2 ** state.steps) / (1 - BETA1 ** state.steps);
  const old = state;
  const next = tf.tidy(() => {
    const gradOf = (z: tf.Tensor1D) => tf.mul(tf.sub(o.binary ? tf.sigmoid(z) : z, tf.tensor1d(y)), tf.tensor1d(scale)) as tf.Tensor1D;
    let table = old.table, m = old.m, v = old.v;
    let g: tf.Tensor1D;
    if (u === 0) {
      g = gradOf(tf.add(tf.zeros([rows]), old.bias) as tf.Tensor1D);
    } else {
      const pos = tf.tensor2d(slots.pos, [rows, width], 'int32');
      const x = tf.tensor2d(slots.x, [rows, width]);
      const ids = tf.tensor1d(unique, 'int32');
      const rowsU = tf.gather(old.table, ids) as tf.Tensor2D;
      const { rowsE, sums, score } = slotTerms(rowsU, pos, x, k);
      g = gradOf(tf.add(score, old.bias));
      // ∂score/∂E_{i,f} = xᵢ·c_f − xᵢ²·a_f·E_{i,f}, with c = s on the factor columns and 1 on the linear one
      // (a marks the factor columns); per slot, then summed per distinct feature.
      const a = factorColumns(k);
      const c = tf.add(tf.mul(sums, a), tf.sub(1, a));
      const gx = tf.mul(tf.reshape(g, [rows, 1]), x);
      const own = tf.mul(tf.matMul(tf.reshape(tf.mul(gx, x), [rows, width, 1]), tf.reshape(a, [1, 1, k + 1])), rowsE);
      const perSlot = tf.reshape(tf.sub(tf.matMul(tf.reshape(gx, [rows, width, 1]), tf.reshape(c, [rows, 1, k + 1])), own), [rows * width, k + 1]);
      const gradU = tf.scatterND(tf.reshape(pos, [rows * width, 1]), perSlot, [u, k + 1]);
      const lr = tf.mul(tf.tensor1d(o.tableLr), correction);
      const [rowsNew, mNew, vNew] = adam(rowsU, gradU, tf.gather(old.m, ids), tf.gather(old.v, ids), lr, tf.tensor1d(o.tableWd), o);
      const at = tf.reshape(ids, [u, 1]);
      table = tf.tensorScatterUpdate(old.table, at, rowsNew);
      m = tf.tensorScatterUpdate(old.m, at, mNew);
      v = tf.tensorScatterUpdate(old.v, at, vNew);
    }
    const [bias, mBias, vBias] = adam(old.bias, tf.sum(g), old.mBias, old.vBias, o.biasLr * correction, o.biasWd, o);
    return { table, m, v, bias: bias as tf.Scalar, mBias: mBias as tf.Scalar, vBias: vBias as tf.Scalar };
  });
  const replaced = [old.table, old.m, old.v].filter((t) => t !== next.table && t !== next.m && t !== next.v);
  tf.dispose([...replaced, old.bias, old.mBias, old.vBias]);
  Object.assign(state, next);
}
