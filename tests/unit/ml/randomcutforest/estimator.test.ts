import { describe, expect, it } from 'vitest';
import type { RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import type { FeatureMatrix } from '../../../../src/lib/ml/matrix.ts';
import { shingles } from '../../../../src/lib/ml/randomcutforest/shingle.ts';
import { randomCutForestEstimator as rcf } from '../../../../src/lib/ml/randomcutforest/randomcutforest-estimator.ts';
import { blobWithOutlier, seasonalWithSpikes } from './fixtures.ts';

async function scores(model: Parameters<typeof rcf.infer>[0], x: FeatureMatrix): Promise<Float32Array> {
  const out = await rcf.infer(model, x);
  if (out.kind !== 'anomaly') throw new Error(`expected anomaly scores, got ${out.kind}`);
  return out.score;
}

const blob = { features: blobWithOutlier(500, 123, 6, -6), nRows: 500, nCols: 2 };

describe('randomcutforest estimator', () => {
  it('the obvious outlier of a 2-D blob gets the highest score, above the suggested threshold', async () => {
    const { model, compute } = await rcf.fit(blob, rcf.resolve({ num_trees: 50 }));
    expect(compute.label).toBe('CPU, 1 thread');
    const s = await scores(model, blob);
    expect(s.indexOf(Math.max(...s))).toBe(123);
    const { scoreThreshold } = rcf.summary!(model);
    expect(s[123]).toBeGreaterThan(scoreThreshold!);
    expect(s.filter((v) => v > scoreThreshold!).length).toBeLessThan(15); // few of the 499 blob points
  });

  it('the same seed gives identical scores; another seed gives different ones', async () => {
    const a = await scores((await rcf.fit(blob, rcf.resolve({ num_trees: 50, seed: 4 }))).model, blob);
    const b = await scores((await rcf.fit(blob, rcf.resolve({ num_trees: 50, seed: 4 }))).model, blob);
    const c = await scores((await rcf.fit(blob, rcf.resolve({ num_trees: 50, seed: 5 }))).model, blob);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('summary().scoreThreshold is the mean + 3 standard deviations of the training scores', async () => {
    const { model } = await rcf.fit(blob, rcf.resolve({ num_trees: 50, num_samples_per_tree: 128 }));
    const s = Array.from(await scores(model, blob));
    const mean = s.reduce((a, v) => a + v, 0) / s.length;
    const std = Math.sqrt(s.reduce((a, v) => a + (v - mean) ** 2, 0) / s.length);
    expect(rcf.summary!(model).scoreThreshold).toBeCloseTo(mean + 3 * std, 4);
  });

  it('shingles(m, 3) holds rows i−2, i−1, i with each row’s columns together, oldest first', () => {
    const m = { features: [Float32Array.of(1, 2, 3, 4), Float32Array.of(10, 20, 30, 40)], nRows: 4, nCols: 2 };
    const s = shingles(m, 3);
    expect(s.count).toBe(2);
    expect(s.dim).toBe(6);
    expect(Array.from(s.values)).toEqual([1, 10, 2, 20, 3, 30, 2, 20, 3, 30, 4, 40]);
  });

  it('with shingle_size 4, the first 3 rows get the first full shingle’s score and a spike scores high', async () => {
    const { values } = seasonalWithSpikes({ n: 300, spikes: 0 });
    values[150] += 3;
    const x = { features: values, nRows: 300, nCols: 1 };
    const { model } = await rcf.fit(x, rcf.resolve({ num_trees: 50, shingle_size: 4 }));
    const s = await scores(model, x);
    expect(s.length).toBe(300);
    expect(s[0]).toBe(s[3]);
    expect(s[1]).toBe(s[3]);
    expect(s[2]).toBe(s[3]);
    // Rows 150..153 hold the spike in their shingles; the spike's own row is among the top 4.
    const top = Array.from(s.keys()).sort((a, b) => s[b] - s[a]).slice(0, 4);
    expect(top.sort((a, b) => a - b)).toEqual([150, 151, 152, 153]);
  });

  it('shingle_size larger than the rows is refused by fit and by infer with sentences', async () => {
    const tiny = { features: Float32Array.of(1, 2, 3), nRows: 3, nCols: 1 };
    await expect(rcf.fit(tiny, rcf.resolve({ num_trees: 50, shingle_size: 4 }))).rejects.toThrow('shingle_size must be in [1, 3] (the number of rows); got 4');
    const { model } = await rcf.fit({ features: new Float32Array(20).map((_, i) => Math.sin(i)), nRows: 20, nCols: 1 }, rcf.resolve({ num_trees: 50, shingle_size: 4 }));
    await expect(rcf.infer(model, tiny)).rejects.toThrow("features has 3 rows, fewer than the model's shingle_size (4); score at least 4 consecutive rows");
  });

  it('num_samples_per_tree above the row count samples every row, and 1 sample per tree still scores', async () => {
    const small = { features: blobWithOutlier(30, 0, 8, 8), nRows: 30, nCols: 2 };
    const all = await scores((await rcf.fit(small, rcf.resolve({ num_trees: 50 }))).model, small);
    expect(all.indexOf(Math.max(...all))).toBe(0);
    const one = await scores((await rcf.fit(small, rcf.resolve({ num_trees: 50, num_samples_per_tree: 1 }))).model, small);
    expect(one.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });

  it('onRound reports every tree with a running score summary and label metrics; shouldStop keeps the trees built', async () => {
    const { values, labels } = seasonalWithSpikes({ n: 400, spikes: 4, minSpike: 2, maxSpike: 3 });
    const data = { features: values, nRows: 400, nCols: 1, labels };
    const seen: [number, RoundMetrics][] = [];
    const waited: number[] = [];
    const fitted = await rcf.fit(data, rcf.resolve({ num_trees: 60, shingle_size: 2 }), {
      validation: data,
      callbacks: { onRound: (i, m) => seen.push([i, m]), betweenRounds: (i) => { waited.push(i); }, shouldStop: () => seen.length === 7 },
    });
    expect(seen.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(waited).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fitted.rounds).toBe(7);
    expect(fitted.model.forest.numTrees).toBe(7);
    const last = seen[6][1];
    expect(Object.keys(last.train!).sort()).toEqual(['accuracy', 'f1', 'precision', 'recall', 'score_mean', 'score_threshold']);
    expect(last.train!.score_threshold).toBeCloseTo(rcf.summary!(fitted.model).scoreThreshold!, 6);
    // The same rows as validation, scored against the training threshold, give the same metrics.
    expect(last.validation).toEqual(last.train);
    expect(last.train!.recall).toBe(1); // spikes of 2–3 on a unit sine are all flagged
  });

  it('eval_metrics chooses which label metrics are reported, and evalTrain false drops the train metrics', async () => {
    const { values, labels } = seasonalWithSpikes({ n: 200, spikes: 2 });
    const data = { features: values, nRows: 200, nCols: 1, labels };
    let metrics: RoundMetrics = {};
    await rcf.fit(data, rcf.resolve({ num_trees: 50, eval_metrics: '["accuracy"]' }), { callbacks: { onRound: (_, m) => { metrics = m; } } });
    expect(Object.keys(metrics.train!).sort()).toEqual(['accuracy', 'score_mean', 'score_threshold']);
    await rcf.fit(data, rcf.resolve({ num_trees: 50 }), { evalTrain: false, callbacks: { onRound: (_, m) => { metrics = m; } } });
    expect(metrics).toEqual({});
  });

  it('fit refuses missing values, non-binary targets and labels other than 0/1 with sentences', async () => {
    const withNaN = { features: [Float32Array.of(1, NaN, 3)], nRows: 3, nCols: 1, featureNames: ['temp'] };
    await expect(rcf.fit(withNaN, rcf.resolve({}))).rejects.toThrow('data has a missing value in column "temp" (row 1); randomcutforest needs finite numbers in every cell: fill or drop them first');
    const labelled = { features: Float32Array.of(1, 2, 3), nRows: 3, nCols: 1, labels: Float32Array.of(0, 2, 1) };
    await expect(rcf.fit(labelled, rcf.resolve({}))).rejects.toThrow('data.labels must be 0 (normal) or 1 (anomaly); row 1 has 2');
    const facts = { task: 'multiclass' as const, nRows: 3, nCols: 1, featureNames: ['x'] };
    await expect(rcf.fit(labelled, rcf.resolve({}), { facts })).rejects.toThrow('randomcutforest evaluates a binary target (1 = anomaly); this target is multiclass');
  });

  it('infer refuses a different column count and reads column-major or row-major rows alike', async () => {
    const { model } = await rcf.fit(blob, rcf.resolve({ num_trees: 50 }));
    expect(rcf.featureCount(model)).toBe(2);
    await expect(rcf.infer(model, { features: new Float32Array(3), nRows: 1, nCols: 3 })).rejects.toThrow('features has 3 columns; this randomcutforest model reads 2');
    const cols = [new Float32Array(500), new Float32Array(500)];
    for (let i = 0; i < 500; i++) { cols[0][i] = blob.features[2 * i]; cols[1][i] = blob.features[2 * i + 1]; }
    expect(await scores(model, { features: cols, nRows: 500, nCols: 2 })).toEqual(await scores(model, blob));
  });

  it('prints the time of 100 trees × 256 samples on 10,000 rows (fit, then infer)', async () => {
    const { values } = seasonalWithSpikes({ n: 10_000, spikes: 50 });
    for (const shingle of [1, 4]) {
      const x = { features: values, nRows: 10_000, nCols: 1 };
      const t0 = performance.now();
      const { model } = await rcf.fit(x, rcf.resolve({ shingle_size: shingle }));
      const t1 = performance.now();
      const s = await scores(model, x);
      const t2 = performance.now();
      expect(s.length).toBe(10_000);
      console.log(`randomcutforest 100 trees × 256 samples, 10,000 rows, shingle_size ${shingle}: fit ${(t1 - t0).toFixed(0)} ms, infer ${(t2 - t1).toFixed(0)} ms`);
    }
  });
});
