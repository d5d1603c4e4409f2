import { describe, expect, it } from 'vitest';
import { HyperparameterError } from '../../../../src/lib/ml/hyperparameters.ts';
import { mlpEstimator } from '../../../../src/lib/ml/mlp/mlp-estimator.ts';

const facts = (task: 'binary' | 'multiclass' | 'regression' | null, classes?: string[]) =>
  ({ task, classes, nRows: 100, nCols: 4, featureNames: ['a', 'b', 'c', 'd'] });

function refusal(raw: Record<string, string | number | boolean>): HyperparameterError {
  try {
    mlpEstimator.resolve(raw);
  } catch (e) {
    if (e instanceof HyperparameterError) return e;
    throw e;
  }
  throw new Error(`resolve(${JSON.stringify(raw)}) did not throw`);
}

describe('mlp hyperparameters', () => {
  it('resolve({}) gives scikit-learn MLP defaults: one hidden layer of 100 relu units, adam 0.001, alpha 1e-4, batch 200, 200 epochs, patience 10, tol 1e-4', () => {
    expect(mlpEstimator.resolve({})).toEqual({
      predictor_type: null, hidden_layers: 1, hidden_units: 100, activation: 'relu', dropout: 0, batch_norm: false,
      optimizer: 'adam', learning_rate: 0.001, momentum: 0.9, wd: 0.0001, mini_batch_size: 200, epochs: 200,
      early_stopping_patience: 10, early_stopping_tolerance: 0.0001, normalize_data: true, normalize_label: true,
      init_method: 'glorot_uniform', seed: 0,
    });
  });

  it('resolve parses text values from forms and CLI flags', () => {
    const p = mlpEstimator.resolve({ hidden_layers: '2', hidden_units: '64', activation: 'tanh', batch_norm: 'true', dropout: '0.25', optimizer: 'sgd', momentum: '0.5' });
    expect([p.hidden_layers, p.hidden_units, p.activation, p.batch_norm, p.dropout, p.optimizer, p.momentum]).toEqual([2, 64, 'tanh', true, 0.25, 'sgd', 0.5]);
  });

  it.each([
    [{ hidden_layers: 9 }, 'hidden_layers', 'hidden_layers must be an integer in [0, 8]; got 9'],
    [{ hidden_units: 0 }, 'hidden_units', 'hidden_units must be an integer in [1, 4096]; got 0'],
    [{ dropout: 1 }, 'dropout', 'dropout must be in [0, 1); got 1'],
    [{ learning_rate: 0 }, 'learning_rate', 'learning_rate must be in (0, 1]; got 0'],
    [{ momentum: -0.1, optimizer: 'sgd' }, 'momentum', 'momentum must be in [0, 1); got -0.1'],
    [{ wd: -1 }, 'wd', 'wd must be in [0, ∞); got -1'],
    [{ mini_batch_size: 0 }, 'mini_batch_size', 'mini_batch_size must be an integer in [1, ∞); got 0'],
    [{ epochs: 1.5 }, 'epochs', 'epochs must be an integer in [1, 100000]; got 1.5'],
    [{ early_stopping_patience: 0 }, 'early_stopping_patience', 'early_stopping_patience must be an integer in [1, ∞); got 0'],
    [{ activation: 'relu6' }, 'activation', 'activation must be one of relu, tanh, logistic, identity; got "relu6" (did you mean "relu"?)'],
    [{ predictor_type: 'classifier' }, 'predictor_type', 'predictor_type must be one of binary_classifier, multiclass_classifier, regressor; got "classifier"'],
  ])('resolve(%j) is refused naming %s and its range', (raw, parameter, message) => {
    const e = refusal(raw);
    expect(e.parameter).toBe(parameter);
    expect(e.message).toBe(message);
  });

  it('settings that would be silently ignored are refused with a sentence', () => {
    expect(refusal({ momentum: 0.5 }).message).toBe('momentum applies only to optimizer sgd; optimizer adam uses fixed moment decays, so leave momentum at 0.9 (got 0.5)');
    expect(refusal({ hidden_layers: 0, dropout: 0.5 }).parameter).toBe('dropout');
    expect(refusal({ hidden_layers: 0, hidden_units: 8 }).message).toBe('hidden_units sizes hidden layers; with hidden_layers 0 leave it at 100 (got 8), or set hidden_layers to 1 or more');
    expect(refusal({ hidden_layers: 0, activation: 'tanh' }).parameter).toBe('activation');
    expect(refusal({ hidden_layers: 0, batch_norm: true }).parameter).toBe('batch_norm');
    expect(refusal({ predictor_type: 'binary_classifier', normalize_label: false }).parameter).toBe('normalize_label');
    // Defaults pass even when a form sends every field.
    expect(() => mlpEstimator.resolve({ optimizer: 'rmsprop', momentum: '0.9', normalize_label: 'true', predictor_type: 'multiclass_classifier' })).not.toThrow();
  });

  it('taskDefaults and taskOf map the task to predictor_type and back', () => {
    expect(mlpEstimator.taskDefaults(facts('binary', ['no', 'yes']))).toEqual({ predictor_type: 'binary_classifier' });
    expect(mlpEstimator.taskDefaults(facts('multiclass', ['a', 'b', 'c']))).toEqual({ predictor_type: 'multiclass_classifier' });
    expect(mlpEstimator.taskDefaults(facts('regression'))).toEqual({ predictor_type: 'regressor' });
    expect(mlpEstimator.taskOf?.({ predictor_type: 'regressor' })).toBe('regression');
    expect(mlpEstimator.taskOf?.({ predictor_type: 'multiclass_classifier' })).toBe('multiclass');
    expect(mlpEstimator.taskOf?.({})).toBeUndefined();
  });

  it('checkData refuses a predictor_type that does not fit the task, and a job without a target', () => {
    const p = mlpEstimator.resolve({ predictor_type: 'regressor' });
    expect(() => mlpEstimator.checkData?.(p, facts('binary', ['a', 'b']))).toThrow(
      new HyperparameterError('predictor_type', 'predictor_type regressor does not fit this binary target; use binary_classifier (or leave predictor_type unset to follow the task)'));
    expect(() => mlpEstimator.checkData?.(mlpEstimator.resolve({}), facts(null))).toThrow(/mlp is supervised/);
    expect(() => mlpEstimator.checkData?.(mlpEstimator.resolve({ normalize_label: false }), facts('multiclass', ['a', 'b', 'c']))).toThrow(/normalize_label applies only to predictor_type regressor/);
    expect(() => mlpEstimator.checkData?.(mlpEstimator.resolve({ normalize_label: false }), facts('regression'))).not.toThrow();
  });

  it('every schema entry has a SageMaker-style snake_case name, help and a default of its type', () => {
    for (const s of mlpEstimator.schema) {
      expect(s.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(s.sagemakerName).toBe(s.name);
      expect(s.help.length).toBeGreaterThan(10);
      if (s.default !== null) expect(typeof s.default).toBe(s.type === 'bool' ? 'boolean' : s.type === 'enum' ? 'string' : 'number');
    }
    for (const c of mlpEstimator.commonParameters) expect(mlpEstimator.schema.map((s) => s.name)).toContain(c);
  });
});
