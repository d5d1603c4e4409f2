import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { LOSSES, type LossSettings } from '../../../../src/lib/ml/linear-learner/losses.ts';
import type { LossName } from '../../../../src/lib/ml/linear-learner/params.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

const S: LossSettings = { margin: 1, quantile: 0.3, epsilon: 0.25, delta: 0.8 };
// Scores of 2 rows × 2 models (one output), away from every kink (|r| ≠ ε, δ; margin − s·z ≠ 0).
const Z = [[-1.7, 0.4], [2.2, -0.3]];
const Y_BINARY = [1, 0];
const Y_VALUE = [0.5, 1.0];

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** Reference per-row losses of a score z and label y, written from the definitions. */
const REFERENCE: Record<Exclude<LossName, 'softmax_loss'>, (z: number, y: number) => number> = {
  logistic: (z, y) => -(y * Math.log(sigmoid(z)) + (1 - y) * Math.log(1 - sigmoid(z))),
  hinge_loss: (z, y) => Math.max(0, S.margin - (2 * y - 1) * z),
  squared_loss: (z, y) => (z - y) ** 2,
  absolute_loss: (z, y) => Math.abs(z - y),
  eps_insensitive_squared_loss: (z, y) => Math.max(0, Math.abs(z - y) - S.epsilon) ** 2,
  eps_insensitive_absolute_loss: (z, y) => Math.max(0, Math.abs(z - y) - S.epsilon),
  quantile_loss: (z, y) => (y >= z ? S.quantile * (y - z) : (1 - S.quantile) * (z - y)),
  huber_loss: (z, y) => (Math.abs(z - y) <= S.delta ? 0.5 * (z - y) ** 2 : S.delta * (Math.abs(z - y) - 0.5 * S.delta)),
};

describeEachTfBackend('linear-learner losses', () => {
  for (const [name, ref] of Object.entries(REFERENCE) as [Exclude<LossName, 'softmax_loss'>, (z: number, y: number) => number][]) {
    const labels = name === 'logistic' || name === 'hinge_loss' ? Y_BINARY : Y_VALUE;
    it(`${name} matches its definition and its written-out gradient matches tf.grad, to 1e-5`, () => {
      const loss = LOSSES[name];
      const z = tf.tensor3d(Z.map((r) => r.map((v) => [v])));
      const y = tf.tensor3d(labels.map((v) => [[v]]));
      const rows = loss.rows(z, y, S).arraySync() as number[][];
      for (let i = 0; i < 2; i++) for (let m = 0; m < 2; m++) expect(rows[i][m]).toBeCloseTo(ref(Z[i][m], labels[i]), 5);
      const written = loss.grad(z, y, S).arraySync() as number[][][];
      const auto = tf.grad((t: tf.Tensor) => tf.sum(loss.rows(t as tf.Tensor3D, y, S)))(z).arraySync() as number[][][];
      for (let i = 0; i < 2; i++) for (let m = 0; m < 2; m++) expect(written[i][m][0]).toBeCloseTo(auto[i][m][0], 5);
      tf.dispose([z, y]);
    });
  }

  it('softmax_loss is −log softmax(z)[y] and its gradient is softmax(z) − onehot(y), to 1e-5', () => {
    const zs = [[[1, 2, 0.5], [-1, 0, 3]]];
    const z = tf.tensor3d(zs);
    const y = tf.tensor3d([[[0, 0, 1]]]);
    const rows = LOSSES.softmax_loss.rows(z, y, S).arraySync() as number[][];
    const g = LOSSES.softmax_loss.grad(z, y, S).arraySync() as number[][][];
    zs[0].forEach((r, m) => {
      const e = r.map(Math.exp), sum = e[0] + e[1] + e[2];
      expect(rows[0][m]).toBeCloseTo(-Math.log(e[2] / sum), 5);
      expect(g[0][m]).toEqual([e[0] / sum, e[1] / sum, e[2] / sum - 1].map((v) => expect.closeTo(v, 5)));
    });
    tf.dispose([z, y]);
  });

  it('logistic stays finite for scores of ±100 (no overflow in exp)', () => {
    const z = tf.tensor3d([[[100], [-100]]]);
    const y = tf.tensor3d([[[0]]]);
    const rows = LOSSES.logistic.rows(z, y, S).arraySync() as number[][];
    expect(rows[0][0]).toBeCloseTo(100, 3);
    expect(rows[0][1]).toBeCloseTo(0, 6);
    tf.dispose([z, y]);
  });

  it('labelPower says how each regression loss scales with the label unit', () => {
    const z = tf.tensor3d([[[3]]]), y = tf.tensor3d([[[1]]]);
    const z10 = tf.tensor3d([[[30]]]), y10 = tf.tensor3d([[[10]]]);
    for (const name of ['squared_loss', 'absolute_loss', 'quantile_loss', 'huber_loss', 'eps_insensitive_absolute_loss', 'eps_insensitive_squared_loss'] as const) {
      const s10 = { ...S, epsilon: S.epsilon * 10, delta: S.delta * 10 };
      const small = (LOSSES[name].rows(z, y, S).arraySync() as number[][])[0][0];
      const big = (LOSSES[name].rows(z10, y10, s10).arraySync() as number[][])[0][0];
      expect(big / small).toBeCloseTo(10 ** LOSSES[name].labelPower, 4);
    }
    tf.dispose([z, y, z10, y10]);
  });
});
