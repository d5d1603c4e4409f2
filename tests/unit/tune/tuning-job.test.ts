import { describe, expect, it } from 'vitest';
import { runTuningJob } from '../../../src/lib/tune/tuning-job.ts';
import type { RunTrial, TuningJobConfig } from '../../../src/lib/tune/tuning-job-api.ts';

// A cheap stand-in for training: validation:rmse after each round falls towards |eta − 0.2| + 0.1.
const curve = (eta: number, round: number) => Math.abs(eta - 0.2) + 0.1 + 1 / (round + 1);
function fakeTrial(rounds = 10, opts: { failAbove?: number } = {}): RunTrial {
  return async (trial, hooks) => {
    const eta = Number(trial.hyperparameters.eta);
    if (opts.failAbove !== undefined && eta > opts.failAbove) throw new RangeError(`eta ${eta} diverged`);
    const n = Number(trial.hyperparameters.num_round ?? rounds);
    for (let r = 0; r < n; r++) {
      hooks.onRound(r, { validation: { rmse: curve(eta, r) } });
      await Promise.resolve();
      if (hooks.shouldStop()) return { stopped: true };
    }
    return { metrics: { 'validation:rmse': curve(eta, n - 1), 'validation:mae': 0.5 } };
  };
}
const base = (over: Partial<TuningJobConfig['HyperParameterTuningJobConfig']> = {}, statics = { num_round: 10 }): TuningJobConfig => ({
  HyperParameterTuningJobName: 'job',
  TrainingJobDefinition: { AlgorithmName: 'xgboost', StaticHyperParameters: statics },
  Task: 'regression',
  HyperParameterTuningJobConfig: {
    Strategy: 'Random', RandomSeed: 1,
    HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:rmse' },
    ParameterRanges: { ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.01, MaxValue: 0.9 }] },
    ResourceLimits: { MaxNumberOfTrainingJobs: 8, MaxParallelTrainingJobs: 2 },
    ...over,
  },
});

describe('runTuningJob', () => {
  it('runs MaxNumberOfTrainingJobs trials, records each one and picks the best', async () => {
    const r = await runTuningJob(base(), fakeTrial());
    expect(r.TrainingJobs.map((t) => t.TrainingJobName)).toEqual(Array.from({ length: 8 }, (_, i) => `job-00${i + 1}`));
    expect(r.CompletionReason).toBe('MaxNumberOfTrainingJobsReached');
    expect(r.HyperParameterTuningJobStatus).toBe('Completed');
    expect(r.TrainingJobStatusCounters).toMatchObject({ Completed: 8, Stopped: 0, NonRetryableError: 0 });
    const values = r.TrainingJobs.map((t) => t.FinalHyperParameterTuningJobObjectiveMetric!.Value);
    expect(r.BestTrainingJob!.FinalHyperParameterTuningJobObjectiveMetric!.Value).toBe(Math.min(...values));
    expect(r.TrainingJobs[0].ObjectivePerStep).toHaveLength(10);
    // The per-round metric that streams the objective was asked for: eval_metric=rmse.
  });

  it('streams the objective: xgboost trials get eval_metric for validation:auc unless the user set one', async () => {
    const seen: string[] = [];
    const run: RunTrial = async (t) => { seen.push(String(t.hyperparameters.eval_metric)); return { metrics: { 'validation:auc': 0.8 } }; };
    const cfg = base({ HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' }, ResourceLimits: { MaxNumberOfTrainingJobs: 1 } });
    await runTuningJob({ ...cfg, Task: 'binary' }, run);
    expect(seen).toEqual(['auc']);
  });

  it('refuses an objective the algorithm cannot report, naming those it can', async () => {
    const cfg = base({ HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'test:msd' } });
    await expect(runTuningJob(cfg, fakeTrial())).rejects.toThrow('xgboost on a regression target does not report "test:msd"; choose one of validation:rmse, validation:mse, validation:mae, validation:r2, test:rmse, test:mse, test:mae, test:r2 (or the same on train:)');
  });

  it('early stopping Auto stops a trial whose objective is worse than the median of earlier trials at the same round', async () => {
    const cfg = base({
      Strategy: 'Grid', TrainingJobEarlyStoppingType: 'Auto', ResourceLimits: { MaxParallelTrainingJobs: 1 },
      ParameterRanges: { CategoricalParameterRanges: [{ Name: 'eta', Values: ['0.2', '0.25', '0.15', '0.9', '0.21'] }] },
    });
    const r = await runTuningJob(cfg, fakeTrial());
    const status = Object.fromEntries(r.TrainingJobs.map((t) => [t.TunedHyperParameters.eta, t.TrainingJobStatus]));
    // 0.9 is far worse than the three before it from round 0 on; 0.21 is better than their median.
    expect(status).toEqual({ '0.2': 'Completed', '0.25': 'Completed', '0.15': 'Completed', '0.9': 'Stopped', '0.21': 'Completed' });
    const stopped = r.TrainingJobs[3];
    expect(stopped.StoppedBy).toBe('EarlyStopping');
    expect(stopped.ObjectivePerStep).toHaveLength(1);
    expect(stopped.FinalHyperParameterTuningJobObjectiveMetric!.Value).toBeCloseTo(curve(0.9, 0), 12);
    expect(r.CompletionReason).toBe('AllTrainingJobsCompleted');
    expect(r.TrainingJobs).toHaveLength(5);
  });

  it('completion criteria: TargetObjectiveMetricValue and BestObjectiveNotImproving end the job', async () => {
    const grid = { Strategy: 'Grid' as const, ResourceLimits: { MaxParallelTrainingJobs: 1 } };
    const target = await runTuningJob(base({ ...grid, ParameterRanges: { CategoricalParameterRanges: [{ Name: 'eta', Values: ['0.9', '0.5', '0.21', '0.3', '0.2'] }] }, TuningJobCompletionCriteria: { TargetObjectiveMetricValue: 0.25 } }), fakeTrial());
    expect(target.CompletionReason).toBe('TargetObjectiveMetricValueReached');
    expect(target.TrainingJobs.map((t) => t.TunedHyperParameters.eta)).toEqual(['0.9', '0.5', '0.21']);
    const flat = await runTuningJob(base({ ...grid, ParameterRanges: { CategoricalParameterRanges: [{ Name: 'eta', Values: ['0.2', '0.5', '0.6', '0.7', '0.21'] }] }, TuningJobCompletionCriteria: { BestObjectiveNotImproving: { MaxNumberOfTrainingJobsNotImproving: 2 } } }), fakeTrial());
    expect(flat.CompletionReason).toBe('BestObjectiveNotImproving');
    expect(flat.TrainingJobs).toHaveLength(3);
    expect(flat.TuningJobCompletionDetails.NumberOfTrainingJobsObjectiveNotImproving).toBe(2);
  });

  it('MaxRuntimeInSeconds stops running trials (Stopped, MaxRuntime) and starts no more', async () => {
    let t = 0;
    const run: RunTrial = async (trial, hooks) => {
      for (let r = 0; r < 10; r++) { t += 1; hooks.onRound(r, { validation: { rmse: 1 } }); await Promise.resolve(); if (hooks.shouldStop()) return { stopped: true }; }
      return { metrics: { 'validation:rmse': 1 } };
    };
    const r = await runTuningJob(base({ ResourceLimits: { MaxNumberOfTrainingJobs: 5, MaxParallelTrainingJobs: 1, MaxRuntimeInSeconds: 15 } }), run, { now: () => t });
    expect(r.CompletionReason).toBe('MaxRuntimeInSecondsReached');
    expect(r.TrainingJobs.map((x) => x.TrainingJobStatus)).toEqual(['Completed', 'Stopped']);
    expect(r.TrainingJobs[1].StoppedBy).toBe('MaxRuntime');
  });

  it('Stop keeps every finished trial, stops the running ones and marks the job Stopped', async () => {
    let finished = 0;
    const r = await runTuningJob(base({ ResourceLimits: { MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 2 } }), fakeTrial(), {
      onTrialEnd: () => { finished++; },
      shouldStop: () => finished >= 3,
    });
    expect(r.HyperParameterTuningJobStatus).toBe('Stopped');
    expect(r.CompletionReason).toBe('StoppedByUser');
    // Two run at once: the one beside the third may finish in the same round; none starts after Stop.
    expect(r.TrainingJobStatusCounters.Completed).toBeGreaterThanOrEqual(3);
    expect(r.TrainingJobs.length).toBeLessThanOrEqual(4);
    expect(r.TrainingJobStatusCounters.Completed + r.TrainingJobStatusCounters.Stopped).toBe(r.TrainingJobs.length);
    expect(r.TrainingJobs.filter((t) => t.TrainingJobStatus === 'Stopped').every((t) => t.StoppedBy === 'User')).toBe(true);
    expect(r.BestTrainingJob?.TrainingJobStatus).toBe('Completed');
  });

  it('a failed trial is Failed with its message and the job goes on', async () => {
    const r = await runTuningJob(base(), fakeTrial(10, { failAbove: 0.5 }));
    const failed = r.TrainingJobs.filter((t) => t.TrainingJobStatus === 'Failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].FailureReason).toMatch(/^eta 0\.\d+ diverged$/);
    expect(failed[0].ObjectiveStatus).toBe('Failed');
    expect(r.TrainingJobs).toHaveLength(8);
    expect(r.HyperParameterTuningJobStatus).toBe('Completed');
    expect(r.TrainingJobStatusCounters.NonRetryableError).toBe(failed.length);
  });

  it('Hyperband stops trials at its rungs (Stopped, Hyperband) and refuses early stopping Auto', async () => {
    const cfg = base({ Strategy: 'Hyperband', StrategyConfig: { HyperbandStrategyConfig: { MinResource: 1, MaxResource: 9 } }, ResourceLimits: { MaxParallelTrainingJobs: 1 } }, {} as never);
    const rounds: number[] = [];
    const run = fakeTrial();
    const r = await runTuningJob(cfg, async (t, h) => { rounds.push(Number(t.hyperparameters.num_round)); return run(t, h); });
    expect(r.TrainingJobs).toHaveLength(17);
    expect(new Set(rounds)).toEqual(new Set([9]));
    const stopped = r.TrainingJobs.filter((t) => t.TrainingJobStatus === 'Stopped');
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((t) => t.StoppedBy === 'Hyperband' && [1, 3].includes(t.ObjectivePerStep.length))).toBe(true);
    expect(r.CompletionReason).toBe('AllTrainingJobsCompleted');
    await expect(runTuningJob(base({ Strategy: 'Hyperband', TrainingJobEarlyStoppingType: 'Auto' }, {} as never), run)).rejects.toThrow('Hyperband stops trials itself: set TrainingJobEarlyStoppingType to Off (as SageMaker requires)');
  });

  it('warm start: the parent\'s trials seed Bayesian search and, with IdenticalDataAndAlgorithm, count toward the best', async () => {
    const parent = await runTuningJob(base({ ResourceLimits: { MaxNumberOfTrainingJobs: 6 } }), fakeTrial());
    const child = (type: 'IdenticalDataAndAlgorithm' | 'TransferLearning') => ({
      ...base({ Strategy: 'Bayesian', ResourceLimits: { MaxNumberOfTrainingJobs: 1 } }),
      HyperParameterTuningJobName: 'child',
      WarmStartConfig: { ParentHyperParameterTuningJobs: [parent], WarmStartType: type },
    });
    // A child trial that is poor cannot beat the parent's best: the best stays the parent's.
    const poor: RunTrial = async () => ({ metrics: { 'validation:rmse': 99 } });
    const same = await runTuningJob(child('IdenticalDataAndAlgorithm'), poor);
    expect(same.BestTrainingJob!.ParentHyperParameterTuningJob).toBe('job');
    expect(same.BestTrainingJob!.TrainingJobName).toBe(parent.BestTrainingJob!.TrainingJobName);
    expect(same.WarmStartConfig).toEqual({ WarmStartType: 'IdenticalDataAndAlgorithm', ParentHyperParameterTuningJobs: [{ HyperParameterTuningJobName: 'job' }] });
    const transfer = await runTuningJob(child('TransferLearning'), poor);
    expect(transfer.BestTrainingJob!.TrainingJobName).toBe('child-001');
    // Seeded with 6 observations, Bayesian's first proposal is model-based, near the parent's best eta (0.2 is optimal).
    const etas: number[] = [];
    await runTuningJob(child('TransferLearning'), async (t) => { etas.push(Number(t.hyperparameters.eta)); return { metrics: { 'validation:rmse': 1 } }; });
    const parentBest = Number(parent.BestTrainingJob!.TunedHyperParameters.eta);
    expect(Math.abs(etas[0] - 0.2)).toBeLessThan(Math.max(0.15, Math.abs(parentBest - 0.2) + 0.05));
    await expect(runTuningJob({ ...child('TransferLearning'), HyperParameterTuningJobConfig: { ...child('TransferLearning').HyperParameterTuningJobConfig, HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:mae' } } }, poor))
      .rejects.toThrow('warm start needs the parent\'s objective metric: job tuned validation:rmse, this job validation:mae');
  });
});
