import { describe, expect, it } from 'vitest';
import { kernelShap, type KernelShapResult } from '../../../../src/lib/clarify/shap/kernel-shap.ts';
import { batch, bruteForceShapley, logit, maxAbsDiff, nonlinear, probability, rows, type RowModel } from './kernel-fixtures.ts';

const X8 = rows(6, 8, 1);
const B8 = rows(5, 8, 2);
const W5 = Float64Array.from([3, 1, 2, 1, 1]);
const W5n = W5.map((w) => w / 8);

/** Values of row i, output o, as an array over the explained features. */
function rowValues(r: KernelShapResult, i: number, o: number): Float64Array {
  const e = r.features.length;
  return r.values.subarray((i * r.outputs + o) * e, (i * r.outputs + o + 1) * e);
}

/** Largest |Σφ − (prediction − base)| over every row and output. */
function sumGap(r: KernelShapResult): number {
  let gap = 0;
  for (let i = 0; i < r.rows; i++) {
    for (let o = 0; o < r.outputs; o++) {
      const s = rowValues(r, i, o).reduce((a, b) => a + b, 0);
      gap = Math.max(gap, Math.abs(s - (r.predictions[i * r.outputs + o] - r.baseValues[i * r.outputs + o])));
    }
  }
  return gap;
}

function exactFor(m: RowModel, r: KernelShapResult, x: typeof X8, baseline: Float32Array, w: Float64Array, link?: (v: number) => number) {
  let err = 0;
  const players = Array.from(r.features);
  for (let i = 0; i < r.rows; i++) {
    const exact = bruteForceShapley(m, x.values.subarray(i * x.nCols, (i + 1) * x.nCols), baseline, w, players, link);
    const got = new Float64Array(exact.length);
    for (let o = 0; o < r.outputs; o++) got.set(rowValues(r, i, o), o * players.length);
    err = Math.max(err, maxAbsDiff(got, exact));
  }
  return err;
}

describe('kernelShap', () => {
  it('equals brute-force Shapley values (1e-6) with num_samples ≥ 2^M − 2 on 8 features, 2 outputs, weighted baseline', async () => {
    for (const numSamples of [254, 'auto' as const]) {
      const r = await kernelShap(batch(nonlinear), X8, { baseline: B8.values, baselineWeights: W5, numSamples });
      expect(r.rows).toBe(6);
      expect(r.outputs).toBe(2);
      expect(exactFor(nonlinear, r, X8, B8.values, W5n)).toBeLessThan(1e-6);
    }
  });

  it('equals brute-force Shapley values of the logit game (1e-6) with use_logit', async () => {
    const r = await kernelShap(batch(probability), X8, { baseline: B8.values, numSamples: 300, useLogit: true });
    expect(exactFor(probability, r, X8, B8.values, new Float64Array(5).fill(0.2), logit)).toBeLessThan(1e-6);
    // expected value is the logit of the mean probability, as shap's link='logit'
    let mean = 0;
    const out = new Float64Array(1);
    for (let k = 0; k < 5; k++) { probability.f(B8.values.subarray(k * 8, k * 8 + 8), out); mean += Math.fround(out[0]) / 5; }
    expect(Math.abs(r.expectedValue[0] - logit(mean))).toBeLessThan(1e-9);
  });

  it('sums each row to prediction − expected value (1e-6) when sampling, with and without use_logit', async () => {
    const x = rows(8, 12, 3);
    const b = rows(4, 12, 4);
    const wide: RowModel = { outputs: 1, f: (v, out) => { nonlinear.f(v, out); out[0] = 1 / (1 + Math.exp(-0.3 * out[0] - 0.2 * v[11] * v[10] + 0.1 * v[9])); } };
    for (const useLogit of [false, true]) {
      for (const numSamples of [12, 100, 'auto' as const]) {
        const r = await kernelShap(batch(wide), x, { baseline: b.values, numSamples, useLogit });
        expect(sumGap(r)).toBeLessThan(1e-6);
        for (let i = 0; i < r.rows; i++) expect(r.baseValues[i]).toBe(r.expectedValue[0]);
      }
    }
  });

  it('gives w_j (x_j − weighted mean baseline_j) for a linear model (1e-9), sampled on 12 features', async () => {
    const w = Float64Array.from({ length: 12 }, (_, j) => (j % 2 ? -1 : 1) * (0.25 + j * 0.125));
    const linear: RowModel = { outputs: 1, f: (v, out) => { out[0] = 2; for (let j = 0; j < 12; j++) out[0] += w[j] * v[j]; } };
    const x = rows(5, 12, 5);
    const b = rows(3, 12, 6);
    const bw = Float64Array.from([1, 2, 1]);
    const r = await kernelShap(batch(linear), x, { baseline: b.values, baselineWeights: bw, numSamples: 40, seed: 9 });
    for (let i = 0; i < 5; i++) {
      const expected = Float64Array.from({ length: 12 }, (_, j) => {
        const mean = (b.values[j] + 2 * b.values[12 + j] + b.values[24 + j]) / 4;
        return w[j] * (x.values[i * 12 + j] - mean);
      });
      expect(maxAbsDiff(rowValues(r, i, 0), expected)).toBeLessThan(1e-9);
    }
  });

  it('converges on brute-force values when sampling 12 features: auto budget (2072 of 4094) within 4% of the largest value, closer than 600', async () => {
    const x = rows(3, 12, 7);
    const b = rows(4, 12, 8);
    const quarter = new Float64Array(4).fill(0.25);
    const auto = await kernelShap(batch(nonlinear), x, { baseline: b.values, seed: 3 });
    const few = await kernelShap(batch(nonlinear), x, { baseline: b.values, seed: 3, numSamples: 600 });
    let scale = 0;
    for (const v of auto.values) scale = Math.max(scale, Math.abs(v));
    // Measured: 0.043 of a largest |value| of 1.81 (2.4%) at auto, 0.12 at 600; the sampled sizes leave this error.
    const errAuto = exactFor(nonlinear, auto, x, b.values, quarter);
    expect(errAuto).toBeLessThan(0.04 * scale);
    expect(errAuto).toBeLessThan(exactFor(nonlinear, few, x, b.values, quarter));
  });

  it('repeats with the same seed, differs with another, and does not depend on batchRows', async () => {
    const x = rows(4, 12, 10);
    const b = rows(3, 12, 11);
    const run = (seed: number, batchRows?: number) => kernelShap(batch(nonlinear), x, { baseline: b.values, numSamples: 150, seed, batchRows });
    const a = await run(5);
    expect(Array.from((await run(5)).values)).toEqual(Array.from(a.values));
    expect(Array.from((await run(5, 97)).values)).toEqual(Array.from(a.values));
    expect(maxAbsDiff((await run(6)).values, a.values)).toBeGreaterThan(1e-6);
  });

  it('batches the synthetic rows of several explained rows into model calls of at most batchRows', async () => {
    const calls: number[] = [];
    await kernelShap(batch(nonlinear, calls), X8, { baseline: B8.values, numSamples: 254, batchRows: 4000 });
    expect(Math.max(...calls)).toBeLessThanOrEqual(4000);
    // 6 rows × 254 coalitions × 5 baseline rows = 7620 synthetic rows in 2 calls, after the baseline and x calls.
    expect(calls).toEqual([5, 6, 4000, 3620]);
  });

  it('explains only featuresToExplain, the others held at the row values: exact on that game and summing to prediction − base', async () => {
    const features = [6, 1, 3, 4, 0];
    const r = await kernelShap(batch(nonlinear), X8, { baseline: B8.values, featuresToExplain: features, numSamples: 30 });
    expect(Array.from(r.features)).toEqual(features);
    expect(r.values.length).toBe(6 * 2 * 5);
    expect(exactFor(nonlinear, r, X8, B8.values, new Float64Array(5).fill(0.2))).toBeLessThan(1e-6);
    expect(sumGap(r)).toBeLessThan(1e-9);
    expect(r.baseValues[0]).not.toBe(r.expectedValue[0]);
  });

  it('gives 0 to features equal in the row and every baseline row, and the whole difference to a lone varying feature', async () => {
    const x = rows(1, 8, 12);
    const b = rows(3, 8, 13);
    for (let k = 0; k < 3; k++) for (let j = 0; j < 8; j++) if (j !== 2) b.values[k * 8 + j] = x.values[j];
    const calls: number[] = [];
    const r = await kernelShap(batch(nonlinear, calls), x, { baseline: b.values });
    for (let o = 0; o < 2; o++) {
      const v = rowValues(r, 0, o);
      for (let j = 0; j < 8; j++) if (j !== 2) expect(v[j]).toBe(0);
      expect(Math.abs(v[2] - (r.predictions[o] - r.expectedValue[o]))).toBeLessThan(1e-12);
    }
    expect(calls).toEqual([3, 1]);
  });

  it('counts a baseline row of weight 2 as that row twice (1e-12)', async () => {
    const b = B8.values;
    const dup = new Float32Array([...b.subarray(0, 8), ...b]);
    const weighted = await kernelShap(batch(nonlinear), X8, { baseline: b, baselineWeights: Float64Array.from([2, 1, 1, 1, 1]), numSamples: 254 });
    const twice = await kernelShap(batch(nonlinear), X8, { baseline: dup, numSamples: 254 });
    expect(maxAbsDiff(weighted.values, twice.values)).toBeLessThan(1e-12);
    expect(maxAbsDiff(weighted.expectedValue, twice.expectedValue)).toBeLessThan(1e-7);
  });

  it('reports progress and stops early on shouldStop with the rows finished, equal to a full run', async () => {
    const seen: [number, number][] = [];
    const full = await kernelShap(batch(nonlinear), X8, { baseline: B8.values, numSamples: 254, batchRows: 1000, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen[seen.length - 1]).toEqual([6, 6]);
    let polls = 0;
    const part = await kernelShap(batch(nonlinear), X8, { baseline: B8.values, numSamples: 254, batchRows: 1000, shouldStop: () => ++polls >= 3 });
    expect(part.rows).toBeGreaterThan(0);
    expect(part.rows).toBeLessThan(6);
    expect(Array.from(part.values)).toEqual(Array.from(full.values.subarray(0, part.values.length)));
  });

  it('names num_samples and the feature count when num_samples is too small', async () => {
    await expect(kernelShap(batch(nonlinear), X8, { baseline: B8.values, numSamples: 5 }))
      .rejects.toThrow('num_samples (5) must be an integer at least the number of features explained (8)');
    await expect(kernelShap(batch(nonlinear), X8, { baseline: B8.values, numSamples: 4, featuresToExplain: [0, 1, 2, 3, 4] }))
      .rejects.toThrow(/num_samples \(4\).*\(5\)/);
  });

  it('names the argument on bad baselines, features, weights, model outputs and use_logit outputs', async () => {
    const m = batch(nonlinear);
    await expect(kernelShap(m, X8, { baseline: new Float32Array(7) })).rejects.toThrow(/baseline must hold whole rows of 8 features/);
    await expect(kernelShap(m, X8, { baseline: B8.values, featuresToExplain: [8] })).rejects.toThrow(/featuresToExplain has 8/);
    await expect(kernelShap(m, X8, { baseline: B8.values, baselineWeights: new Float64Array(4) })).rejects.toThrow(/baselineWeights has 4 values/);
    await expect(kernelShap(async (_r, n) => new Float32Array(n * 2 + 1), X8, { baseline: B8.values })).rejects.toThrow(/model returned/);
    await expect(kernelShap(m, X8, { baseline: B8.values, useLogit: true })).rejects.toThrow(/use_logit needs model outputs in \[0, 1\]/);
  });
});
