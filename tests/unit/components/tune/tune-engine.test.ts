// The Tune view's engine, run directly (no workers): trial runners are started in-process, so the pool,
// the streaming of rounds, Stop, a failed trial, a runner that will not stop and the best model's bytes are
// checked on the real job pipeline (XGBoost on the bundled loan-approval sample, 2,000 rows).
import { readFileSync } from 'node:fs';
import { tableToIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import { createTrialRunner, createTuneEngine, type TrialWorker } from '../../../../src/lib/engine/tune-engine.ts';
import type { TrialWorkerApi, TuneEvent, TuneJob } from '../../../../src/lib/engine/tune-engine-api.ts';

const SAMPLE = new URL('../../../../public/samples/loan-approval.csv', import.meta.url);
let table: Table;

beforeAll(async () => {
  table = (await loadBytes('loan-approval.csv', new Uint8Array(readFileSync(SAMPLE)))).table;
}, 60_000);

/** In-process runners; `spawned` counts them, `make` may wrap one (to misbehave). */
function pool(make: (r: TrialWorkerApi) => TrialWorkerApi = (r) => r) {
  const state = { spawned: 0, terminated: 0 };
  const spawn = (): TrialWorker => {
    state.spawned++;
    const r = make(createTrialRunner());
    return { ...r, terminate: () => { state.terminated++; }, failed: new Promise<never>(() => undefined) };
  };
  return { state, spawn };
}

const job = (over: Partial<TuneJob['config']['HyperParameterTuningJobConfig']> = {}, statics: Record<string, string> = { num_round: '8' }): TuneJob => ({
  prepare: { target: 'approved', split: { validationFraction: 0.25, seed: 1 } },
  config: {
    HyperParameterTuningJobName: 'loan',
    Task: 'binary',
    TrainingJobDefinition: { AlgorithmName: 'xgboost', StaticHyperParameters: statics },
    HyperParameterTuningJobConfig: {
      Strategy: 'Random', RandomSeed: 3,
      HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
      ParameterRanges: {
        ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.05, MaxValue: 0.5, ScalingType: 'Logarithmic' }],
        IntegerParameterRanges: [{ Name: 'max_depth', MinValue: 2, MaxValue: 6 }],
      },
      ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 },
      ...over,
    },
  },
});

describe('tune engine', () => {
  it('runs every trial on a pool of MaxParallelTrainingJobs runners, streams rounds and returns the best trial\'s model', async () => {
    const p = pool();
    const engine = createTuneEngine({ spawn: p.spawn, maxWorkers: 8 });
    await engine.setTable(tableToIPC(table, 'stream'));
    const events: TuneEvent[] = [];
    const { result, best, workers } = await engine.tune(job(), (e) => events.push(e));
    expect(workers).toBe(2);
    expect(p.state.spawned).toBe(2);
    expect(p.state.terminated).toBe(2);
    expect(result.TrainingJobs).toHaveLength(4);
    expect(result.TrainingJobStatusCounters.Completed).toBe(4);
    const values = result.TrainingJobs.map((t) => t.FinalHyperParameterTuningJobObjectiveMetric!.Value);
    for (const v of values) expect(v).toBeGreaterThan(0.5);
    for (const v of values) expect(v).toBeLessThanOrEqual(1);
    expect(result.BestTrainingJob!.FinalHyperParameterTuningJobObjectiveMetric!.Value).toBe(Math.max(...values));
    // eval_metric=auc is set so that each of the 8 rounds reports the objective.
    const rounds = events.filter((e) => e.type === 'round');
    expect(rounds).toHaveLength(4 * 8);
    expect(events.filter((e) => e.type === 'start')).toHaveLength(4);
    const ends = events.filter((e): e is Extract<TuneEvent, { type: 'end' }> => e.type === 'end');
    expect(ends.at(-1)!.best).toBe(result.BestTrainingJob!.TrainingJobName);
    // The best model is that trial's: its metrics.json ran the tuned eta and max_depth and reports its AUC.
    expect(best!.trainingJobName).toBe(result.BestTrainingJob!.TrainingJobName);
    expect(best!.modelFormat.name).toBe('XGBoost JSON');
    expect(new TextDecoder().decode(best!.model)).toMatch(/^\{"learner"/);
    const metrics = JSON.parse(new TextDecoder().decode(best!.metricsJson));
    const tuned = result.BestTrainingJob!.TunedHyperParameters;
    expect(Number(metrics.hyperparameters.eta)).toBeCloseTo(Number(tuned.eta), 9);
    expect(metrics.hyperparameters.max_depth).toBe(tuned.max_depth);
    expect(metrics.validation.auc).toBeCloseTo(Math.max(...values), 9);
  }, 120_000);

  it('lowers MaxParallelTrainingJobs to the cores and says so', async () => {
    const p = pool();
    const engine = createTuneEngine({ spawn: p.spawn, maxWorkers: 1 });
    await engine.setTable(tableToIPC(table, 'stream'));
    const { result, workers } = await engine.tune(job({ ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 3 } }), () => undefined);
    expect(workers).toBe(1);
    expect(p.state.spawned).toBe(1);
    expect(result.Notes).toContain('MaxParallelTrainingJobs 3 was lowered to 1, the cores this machine has');
  }, 120_000);

  it('Stop keeps the finished trials and stops the running ones', async () => {
    const p = pool();
    const engine = createTuneEngine({ spawn: p.spawn, maxWorkers: 2 });
    await engine.setTable(tableToIPC(table, 'stream'));
    let ended = 0;
    const { result } = await engine.tune(job({ ResourceLimits: { MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 2 } }, { num_round: '40' }), (e) => {
      if (e.type === 'end' && ++ended === 2) engine.stop();
    });
    expect(result.CompletionReason).toBe('StoppedByUser');
    expect(result.HyperParameterTuningJobStatus).toBe('Stopped');
    expect(result.TrainingJobStatusCounters.Completed).toBeGreaterThanOrEqual(2);
    expect(result.TrainingJobs.length).toBeLessThan(20);
    for (const t of result.TrainingJobs.filter((x) => x.TrainingJobStatus === 'Stopped')) expect(t.StoppedBy).toBe('User');
  }, 120_000);

  it('a failed trial is Failed with its message; the others run on', async () => {
    const p = pool();
    const engine = createTuneEngine({ spawn: p.spawn, maxWorkers: 2 });
    await engine.setTable(tableToIPC(table, 'stream'));
    // max_depth stays whole-number, but num_class does not fit a binary target.
    const { result } = await engine.tune(job({ ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 1 } }, { num_round: '4', objective: 'multi:softprob', num_class: '3' }), () => undefined);
    expect(result.TrainingJobStatusCounters.NonRetryableError).toBe(2);
    expect(result.HyperParameterTuningJobStatus).toBe('Failed');
    expect(result.TrainingJobs[0].FailureReason).toMatch(/num_class is 3 but target "approved" has 2 classes/);
  }, 120_000);

  it('a runner that does not stop when asked is ended after the grace time', async () => {
    // This runner ignores the job's answer and never finishes on its own.
    const p = pool((r) => ({ ...r, run: (j, onRound) => r.run(j, async (round) => { await onRound(round); return false; }).then(() => new Promise<never>(() => undefined)) }));
    const engine = createTuneEngine({ spawn: p.spawn, maxWorkers: 1, stopGraceMs: 50, pollMs: 10 });
    await engine.setTable(tableToIPC(table, 'stream'));
    let rounds = 0;
    const { result } = await engine.tune(job({ ResourceLimits: { MaxNumberOfTrainingJobs: 3, MaxParallelTrainingJobs: 1 } }, { num_round: '5' }), (e) => {
      if (e.type === 'round' && ++rounds === 2) engine.stop();
    });
    expect(result.TrainingJobs).toHaveLength(1);
    expect(result.TrainingJobs[0].TrainingJobStatus).toBe('Stopped');
    expect(result.TrainingJobs[0].StoppedBy).toBe('User');
    // The hung runner never resolves, so the job ended only because its runner was ended (once: the pool
    // forgets it then).
    expect(p.state.terminated).toBe(1);
  }, 120_000);
});
