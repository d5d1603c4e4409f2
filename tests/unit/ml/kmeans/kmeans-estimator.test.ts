import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import { kmeansEstimator } from '../../../../src/lib/ml/kmeans/kmeans-estimator.ts';
import { featureColumns, type FitData } from '../../../../src/lib/ml/matrix.ts';
import { ModelFileError, writeModelFile } from '../../../../src/lib/ml/model-file.ts';
import { describeEachTfBackend } from '../tf-backends.ts';
import { blobs, closest, message, ssd } from './fixtures.ts';

const data = blobs(600, 3, 4, 11);
const params = (raw: Record<string, string | number> = {}) => kmeansEstimator.resolve({ k: 4, ...raw });

describeEachTfBackend('kmeansEstimator', (backend) => {
  it('reports its compute backend and recovers well-separated blobs (ssd within 1e-4 of the blob-mean ssd)', async () => {
    const fit = await kmeansEstimator.fit(data, params());
    expect(fit.compute.label).toBe(`TensorFlow.js ${backend}`);
    expect(fit.rounds).toBe(1);
    const { model } = fit;
    expect(kmeansEstimator.featureCount(model)).toBe(3);
    // Rows i, i+4, i+8… come from the same blob: their means are the optimum for this separation.
    const means = new Float64Array(12);
    for (let i = 0; i < 600; i++) for (let f = 0; f < 3; f++) means[(i % 4) * 3 + f] += data.features[i * 3 + f] / 150;
    const optimum = ssd(data.features, 600, 3, means, 4);
    expect(ssd(data.features, 600, 3, model.centres, 4)).toBeCloseTo(optimum, 1);
    expect(Math.abs(ssd(data.features, 600, 3, model.centres, 4) / optimum - 1)).toBeLessThan(1e-4);
  });

  it('gives the same centres for the same seed, from columnar or row-major features', async () => {
    const a = await kmeansEstimator.fit(data, params({ seed: 5, init_method: 'kmeans++', mini_batch_size: 64 }));
    const b = await kmeansEstimator.fit({ features: featureColumns(data), nRows: 600, nCols: 3 }, params({ seed: 5, init_method: 'kmeans++', mini_batch_size: 64 }));
    expect(Array.from(b.model.centres)).toEqual(Array.from(a.model.centres));
    const c = await kmeansEstimator.fit(data, params({ seed: 6, init_method: 'kmeans++', mini_batch_size: 64 }));
    // Another seed finds the same clusters but numbers them in another order.
    expect(Array.from(c.model.centres)).not.toEqual(Array.from(a.model.centres));
    expect(ssd(data.features, 600, 3, c.model.centres, 4) / ssd(data.features, 600, 3, a.model.centres, 4)).toBeCloseTo(1, 4);
  });

  it('reports eval_metrics for train and validation after every epoch, and stops when asked', async () => {
    const validation: FitData = blobs(200, 3, 4, 12);
    const seen: [number, unknown][] = [];
    const between: number[] = [];
    const fit = await kmeansEstimator.fit(data, params({ epochs: 3, mini_batch_size: 100, eval_metrics: '["msd","ssd"]' }), {
      validation,
      callbacks: { onRound: (i, m) => seen.push([i, m]), betweenRounds: (i) => { between.push(i); } },
    });
    expect(fit.rounds).toBe(3);
    expect(seen.map(([i]) => i)).toEqual([0, 1, 2]);
    expect(between).toEqual([0, 1, 2]);
    const last = seen[2][1] as { train: Record<string, number>; validation: Record<string, number> };
    const trainSsd = ssd(data.features, 600, 3, fit.model.centres, 4);
    expect(last.train.ssd / trainSsd).toBeCloseTo(1, 4);
    expect(last.train.msd / (trainSsd / 600)).toBeCloseTo(1, 4);
    expect(last.validation.msd / (ssd(validation.features as Float32Array, 200, 3, fit.model.centres, 4) / 200)).toBeCloseTo(1, 4);

    const msdOnly: unknown[] = [];
    let polls = 0;
    const stopped = await kmeansEstimator.fit(data, params({ epochs: 5 }), {
      evalTrain: false, validation,
      callbacks: { onRound: (_i, m) => msdOnly.push(m), shouldStop: () => ++polls >= 2 },
    });
    expect(stopped.rounds).toBe(2);
    expect(msdOnly).toHaveLength(2);
    expect(Object.keys(msdOnly[1] as object)).toEqual(['validation']);
    expect(Object.keys((msdOnly[1] as { validation: object }).validation)).toEqual(['msd']);
  });

  it('leaves no tensors behind after fit and infer', async () => {
    const before = tf.memory().numTensors;
    const fit = await kmeansEstimator.fit(data, params({ epochs: 2, mini_batch_size: 50, half_life_time_size: 100, extra_center_factor: 3 }), {
      validation: blobs(50, 3, 4, 13), callbacks: { onRound: () => undefined },
    });
    await kmeansEstimator.infer(fit.model, data);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('infers the closest centre and its Euclidean distance (within 1e-4 of float64)', async () => {
    const { model } = await kmeansEstimator.fit(data, params());
    const far = blobs(300, 3, 5, 14, 3);
    const out = await kmeansEstimator.infer(model, far);
    if (out.kind !== 'clustering') throw new Error('expected clustering');
    const ref = closest(far.features, 300, 3, model.centres, 4);
    expect(Array.from(out.closestCluster)).toEqual(ref.index);
    for (let i = 0; i < 300; i++) expect(Math.abs(out.distanceToCluster[i] - ref.distance[i])).toBeLessThan(1e-4 * Math.max(1, ref.distance[i]));
  });

  it('honours row weights: rows of weight 0 do not move the centres', async () => {
    const n = 600 + 30;
    const features = new Float32Array(n * 3);
    features.set(data.features);
    for (let i = 600; i < n; i++) features.set([500, 500, 500 + i], i * 3);
    const weights = new Float32Array(n).fill(1).fill(0, 600);
    const weighted = await kmeansEstimator.fit({ features, nRows: n, nCols: 3, weights }, params());
    const plain = await kmeansEstimator.fit(data, params());
    const sorted = (c: Float32Array) => [0, 1, 2, 3].map((j) => Array.from(c.subarray(j * 3, j * 3 + 3))).sort((a, b) => a[0] - b[0]).flat();
    const [a, b] = [sorted(weighted.model.centres), sorted(plain.model.centres)];
    for (let i = 0; i < 12; i++) expect(a[i]).toBeCloseTo(b[i], 3);
  });

  it('refuses bad data with sentences that name what to fix', async () => {
    expect(await message(() => kmeansEstimator.fit({ features: new Float32Array(6), nRows: 3, nCols: 2 }, params())))
      .toBe('k must be an integer in [2, 3] (at most the number of training rows); got 4');
    const fd = await message(() => kmeansEstimator.fit(data, params({ feature_dim: 4 })));
    expect(fd).toBe('feature_dim must equal the number of feature columns (3); got 4. Leave it unset to read it from the data');
    await expect(kmeansEstimator.fit(data, params({ feature_dim: 4 }))).rejects.toBeInstanceOf(HyperparameterError);
    const holes = Float32Array.from(data.features);
    holes[7] = NaN;
    expect(await message(() => kmeansEstimator.fit({ features: holes, nRows: 600, nCols: 3 }, params())))
      .toBe('data has a missing value in column 1 (row 2); k-means needs complete rows, so impute or drop them first');
    const { model } = await kmeansEstimator.fit(data, params());
    expect(await message(() => kmeansEstimator.infer(model, { features: new Float32Array(8), nRows: 2, nCols: 4 })))
      .toBe('features have 4 columns but the k-means model reads 3');
  });

  it('serializes and reads back the same centres, names and attributes', async () => {
    const { model } = await kmeansEstimator.fit({ ...data, featureNames: ['x', 'y', 'z'] }, params());
    const bytes = kmeansEstimator.serialize(model, { mlpad_encoding: '{"v":1}' });
    const back = kmeansEstimator.deserialize(bytes);
    expect(Array.from(back.centres)).toEqual(Array.from(model.centres));
    expect(back.featureNames).toEqual(['x', 'y', 'z']);
    expect(kmeansEstimator.attributes(back)).toEqual({ mlpad_encoding: '{"v":1}' });
    expect(kmeansEstimator.summary?.(back)).toEqual({ centres: { values: back.centres, k: 4 } });
    const [a, b] = [await kmeansEstimator.infer(model, data), await kmeansEstimator.infer(back, data)];
    expect(b).toEqual(a);
    expect(() => kmeansEstimator.deserialize(writeModelFile('pca', 1, {}))).toThrow(ModelFileError);
    expect(await message(() => kmeansEstimator.deserialize(writeModelFile('kmeans', 1, { k: 2, feature_dim: 3, centres: [1, 2] }))))
      .toBe('the kmeans model file\'s model.centres must hold 6 numbers; it holds 2');
  });
});
