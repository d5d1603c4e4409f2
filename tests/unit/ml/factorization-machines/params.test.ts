import { describe, expect, it } from 'vitest';
import type { DataFacts } from '../../../../src/lib/ml/estimator.ts';
import { factorizationMachinesEstimator as fm } from '../../../../src/lib/ml/factorization-machines/factorization-machines-estimator.ts';
import { errorOf } from '../hyperparameter-error.ts';

const facts = (task: DataFacts['task'], nCols = 5, classes?: string[]): DataFacts =>
  ({ task, nRows: 100, nCols, featureNames: Array.from({ length: nCols }, (_, i) => `f${i}`), ...(classes ? { classes } : {}) });


describe('factorization-machines hyperparameters', () => {
  it('resolve({}) gives SageMaker\'s defaults (num_factors 8 and eps 1e-8 being mlpad\'s choices)', () => {
    const p = fm.resolve({});
    expect(p).toMatchObject({
      predictor_type: null, num_factors: 8, feature_dim: null, epochs: 1, mini_batch_size: 1000,
      bias_lr: 0.1, linear_lr: 0.001, factors_lr: 0.0001, bias_wd: 0.01, linear_wd: 0.001, factors_wd: 0.00001,
      clip_gradient: null, eps: 1e-8, rescale_grad: null, seed: 0,
    });
    expect(p.init.bias).toEqual({ method: 'normal', scale: 0, sigma: 0.01, value: 0 });
    expect(p.init.linear.sigma).toBe(0.01);
    expect(p.init.factors.sigma).toBe(0.001);
    expect(fm.rounds(p)).toBe(1);
  });

  it('every schema entry carries its SageMaker name and one line of help', () => {
    const names = fm.schema.map((s) => s.name);
    for (const n of ['num_factors', 'predictor_type', 'feature_dim', 'epochs', 'mini_batch_size', 'clip_gradient', 'eps', 'rescale_grad',
      'bias_lr', 'linear_lr', 'factors_lr', 'bias_wd', 'linear_wd', 'factors_wd', 'bias_init_method', 'bias_init_scale', 'bias_init_sigma',
      'bias_init_value', 'linear_init_method', 'linear_init_scale', 'linear_init_sigma', 'linear_init_value', 'factors_init_method',
      'factors_init_scale', 'factors_init_sigma', 'factors_init_value', 'seed']) {
      expect(names).toContain(n);
    }
    for (const s of fm.schema) {
      expect(s.sagemakerName).toBe(s.name);
      expect(s.help.length).toBeGreaterThan(10);
    }
    for (const c of fm.commonParameters) expect(names).toContain(c);
  });

  it('reads string values as the CLI and SageMaker job JSON send them', () => {
    const p = fm.resolve({ num_factors: '64', factors_lr: '0.01', predictor_type: 'regressor', clip_gradient: '5', factors_init_method: 'uniform', factors_init_scale: '0.05' });
    expect(p.num_factors).toBe(64);
    expect(p.factors_lr).toBe(0.01);
    expect(p.predictor_type).toBe('regressor');
    expect(p.clip_gradient).toBe(5);
    expect(p.init.factors).toEqual({ method: 'uniform', scale: 0.05, sigma: 0.001, value: 0 });
  });

  it('refuses out-of-range values with a sentence naming the parameter and its range', () => {
    expect(errorOf(() => fm.resolve({ num_factors: 0 })).message).toBe('num_factors must be an integer in [1, 1000]; got 0');
    expect(errorOf(() => fm.resolve({ epochs: 2.5 })).message).toBe('epochs must be an integer in [1, 100000]; got 2.5');
    expect(errorOf(() => fm.resolve({ factors_lr: -1 })).message).toBe('factors_lr must be in [0, ∞); got -1');
    expect(errorOf(() => fm.resolve({ bias_wd: '-0.5' })).message).toBe('bias_wd must be in [0, ∞); got "-0.5"');
    expect(errorOf(() => fm.resolve({ eps: 0 })).message).toBe('eps must be in (0, ∞); got 0');
    expect(errorOf(() => fm.resolve({ clip_gradient: 0 })).parameter).toBe('clip_gradient');
    expect(errorOf(() => fm.resolve({ mini_batch_size: 0 })).message).toBe('mini_batch_size must be an integer in [1, ∞); got 0');
    expect(errorOf(() => fm.resolve({ predictor_type: 'multiclass_classifier' })).message)
      .toBe('predictor_type must be one of binary_classifier, regressor; got "multiclass_classifier"');
    expect(errorOf(() => fm.resolve({ factors_init_method: 'xavier' })).parameter).toBe('factors_init_method');
    expect(errorOf(() => fm.resolve({ num_factor: 4 })).message).toBe('unknown hyperparameter "num_factor" (did you mean "num_factors"?)');
  });

  it('uniform and constant starts require their scale and value', () => {
    const e = errorOf(() => fm.resolve({ linear_init_method: 'uniform' }));
    expect(e.parameter).toBe('linear_init_scale');
    expect(e.message).toBe('linear_init_scale is required when linear_init_method is uniform: give the half-width of the range, a number in [0, ∞)');
    const c = errorOf(() => fm.resolve({ bias_init_method: 'constant' }));
    expect(c.parameter).toBe('bias_init_value');
    expect(c.message).toContain('bias_init_value is required when bias_init_method is constant');
    expect(fm.resolve({ bias_init_method: 'constant', bias_init_value: -2 }).init.bias).toMatchObject({ method: 'constant', value: -2 });
  });

  it('taskDefaults and taskOf map the task to predictor_type and back', () => {
    expect(fm.taskDefaults(facts('binary', 5, ['no', 'yes']))).toEqual({ predictor_type: 'binary_classifier' });
    expect(fm.taskDefaults(facts('regression'))).toEqual({ predictor_type: 'regressor' });
    expect(fm.taskDefaults(facts('multiclass', 5, ['a', 'b', 'c']))).toEqual({});
    expect(fm.taskOf!({ predictor_type: 'binary_classifier' })).toBe('binary');
    expect(fm.taskOf!({ predictor_type: 'regressor' })).toBe('regression');
    expect(fm.taskOf!({})).toBeUndefined();
  });

  it('checkData refuses a predictor_type that does not fit the task, naming predictor_type', () => {
    const e = errorOf(() => fm.checkData!(fm.resolve({ predictor_type: 'regressor' }), facts('binary', 5, ['no', 'yes'])));
    expect(e.parameter).toBe('predictor_type');
    expect(e.message).toBe('predictor_type is regressor but the target is binary; use predictor_type binary_classifier');
    expect(errorOf(() => fm.checkData!(fm.resolve({ predictor_type: 'binary_classifier' }), facts('regression'))).message)
      .toBe('predictor_type is binary_classifier but the target is regression; use predictor_type regressor');
    expect(errorOf(() => fm.checkData!(fm.resolve({}), facts('multiclass', 5, ['a', 'b', 'c']))).message)
      .toBe('factorization-machines trains binary_classifier or regressor; the target has 3 classes, so choose another algorithm (or a binary target)');
    expect(errorOf(() => fm.checkData!(fm.resolve({}), facts(null))).message).toContain('choose a target column');
    expect(() => fm.checkData!(fm.resolve({}), facts('binary', 5, ['no', 'yes']))).not.toThrow();
  });

  it('checkData accepts feature_dim only when it equals the feature count', () => {
    expect(() => fm.checkData!(fm.resolve({ feature_dim: 5 }), facts('regression', 5))).not.toThrow();
    const e = errorOf(() => fm.checkData!(fm.resolve({ feature_dim: 300 }), facts('regression', 5)));
    expect(e.parameter).toBe('feature_dim');
    expect(e.message).toBe('feature_dim is 300 but the data has 5 features; leave it empty or give 5');
  });

  it('asks the job runner to one-hot encode every categorical column', () => {
    expect(fm.categorical).toBe('one-hot');
    expect(fm.compute).toBe('tfjs');
    expect(fm.acceptsMissing).toBe(false);
    expect(fm.format).toEqual({ name: 'mlpad factorization-machines JSON v1', extension: 'json', mediaType: 'application/json' });
  });
});
