import { describe, expect, it } from 'vitest';
import { partialDependence, pdpFeatures, pdpGrid } from '../../../src/lib/clarify/pdp.ts';
import type { BatchModel } from '../../../src/lib/clarify/shap/kernel-shap.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';

/** f(x) = x0² · x1 + 3 x2 (out 0) and x0 + x1 (out 1), computed in float64 then stored as float32. */
const model = (calls: number[] = []): BatchModel => async (rows, n) => {
  calls.push(n);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const x = rows.subarray(i * 3, i * 3 + 3);
    out[2 * i] = x[0] * x[0] * x[1] + 3 * x[2];
    out[2 * i + 1] = x[0] + x[1];
  }
  return out;
};

function data(n: number) {
  const rng = new SeededRandom(8);
  const values = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    values[i * 3] = Math.round(rng.next() * 1000) / 100; // 0 … 10
    values[i * 3 + 1] = Math.round((rng.next() * 4 - 2) * 64) / 64;
    values[i * 3 + 2] = rng.nextInt(4); // a category code
  }
  return { values, nRows: n, nCols: 3 };
}

describe('pdpGrid', () => {
  it('spaces grid_resolution values evenly from the 5th to the 95th percentile (numpy linear percentiles)', () => {
    const d = { values: Float32Array.from({ length: 101 }, (_, i) => i), nRows: 101, nCols: 1 };
    expect(Array.from(pdpGrid(d, 0, 10))).toEqual(Array.from({ length: 10 }, (_, g) => 5 + (90 * g) / 9));
  });

  it('uses the distinct values for categorical codes and for fewer distinct values than grid_resolution', () => {
    expect(Array.from(pdpGrid(data(50), 2, 15, true))).toEqual([0, 1, 2, 3]);
    expect(Array.from(pdpGrid(data(50), 2))).toEqual([0, 1, 2, 3]);
  });
});

describe('partialDependence', () => {
  it('equals the closed form: PDP(v) = v² · mean(x1) + 3 · mean(x2) for x0, and one ICE curve per row (1e-5 relative)', async () => {
    const d = data(40);
    const r = await partialDependence(model(), d, 0, { gridResolution: 7 });
    expect(r.grid.length).toBe(7);
    expect(r.outputs).toBe(2);
    expect(r.ice.length).toBe(40 * 7 * 2);
    let m1 = 0, m2 = 0;
    for (let i = 0; i < 40; i++) { m1 += d.values[i * 3 + 1] / 40; m2 += d.values[i * 3 + 2] / 40; }
    for (let g = 0; g < 7; g++) {
      const v = r.grid[g];
      const want0 = v * v * m1 + 3 * m2;
      expect(Math.abs(r.pdp[g * 2] - want0)).toBeLessThan(1e-5 * (1 + Math.abs(want0)));
      expect(Math.abs(r.pdp[g * 2 + 1] - (Math.fround(v) + m1))).toBeLessThan(1e-5);
      // ICE of row 3: its own x1 and x2.
      const x1 = d.values[10], x2 = d.values[11];
      expect(Math.abs(r.ice[(3 * 7 + g) * 2] - (v * v * x1 + 3 * x2))).toBeLessThan(1e-5 * (1 + v * v));
    }
  });

  it('is the same in small batches, calls of at most batchRows, and reports progress', async () => {
    const d = data(30);
    const calls: number[] = [];
    const seen: number[] = [];
    const whole = await partialDependence(model(), d, 2, { categorical: true });
    const small = await partialDependence(model(calls), d, 2, { categorical: true, batchRows: 7, onProgress: (done) => seen.push(done) });
    expect(Array.from(small.ice)).toEqual(Array.from(whole.ice));
    expect(Math.max(...calls)).toBeLessThanOrEqual(7);
    expect(seen[seen.length - 1]).toBe(30 * 4);
  });

  it('names the argument on a bad feature or grid_resolution', async () => {
    await expect(partialDependence(model(), data(5), 3)).rejects.toThrow('feature must be a column from 0 to 2; got 3');
    await expect(partialDependence(model(), data(5), 0, { gridResolution: 1 })).rejects.toThrow('grid_resolution must be an integer ≥ 2; got 1');
  });
});

describe('pdpFeatures', () => {
  it('picks the top_k_features columns by global value, largest first', () => {
    expect(pdpFeatures([0.1, 3, 0.5, 2], 2)).toEqual([1, 3]);
    expect(pdpFeatures([0.1, 3, 0.5, 2]).length).toBe(4);
    expect(() => pdpFeatures([1], 0)).toThrow(/top_k_features/);
  });
});
