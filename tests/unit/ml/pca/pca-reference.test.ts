// PCA against numpy's SVD of the centred data and scikit-learn's PCA.transform on scikit-learn's bundled
// data sets (raw and standardized), both algorithm modes, on every Node TensorFlow.js backend.
// Tolerances: explained variance ratios within 1e-4 (absolute); projections within 1e-3 of sklearn's per
// component, relative to that component's largest |value|, after matching signs. Measured (cpu and wasm):
// regular ratios ≤ 6e-8 and projections ≤ 7e-5; randomized ratios ≤ 8e-8 and projections ≤ 5e-4 (digits
// with subtract_mean false, component 9); the explained-variance helper on the projections ≤ 2e-7.
import { expect, it } from 'vitest';
import { explainedVarianceRatios } from '../../../../src/lib/ml/results/explained-variance.ts';
import { pcaEstimator } from '../../../../src/lib/ml/pca/pca-estimator.ts';
import type { FeatureMatrix } from '../../../../src/lib/ml/matrix.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

interface Case { dataset: string; standardize: boolean; n_components: number; subtract_mean: boolean }
interface Reference { X: number[]; n_rows: number; n_cols: number; ratios_all: number[]; ratios: number[]; projection: number[] }

const COLUMNS: Record<string, number> = { iris: 4, wine: 13, breast_cancer: 30, digits: 64 };
const CASES: Case[] = [];
for (const dataset of Object.keys(COLUMNS)) {
  for (const standardize of [false, true]) {
    CASES.push({ dataset, standardize, n_components: Math.min(10, COLUMNS[dataset]), subtract_mean: true });
  }
  CASES.push({ dataset, standardize: false, n_components: Math.min(10, COLUMNS[dataset]), subtract_mean: false });
}

let cached: Reference[] | undefined;
function references(): Reference[] {
  cached ??= python<{ results: Reference[] }>('sklearn_pca.py', { cases: CASES }).results;
  return cached;
}

function title(c: Case): string {
  return `${c.dataset}${c.standardize ? ' (standardized)' : ''}${c.subtract_mean ? '' : ' with subtract_mean false'}`;
}

/** Per component: max |mine − s·theirs| / max |theirs|, s the sign that matches them best. */
function projectionErrors(mine: Float32Array, theirs: number[], n: number, k: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    let dot = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      dot += mine[i * k + j] * theirs[i * k + j];
      scale = Math.max(scale, Math.abs(theirs[i * k + j]));
    }
    const s = dot < 0 ? -1 : 1;
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(mine[i * k + j] - s * theirs[i * k + j]));
    out.push(worst / scale);
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describeEachTfBackend('pca against numpy and scikit-learn', () => {
  CASES.forEach((c, index) => {
    const ref = (): { r: Reference; x: FeatureMatrix } => {
      const r = references()[index];
      return { r, x: { features: Float32Array.from(r.X), nRows: r.n_rows, nCols: r.n_cols } };
    };

    if (c.subtract_mean) {
      it.skipIf(!hasSklearn)(`regular mode gives every explained variance ratio of ${title(c)} within 1e-4 of numpy's SVD${sklearnSkipReason}`, async () => {
        const { r, x } = ref();
        const { model } = await pcaEstimator.fit(x, pcaEstimator.resolve({ num_components: r.n_cols }));
        expect(maxAbsDiff(model.explainedVarianceRatio, r.ratios_all)).toBeLessThan(1e-4);
      });
    }

    for (const mode of ['regular', 'randomized'] as const) {
      it.skipIf(!hasSklearn)(`${mode} mode matches the top ${c.n_components} components of ${title(c)}: ratios within 1e-4, projections within 1e-3${sklearnSkipReason}`, async () => {
        const { r, x } = ref();
        const k = c.n_components;
        const params = pcaEstimator.resolve({ num_components: k, algorithm_mode: mode, subtract_mean: c.subtract_mean });
        const { model } = await pcaEstimator.fit(x, params);
        expect(maxAbsDiff(model.explainedVarianceRatio, r.ratios)).toBeLessThan(1e-4);
        const out = await pcaEstimator.infer(model, x);
        if (out.kind !== 'decomposition') throw new Error(`expected a decomposition, got ${out.kind}`);
        expect(out.components).toBe(k);
        expect(Math.max(...projectionErrors(out.projection, r.projection, r.n_rows, k))).toBeLessThan(1e-3);
        // The results view's helper, on the same projection, agrees with numpy too.
        expect(maxAbsDiff(explainedVarianceRatios(x, out.projection, k), r.ratios)).toBeLessThan(1e-4);
      });
    }
  });
});
