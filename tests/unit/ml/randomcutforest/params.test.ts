import { describe, expect, it } from 'vitest';
import { randomCutForestEstimator as rcf } from '../../../../src/lib/ml/randomcutforest/randomcutforest-estimator.ts';
import { errorOf } from '../hyperparameter-error.ts';

const facts = { task: null, nRows: 100, nCols: 3, featureNames: ['a', 'b', 'c'] };


describe('randomcutforest hyperparameters', () => {
  it('resolve({}) gives SageMaker’s defaults: 100 trees of 256 samples, both eval metrics, no shingling, seed 0', () => {
    expect(rcf.resolve({})).toEqual({
      num_trees: 100, num_samples_per_tree: 256, feature_dim: null,
      eval_metrics: ['accuracy', 'precision_recall_fscore'], shingle_size: 1, seed: 0,
    });
    expect(rcf.rounds(rcf.resolve({ num_trees: '60' }))).toBe(60);
  });

  it('num_trees outside [50, 1000] is refused with a sentence naming it and the range', () => {
    for (const [bad, shown] of [[49, '49'], [1001, '1001'], ['12.5', '"12.5"']]) {
      const e = errorOf(() => rcf.resolve({ num_trees: bad }));
      expect(e.parameter).toBe('num_trees');
      expect(e.message).toBe(`num_trees must be an integer in [50, 1000]; got ${shown}`);
    }
    expect(rcf.resolve({ num_trees: 50 }).num_trees).toBe(50);
    expect(rcf.resolve({ num_trees: '1000' }).num_trees).toBe(1000);
  });

  it('num_samples_per_tree outside [1, 2048] is refused with a sentence naming it and the range', () => {
    for (const bad of [0, 2049]) {
      const e = errorOf(() => rcf.resolve({ num_samples_per_tree: bad }));
      expect(e.parameter).toBe('num_samples_per_tree');
      expect(e.message).toBe(`num_samples_per_tree must be an integer in [1, 2048]; got ${bad}`);
    }
  });

  it('eval_metrics reads SageMaker’s JSON list form as well as comma-separated text', () => {
    expect(rcf.resolve({ eval_metrics: '["accuracy"]' }).eval_metrics).toEqual(['accuracy']);
    expect(rcf.resolve({ eval_metrics: "['precision_recall_fscore', 'accuracy']" }).eval_metrics).toEqual(['precision_recall_fscore', 'accuracy']);
    expect(rcf.resolve({ eval_metrics: 'accuracy' }).eval_metrics).toEqual(['accuracy']);
    const e = errorOf(() => rcf.resolve({ eval_metrics: '["f1"]' }));
    expect(e.parameter).toBe('eval_metrics');
    expect(e.message).toContain('accuracy, precision_recall_fscore');
  });

  it('feature_dim must equal the column count; taskDefaults suggests it', () => {
    expect(rcf.taskDefaults(facts)).toEqual({ feature_dim: '3' });
    expect(() => rcf.checkData!(rcf.resolve({ feature_dim: 3 }), facts)).not.toThrow();
    const e = errorOf(() => rcf.checkData!(rcf.resolve({ feature_dim: 4 }), facts));
    expect(e.parameter).toBe('feature_dim');
    expect(e.message).toBe('feature_dim must equal the number of feature columns, 3; got 4 (leave it unset to use the data’s)');
    expect(errorOf(() => rcf.resolve({ feature_dim: 10001 })).message).toBe('feature_dim must be an integer in [1, 10000]; got 10001');
  });

  it('shingle_size larger than the rows is refused by checkData naming the row count', () => {
    const e = errorOf(() => rcf.checkData!(rcf.resolve({ shingle_size: 101 }), facts));
    expect(e.parameter).toBe('shingle_size');
    expect(e.message).toBe('shingle_size must be in [1, 100] (the number of rows); got 101');
    expect(errorOf(() => rcf.resolve({ shingle_size: 0 })).parameter).toBe('shingle_size');
  });
});
