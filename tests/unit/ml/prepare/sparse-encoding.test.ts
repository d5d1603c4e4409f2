// Wide one-hot data as sparse rows: a ratings table of users × items trains factorization machines without
// one dense column per category, and prediction encodes new rows the same way.
import * as tf from '@tensorflow/tfjs';
import { tableFromArrays } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrainingJob } from '../../../../src/lib/engine/run-job.ts';
import { encodeFeatures, encodingFromAttributes, prepareTrainingData } from '../../../../src/lib/ml/prepare/index.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

beforeAll(async () => { await tf.setBackend('cpu'); });

describe('sparse one-hot encoding (categorical: one-hot)', () => {
  const small = () => tableFromArrays({ user: ['a', 'b', null, 'a'], x: Float64Array.of(0, 2, NaN, 1), y: Float64Array.of(1, 2, 3, 4) });

  it('prepare keeps every category as a feature and the cells as sparse rows: one entry per category, a value where a number is not 0, NaN where missing', () => {
    const p = prepareTrainingData(small(), { target: 'y', categorical: 'one-hot', split: { validationFraction: 0 } });
    expect(p.encoding.featureNames).toEqual(['user=a', 'user=b', 'x']);
    expect(p.train.features).toEqual([]);
    const s = p.train.sparse!;
    expect(Array.from(s.indptr)).toEqual([0, 1, 3, 4, 6]);
    expect(Array.from(s.indices)).toEqual([0, 1, 2, 2, 0, 2]);
    expect(Array.from(s.values)).toEqual([1, 1, 2, NaN, 1, 1]);
    expect(p.notes).toContain('column "user" is one-hot encoded (2 categories, one 0/1 feature each; a missing value sets none)');
  });

  it('encodeFeatures with the saved encoding gives sparse rows; an unseen category sets none', () => {
    const p = prepareTrainingData(small(), { target: 'y', categorical: 'one-hot', split: { validationFraction: 0 } });
    const x = encodeFeatures(tableFromArrays({ user: ['b', 'zz'], x: Float64Array.of(5, 0) }), p.encoding);
    expect(x.features).toEqual([]);
    expect(Array.from(x.sparse!.indptr)).toEqual([0, 2, 2]);
    expect(Array.from(x.sparse!.indices)).toEqual([1, 2]);
  });

  it('factorization-machines train on 40,000 ratings of 2,000 users × 1,500 items (140M dense cells) through the job runner, and predict from the model file', async () => {
    const rng = new SeededRandom(2);
    const n = 40_000;
    const user: string[] = [], item: string[] = [], rating = new Float64Array(n);
    const bias = Float64Array.from({ length: 2000 }, () => rng.next() - 0.5);
    for (let i = 0; i < n; i++) {
      const u = rng.nextInt(2000), it = rng.nextInt(1500);
      user.push(`u${u}`); item.push(`i${it}`); rating[i] = 3 + bias[u] + ((it % 5) - 2) * 0.2 + (rng.next() - 0.5) * 0.2;
    }
    const r = await runTrainingJob({ train: tableFromArrays({ user, item, rating }) }, {
      algorithm: 'factorization-machines', hyperparameters: { epochs: '2', num_factors: '4' },
      prepare: { target: 'rating', split: { validationFraction: 0.1 } },
    });
    expect(r.encoding.featureNames.length).toBeGreaterThan(3400);
    expect(r.evaluations.find((e) => e.split === 'validation')?.metrics.rmse).toBeLessThan(1);
    const encoding = encodingFromAttributes(JSON.parse(new TextDecoder().decode(r.model)).attributes)!;
    expect(encodeFeatures(tableFromArrays({ user: ['u1'], item: ['i2'] }), encoding).sparse?.values.length).toBe(2);
  });
});
