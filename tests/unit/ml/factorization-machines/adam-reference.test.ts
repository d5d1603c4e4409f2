// The training arithmetic against a float64 numpy factorization machine (scripts/ml/sklearn_factorization-machines.py,
// mode fm_steps): full-batch steps of MXNet-style lazy Adam from constant start values, so the row order of the
// shuffle cannot matter. Tolerance 1e-6 absolute on parameters of size ~0.1–1 (float32 against float64).
import { expect, it } from 'vitest';
import { factorizationMachinesEstimator as fm } from '../../../../src/lib/ml/factorization-machines/factorization-machines-estimator.ts';
import type { FitData } from '../../../../src/lib/ml/matrix.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';

const N_ROWS = 12;
const N_COLS = 6; // column 5 is all zeros: lazy Adam must leave its parameters at their start values

function smallData(binary: boolean, seed: number): { data: FitData; X: number[][] } {
  const rng = new SeededRandom(seed);
  const X = Array.from({ length: N_ROWS }, () => Array.from({ length: N_COLS }, (_, j) =>
    (j === N_COLS - 1 || rng.next() < 0.4 ? 0 : Math.fround(rng.next() * 2 - 0.5))));
  const labels = Float32Array.from({ length: N_ROWS }, () => (binary ? (rng.next() < 0.5 ? 1 : 0) : Math.fround(rng.next() * 4 - 1)));
  return { data: { features: Float32Array.from(X.flat()), nRows: N_ROWS, nCols: N_COLS, labels }, X };
}

interface Reference { bias: number; linear: number[]; factors: number[] }

interface Case {
  name: string;
  binary: boolean;
  raw: Record<string, string | number> & { epochs: number };
  /** The same settings for the numpy script. */
  ref: { lr: Record<string, number>; wd: Record<string, number>; clip: number | null; eps: number; rescale: number | null };
  weights: Float32Array | null;
}

const cases: Case[] = [
  {
    name: 'regressor with per-group learning rates and weight decays',
    binary: false,
    raw: { predictor_type: 'regressor', num_factors: 3, epochs: 6, mini_batch_size: 64, bias_lr: 0.1, linear_lr: 0.05, factors_lr: 0.03,
      bias_wd: 0.01, linear_wd: 0.02, factors_wd: 0.03 },
    ref: { lr: { bias: 0.1, linear: 0.05, factors: 0.03 }, wd: { bias: 0.01, linear: 0.02, factors: 0.03 }, clip: null, eps: 1e-8, rescale: null },
    weights: null,
  },
  {
    name: 'weighted binary_classifier with clip_gradient, rescale_grad and eps',
    binary: true,
    raw: { predictor_type: 'binary_classifier', num_factors: 3, epochs: 5, mini_batch_size: 12, bias_lr: 0.05, linear_lr: 0.02, factors_lr: 0.04,
      bias_wd: 0.1, linear_wd: 0.001, factors_wd: 0.2, clip_gradient: 0.3, rescale_grad: 0.25, eps: 1e-3 },
    ref: { lr: { bias: 0.05, linear: 0.02, factors: 0.04 }, wd: { bias: 0.1, linear: 0.001, factors: 0.2 }, clip: 0.3, eps: 1e-3, rescale: 0.25 },
    weights: Float32Array.from({ length: N_ROWS }, (_, i) => 0.5 + (i % 3)),
  },
];

describeEachTfBackend('factorization-machines Adam steps against numpy', () => {
  for (const c of cases) {
    it.skipIf(!hasSklearn)(`${c.name} matches the float64 reference within 1e-6${sklearnSkipReason}`, async () => {
      const { data, X } = smallData(c.binary, 7);
      if (c.weights) data.weights = c.weights;
      const init = { bias_init_method: 'constant', bias_init_value: 0.25, linear_init_method: 'constant', linear_init_value: -0.125,
        factors_init_method: 'constant', factors_init_value: 0.5 };
      const { model } = await fm.fit(data, fm.resolve({ ...c.raw, ...init }));
      const ref = python<Reference>('sklearn_factorization-machines.py', {
        mode: 'fm_steps', X, y: [...data.labels!], weights: c.weights ? [...c.weights] : null, k: 3, binary: c.binary,
        steps: c.raw.epochs, init: { bias: 0.25, linear: -0.125, factors: 0.5 }, ...c.ref,
      });
      expect(Math.abs(model.bias - ref.bias)).toBeLessThan(1e-6);
      for (let i = 0; i < N_COLS; i++) expect(Math.abs(model.linear[i] - ref.linear[i])).toBeLessThan(1e-6);
      for (let i = 0; i < N_COLS * 3; i++) expect(Math.abs(model.factors[i] - ref.factors[i])).toBeLessThan(1e-6);
      // The all-zero feature never appears in a batch, so weight decay never touched it.
      expect(model.linear[N_COLS - 1]).toBe(-0.125);
      expect([...model.factors.subarray((N_COLS - 1) * 3)]).toEqual([0.5, 0.5, 0.5]);
      // And the others moved.
      expect(Math.abs(model.linear[0] + 0.125)).toBeGreaterThan(0.01);
    });
  }
});
