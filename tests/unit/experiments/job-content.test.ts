// What a training job records as a run (src/lib/experiments/job-content.ts), shared by the studio and `mlpad train`:
// typed parameters, per-round steps 'train:<m>'/'validation:<m>', finals 'final.<split>:<m>', train_seconds and the
// outputs; the same run through both entry points (the CLI's recordTrainingRun and the studio's live RunRecorder);
// and the key metric a runs list shows. Exact comparisons.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordTrainingRun } from '../../../src/cli/experiment-flags.ts';
import { nodeIO, type CliIO } from '../../../src/cli/io.ts';
import { FolderBackend } from '../../../src/cli/store-folder.ts';
import type { TrainResult } from '../../../src/lib/engine/train-engine-api.ts';
import { recordRun, startRun, type Run } from '../../../src/lib/experiments/index.ts';
import { backendName, completeTrainingRun, keyMetric, keyMetricLabel, logRounds, parameterValue, roundMetrics, trainingRunContent } from '../../../src/lib/experiments/job-content.ts';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';

const encode = (t: string) => new TextEncoder().encode(t);
const result = {
  algorithm: 'xgboost', task: 'binary', hyperparameters: { num_round: '3', eta: '0.3', objective: 'binary:logistic', tree_method: 'hist' }, rounds: 3, totalRounds: 3,
  history: [
    { round: 0, totalRounds: 3, seconds: 0.1, train: { logloss: 0.6 }, validation: { auc: 0.7, logloss: 0.65 } },
    { round: 1, totalRounds: 3, seconds: 0.2, train: { logloss: 0.5 }, validation: { auc: 0.8, logloss: Number.NaN } },
    { round: 2, totalRounds: 3, seconds: 0.3, train: { logloss: 0.45 }, validation: { auc: 0.82, logloss: 0.55 } },
  ],
  evaluations: [
    { split: 'validation', rows: 10, metrics: { auc: 0.82, accuracy: 0.75, explained: [1, 2] } },
    { split: 'test', rows: 8, metrics: { auc: 0.79, bad: Number.NaN } },
  ],
  model: encode('{"learner":{}}'), modelFormat: { name: 'XGBoost JSON', extension: 'json', mediaType: 'application/json' },
  predictionsCsv: encode('row,predicted\n0,1\n'), metricsJson: encode('{}'), compute: 'CPU, 2 threads', trainSeconds: 1.25,
} as unknown as TrainResult;

describe('values', () => {
  it('parameterValue reads decimal numbers as numbers and leaves other text alone', () => {
    expect(parameterValue('0.3')).toBe(0.3);
    expect(parameterValue('1e-3')).toBe(0.001);
    expect(parameterValue('-4')).toBe(-4);
    expect(parameterValue('+4')).toBe(4);
    expect(parameterValue(' .5 ')).toBe(0.5);
    expect(parameterValue('binary:logistic')).toBe('binary:logistic');
    expect(parameterValue('')).toBe('');
    expect(parameterValue('0x10')).toBe('0x10');
    expect(parameterValue('Infinity')).toBe('Infinity');
    expect(parameterValue('1e999')).toBe('1e999');
  });

  it('backendName shortens the engine\'s description of where a job ran', () => {
    expect(backendName('WebGPU (nvidia, ampere)')).toBe('webgpu');
    expect(backendName('TensorFlow.js wasm')).toBe('wasm');
    expect(backendName('CPU, 2 threads')).toBe('cpu');
  });

  it('roundMetrics names steps <channel>:<metric> with the round as Step and skips non-finite values', () => {
    expect(roundMetrics(result.history)).toEqual({
      'train:logloss': [{ Step: 0, Value: 0.6 }, { Step: 1, Value: 0.5 }, { Step: 2, Value: 0.45 }],
      'validation:auc': [{ Step: 0, Value: 0.7 }, { Step: 1, Value: 0.8 }, { Step: 2, Value: 0.82 }],
      'validation:logloss': [{ Step: 0, Value: 0.65 }, { Step: 2, Value: 0.55 }],
    });
  });
});

describe('trainingRunContent', () => {
  it('gives typed parameters, curves, finals named final.<split>:<metric>, train_seconds and three outputs', () => {
    const c = trainingRunContent(result, { target: 'approved', parameters: { 'mlpad.HoldOut': 0.2 } });
    expect(c.parameters).toEqual({
      num_round: 3, eta: 0.3, objective: 'binary:logistic', tree_method: 'hist',
      'mlpad.Algorithm': 'xgboost', 'mlpad.Rounds': 3, 'mlpad.Task': 'binary', 'mlpad.Compute': 'CPU, 2 threads', 'mlpad.Target': 'approved', 'mlpad.HoldOut': 0.2,
    });
    expect(Object.keys(c.metrics).sort()).toEqual(['final.test:auc', 'final.validation:accuracy', 'final.validation:auc', 'train:logloss', 'train_seconds', 'validation:auc', 'validation:logloss']);
    expect(c.metrics['final.validation:auc']).toBe(0.82);
    expect(c.metrics.train_seconds).toBe(1.25);
    expect(c.backend).toBe('cpu');
    expect(c.outputs.map((o) => [o.name, o.fileName, o.type])).toEqual([['model', 'model.json', 'Model'], ['metrics', 'metrics.json', 'Metrics'], ['predictions', 'predictions.csv', 'Predictions']]);
  });

  it('takes metrics.json as written, the model file name, and can leave out the predictions', () => {
    const c = trainingRunContent(result, { metricsJson: '{"notes":[]}', modelFileName: 'm1.json', predictions: false });
    expect(c.outputs.map((o) => o.name)).toEqual(['model', 'metrics']);
    expect(c.outputs[0].fileName).toBe('m1.json');
    expect(new TextDecoder().decode(c.outputs[1].bytes)).toBe('{"notes":[]}');
    expect(c.parameters['mlpad.Target']).toBeUndefined();
  });

  it('a content is a valid run: recordRun stores every metric and keeps the outputs', async () => {
    const store = new MemoryBackend();
    const c = trainingRunContent(result, { target: 'approved' });
    const run = await recordRun(store, { ExperimentName: 'e', JobType: 'Training', Backend: c.backend, Parameters: c.parameters, Metrics: c.metrics }, { outputs: c.outputs });
    expect(run.Metrics.map((m) => [m.MetricName, m.Last, m.Count])).toEqual([
      ['final.test:auc', 0.79, 1], ['final.validation:accuracy', 0.75, 1], ['final.validation:auc', 0.82, 1],
      ['train:logloss', 0.45, 3], ['train_seconds', 1.25, 1], ['validation:auc', 0.82, 3], ['validation:logloss', 0.55, 2],
    ]);
    expect(Object.keys(run.OutputArtifacts).sort()).toEqual(['metrics', 'model', 'predictions']);
    expect(await store.getBlob(run.OutputArtifacts.model.Value)).toEqual(result.model);
  });
});

describe('one run for the studio and the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpad-job-content-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The run as `mlpad train --experiment` records it. */
  async function viaCli(): Promise<Run> {
    const data = join(dir, 'loans.csv');
    writeFileSync(data, 'x,approved\n1,yes\n2,no\n');
    let stderr = '';
    const io: CliIO = { ...nodeIO, stdout: () => undefined, stderr: (t) => void (stderr += t) };
    const store = await FolderBackend.open(join(dir, 'store'));
    const run = await recordTrainingRun(io, { store, dir: join(dir, 'store'), experiment: 'loans', run: 'cli-run', jobType: 'Training', started: new Date().toISOString() }, result,
      { data: { train: data }, model: { path: join(dir, 'model.json'), bytes: result.model }, metricsJson: '{"notes":["written by the CLI"]}\n', parameters: { 'mlpad.Target': 'approved' } });
    expect(stderr).toContain('recorded run cli-run');
    return run;
  }

  /** The run as the studio's job recorder records it: started live, one round logged in progress, then completed. */
  async function viaStudio(): Promise<Run> {
    const rec = await startRun(new MemoryBackend(), { ExperimentName: 'loans', RunName: 'studio-run', JobType: 'Training', Backend: 'cpu' });
    const logged = logRounds(rec, result.history.slice(0, 1));
    expect(logged).toBe(1);
    return completeTrainingRun(rec, result, { target: 'approved' }, logged);
  }

  it('records the same parameters, metric names, metric steps and outputs from the same TrainResult', async () => {
    const [cli, studio] = [await viaCli(), await viaStudio()];
    expect(cli.Parameters).toEqual(studio.Parameters);
    expect(cli.Metrics.map((m) => m.MetricName)).toEqual(studio.Metrics.map((m) => m.MetricName));
    expect(cli.Metrics.map((m) => m.MetricName)).toContain('final.validation:auc');
    const steps = (r: Run) => Object.fromEntries(Object.entries(r.MetricSteps).map(([k, v]) => [k, v.map((s) => [s.Step, s.Value])]));
    expect(steps(cli)).toEqual(steps(studio));
    // The CLI keeps no predictions.csv (it writes none); the model and metrics.json are kept by both.
    expect(Object.keys(cli.OutputArtifacts).sort()).toEqual(['metrics', 'model']);
    expect(Object.keys(studio.OutputArtifacts).sort()).toEqual(['metrics', 'model', 'predictions']);
    expect(cli.OutputArtifacts.model.Value).toBe(studio.OutputArtifacts.model.Value);
    expect(cli.Backend).toBe(studio.Backend);
    // What is the CLI's own: the data file by hash and metrics.json as written.
    expect(cli.InputArtifacts.train).toMatchObject({ Name: 'loans.csv', Stored: false });
    expect(cli.OutputArtifacts.metrics.Value).not.toBe(studio.OutputArtifacts.metrics.Value);
  });
});

describe('keyMetric', () => {
  const run = (...names: string[]) => ({ Metrics: names.map((n, i) => ({ MetricName: n, Last: i + 0.5 })) }) as unknown as Run;

  it('prefers a final validation metric, then final test, final train, then a search\'s best, then any but train_seconds', () => {
    expect(keyMetric(run('final.test:auc', 'final.validation:auc', 'validation:auc'))).toEqual({ name: 'final.validation:auc', value: 1.5 });
    expect(keyMetric(run('final.train:auc', 'final.test:auc'))).toEqual({ name: 'final.test:auc', value: 1.5 });
    expect(keyMetric(run('train:logloss', 'final.train:auc'))?.name).toBe('final.train:auc');
    expect(keyMetric(run('best.test:auc', 'best.validation:auc'))?.name).toBe('best.validation:auc');
    expect(keyMetric(run('best:validation:auc', 'trial:validation:auc'))?.name).toBe('best:validation:auc');
    expect(keyMetric(run('train_seconds', 'Alerts'))).toEqual({ name: 'Alerts', value: 1.5 });
    expect(keyMetric(run('train_seconds'))).toBeUndefined();
    expect(keyMetric(run())).toBeUndefined();
  });

  it('keyMetricLabel drops the final. prefix only', () => {
    expect(keyMetricLabel('final.validation:auc')).toBe('validation:auc');
    expect(keyMetricLabel('best:validation:auc')).toBe('best:validation:auc');
  });
});
