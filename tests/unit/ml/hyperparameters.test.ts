import { describe, expect, it } from 'vitest';
import { HyperparameterError, describeRange, validateHyperparameters, type HyperparameterSpec } from '../../../src/lib/ml/hyperparameters.ts';
import { algorithmNames, getAlgorithm } from '../../../src/lib/ml/registry.ts';
import { XGBOOST_SCHEMA, resolveXGBoostParams } from '../../../src/lib/ml/xgboost/params.ts';

const message = (fn: () => unknown): string => {
  try { fn(); } catch (e) { return (e as Error).message; }
  return 'no error';
};

describe('validateHyperparameters', () => {
  const schema: HyperparameterSpec[] = [
    { name: 'eta', sagemakerName: 'eta', type: 'float', default: 0.3, min: 0, minInclusive: false, max: 1, aliases: ['learning_rate'], help: 'step' },
    { name: 'max_depth', sagemakerName: 'max_depth', type: 'int', default: 6, min: 0, help: 'depth' },
    { name: 'grow_policy', sagemakerName: 'grow_policy', type: 'enum', default: 'depthwise', values: ['depthwise', 'lossguide'], help: 'policy' },
    { name: 'flag', sagemakerName: 'flag', type: 'bool', default: false, help: 'a flag' },
  ];

  it('fills defaults and parses strings to their types', () => {
    expect(validateHyperparameters(schema, {})).toEqual({ eta: 0.3, max_depth: 6, grow_policy: 'depthwise', flag: false });
    expect(validateHyperparameters(schema, { eta: '0.1', max_depth: '3', grow_policy: 'lossguide', flag: 'true' }))
      .toEqual({ eta: 0.1, max_depth: 3, grow_policy: 'lossguide', flag: true });
  });

  it('names the parameter and its range when a value is out of range', () => {
    expect(message(() => validateHyperparameters(schema, { eta: -1 }))).toBe('eta must be in (0, 1]; got -1');
    expect(message(() => validateHyperparameters(schema, { eta: '0' }))).toBe('eta must be in (0, 1]; got "0"');
    expect(message(() => validateHyperparameters(schema, { max_depth: -2 }))).toBe('max_depth must be an integer in [0, ∞); got -2');
  });

  it('rejects non-numbers and non-integers with the expected type', () => {
    expect(message(() => validateHyperparameters(schema, { eta: 'fast' }))).toBe('eta must be a number in (0, 1]; got "fast"');
    expect(message(() => validateHyperparameters(schema, { max_depth: 2.5 }))).toBe('max_depth must be an integer in [0, ∞); got 2.5');
    expect(message(() => validateHyperparameters(schema, { flag: 'maybe' }))).toBe('flag must be true or false; got "maybe"');
  });

  it('suggests the closest name for an unknown hyperparameter', () => {
    expect(message(() => validateHyperparameters(schema, { etaa: 0.1 }))).toBe('unknown hyperparameter "etaa" (did you mean "eta"?)');
    expect(message(() => validateHyperparameters(schema, { zzzzzzzz: 1 }))).toBe('unknown hyperparameter "zzzzzzzz"');
  });

  it('suggests the closest enum value', () => {
    expect(message(() => validateHyperparameters(schema, { grow_policy: 'depthwize' })))
      .toBe('grow_policy must be one of depthwise, lossguide; got "depthwize" (did you mean "depthwise"?)');
  });

  it('accepts aliases but not a parameter given twice', () => {
    expect(validateHyperparameters(schema, { learning_rate: 0.5 }).eta).toBe(0.5);
    expect(message(() => validateHyperparameters(schema, { eta: 0.1, learning_rate: 0.2 })))
      .toBe('eta is given twice (as "eta" and "learning_rate"); give it once');
  });

  it('throws HyperparameterError carrying the parameter name', () => {
    try { validateHyperparameters(schema, { max_depth: -1 }); } catch (e) {
      expect(e).toBeInstanceOf(HyperparameterError);
      expect((e as HyperparameterError).parameter).toBe('max_depth');
    }
  });

  it('describeRange writes open and closed bounds', () => {
    expect(describeRange(schema[0])).toBe('(0, 1]');
    expect(describeRange(schema[1])).toBe('[0, ∞)');
  });
});

describe('XGBoost hyperparameters', () => {
  it('have XGBoost 1.7 defaults', () => {
    const p = resolveXGBoostParams({});
    expect(p).toMatchObject({ objective: 'reg:squarederror', eta: 0.3, max_depth: 6, lambda: 1, alpha: 0, gamma: 0, min_child_weight: 1, max_bin: 256, subsample: 1, max_delta_step: 0, base_score: null, grow_policy: 'depthwise' });
  });

  it('default max_delta_step to 0.7 for count:poisson', () => {
    expect(resolveXGBoostParams({ objective: 'count:poisson' }).max_delta_step).toBeCloseTo(0.7, 12);
    expect(resolveXGBoostParams({ objective: 'count:poisson', max_delta_step: 2 }).max_delta_step).toBe(2);
  });

  it('require num_class for multi-class objectives and refuse it elsewhere', () => {
    expect(message(() => resolveXGBoostParams({ objective: 'multi:softprob' }))).toBe('num_class is required for objective multi:softprob: an integer in [2, ∞)');
    expect(message(() => resolveXGBoostParams({ objective: 'binary:logistic', num_class: 3 }))).toMatch(/num_class applies only to multi:softprob/);
    expect(resolveXGBoostParams({ objective: 'multi:softmax', num_class: '4' }).num_class).toBe(4);
  });

  it('reject eta <= 0, negative max_depth and metrics that do not fit the objective', () => {
    expect(message(() => resolveXGBoostParams({ eta: 0 }))).toBe('eta must be in (0, 1]; got 0');
    expect(message(() => resolveXGBoostParams({ max_depth: -1 }))).toBe('max_depth must be an integer in [0, ∞); got -1');
    expect(message(() => resolveXGBoostParams({ max_depth: 0 }))).toMatch(/max_depth must be in \[1, ∞\) with grow_policy depthwise/);
    expect(message(() => resolveXGBoostParams({ objective: 'reg:squarederror', eval_metric: 'auc' }))).toMatch(/eval_metric auc needs a classification objective/);
    expect(message(() => resolveXGBoostParams({ eval_metric: 'rmse,maee' }))).toMatch(/got "maee" \(did you mean "mae"\?\)/);
  });

  it('parse eval_metric lists and keep their order', () => {
    expect(resolveXGBoostParams({ objective: 'binary:logistic', eval_metric: 'logloss, auc' }).eval_metric).toEqual(['logloss', 'auc']);
  });

  it('give every schema entry a SageMaker name, a help line and a type-consistent default', () => {
    for (const s of XGBOOST_SCHEMA) {
      expect(s.sagemakerName).toBe(s.name);
      expect(s.help.length).toBeGreaterThan(10);
      if (s.default !== null && (s.type === 'int' || s.type === 'float')) expect(typeof s.default).toBe('number');
    }
  });
});

describe('registry', () => {
  it('registers every built-in algorithm in SageMaker\'s order, xgboost with its schema', () => {
    expect(algorithmNames()).toEqual(['xgboost', 'linear-learner', 'knn', 'kmeans', 'pca', 'randomcutforest', 'factorization-machines', 'mlp']);
    expect(getAlgorithm('xgboost').schema).toBe(XGBOOST_SCHEMA);
    expect(message(() => getAlgorithm('xgbost'))).toBe(`unknown algorithm "xgbost"; choose one of ${algorithmNames().join(', ')}`);
  });

  it('every schema entry has a SageMaker name, a type, one line of help and a default that passes its own validation', () => {
    for (const name of algorithmNames()) {
      const e = getAlgorithm(name);
      for (const spec of e.schema) {
        expect(spec.sagemakerName, `${name}.${spec.name}`).toBeTruthy();
        expect(spec.help.length, `${name}.${spec.name}`).toBeGreaterThan(10);
        expect(spec.help, `${name}.${spec.name}`).not.toMatch(/\n/);
        if (spec.default !== null) expect(() => validateHyperparameters(e.schema, { [spec.name]: spec.default! }), `${name}.${spec.name}`).not.toThrow();
      }
    }
  });
});
