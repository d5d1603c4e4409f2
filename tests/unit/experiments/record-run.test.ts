import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { createExperiment, getExperiment, getRun, listExperiments, recordRun, startRun, summarizeMetric, COLLECTIONS } from '../../../src/lib/experiments/index.ts';
import { listAssociations, runArn, artifactArn } from '../../../src/lib/lineage/index.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('createExperiment / listExperiments', () => {
  it('creates an experiment with SageMaker fields and refuses a second one of the same name', async () => {
    const s = new MemoryBackend();
    const e = await createExperiment(s, { ExperimentName: 'churn-1', Description: 'd', Tags: [{ Key: 'team', Value: 'a' }], CreationTime: '2026-01-02T00:00:00Z' });
    expect(e).toEqual({ ExperimentName: 'churn-1', DisplayName: 'churn-1', Description: 'd', Tags: [{ Key: 'team', Value: 'a' }], CreationTime: '2026-01-02T00:00:00.000Z', LastModifiedTime: '2026-01-02T00:00:00.000Z' });
    await expect(createExperiment(s, { ExperimentName: 'churn-1' })).rejects.toThrow('an experiment named churn-1 already exists; choose another name');
  });

  it('refuses names outside SageMaker\'s pattern with a sentence naming the argument', async () => {
    const s = new MemoryBackend();
    await expect(createExperiment(s, { ExperimentName: 'bad name' })).rejects.toThrow(/^ExperimentName "bad name" is not valid: use 1 to 120 letters, digits and dashes/);
    await expect(createExperiment(s, { ExperimentName: '-x' })).rejects.toThrow(/ExperimentName "-x" is not valid/);
    await expect(createExperiment(s, { ExperimentName: 'a'.repeat(121) })).rejects.toThrow(/is not valid/);
    await expect(createExperiment(s, { ExperimentName: 'ok', Tags: [{ Key: 'k', Value: 'a' }, { Key: 'k', Value: 'b' }] })).rejects.toThrow('Tags: tag "k" is given twice');
    await expect(createExperiment(s, { ExperimentName: 'ok', CreationTime: 'yesterday' })).rejects.toThrow('CreationTime must be an ISO 8601 time');
    expect(await s.collections()).toEqual([]);
  });

  it('lists newest first by default, by name on request, within a creation-time window', async () => {
    const s = new MemoryBackend();
    for (const [n, t] of [['b', '2026-01-01'], ['a', '2026-01-03'], ['c', '2026-01-02']]) await createExperiment(s, { ExperimentName: n, CreationTime: `${t}T00:00:00Z` });
    expect((await listExperiments(s)).map((e) => e.ExperimentName)).toEqual(['a', 'c', 'b']);
    expect((await listExperiments(s, { sortBy: 'Name', sortOrder: 'Ascending' })).map((e) => e.ExperimentName)).toEqual(['a', 'b', 'c']);
    expect((await listExperiments(s, { createdAfter: '2026-01-02T00:00:00Z', createdBefore: '2026-01-03T00:00:00Z' })).map((e) => e.ExperimentName)).toEqual(['c']);
  });
});

describe('summarizeMetric', () => {
  it('gives min, max, last, count, mean and the sample standard deviation', () => {
    const steps = [3, 1, 4, 1, 5].map((Value, Step) => ({ Step, Value, Time: `2026-01-01T00:00:0${Step}.000Z` }));
    const m = summarizeMetric('loss', steps);
    expect(m).toMatchObject({ MetricName: 'loss', Min: 1, Max: 5, Last: 5, Count: 5, TimeStamp: '2026-01-01T00:00:04.000Z' });
    expect(m.Avg).toBeCloseTo(2.8, 12);
    // numpy.std([3,1,4,1,5], ddof=1) = 1.7888543819998317
    expect(m.StdDev).toBeCloseTo(1.7888543819998317, 12);
    expect(summarizeMetric('x', [{ Step: 0, Value: 2, Time: 't' }]).StdDev).toBe(0);
  });
});

describe('recordRun', () => {
  it('stores the run, creates its experiment, keeps output bytes as blobs and adds the lineage, in one commit', async () => {
    const s = new MemoryBackend();
    let commits = 0;
    s.subscribe(() => commits++);
    const data = text('x,y\n1,2\n');
    const model = text('{"model":1}');
    const run = await recordRun(s, {
      RunName: 'train-1', ExperimentName: 'churn', JobType: 'Training', Backend: 'cpu',
      Parameters: { eta: 0.3, objective: 'binary:logistic' }, Tags: [{ Key: 'k', Value: 'v' }],
      StartTime: '2026-01-01T00:00:00Z', EndTime: '2026-01-01T00:01:00Z',
      Metrics: { 'validation:auc': [{ Value: 0.7 }, { Value: 0.8 }, { Value: 0.75 }], 'test:auc': 0.77 },
    }, {
      inputs: [{ name: 'train', hash: await sha256Hex(data), size: data.length, fileName: 'train.csv', mediaType: 'text/csv' }],
      outputs: [{ name: 'model', bytes: model, mediaType: 'application/json', fileName: 'model.json', type: 'Model' }],
    });
    expect(commits).toBe(1);
    expect(await getRun(s, 'train-1')).toEqual(run);
    expect(run.Status).toEqual({ PrimaryStatus: 'Completed' });
    expect(run.Parameters).toEqual({ eta: { NumberValue: 0.3 }, objective: { StringValue: 'binary:logistic' } });
    expect(run.Metrics.map((m) => [m.MetricName, m.Last, m.Count])).toEqual([['test:auc', 0.77, 1], ['validation:auc', 0.75, 3]]);
    expect(run.MetricSteps['validation:auc'].map((x) => x.Step)).toEqual([0, 1, 2]);
    const modelHash = await sha256Hex(model);
    expect(run.OutputArtifacts.model).toEqual({ Value: modelHash, MediaType: 'application/json', Size: model.length, Name: 'model.json', Stored: true });
    expect(run.InputArtifacts.train.Stored).toBe(false);
    expect(await s.listBlobs()).toEqual([{ hash: modelHash, size: model.length }]);
    expect((await getExperiment(s, 'churn'))?.LastModifiedTime).toBe('2026-01-01T00:01:00.000Z');
    const assoc = (await listAssociations(s)).map((a) => [a.SourceArn, a.AssociationType, a.DestinationArn, a.SourceType, a.DestinationType]);
    expect(assoc).toContainEqual([artifactArn(await sha256Hex(data)), 'ContributedTo', runArn('train-1'), 'DataSet', 'TrainingJob']);
    expect(assoc).toContainEqual([runArn('train-1'), 'Produced', artifactArn(modelHash), 'TrainingJob', 'Model']);
  });

  it('refuses a taken run name, a bad job type and a non-finite metric, writing nothing', async () => {
    const s = new MemoryBackend();
    await recordRun(s, { RunName: 'r1', ExperimentName: 'e', JobType: 'Profile', Backend: 'cpu' });
    const before = await s.usage();
    await expect(recordRun(s, { RunName: 'r1', ExperimentName: 'e', JobType: 'Profile', Backend: 'cpu' })).rejects.toThrow('a run named r1 already exists (in experiment e); choose another run name or delete that run');
    await expect(recordRun(s, { ExperimentName: 'e', JobType: 'Cooking' as never, Backend: 'cpu' })).rejects.toThrow('JobType must be one of Profile, Training, Tuning, Autopilot, Clarify, Monitoring, Transform; got "Cooking"');
    await expect(recordRun(s, { ExperimentName: 'e', JobType: 'Training', Backend: 'cpu', Metrics: { auc: NaN } })).rejects.toThrow('metric auc must be a finite number; got NaN');
    await expect(recordRun(s, { ExperimentName: 'e', JobType: 'Training', Backend: '' })).rejects.toThrow(/^Backend must name the compute backend/);
    await expect(recordRun(s, { ExperimentName: 'e', JobType: 'Training', Backend: 'cpu' }, { outputs: [{ name: 'm', hash: 'abc', size: 1 }] })).rejects.toThrow('artifact m: hash (or give its bytes) must be a lower-case hex SHA-256');
    expect(await s.usage()).toEqual(before);
  });

  it('names a run after its job type and start time when no name is given', async () => {
    const s = new MemoryBackend();
    const r = await recordRun(s, { ExperimentName: 'e', JobType: 'Tuning', Backend: 'node', StartTime: '2026-03-04T05:06:07Z' });
    expect(r.RunName).toMatch(/^tuning-20260304-050607-[0-9a-f]{4}$/);
  });
});

describe('startRun (live recording)', () => {
  it('is visible as InProgress, logs steps and completes with artifacts', async () => {
    const s = new MemoryBackend();
    const rec = await startRun(s, { RunName: 'live', ExperimentName: 'e', JobType: 'Training', Backend: 'wasm', StartTime: '2026-01-01T00:00:00Z' });
    expect((await getRun(s, 'live'))?.Status.PrimaryStatus).toBe('InProgress');
    rec.logParameters({ max_depth: 4 });
    for (let i = 0; i < 4; i++) rec.logMetric('train:logloss', 1 / (i + 1), undefined, '2026-01-01T00:00:01Z');
    const flushed = await rec.flush();
    expect(flushed.Metrics[0]).toMatchObject({ MetricName: 'train:logloss', Count: 4, Last: 0.25 });
    expect((await getRun(s, 'live'))?.Status.PrimaryStatus).toBe('InProgress');
    rec.addOutput({ name: 'model', bytes: text('m'), type: 'Model' });
    const done = await rec.complete({ endTime: '2026-01-01T00:02:00Z' });
    expect(done).toMatchObject({ Status: { PrimaryStatus: 'Completed' }, EndTime: '2026-01-01T00:02:00.000Z', Backend: 'wasm', Parameters: { max_depth: { NumberValue: 4 } } });
    expect(await getRun(s, 'live')).toEqual(done);
    expect(() => rec.logMetric('x', 1)).toThrow('run live has finished; start a new run to log more');
    expect((await s.list(COLLECTIONS.artifacts)).length).toBe(1);
  });

  it('fail records the message', async () => {
    const s = new MemoryBackend();
    const rec = await startRun(s, { RunName: 'bad', ExperimentName: 'e', JobType: 'Training', Backend: 'cpu' });
    const r = await rec.fail('target "y" is not a column');
    expect(r.Status).toEqual({ PrimaryStatus: 'Failed', Message: 'target "y" is not a column' });
  });
});
