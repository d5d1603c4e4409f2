// The Tune form as data: presets valid against every schema, rows for any tunable hyperparameter, field
// problems in ranges.ts' and tuning-plan.ts' words, and the config the form makes.
import { describe, expect, it } from 'vitest';
import type { DataFacts } from '../../../../src/lib/ml/estimator.ts';
import { algorithmNames, getAlgorithm } from '../../../../src/lib/ml/registry.ts';
import { searchSpace } from '../../../../src/lib/tune/ranges.ts';
import { PRESET_RANGES } from '../../../../src/components/tune/default-ranges.ts';
import { defaultTuneSetup } from '../../../../src/components/tune/tune-form-state.svelte.ts';
import { buildConfig, defaultRows, objectiveOf, parameterRanges, rangeRow, rowsOfRanges, tunableSpecs, type TuneSetup } from '../../../../src/components/tune/tune-form.ts';
import { bestHyperparameters, trialsJson, tuningJobJson } from '../../../../src/components/tune/tune-files.ts';
import type { TuningResult } from '../../../../src/lib/tune/tuning-job-api.ts';

const binary: DataFacts = { task: 'binary', classes: ['0', '1'], target: 'y', nRows: 500, nCols: 4, featureNames: ['a', 'b', 'c', 'd'] };
const xgb = getAlgorithm('xgboost');
const setup = (over: Partial<TuneSetup> = {}): TuneSetup => {
  const s = defaultTuneSetup('xgboost');
  return { ...s, ranges: defaultRows(xgb, tunableSpecs(xgb, binary), 'Random'), strategy: 'Random', ...over };
};

describe('tune form', () => {
  it('every preset range is a valid range of its algorithm (ranges.ts accepts it)', () => {
    for (const [algorithm, presets] of Object.entries(PRESET_RANGES)) {
      const e = getAlgorithm(algorithm);
      for (const name of Object.keys(presets)) {
        const spec = e.schema.find((s) => s.name === name);
        expect(spec, `${algorithm} ${name}`).toBeDefined();
        expect(() => searchSpace(e.schema, parameterRanges([rangeRow(e, spec!)])), `${algorithm} ${name}`).not.toThrow();
      }
    }
  });

  it('a row for every tunable hyperparameter of every algorithm is accepted by ranges.ts', () => {
    for (const name of algorithmNames()) {
      const e = getAlgorithm(name);
      const facts: DataFacts = e.kind === 'supervised' ? binary : { ...binary, task: null, classes: undefined, target: undefined };
      const specs = tunableSpecs(e, facts);
      expect(specs.length, name).toBeGreaterThan(0);
      for (const spec of specs) expect(() => searchSpace(e.schema, parameterRanges([rangeRow(e, spec)])), `${name} ${spec.name}`).not.toThrow();
      expect(defaultRows(e, specs, 'Bayesian').length, name).toBeGreaterThan(0);
    }
  });

  it('leaves out what the data decides (objective, num_class) and list parameters (eval_metric)', () => {
    const names = tunableSpecs(xgb, binary).map((s) => s.name);
    expect(names).toContain('eta');
    expect(names).not.toContain('objective');
    expect(names).not.toContain('eval_metric');
    expect(tunableSpecs(getAlgorithm('linear-learner'), binary).map((s) => s.name)).not.toContain('predictor_type');
  });

  it('xgboost starts with eta (log), max_depth, min_child_weight and subsample; Hyperband leaves num_round to itself', () => {
    const rows = defaultRows(xgb, tunableSpecs(xgb, binary), 'Bayesian');
    expect(rows.map((r) => r.name)).toEqual(['eta', 'max_depth', 'min_child_weight', 'subsample']);
    expect(rows[0]).toMatchObject({ kind: 'continuous', min: '0.05', max: '0.5', scaling: 'Logarithmic' });
    expect(rows[1]).toMatchObject({ kind: 'integer', min: '2', max: '8' });
    const ll = getAlgorithm('linear-learner');
    expect(defaultRows(ll, tunableSpecs(ll, binary), 'Bayesian').map((r) => r.name)).toEqual(['learning_rate', 'wd']);
  });

  it('the objective defaults to the first held-out metric and keeps its natural direction', () => {
    expect(objectiveOf(xgb, 'binary', '')).toEqual({ MetricName: 'validation:auc', Type: 'Maximize' });
    expect(objectiveOf(xgb, 'regression', '')).toEqual({ MetricName: 'validation:rmse', Type: 'Minimize' });
    expect(objectiveOf(xgb, 'binary', 'validation:logloss')).toEqual({ MetricName: 'validation:logloss', Type: 'Minimize' });
    // A metric the task does not report falls back to the first that it does.
    expect(objectiveOf(xgb, 'binary', 'validation:rmse').MetricName).toBe('validation:auc');
  });

  it('buildConfig makes SageMaker\'s config from the form', () => {
    const { config, problems } = buildConfig(setup({ maxJobs: '6', maxParallel: '2', seed: '7', targetValue: '0.9', notImproving: '3', maxRuntime: '60' }), xgb, 'binary', {}, 'loan');
    expect(problems).toEqual({});
    const c = config!.HyperParameterTuningJobConfig;
    expect(config!.HyperParameterTuningJobName).toBe('loan');
    expect(c.Strategy).toBe('Random');
    expect(c.HyperParameterTuningJobObjective).toEqual({ MetricName: 'validation:auc', Type: 'Maximize' });
    expect(c.ResourceLimits).toEqual({ MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 2, MaxRuntimeInSeconds: 60 });
    expect(c.TuningJobCompletionCriteria).toEqual({ TargetObjectiveMetricValue: 0.9, BestObjectiveNotImproving: { MaxNumberOfTrainingJobsNotImproving: 3 } });
    expect(c.RandomSeed).toBe(7);
    expect(c.ParameterRanges.ContinuousParameterRanges!.map((r) => r.Name)).toEqual(['eta', 'min_child_weight', 'subsample']);
    expect(c.ParameterRanges.IntegerParameterRanges!.map((r) => r.Name)).toEqual(['max_depth']);
    expect(rowsOfRanges(c.ParameterRanges).map((r) => r.name)).toEqual(['eta', 'min_child_weight', 'subsample', 'max_depth']);
  });

  it('buildConfig warm-starts from the previous job when asked and one exists; a parent with another objective is a problem', async () => {
    const { runTuningJob } = await import('../../../../src/lib/tune/tuning-job.ts');
    const first = buildConfig(setup({ maxJobs: '2' }), xgb, 'binary', {}, 'first').config!;
    const parent = await runTuningJob(first, async () => ({ metrics: { 'validation:auc': 0.7, 'validation:accuracy': 0.6 } }));
    expect(parent.TrainingJobs).toHaveLength(2);
    const warm = buildConfig(setup({ warmStart: 'IdenticalDataAndAlgorithm' }), xgb, 'binary', {}, 'second', parent);
    expect(warm.problems).toEqual({});
    expect(warm.config!.WarmStartConfig).toEqual({ ParentHyperParameterTuningJobs: [parent], WarmStartType: 'IdenticalDataAndAlgorithm' });
    expect(buildConfig(setup({ warmStart: 'none' }), xgb, 'binary', {}, 'x', parent).config!.WarmStartConfig).toBeUndefined();
    expect(buildConfig(setup({ warmStart: 'TransferLearning' }), xgb, 'binary', {}, 'x', null).config!.WarmStartConfig).toBeUndefined();
    const other = buildConfig(setup({ warmStart: 'TransferLearning', objective: 'validation:accuracy' }), xgb, 'binary', {}, 'x', parent);
    expect(other.config).toBeNull();
    expect(other.problems.job).toMatch(/objective/i);
  });

  it('puts each problem beside its field, in the words of ranges.ts and tuning-plan.ts', () => {
    const rows = setup().ranges.map((r) => (r.name === 'eta' ? { ...r, min: '0' } : r.name === 'max_depth' ? { ...r, min: '2.5' } : r));
    const { config, problems } = buildConfig(setup({ ranges: rows, maxJobs: '0', maxParallel: 'two', maxRuntime: '-1' }), xgb, 'binary');
    expect(config).toBeNull();
    expect(problems['range:eta']).toBe('the range 0:0.5 of eta leaves its valid range (0, 1]; choose bounds inside it');
    expect(problems['range:max_depth']).toBe('the integer range of max_depth needs whole-number bounds; got 2.5:8');
    expect(problems.maxJobs).toBe('Max training jobs must be a whole number ≥ 1; got "0"');
    expect(problems.maxParallel).toBe('Max parallel jobs must be a whole number ≥ 1; got "two"');
    expect(problems.maxRuntime).toBe('Max runtime (seconds) must be a number > 0; got "-1"');
    expect(buildConfig(setup({ ranges: [] }), xgb, 'binary').problems.ranges).toBe('Choose at least one hyperparameter to tune.');
    // What only the whole job shows: Grid takes categorical ranges only.
    const grid = buildConfig(setup({ strategy: 'Grid' }), xgb, 'binary');
    expect(grid.config).toBeNull();
    expect(grid.problems.job ?? Object.values(grid.problems)[0]).toMatch(/Grid/);
  });

  it('the downloads are the JSON `mlpad tune` writes, and the best trial\'s hyperparameters go to the Train form', () => {
    const best = { TrainingJobName: 'j-002', TrainingJobStatus: 'Completed', TunedHyperParameters: { eta: '0.1', max_depth: '3' }, ObjectiveStatus: 'Succeeded', TrainingStartTime: 0, ObjectivePerStep: [] } as const;
    const r = { TrainingJobs: [best], BestTrainingJob: best, TrainingJobDefinition: { AlgorithmName: 'xgboost', StaticHyperParameters: { num_round: 50, eta: 0.3 } } } as unknown as TuningResult;
    expect(JSON.parse(new TextDecoder().decode(trialsJson(r)))).toEqual({ TrainingJobSummaries: [best] });
    expect(new TextDecoder().decode(tuningJobJson(r))).toBe(JSON.stringify(r, null, 2) + '\n');
    expect(bestHyperparameters(r)).toEqual({ num_round: '50', eta: '0.1', max_depth: '3' });
  });
});
