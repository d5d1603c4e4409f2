import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kmeansBaseline, summaryRow } from '../../../../src/lib/clarify/shap/baseline.ts';
import { kernelShap } from '../../../../src/lib/clarify/shap/kernel-shap.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { batch, nonlinear } from './kernel-fixtures.ts';

const PYTHON = '/usr/bin/python3';
const hasSklearn = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' }).status === 0;
const skipReason = hasSklearn ? '' : ` (skipped: ${PYTHON} cannot import sklearn; apt-get install python3-sklearn)`;

/** Blobs of 50, 30 and 20 rows around far-apart centres in 3 columns, values on a 1/8 grid. */
function blobs() {
  const rng = new SeededRandom(21);
  const centres = [[0, 0, 0], [10, 10, 0], [0, 10, 10]];
  const sizes = [50, 30, 20];
  const values: number[] = [];
  sizes.forEach((n, c) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) values.push(centres[c][j] + Math.round((rng.next() - 0.5) * 16) / 8);
  });
  return { values: Float32Array.from(values), nRows: 100, nCols: 3 };
}

describe('kmeansBaseline', () => {
  it('gives k centres weighted by cluster size, each coordinate snapped to a value of its column', () => {
    const data = blobs();
    const s = kmeansBaseline(data, 3);
    expect(s.k).toBe(3);
    expect(Array.from(s.baselineWeights).sort((a, b) => a - b)).toEqual([20, 30, 50]);
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 3; j++) {
        const column = Array.from({ length: 100 }, (_, i) => data.values[i * 3 + j]);
        expect(column).toContain(s.baseline[c * 3 + j]);
      }
    }
    // The 50-row cluster's centre sits near (0, 0, 0) (noise is ±1).
    const big = Array.from(s.baselineWeights).indexOf(50);
    for (let j = 0; j < 3; j++) expect(Math.abs(s.baseline[big * 3 + j])).toBeLessThan(0.5);
    const raw = kmeansBaseline(data, 3, { round: false });
    expect(raw.inertia).toBe(s.inertia);
  });

  it('weights reach kernelShap: its expected value is the size-weighted mean output over the centres (1e-6)', async () => {
    const data = blobs();
    const wide = { values: new Float32Array(100 * 8), nRows: 100, nCols: 8 };
    for (let i = 0; i < 100; i++) for (let j = 0; j < 8; j++) wide.values[i * 8 + j] = data.values[i * 3 + (j % 3)] / 5;
    const s = kmeansBaseline(wide, 3);
    const r = await kernelShap(batch(nonlinear), { values: wide.values.subarray(0, 16), nRows: 2, nCols: 8 }, { ...s, numSamples: 254 });
    const out = new Float64Array(2);
    let expected = 0;
    for (let c = 0; c < s.k; c++) { nonlinear.f(s.baseline.subarray(c * 8, c * 8 + 8), out); expected += (s.baselineWeights[c] / 100) * Math.fround(out[0]); }
    expect(Math.abs(r.expectedValue[0] - expected)).toBeLessThan(1e-6);
  });

  it(`reaches scikit-learn KMeans(n_init=10) inertia within 1% on blobs and on uniform rows${skipReason}`, () => {
    if (!hasSklearn) return;
    const rng = new SeededRandom(5);
    const uniform = { values: Float32Array.from({ length: 300 * 4 }, () => rng.next()), nRows: 300, nCols: 4 };
    for (const [data, k] of [[blobs(), 3], [uniform, 6]] as const) {
      const ours = kmeansBaseline(data, k, { round: false }).inertia;
      const py = spawnSync(PYTHON, ['-c', `import sys, json, numpy as np
from sklearn.cluster import KMeans
d = json.load(sys.stdin); X = np.array(d['x'], dtype=np.float32).reshape(-1, d['f']).astype(np.float64)
print(KMeans(n_clusters=d['k'], random_state=0, n_init=10).fit(X).inertia_)`], { input: JSON.stringify({ x: Array.from(data.values), f: data.nCols, k }), encoding: 'utf8' });
      expect(py.status, py.stderr).toBe(0);
      const theirs = Number(py.stdout);
      expect(ours).toBeLessThanOrEqual(theirs * 1.01);
    }
  });

  it('names num_clusters and refuses missing values', () => {
    expect(() => kmeansBaseline(blobs(), 0)).toThrow(/num_clusters must be a positive integer; got 0/);
    expect(() => kmeansBaseline(blobs(), 101)).toThrow(/num_clusters \(101\) must not exceed the number of rows \(100\)/);
    const d = blobs(); d.values[7] = NaN;
    expect(() => kmeansBaseline(d, 2)).toThrow(/missing value at row 2, column 1/);
  });
});

describe('summaryRow', () => {
  it('is the mean of numeric columns and the mode of categorical ones, skipping NaN', () => {
    const data = { values: Float32Array.from([1, 2, 5, 3, 7, NaN, 5, 7, 1, NaN, 7, 1]), nRows: 4, nCols: 3 };
    expect(Array.from(summaryRow(data, [false, true, false]))).toEqual([3, 7, 7 / 3].map(Math.fround));
    // tie between 2 and 7 (twice each) in column 1 → the smaller.
    const tie = { values: Float32Array.from([0, 2, 0, 2, 0, 7, 0, 7]), nRows: 4, nCols: 2 };
    expect(summaryRow(tie, [false, true])[1]).toBe(2);
  });
});
