import { describe, expect, it } from 'vitest';
import { groupSchema, initialValues, rawHyperparameters, specHint, threadDefault } from '../../../../src/components/train/hyperparameter-form.ts';
import { defaultSetup, prepareOptions, splitProblem } from '../../../../src/components/train/job-setup.ts';
import { getAlgorithm } from '../../../../src/lib/ml/registry.ts';

const schema = getAlgorithm('xgboost').schema;

describe('hyperparameter form', () => {
  it('groupSchema puts the six common parameters first, in order, and every other one under advanced', () => {
    const { common, advanced } = groupSchema(schema);
    expect(common.map((s) => s.name)).toEqual(['num_round', 'eta', 'max_depth', 'objective', 'eval_metric', 'early_stopping_rounds']);
    expect(common.length + advanced.length).toBe(schema.length);
  });

  it('initialValues(schema, task) starts from the schema defaults with the task’s objective', () => {
    expect(initialValues(schema, 'binary', 2)).toMatchObject({ num_round: '100', eta: '0.3', objective: 'binary:logistic', num_class: '' });
    expect(initialValues(schema, 'multiclass', 3)).toMatchObject({ objective: 'multi:softprob', num_class: '3' });
    expect(initialValues(schema, 'regression', 0)).toMatchObject({ objective: 'reg:squarederror' });
  });

  it('the form’s defaults for every task pass resolve', () => {
    for (const [task, k] of [['binary', 2], ['multiclass', 4], ['regression', 0]] as const) {
      expect(() => getAlgorithm('xgboost').resolve(rawHyperparameters(initialValues(schema, task, k)))).not.toThrow();
    }
  });

  it('rawHyperparameters drops empty fields and trims the rest', () => {
    expect(rawHyperparameters({ eta: ' 0.1 ', gamma: '', seed: '3' })).toEqual({ eta: '0.1', seed: '3' });
  });

  it('specHint states the default and the range', () => {
    expect(specHint(schema.find((s) => s.name === 'eta')!)).toBe('default 0.3 · range (0, 1]');
  });

  it('threadDefault suggests one thread per core (at most 8) only in a cross-origin isolated page, and says why', () => {
    expect(threadDefault({ crossOriginIsolated: true, hardwareConcurrency: 2 })).toMatchObject({ threads: 2, note: expect.stringMatching(/^Threads: 2 .*cross-origin isolated/) });
    expect(threadDefault({ crossOriginIsolated: true, hardwareConcurrency: 32 }).threads).toBe(8);
    expect(threadDefault({ crossOriginIsolated: true }).threads).toBe(1);
    const off = threadDefault({ crossOriginIsolated: false, hardwareConcurrency: 16 });
    expect(off.threads).toBe(1);
    expect(off.note).toMatch(/not cross-origin isolated, so workers cannot share memory/);
    expect(threadDefault({ hardwareConcurrency: 4 }).threads).toBe(1);
    expect(() => getAlgorithm('xgboost').resolve({ nthread: String(threadDefault({ crossOriginIsolated: true, hardwareConcurrency: 6 }).threads) })).not.toThrow();
  });
});

describe('job setup', () => {
  it('splitProblem names the split field that is out of range', () => {
    expect(splitProblem(defaultSetup('xgboost', 'y'))).toBeNull();
    expect(splitProblem({ ...defaultSetup('xgboost', 'y'), validationPct: 60, testPct: 40 })).toMatch(/Validation % \+ test %/);
    expect(splitProblem({ ...defaultSetup('xgboost', 'y'), split: 'time' })).toMatch(/time column/);
  });

  it('prepareOptions turns percentages into fractions and never stratifies a regression', () => {
    const o = prepareOptions(defaultSetup('xgboost', 'y'), 'regression', ['a'], {});
    expect(o.split).toMatchObject({ method: 'random', validationFraction: 0.2, testFraction: 0.1, seed: 0 });
  });
});
