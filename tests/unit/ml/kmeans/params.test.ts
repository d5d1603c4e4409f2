import { describe, expect, it } from 'vitest';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import { kmeansEstimator } from '../../../../src/lib/ml/kmeans/kmeans-estimator.ts';
import { localTrials, streamingCentres } from '../../../../src/lib/ml/kmeans/params.ts';
import { message } from './fixtures.ts';

const facts = { task: null, nRows: 150, nCols: 4, featureNames: ['a', 'b', 'c', 'd'] };

describe('kmeans hyperparameters', () => {
  it('defaults to SageMaker’s values, with k = 3 so a job trains out of the box', () => {
    expect(kmeansEstimator.resolve({})).toEqual({
      k: 3, feature_dim: null, init_method: 'random', extra_center_factor: null, local_lloyd_init_method: 'kmeans++',
      local_lloyd_max_iter: 300, local_lloyd_tol: 0.0001, local_lloyd_num_trials: null, mini_batch_size: 5000,
      epochs: 1, half_life_time_size: 0, eval_metrics: ['msd'], seed: 0,
    });
    expect(kmeansEstimator.rounds(kmeansEstimator.resolve({ epochs: '4' }))).toBe(4);
  });

  it('lists every SageMaker hyperparameter under its SageMaker name', () => {
    const names = kmeansEstimator.schema.map((s) => s.sagemakerName);
    for (const n of ['k', 'feature_dim', 'init_method', 'extra_center_factor', 'local_lloyd_init_method', 'local_lloyd_max_iter',
      'local_lloyd_tol', 'local_lloyd_num_trials', 'mini_batch_size', 'epochs', 'half_life_time_size', 'eval_metrics']) {
      expect(names).toContain(n);
    }
  });

  it('reads auto for extra_center_factor and local_lloyd_num_trials as 10, capped at the rows', () => {
    const p = kmeansEstimator.resolve({ k: '4', extra_center_factor: 'auto', local_lloyd_num_trials: 'AUTO' });
    expect(p.extra_center_factor).toBeNull();
    expect(streamingCentres(p, 1000)).toBe(40);
    expect(streamingCentres(p, 25)).toBe(25);
    expect(localTrials(p)).toBe(10);
    const q = kmeansEstimator.resolve({ k: 4, extra_center_factor: '2', local_lloyd_num_trials: 3 });
    expect(streamingCentres(q, 1000)).toBe(8);
    expect(localTrials(q)).toBe(3);
  });

  it('accepts eval_metrics as SageMaker’s JSON list or a comma list', async () => {
    expect(kmeansEstimator.resolve({ eval_metrics: '["msd","ssd"]' }).eval_metrics).toEqual(['msd', 'ssd']);
    expect(kmeansEstimator.resolve({ eval_metrics: '[\\"ssd\\"]' }).eval_metrics).toEqual(['ssd']);
    expect(kmeansEstimator.resolve({ eval_metrics: 'ssd, msd' }).eval_metrics).toEqual(['ssd', 'msd']);
    expect(await message(() => kmeansEstimator.resolve({ eval_metrics: '["mse"]' })))
      .toBe('eval_metrics must be a comma-separated list of msd, ssd; got "mse" (did you mean "msd"?)');
  });

  it('names the parameter and its range for out-of-range values', async () => {
    expect(await message(() => kmeansEstimator.resolve({ k: 1 }))).toBe('k must be an integer in [2, ∞); got 1');
    expect(await message(() => kmeansEstimator.resolve({ local_lloyd_tol: 2 }))).toBe('local_lloyd_tol must be in [0, 1]; got 2');
    expect(await message(() => kmeansEstimator.resolve({ extra_center_factor: 0 }))).toBe('extra_center_factor must be an integer in [1, ∞); got 0');
    expect(await message(() => kmeansEstimator.resolve({ init_method: 'k-means++' })))
      .toBe('init_method must be one of random, kmeans++; got "k-means++" (did you mean "kmeans++"?)');
    expect(() => kmeansEstimator.resolve({ half_life_time_size: -1 })).toThrow(HyperparameterError);
  });

  it('checkData refuses k above the row count and a feature_dim that is not the column count', async () => {
    const check = kmeansEstimator.checkData as NonNullable<typeof kmeansEstimator.checkData>;
    expect(() => check(kmeansEstimator.resolve({ k: 150, feature_dim: 4 }), facts)).not.toThrow();
    expect(await message(() => check(kmeansEstimator.resolve({ k: 151 }), facts)))
      .toBe('k must be an integer in [2, 150] (at most the number of training rows); got 151');
    expect(await message(() => check(kmeansEstimator.resolve({ feature_dim: 5 }), facts)))
      .toBe('feature_dim must equal the number of feature columns (4); got 5. Leave it unset to read it from the data');
    try { check(kmeansEstimator.resolve({ k: 151 }), facts); } catch (e) { expect((e as HyperparameterError).parameter).toBe('k'); }
  });

  it('taskDefaults fills feature_dim from the data', () => {
    expect(kmeansEstimator.taskDefaults(facts)).toEqual({ feature_dim: '4' });
  });
});
