import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { StackedOptimizer, type OptimizerSettings } from '../../../../src/lib/ml/linear-learner/optimizer.ts';
import { featureScaling, sampleRows } from '../../../../src/lib/ml/linear-learner/scaler.ts';
import { balancedClassWeights, balancedPositiveWeight } from '../../../../src/lib/ml/linear-learner/row-weights.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

/** Runs `steps` updates of a [1, 2] variable (two models, one weight each) under constant gradient `g`. */
function run(s: Partial<OptimizerSettings>, g: number[], steps: number): number[] {
  const opt = new StackedOptimizer({ kind: 'sgd', momentum: 0, beta1: 0.9, beta2: 0.999, learningRates: Float32Array.of(0.1, 0.01), schedule: null, ...s });
  const w = tf.tidy(() => tf.variable(tf.zeros([1, 2])));
  opt.track(w);
  const grad = tf.tensor2d([g]);
  for (let i = 0; i < steps; i++) opt.update([grad], [1]);
  const out = Array.from(w.dataSync());
  opt.dispose();
  tf.dispose([w, grad]);
  return out;
}

describeEachTfBackend('StackedOptimizer', () => {
  it('sgd moves each model by its own rate: w = −steps·lr·g', () => {
    const [a, b] = run({}, [2, 2], 3);
    expect(a).toBeCloseTo(-0.6, 6);
    expect(b).toBeCloseTo(-0.06, 6);
  });

  it('sgd momentum 0.5 accumulates the velocity: steps of lr·g·(1, 1.5, 1.75)', () => {
    expect(run({ momentum: 0.5 }, [1, 1], 3)[0]).toBeCloseTo(-0.1 * (1 + 1.5 + 1.75), 6);
  });

  it('adam’s bias-corrected step is lr·sign(g) whatever the gradient’s size', () => {
    const [a, b] = run({ kind: 'adam' }, [1e-3, -50], 1);
    expect(a).toBeCloseTo(-0.1, 4);
    expect(b).toBeCloseTo(0.01, 4);
  });

  it('rmsprop’s first step is lr·g/√((1 − ρ)·g²)', () => {
    expect(run({ kind: 'rmsprop', beta2: 0.9 }, [3, 3], 1)[0]).toBeCloseTo(-0.1 / Math.sqrt(0.1), 4);
  });

  it('the schedule multiplies the rate by factor every `every` steps, never below min (nor a rate already below it)', () => {
    // Rates 0.1, 0.1, 0.05, 0.05, then the floor 0.03; the second model (0.01) starts below the floor and keeps its rate.
    const [a, b] = run({ schedule: { every: 2, factor: 0.5, min: 0.03 } }, [1, 1], 5);
    expect(a).toBeCloseTo(-(0.1 + 0.1 + 0.05 + 0.05 + 0.03), 6);
    expect(b).toBeCloseTo(-0.05, 6);
  });

  it('keeps no tensors after dispose', () => {
    const before = tf.memory().numTensors;
    run({ kind: 'adam', schedule: { every: 1, factor: 0.9, min: 1e-5 } }, [1, 1], 4);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('linear-learner scaling and weights', () => {
  it('featureScaling gives the mean and population sd of the sampled rows; a constant column keeps scale 1', () => {
    const m = { features: [Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 5, 5, 5)], nRows: 4, nCols: 2 };
    const s = featureScaling(m, sampleRows(4, 10, 0), true, true);
    expect(Array.from(s.shift)).toEqual([2.5, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(1.25), 6);
    expect(s.scale[1]).toBe(1);
    const off = featureScaling(m, sampleRows(4, 10, 0), false, false);
    expect([...off.shift, ...off.scale]).toEqual([0, 0, 1, 1]);
  });

  it('sampleRows takes num_point_for_scaler distinct rows, the same ones for the same seed', () => {
    const a = sampleRows(1000, 10, 0);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(Array.from(a)).toEqual(Array.from(sampleRows(1000, 10, 0)));
    expect(Array.from(sampleRows(5, 10, 0))).toEqual([0, 1, 2, 3, 4]);
  });

  it('balanced weights: negatives ÷ positives for binary, total ÷ (classes × count) per class', () => {
    expect(balancedPositiveWeight(Float32Array.of(1, 0, 0, 0))).toBe(3);
    expect(balancedPositiveWeight(Float32Array.of(1, 0), Float32Array.of(2, 1))).toBe(0.5);
    expect(Array.from(balancedClassWeights(Float32Array.of(0, 0, 0, 1, 2, 2), 3))).toEqual([6 / 9, 2, 1]);
  });
});
