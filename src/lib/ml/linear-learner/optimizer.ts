// sgd (with momentum), adam and rmsprop over the stacked weights of every model at once. TensorFlow.js's
// optimizers take one learning rate; the parallel models each have their own, so the updates are written
// here with the learning rate as a [1, columns] row that broadcasts over the weights' rows.
import * as tf from '@tensorflow/tfjs';
import type { LinearLearnerParams } from './params.ts';

/** Learning-rate decay: lr · factor^⌊step / every⌋, not below min (nor below a model's own starting rate). */
export interface LrSchedule {
  every: number;
  factor: number;
  min: number;
}

export interface OptimizerSettings {
  kind: LinearLearnerParams['optimizer'];
  momentum: number;
  beta1: number;
  beta2: number;
  /** Rates per column of the stacked weights (each model's rate repeated for its outputs). */
  learningRates: Float32Array;
  /** null: a constant rate. */
  schedule: LrSchedule | null;
}

const EPSILON = 1e-8;

/** One variable's optimizer state (first and second moments, as the optimizer needs). */
class Slot {
  readonly m: tf.Variable | null;
  readonly v: tf.Variable | null;
  constructor(readonly param: tf.Variable, kind: OptimizerSettings['kind'], momentum: number) {
    const first = kind === 'adam' || momentum > 0;
    const zeros = () => tf.tidy(() => tf.variable(tf.zerosLike(param), false));
    this.m = first ? zeros() : null;
    this.v = kind === 'sgd' ? null : zeros();
  }
  dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
  }
}

/** Updates registered variables from their gradients; `step` counts updates for the schedule and adam. */
export class StackedOptimizer {
  private readonly slots: Slot[] = [];
  private readonly base: tf.Tensor2D;
  private readonly floor: tf.Tensor2D;
  private t = 0;

  constructor(private readonly s: OptimizerSettings) {
    this.base = tf.tensor2d(s.learningRates, [1, s.learningRates.length]);
    const floor = s.learningRates.map((lr) => Math.min(lr, s.schedule?.min ?? 0));
    this.floor = tf.tensor2d(floor, [1, floor.length]);
  }

  /** Adds a variable; returns its slot index for `update`. */
  track(param: tf.Variable): number {
    this.slots.push(new Slot(param, this.s.kind, this.s.momentum));
    return this.slots.length - 1;
  }

  /** The current rate multiplier of the schedule (1 without one). */
  private decay(): number {
    const sc = this.s.schedule;
    return sc ? sc.factor ** Math.floor(this.t / sc.every) : 1;
  }

  /** Applies one step to every tracked variable; `grads[i]` belongs to slot i and `rateMult[i]` scales its rate (bias_lr_mult). */
  update(grads: readonly tf.Tensor[], rateMult: readonly number[]): void {
    const { kind, momentum, beta1, beta2 } = this.s;
    const decay = this.decay();
    this.t++;
    tf.tidy(() => {
      const rate = this.s.schedule ? tf.maximum(tf.mul(this.base, decay), this.floor) : this.base;
      this.slots.forEach((slot, i) => {
        const g = grads[i];
        const lr = tf.mul(rate, rateMult[i]);
        let step: tf.Tensor;
        if (kind === 'adam') {
          const m = tf.add(tf.mul(slot.m!, beta1), tf.mul(g, 1 - beta1));
          const v = tf.add(tf.mul(slot.v!, beta2), tf.mul(tf.square(g), 1 - beta2));
          slot.m!.assign(m);
          slot.v!.assign(v);
          const mHat = tf.div(m, 1 - beta1 ** this.t);
          const vHat = tf.div(v, 1 - beta2 ** this.t);
          step = tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(vHat), EPSILON)));
        } else if (kind === 'rmsprop') {
          const v = tf.add(tf.mul(slot.v!, beta2), tf.mul(tf.square(g), 1 - beta2));
          slot.v!.assign(v);
          step = tf.mul(lr, tf.div(g, tf.sqrt(tf.add(v, EPSILON))));
          if (slot.m) { step = tf.add(tf.mul(slot.m, momentum), step); slot.m.assign(step); }
        } else {
          step = tf.mul(lr, g);
          if (slot.m) { step = tf.add(tf.mul(slot.m, momentum), step); slot.m.assign(step); }
        }
        slot.param.assign(tf.sub(slot.param, step));
      });
    });
  }

  dispose(): void {
    for (const s of this.slots) s.dispose();
    this.base.dispose();
    this.floor.dispose();
  }
}
