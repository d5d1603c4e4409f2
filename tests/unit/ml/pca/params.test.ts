import { describe, expect, it } from 'vitest';
import { pcaEstimator } from '../../../../src/lib/ml/pca/pca-estimator.ts';
import { subspaceSize } from '../../../../src/lib/ml/pca/params.ts';
import { RANDOMIZED_MAX_PASSES } from '../../../../src/lib/ml/pca/randomized.ts';
import { errorOf } from '../hyperparameter-error.ts';

const facts = (nCols: number) => ({ task: null, nRows: 100, nCols, featureNames: Array.from({ length: nCols }, (_, i) => `f${i}`) });


describe('pca hyperparameters', () => {
  it('lists SageMaker PCA\'s six hyperparameters under their SageMaker names with SageMaker\'s defaults', () => {
    const byName = Object.fromEntries(pcaEstimator.schema.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['algorithm_mode', 'extra_components', 'feature_dim', 'mini_batch_size', 'num_components', 'subtract_mean']);
    for (const s of pcaEstimator.schema) expect(s.sagemakerName).toBe(s.name);
    expect(byName.algorithm_mode.default).toBe('regular');
    expect(byName.algorithm_mode.values).toEqual(['regular', 'randomized']);
    expect(byName.subtract_mean.default).toBe(true);
    expect(byName.extra_components.default).toBe(-1);
    expect(byName.extra_components.min).toBe(-1);
    expect(byName.num_components.default).toBeNull();
  });

  it('resolves string values and leaves num_components and feature_dim unset by default', () => {
    expect(pcaEstimator.resolve({})).toEqual({
      num_components: null, algorithm_mode: 'regular', subtract_mean: true, extra_components: -1, feature_dim: null, mini_batch_size: 500,
    });
    expect(pcaEstimator.resolve({ num_components: '3', algorithm_mode: 'randomized', subtract_mean: 'false', extra_components: '0', feature_dim: '8', mini_batch_size: '64' }))
      .toEqual({ num_components: 3, algorithm_mode: 'randomized', subtract_mean: false, extra_components: 0, feature_dim: 8, mini_batch_size: 64 });
  });

  it('refuses out-of-range values with sentences naming the parameter and its range', () => {
    expect(errorOf(() => pcaEstimator.resolve({ num_components: 0 })).message).toBe('num_components must be an integer in [1, ∞); got 0');
    expect(errorOf(() => pcaEstimator.resolve({ extra_components: -2, algorithm_mode: 'randomized' })).message).toBe('extra_components must be an integer in [-1, ∞); got -2');
    expect(errorOf(() => pcaEstimator.resolve({ mini_batch_size: 0 })).parameter).toBe('mini_batch_size');
    expect(errorOf(() => pcaEstimator.resolve({ algorithm_mode: 'randomised' })).message).toContain('(did you mean "randomized"?)');
  });

  it('refuses extra_components in regular mode, where it would do nothing', () => {
    const e = errorOf(() => pcaEstimator.resolve({ extra_components: 5 }));
    expect(e.parameter).toBe('extra_components');
    expect(e.message).toBe('extra_components applies to algorithm_mode randomized only (regular mode is exact); leave it at -1 or set algorithm_mode to randomized; got 5');
  });

  it('refuses num_components above feature_dim', () => {
    const e = errorOf(() => pcaEstimator.resolve({ num_components: 9, feature_dim: 8 }));
    expect(e.parameter).toBe('num_components');
    expect(e.message).toBe('num_components must be an integer in [1, 8] (at most feature_dim); got 9');
  });

  it('checkData refuses num_components above the column count and a feature_dim other than it', () => {
    const k = errorOf(() => pcaEstimator.checkData!(pcaEstimator.resolve({ num_components: 5 }), facts(4)));
    expect(k.parameter).toBe('num_components');
    expect(k.message).toBe('num_components must be an integer in [1, 4] (the number of feature columns); got 5');
    const fd = errorOf(() => pcaEstimator.checkData!(pcaEstimator.resolve({ feature_dim: 5 }), facts(4)));
    expect(fd.parameter).toBe('feature_dim');
    expect(fd.message).toBe('feature_dim must equal the number of feature columns, 4 (or be left unset); got 5');
    expect(() => pcaEstimator.checkData!(pcaEstimator.resolve({ num_components: 4, feature_dim: 4 }), facts(4))).not.toThrow();
  });

  it('suggests min(10, columns) components and feature_dim = columns for the form', () => {
    expect(pcaEstimator.taskDefaults(facts(4))).toEqual({ num_components: '4', feature_dim: '4' });
    expect(pcaEstimator.taskDefaults(facts(64))).toEqual({ num_components: '10', feature_dim: '64' });
  });

  it('samples num_components + max(10, num_components) directions in randomized mode by default, at most the columns', () => {
    expect(subspaceSize(pcaEstimator.resolve({ num_components: 5, algorithm_mode: 'randomized' }), 64)).toBe(15);
    expect(subspaceSize(pcaEstimator.resolve({ num_components: 20, algorithm_mode: 'randomized' }), 64)).toBe(40);
    expect(subspaceSize(pcaEstimator.resolve({ num_components: 5, algorithm_mode: 'randomized', extra_components: 2 }), 64)).toBe(7);
    expect(subspaceSize(pcaEstimator.resolve({ num_components: 5, algorithm_mode: 'randomized' }), 12)).toBe(12);
  });

  it('reports one round in regular mode and at most RANDOMIZED_MAX_PASSES in randomized mode', () => {
    expect(pcaEstimator.rounds(pcaEstimator.resolve({}))).toBe(1);
    expect(pcaEstimator.rounds(pcaEstimator.resolve({ algorithm_mode: 'randomized' }))).toBe(RANDOMIZED_MAX_PASSES);
  });
});
