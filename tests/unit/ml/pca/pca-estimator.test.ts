import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import type { FitData } from '../../../../src/lib/ml/matrix.ts';
import { featureColumns } from '../../../../src/lib/ml/matrix.ts';
import { ModelFileError, writeModelFile } from '../../../../src/lib/ml/model-file.ts';
import { pcaEstimator } from '../../../../src/lib/ml/pca/pca-estimator.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import type { RoundMetrics } from '../../../../src/lib/ml/estimator.ts';
import { describeEachTfBackend } from '../tf-backends.ts';

/** n rows of 6 columns: 3 latent factors (spreads 5, 2, 1) mixed into the columns, noise 0.1, offsets up to 100. */
function generate(n: number, seed: number): FitData {
  const rng = new SeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const mix = [[1, 0.5, 0], [0.5, -1, 0.2], [0, 0.3, 1], [1, 1, 1], [-0.4, 0.2, 0.7], [0.2, 0, -0.5]];
  const offset = [100, -50, 3, 0, 20, -7];
  const x = new Float32Array(n * 6);
  for (let i = 0; i < n; i++) {
    const z = [5 * normal(), 2 * normal(), normal()];
    for (let j = 0; j < 6; j++) x[i * 6 + j] = offset[j] + mix[j][0] * z[0] + mix[j][1] * z[1] + mix[j][2] * z[2] + 0.1 * normal();
  }
  return { features: x, nRows: n, nCols: 6 };
}

const train = generate(300, 1);
const validation = generate(100, 2);

async function project(model: Awaited<ReturnType<typeof pcaEstimator.fit>>['model'], x: FitData): Promise<Float32Array> {
  const out = await pcaEstimator.infer(model, x);
  if (out.kind !== 'decomposition') throw new Error(`expected a decomposition, got ${out.kind}`);
  return out.projection;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describeEachTfBackend('pcaEstimator', (backend) => {
  it('keeps min(10, columns) components by default, orthonormal, largest variance first, and says so in ran', async () => {
    const fitted = await pcaEstimator.fit(train, pcaEstimator.resolve({}));
    const { model } = fitted;
    expect(model.k).toBe(6);
    expect(fitted.ran).toEqual({ num_components: '6', feature_dim: '6' });
    expect(fitted.compute.label).toBe(`TensorFlow.js ${backend}`);
    for (let a = 0; a < 6; a++) {
      for (let b = 0; b < 6; b++) {
        let dot = 0;
        for (let c = 0; c < 6; c++) dot += model.components[a * 6 + c] * model.components[b * 6 + c];
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-6);
      }
    }
    const ratios = pcaEstimator.summary!(model).explainedVarianceRatio!;
    for (let j = 1; j < 6; j++) expect(ratios[j]).toBeLessThanOrEqual(ratios[j - 1]);
    // Three factors with noise 0.1: the first three components hold all but the noise.
    expect(ratios[0] + ratios[1] + ratios[2]).toBeGreaterThan(0.99);
    expect(ratios.reduce((s, r) => s + r, 0)).toBeCloseTo(1, 6);
  });

  it('makes the largest-magnitude entry of every component positive', async () => {
    for (const algorithm_mode of ['regular', 'randomized']) {
      const { model } = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 3, algorithm_mode }));
      for (let j = 0; j < 3; j++) {
        const row = Array.from(model.components.subarray(j * 6, j * 6 + 6));
        const big = row.reduce((b, v, i) => (Math.abs(v) > Math.abs(row[b]) ? i : b), 0);
        expect(row[big]).toBeGreaterThan(0);
      }
    }
  });

  it('reports explained_variance on training and validation rows each round, and the train figure is the model\'s', async () => {
    const rounds: [number, RoundMetrics][] = [];
    const between: number[] = [];
    const fitted = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 2 }), {
      validation,
      callbacks: { onRound: (i, m) => rounds.push([i, m]), betweenRounds: (i) => { between.push(i); } },
    });
    expect(rounds.map(([i]) => i)).toEqual([0]);
    expect(between).toEqual([0]);
    const sum = fitted.model.explainedVarianceRatio[0] + fitted.model.explainedVarianceRatio[1];
    expect(rounds[0][1].train!.explained_variance).toBeCloseTo(sum, 12);
    // Same distribution: the validation rows keep nearly the same share.
    expect(Math.abs(rounds[0][1].validation!.explained_variance - sum)).toBeLessThan(0.05);
  });

  it('runs one round per randomized pass, stops once converged, and its train figure never falls', async () => {
    const seen: number[] = [];
    const fitted = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 1, algorithm_mode: 'randomized', extra_components: 1 }), {
      evalTrain: true,
      callbacks: { onRound: (_, m) => seen.push(m.train!.explained_variance) },
    });
    expect(fitted.rounds).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.length).toBeLessThan(pcaEstimator.rounds(pcaEstimator.resolve({ algorithm_mode: 'randomized' })));
    expect(fitted.ran).toEqual({ feature_dim: '6' });
    // Ritz values only rise; once converged, float32 products jitter them by about 1e-7.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] - 1e-6);
    const exact = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 1 }));
    expect(Math.abs(seen[seen.length - 1] - exact.model.explainedVarianceRatio[0])).toBeLessThan(1e-6);
  });

  it('stops randomized iteration when shouldStop says so and keeps a usable model', async () => {
    const fitted = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 2, algorithm_mode: 'randomized', extra_components: 0 }), {
      callbacks: { shouldStop: () => true },
    });
    expect(fitted.rounds).toBe(1);
    expect((await project(fitted.model, train)).length).toBe(600);
    expect(fitted.model.explainedVarianceRatio[0]).toBeGreaterThan(0);
  });

  it('gives the same model for row-major and columnar data, for any mini_batch_size, and on a second fit', async () => {
    const params = pcaEstimator.resolve({ num_components: 3, algorithm_mode: 'randomized' });
    const a = (await pcaEstimator.fit(train, params)).model;
    const again = (await pcaEstimator.fit(train, params)).model;
    expect(Array.from(again.components)).toEqual(Array.from(a.components));
    const columnar = { features: featureColumns(train), nRows: train.nRows, nCols: train.nCols };
    const b = (await pcaEstimator.fit(columnar, pcaEstimator.resolve({ num_components: 3, algorithm_mode: 'randomized', mini_batch_size: 7 }))).model;
    expect(maxAbsDiff(a.components, b.components)).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.explainedVarianceRatio, b.explainedVarianceRatio)).toBeLessThan(1e-7);
  });

  it('projects (x − mean)·Vᵀ, or x·Vᵀ with subtract_mean false', async () => {
    for (const subtract_mean of [true, false]) {
      const { model } = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 2, subtract_mean }));
      expect(model.subtractMean).toBe(subtract_mean);
      const got = await project(model, validation);
      const x = validation.features as Float32Array;
      const expected = new Float64Array(200);
      for (let i = 0; i < 100; i++) {
        for (let j = 0; j < 2; j++) {
          for (let c = 0; c < 6; c++) expected[i * 2 + j] += (x[i * 6 + c] - (subtract_mean ? model.mean[c] : 0)) * model.components[j * 6 + c];
        }
      }
      expect(maxAbsDiff(got, expected)).toBeLessThan(1e-3);
    }
  });

  it('with subtract_mean false the first component points at the mean (offsets dominate the second moment)', async () => {
    const { model } = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 1, subtract_mean: false }));
    let dot = 0;
    let norm = 0;
    for (let c = 0; c < 6; c++) { dot += model.components[c] * model.mean[c]; norm += model.mean[c] ** 2; }
    expect(Math.abs(dot) / Math.sqrt(norm)).toBeGreaterThan(0.99);
    // Its share of the centred variance is what projecting onto it keeps, not the second moment's share.
    expect(model.explainedVarianceRatio[0]).toBeLessThan(0.5);
  });

  it('treats an integer weight like repeated rows', async () => {
    const weights = new Float32Array(300).fill(1);
    weights[0] = 3;
    weights[1] = 0;
    const x = train.features as Float32Array;
    const repeated = new Float32Array(301 * 6);
    repeated.set(x.subarray(0, 6), 0);
    repeated.set(x.subarray(0, 6), 6);
    repeated.set(x.subarray(0, 6), 12);
    repeated.set(x.subarray(12), 18);
    const params = pcaEstimator.resolve({ num_components: 3 });
    const weighted = (await pcaEstimator.fit({ ...train, weights }, params)).model;
    const copies = (await pcaEstimator.fit({ features: repeated, nRows: 301, nCols: 6 }, params)).model;
    expect(maxAbsDiff(weighted.components, copies.components)).toBeLessThan(1e-5);
    expect(maxAbsDiff(weighted.explainedVariance, copies.explainedVariance)).toBeLessThan(1e-4);
    expect(maxAbsDiff(weighted.mean, copies.mean)).toBeLessThan(1e-4);
  });

  it('serializes and reads back the same model, projections and attributes', async () => {
    const { model } = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 3, algorithm_mode: 'randomized' }));
    const bytes = pcaEstimator.serialize(model, { mlpad_encoding: '{"columns":[]}' });
    const back = pcaEstimator.deserialize(bytes);
    expect(pcaEstimator.attributes(back)).toEqual({ mlpad_encoding: '{"columns":[]}' });
    expect(pcaEstimator.featureCount(back)).toBe(6);
    expect(back.algorithmMode).toBe('randomized');
    expect(Array.from(back.components)).toEqual(Array.from(model.components));
    expect(Array.from(back.mean)).toEqual(Array.from(model.mean));
    expect(back.explainedVarianceRatio).toEqual(model.explainedVarianceRatio);
    expect(Array.from(await project(back, validation))).toEqual(Array.from(await project(model, validation)));
    expect(new TextDecoder().decode(pcaEstimator.serialize(back))).toBe(new TextDecoder().decode(bytes));
  });

  it('refuses another algorithm\'s file and a damaged one, naming what is wrong', () => {
    expect(() => pcaEstimator.deserialize(writeModelFile('kmeans', 1, {}))).toThrow('the model file holds a kmeans model, not a pca model');
    const damaged = writeModelFile('pca', 1, { num_components: 2, feature_dim: 3, subtract_mean: true, algorithm_mode: 'regular', mean: [0, 0, 0], components: [1, 0, 0] });
    expect(() => pcaEstimator.deserialize(damaged)).toThrow(ModelFileError);
    expect(() => pcaEstimator.deserialize(damaged)).toThrow("model.components must hold 6 numbers; it holds 3");
  });

  it('refuses missing values, a feature_dim or num_components that does not fit, and rows of the wrong width', async () => {
    const holes = { features: Float32Array.from([1, 2, NaN, 4]), nRows: 2, nCols: 2 };
    await expect(pcaEstimator.fit(holes, pcaEstimator.resolve({}))).rejects.toThrow('data has a missing value (NaN) in column 0, row 1');
    await expect(pcaEstimator.fit(train, pcaEstimator.resolve({ feature_dim: 5 }))).rejects.toThrow(HyperparameterError);
    await expect(pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 7 }))).rejects.toThrow('num_components must be an integer in [1, 6]');
    const { model } = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 2 }));
    await expect(pcaEstimator.infer(model, holes)).rejects.toThrow('features has 2 columns but the pca model reads 6');
    const missing = { features: new Float32Array(6).fill(NaN), nRows: 1, nCols: 6 };
    await expect(pcaEstimator.infer(model, missing)).rejects.toThrow('features has a missing value (NaN) in column 0, row 0');
  });

  it('handles constant data: zero ratios, no NaN', async () => {
    const constant = { features: new Float32Array(5 * 3).fill(2), nRows: 5, nCols: 3 };
    for (const algorithm_mode of ['regular', 'randomized']) {
      const { model } = await pcaEstimator.fit(constant, pcaEstimator.resolve({ num_components: 2, algorithm_mode }));
      expect(model.explainedVarianceRatio).toEqual([0, 0]);
      expect(Array.from(await project(model, constant)).every((v) => v === 0)).toBe(true);
    }
  });

  it('leaves no tensors behind after fit with validation and infer, in both modes', async () => {
    await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 2 })); // warm-up: backends allocate lazily
    const before = tf.memory().numTensors;
    for (const algorithm_mode of ['regular', 'randomized']) {
      const { model } = await pcaEstimator.fit(train, pcaEstimator.resolve({ num_components: 2, algorithm_mode, mini_batch_size: 64 }), {
        validation, callbacks: { onRound: () => undefined },
      });
      await project(model, validation);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
