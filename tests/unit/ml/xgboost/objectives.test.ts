import { describe, expect, it } from 'vitest';
import { createObjective, type ObjectiveName } from '../../../../src/lib/ml/xgboost/objective.ts';
import { quantile } from '../../../../src/lib/ml/xgboost/objectives/absolute-error.ts';

const cfg = { numClass: 0, scalePosWeight: 1, maxDeltaStep: 0.7 };
const REL = 1e-6; // float32 arithmetic
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(b)));
const sig = (x: number) => 1 / (1 + Math.exp(-x));

function grads(name: ObjectiveName, margins: number[], labels: number[], weights?: number[], extra = {}) {
  const obj = createObjective(name, { ...cfg, ...extra });
  const g = new Float32Array(margins.length), h = new Float32Array(margins.length);
  obj.gradient(Float32Array.from(margins), Float32Array.from(labels), weights ? Float32Array.from(weights) : undefined, g, h);
  return { g: Array.from(g), h: Array.from(h), obj };
}

describe('objective gradients (XGBoost 1.7 formulas, float32)', () => {
  it('reg:squarederror: grad = (p − y)·w, hess = w', () => {
    const { g, h } = grads('reg:squarederror', [0.5, 2], [1.5, 1], [2, 1]);
    expect(g).toEqual([-2, 1]);
    expect(h).toEqual([2, 1]);
  });

  it('binary:logistic: grad = σ(m) − y, hess = σ(m)(1 − σ(m)); scale_pos_weight scales positives', () => {
    const { g, h, obj } = grads('binary:logistic', [0, 2, -1], [1, 0, 1], undefined, { scalePosWeight: 3 });
    close(g[0], 3 * (0.5 - 1)); close(h[0], 3 * 0.25);
    close(g[1], sig(2)); close(h[1], sig(2) * (1 - sig(2)));
    close(g[2], 3 * (sig(-1) - 1));
    expect(Math.abs(obj.baseMargin(0.5))).toBe(0); // -log(1/0.5 − 1) = −0
    close(obj.baseMargin(0.25), Math.log(1 / 3));
  });

  it('binary:logitraw: same gradients, margins out, base_score taken as a margin', () => {
    const { g, obj } = grads('binary:logitraw', [1], [0]);
    close(g[0], sig(1));
    expect(obj.baseMargin(0.5)).toBe(0.5);
    expect(Array.from(obj.predTransform(Float32Array.from([1.5]), 1))).toEqual([1.5]);
  });

  it('count:poisson: grad = exp(m) − y, hess = exp(m + max_delta_step)', () => {
    const { g, h, obj } = grads('count:poisson', [0, Math.log(3)], [2, 1]);
    close(g[0], 1 - 2); close(h[0], Math.exp(0.7));
    close(g[1], 3 - 1); close(h[1], 3 * Math.exp(0.7));
    close(obj.baseMargin(0.5), Math.log(0.5));
  });

  it('multi:softprob: grad_k = p_k − [y = k], hess_k = 2 p_k (1 − p_k)', () => {
    const m = [1, 2, 0.5];
    const z = m.reduce((s, v) => s + Math.exp(v), 0);
    const p = m.map((v) => Math.exp(v) / z);
    const { g, h } = grads('multi:softprob', m, [1], undefined, { numClass: 3 });
    p.forEach((pk, k) => { close(g[k], k === 1 ? pk - 1 : pk); close(h[k], 2 * pk * (1 - pk)); });
  });

  it('multi:softmax predicts the arg-max class, multi:softprob the probabilities', () => {
    const margins = Float32Array.from([0, 3, 1, 2, 0, 0]);
    const softmax = createObjective('multi:softmax', { ...cfg, numClass: 3 });
    expect(Array.from(softmax.predTransform(margins, 2))).toEqual([1, 0]);
    const prob = createObjective('multi:softprob', { ...cfg, numClass: 3 }).predTransform(margins, 2);
    close(prob[0] + prob[1] + prob[2], 1);
  });

  it('reg:absoluteerror: grad = sign(p − y)·w, hess = w, base score = median label', () => {
    const { g, h, obj } = grads('reg:absoluteerror', [1, 1, 1], [0, 1, 3], [2, 1, 1]);
    expect(g).toEqual([2, 0, -1]);
    expect(h).toEqual([2, 1, 1]);
    expect(obj.estimateBaseScore!(Float32Array.from([1, 5, 2, 8]), undefined)).toBe(3.5);
  });

  it('quantile interpolates unweighted and steps weighted, as XGBoost common::Quantile', () => {
    expect(quantile(0.5, Float32Array.from([4, 1, 3]), null)).toBe(3);
    expect(quantile(0.5, Float32Array.from([4, 1, 3, 2]), null)).toBe(2.5);
    expect(quantile(0.5, Float32Array.from([1, 2, 3]), Float32Array.from([1, 1, 10]))).toBe(3);
  });

  it('checkLabels names the rule a label breaks', () => {
    expect(() => createObjective('binary:logistic', cfg).checkLabels(Float32Array.from([0, 2]), 'data.labels'))
      .toThrow('data.labels[1] is 2, but objective binary:logistic needs labels in [0, 1]');
    expect(() => createObjective('multi:softprob', { ...cfg, numClass: 3 }).checkLabels(Float32Array.from([0, 3]), 'data.labels'))
      .toThrow('data.labels[1] is 3, but with num_class = 3 labels must be integers in [0, 2]');
    expect(() => createObjective('count:poisson', cfg).checkLabels(Float32Array.from([-1]), 'y')).toThrow(/needs labels ≥ 0/);
  });
});
