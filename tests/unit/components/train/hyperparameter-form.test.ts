import { describe, expect, it } from 'vitest';
import { groupSchema, initialValues, rawHyperparameters, specHint, threadDefault } from '../../../../src/components/train/hyperparameter-form.ts';
import { defaultSetup, prepareOptions, splitProblem } from '../../../../src/components/train/job-setup.ts';
import type { DataFacts, Task } from '../../../../src/lib/ml/estimator.ts';
import { algorithmNames, getAlgorithm } from '../../../../src/lib/ml/registry.ts';

const schema = getAlgorithm('xgboost').schema;

const xgb = getAlgorithm('xgboost');
const facts = (task: Task | null, k: number): DataFacts => ({ task, classes: Array.from({ length: k }, (_, i) => `c${i}`), nRows: 100, nCols: 4, featureNames: ['a', 'b', 'c', 'd'] });

describe('hyperparameter form', () => {
  it('groupSchema puts xgboost\'s six common parameters first, in order, and every other one under advanced', () => {
    const { common, advanced } = groupSchema(schema, xgb.commonParameters);
    expect(common.map((s) => s.name)).toEqual(['num_round', 'eta', 'max_depth', 'objective', 'eval_metric', 'early_stopping_rounds']);
    expect(common.length + advanced.length).toBe(schema.length);
  });

  it('initialValues(schema, taskDefaults) starts from the schema defaults with the task’s objective', () => {
    expect(initialValues(schema, xgb.taskDefaults(facts('binary', 2)))).toMatchObject({ num_round: '100', eta: '0.3', objective: 'binary:logistic', num_class: '' });
    expect(initialValues(schema, xgb.taskDefaults(facts('multiclass', 3)))).toMatchObject({ objective: 'multi:softprob', num_class: '3' });
    expect(initialValues(schema, xgb.taskDefaults(facts('regression', 0)))).toMatchObject({ objective: 'reg:squarederror' });
  });

  it('for every registered algorithm, every common name is in its schema and the form’s defaults for each task it trains pass resolve and checkData', () => {
    for (const name of algorithmNames()) {
      const e = getAlgorithm(name);
      const { common, advanced } = groupSchema(e.schema, e.commonParameters);
      expect(common.map((s) => s.name), name).toEqual([...e.commonParameters]);
      expect(common.length + advanced.length, name).toBe(e.schema.length);
      const cases: [Task | null, number][] = e.kind === 'supervised' ? e.tasks.map((t) => [t, t === 'binary' ? 2 : t === 'multiclass' ? 4 : 0]) : [[null, 0]];
      for (const [task, k] of cases) {
        const f = facts(task, k);
        const params = e.resolve(rawHyperparameters(initialValues(e.schema, e.taskDefaults(f))));
        expect(() => e.checkData?.(params, f), `${name} ${task}`).not.toThrow();
      }
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
