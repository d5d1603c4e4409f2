// What the studio records per job (src/lib/clients/job-runs.ts): experiment and child run names that pass
// SageMaker's name pattern, typed parameters, per-round metric steps, the dataset storage rule (kept up to 5 MB,
// hash only above), and a training result recorded through the real engine. Exact comparisons.
import { describe, expect, it } from 'vitest';
import { childRunName, datasetArtifact, experimentNameFor, KEEP_DATASET_BYTES, parameterValue, roundMetrics, trainingRun, trialRun, withTags } from '../../../../src/lib/clients/job-runs.ts';
import { ENTITY_NAME, recordRun } from '../../../../src/lib/experiments/index.ts';
import type { TrainResult } from '../../../../src/lib/engine/train-engine-api.ts';
import { MemoryBackend } from '../../../../src/lib/store/memory-backend.ts';

describe('names', () => {
  it('experimentNameFor turns a dataset name into a valid experiment name, and falls back to studio', () => {
    expect(experimentNameFor('loan-approval.csv')).toBe('loan-approval-csv');
    expect(experimentNameFor('  My data (2024).parquet ')).toBe('My-data-2024-parquet');
    expect(experimentNameFor('Ünïcödé')).toBe('n-c-d');
    expect(experimentNameFor('…')).toBe('studio');
    expect(experimentNameFor(null)).toBe('studio');
    const long = experimentNameFor('x'.repeat(300));
    expect(ENTITY_NAME.test(long)).toBe(true);
  });

  it('childRunName joins parent and trial into a name of at most 120 characters that SageMaker accepts', () => {
    expect(childRunName('tuning-20260101-000000-abcd', 'tune-job-003')).toBe('tuning-20260101-000000-abcd-tune-job-003');
    const long = childRunName('p'.repeat(120), `${'t'.repeat(100)}--007`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(ENTITY_NAME.test(long)).toBe(true);
    expect(long.endsWith('-007')).toBe(true);
    expect(ENTITY_NAME.test(childRunName('a', '!!!'))).toBe(true);
  });
});

describe('values', () => {
  it('parameterValue reads numbers as numbers and leaves other text alone', () => {
    expect(parameterValue('0.3')).toBe(0.3);
    expect(parameterValue('1e-3')).toBe(0.001);
    expect(parameterValue('-4')).toBe(-4);
    expect(parameterValue('binary:logistic')).toBe('binary:logistic');
    expect(parameterValue('')).toBe('');
    expect(parameterValue('0x10')).toBe('0x10');
    expect(parameterValue('Infinity')).toBe('Infinity');
  });

  it('roundMetrics names steps <channel>:<metric> with the round as Step and skips non-finite values', () => {
    const steps = roundMetrics([
      { round: 0, totalRounds: 2, seconds: 0, train: { logloss: 0.6 }, validation: { logloss: 0.65, auc: 0.7 } },
      { round: 1, totalRounds: 2, seconds: 0, train: { logloss: 0.5 }, validation: { logloss: NaN, auc: 0.75 } },
    ]);
    expect(steps).toEqual({
      'train:logloss': [{ Step: 0, Value: 0.6 }, { Step: 1, Value: 0.5 }],
      'validation:logloss': [{ Step: 0, Value: 0.65 }],
      'validation:auc': [{ Step: 0, Value: 0.7 }, { Step: 1, Value: 0.75 }],
    });
  });

  it('datasetArtifact keeps the bytes up to 5 MB and records larger data by hash only', () => {
    expect(datasetArtifact(new Uint8Array(KEEP_DATASET_BYTES), 'a.csv').store).toBe(true);
    expect(datasetArtifact(new Uint8Array(KEEP_DATASET_BYTES + 1), 'a.csv').store).toBe(false);
    expect(datasetArtifact(new Uint8Array(1), 'a.csv')).toMatchObject({ name: 'train', fileName: 'a.csv.arrows', type: 'DataSet' });
  });
});

describe('recording', () => {
  const result = {
    algorithm: 'xgboost', task: 'binary', hyperparameters: { num_round: '2', eta: '0.3', objective: 'binary:logistic' }, rounds: 2, totalRounds: 2,
    history: [
      { round: 0, totalRounds: 2, seconds: 0.1, validation: { auc: 0.7 } },
      { round: 1, totalRounds: 2, seconds: 0.2, validation: { auc: 0.8 } },
    ],
    evaluations: [{ split: 'validation', rows: 10, metrics: { auc: 0.8, accuracy: 0.75, explained: [1, 2] } }],
    model: new TextEncoder().encode('{"learner":{}}'), modelFormat: { name: 'XGBoost JSON', extension: 'json', mediaType: 'application/json' },
    predictionsCsv: new TextEncoder().encode('row,predicted\n0,1\n'), metricsJson: new TextEncoder().encode('{}'), compute: 'CPU, 2 threads',
  } as unknown as TrainResult;

  it('a training result becomes a run with typed parameters, curves, final metrics and three kept outputs', async () => {
    const store = new MemoryBackend();
    const { parameters, metrics, outputs } = trainingRun(result, { target: 'approved' });
    expect(parameters).toMatchObject({ 'mlpad.Algorithm': 'xgboost', 'mlpad.Target': 'approved', 'mlpad.Task': 'binary', num_round: 2, eta: 0.3, objective: 'binary:logistic' });
    const run = await recordRun(store, { ExperimentName: 'e', JobType: 'Training', Backend: 'cpu', Parameters: parameters, Metrics: metrics }, { outputs });
    expect(run.Metrics.map((m) => [m.MetricName, m.Last, m.Count])).toEqual([['final:validation:accuracy', 0.75, 1], ['final:validation:auc', 0.8, 1], ['validation:auc', 0.8, 2]]);
    expect(Object.keys(run.OutputArtifacts).sort()).toEqual(['metrics', 'model', 'predictions']);
    expect(run.OutputArtifacts.model).toMatchObject({ Name: 'model.json', MediaType: 'application/json', Stored: true, Size: 14 });
    expect(await store.getBlob(run.OutputArtifacts.model.Value)).toEqual(result.model);
  });

  it('a tuning trial becomes a child run with its tuned values, objective per step and status', () => {
    const input = trialRun({
      TrainingJobName: 'job-001', TrainingJobStatus: 'Stopped', TunedHyperParameters: { eta: '0.2' }, ObjectiveStatus: 'Succeeded',
      FinalHyperParameterTuningJobObjectiveMetric: { Type: 'Maximize', MetricName: 'validation:auc', Value: 0.81 },
      TrainingStartTime: 1, TrainingEndTime: 3, ObjectivePerStep: [0.7, null, 0.81], StoppedBy: 'EarlyStopping',
    }, 'tuning-x', 'e', 'cpu', 'job', { max_depth: '3' }, Date.parse('2026-01-01T00:00:00Z'));
    expect(input).toMatchObject({ RunName: 'tuning-x-job-001', ParentRunName: 'tuning-x', Status: { PrimaryStatus: 'Stopped' }, Parameters: { eta: 0.2, max_depth: 3 }, StartTime: '2026-01-01T00:00:01.000Z', EndTime: '2026-01-01T00:00:03.000Z' });
    expect(input.Metrics).toEqual({ 'validation:auc': [{ Step: 0, Value: 0.7 }, { Step: 2, Value: 0.81 }] });
  });

  it('withTags replaces the tags and moves LastModifiedTime forward', () => {
    const run = { Tags: [{ Key: 'a', Value: '1' }], LastModifiedTime: '2000-01-01T00:00:00.000Z' } as unknown as Parameters<typeof withTags>[0];
    const out = withTags(run, [{ Key: 'b', Value: '' }]);
    expect(out.Tags).toEqual([{ Key: 'b', Value: '' }]);
    expect(out.LastModifiedTime > run.LastModifiedTime).toBe(true);
  });
});
