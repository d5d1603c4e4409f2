// What the search jobs record (src/lib/experiments/job-content-search.ts), shared by the studio and `mlpad tune` /
// `mlpad autopilot`: the parent run's parameters, metrics, outputs and status, and one child Training run per trial
// or candidate pointing at it; every run is accepted by recordRun. Exact comparisons.
import { describe, expect, it } from 'vitest';
import { ENTITY_NAME, recordRun } from '../../../src/lib/experiments/index.ts';
import { autopilotRunContent, candidateRunInputs, childRunName, trialRunInputs, tuningRunContent, type AutopilotRunResult } from '../../../src/lib/experiments/job-content-search.ts';
import { runArn } from '../../../src/lib/lineage/arn.ts';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import type { TrialRecord, TuningResult } from '../../../src/lib/tune/tuning-job-api.ts';

const objective = (Value: number) => ({ Type: 'Maximize' as const, MetricName: 'validation:auc', Value });
const trial = (name: string, status: TrialRecord['TrainingJobStatus'], value: number | undefined, extra: Partial<TrialRecord> = {}): TrialRecord => ({
  TrainingJobName: name, TrainingJobStatus: status, TunedHyperParameters: { max_depth: '3' }, ObjectiveStatus: 'Succeeded',
  ...(value !== undefined ? { FinalHyperParameterTuningJobObjectiveMetric: objective(value) } : {}),
  TrainingStartTime: 1, TrainingEndTime: 3, ObjectivePerStep: value !== undefined ? [0.6, null, value] : [], ...extra,
});

function tuning(trials: TrialRecord[], best?: TrialRecord): TuningResult {
  return {
    HyperParameterTuningJobName: 'tune-job', HyperParameterTuningJobStatus: 'Completed', CompletionReason: 'MaxNumberOfTrainingJobsReached',
    HyperParameterTuningJobConfig: { Strategy: 'Random', HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' }, ResourceLimits: { MaxNumberOfTrainingJobs: 4 }, ParameterRanges: {} },
    TrainingJobDefinition: { AlgorithmName: 'xgboost', StaticHyperParameters: { num_round: '5', objective: 'binary:logistic' } },
    TrainingJobs: trials, ...(best ? { BestTrainingJob: best } : {}), ElapsedSeconds: 10, Notes: [],
  } as unknown as TuningResult;
}

describe('tuning', () => {
  const trials = [trial('tune-job-001', 'Completed', 0.7), trial('tune-job-002', 'Stopped', 0.9, { StoppedBy: 'EarlyStopping' }), trial('tune-job-003', 'Completed', 0.8), trial('tune-job-004', 'Failed', undefined, { FailureReason: 'out of memory' })];
  const job = tuning(trials, trials[2]);

  it('the tuning run has the statics and config, each trial\'s objective and the best so far among completed trials', () => {
    const c = tuningRunContent(job, { best: { model: new Uint8Array([1, 2]), fileName: 'model.json', metricsJson: '{}' } });
    expect(c.parameters).toEqual({
      num_round: 5, objective: 'binary:logistic', 'mlpad.Algorithm': 'xgboost', 'mlpad.TuningJobName': 'tune-job', 'mlpad.Strategy': 'Random',
      'mlpad.Objective': 'Maximize validation:auc', 'mlpad.CompletionReason': 'MaxNumberOfTrainingJobsReached', 'mlpad.Trials': 4, 'mlpad.MaxNumberOfTrainingJobs': 4,
    });
    expect(c.metrics).toEqual({
      'trial:validation:auc': [{ Step: 0, Value: 0.7 }, { Step: 1, Value: 0.9 }, { Step: 2, Value: 0.8 }],
      // The stopped trial's 0.9 is not a best: SageMaker's best is a Completed trial.
      'best:validation:auc': [{ Step: 0, Value: 0.7 }, { Step: 1, Value: 0.7 }, { Step: 2, Value: 0.8 }, { Step: 3, Value: 0.8 }],
    });
    expect(c.outputs.map((o) => o.name)).toEqual(['tuning-job', 'model', 'metrics']);
    expect(JSON.parse(new TextDecoder().decode(c.outputs[0].bytes)).HyperParameterTuningJobName).toBe('tune-job');
    expect(c.status).toEqual({ PrimaryStatus: 'Completed' });
    expect(tuningRunContent({ ...job, HyperParameterTuningJobStatus: 'Failed', FailureReason: 'bad range' }).status).toEqual({ PrimaryStatus: 'Failed', Message: 'bad range' });
    expect(tuningRunContent(job, { report: 'as written' }).outputs.map((o) => o.name)).toEqual(['tuning-job']);
  });

  it('a warm-started job\'s best from its parent job is the best before the first trial', () => {
    const parentBest = trial('parent-007', 'Completed', 0.85);
    const c = tuningRunContent(tuning(trials.slice(0, 1), parentBest));
    expect(c.metrics['best:validation:auc']).toEqual([{ Step: 0, Value: 0.85 }]);
  });

  it('each trial is a child Training run named <parent>-00n, with its values, steps, final objective and status', async () => {
    const children = trialRunInputs(job, { RunName: 'tune-1', ExperimentName: 'loans', Backend: 'wasm' }, '2026-01-01T00:00:00.000Z');
    expect(children.map((c) => c.RunName)).toEqual(['tune-1-001', 'tune-1-002', 'tune-1-003', 'tune-1-004']);
    expect(children[1]).toMatchObject({
      DisplayName: 'tune-job-002', JobType: 'Training', Backend: 'wasm', ParentRunName: 'tune-1', Source: { SourceType: 'HyperParameterTuningJob', SourceArn: runArn('tune-1') },
      StartTime: '2026-01-01T00:00:01.000Z', EndTime: '2026-01-01T00:00:03.000Z', Status: { PrimaryStatus: 'Stopped', Message: 'stopped by EarlyStopping' },
      Parameters: { num_round: 5, objective: 'binary:logistic', max_depth: 3, 'mlpad.Algorithm': 'xgboost' },
    });
    expect(children[1].Metrics).toEqual({ 'validation:auc': [{ Step: 0, Value: 0.6 }, { Step: 2, Value: 0.9 }], 'final.validation:auc': 0.9 });
    expect(children[3]).toMatchObject({ Status: { PrimaryStatus: 'Failed', Message: 'out of memory' }, Metrics: {} });
    const store = new MemoryBackend();
    const parent = await recordRun(store, { RunName: 'tune-1', ExperimentName: 'loans', JobType: 'Tuning', Backend: 'wasm' });
    for (const c of children) expect((await recordRun(store, c)).ParentRunName).toBe(parent.RunName);
  });

  it('childRunName keeps a long parent\'s name within 120 characters', () => {
    const name = childRunName('p'.repeat(120), 7);
    expect(name).toBe(`${'p'.repeat(110)}-007`);
    expect(ENTITY_NAME.test(name)).toBe(true);
  });
});

describe('Autopilot', () => {
  const entry = (CandidateName: string, Algorithm: string, ValidationObjective: number | undefined, TestObjective: number | undefined, CandidateStatus: 'Completed' | 'Failed' = 'Completed') => ({
    CandidateName, Algorithm, Kind: 'single' as const, HyperParameters: { eta: '0.1' }, ValidationObjective, TestObjective, TrainingSeconds: 2, CandidateStatus, Downloadable: true,
    ...(CandidateStatus === 'Failed' ? { FailureReason: 'diverged' } : {}),
  });
  const board = [entry('c-xgb', 'xgboost', 0.9, 0.88), entry('c-ll', 'linear-learner', 0.8, 0.79), entry('c-knn', 'knn', undefined, undefined, 'Failed')];
  const result = {
    AutoMLJobStatus: 'Completed', Mode: 'HYPERPARAMETER_TUNING', Problem: { target: 'approved', problemType: 'BinaryClassification' },
    Objective: { MetricName: 'auc', Type: 'Maximize' }, Leaderboard: board, BestCandidate: board[0],
  } as unknown as AutopilotRunResult;

  it('the Autopilot run has mode, problem, objective and best candidate, and the best candidate\'s objectives', () => {
    const c = autopilotRunContent(result);
    expect(c.parameters).toEqual({
      'mlpad.Mode': 'HYPERPARAMETER_TUNING', 'mlpad.ProblemType': 'BinaryClassification', 'mlpad.Objective': 'Maximize auc', 'mlpad.Candidates': 3,
      'mlpad.Target': 'approved', 'mlpad.BestCandidate': 'c-xgb', 'mlpad.Algorithm': 'xgboost',
    });
    expect(c.metrics).toEqual({ 'candidate:validation:auc': [{ Step: 0, Value: 0.9 }, { Step: 1, Value: 0.8 }], 'best.validation:auc': 0.9, 'best.test:auc': 0.88 });
    expect(c.outputs.map((o) => o.name)).toEqual(['leaderboard']);
    expect(JSON.parse(new TextDecoder().decode(c.outputs[0].bytes))).toHaveLength(3);
    expect(autopilotRunContent({ ...result, AutoMLJobStatus: 'Stopped' }).status.PrimaryStatus).toBe('Stopped');
  });

  it('each candidate is a child Training run with final.<split>:<objective> metrics like a trained model\'s', () => {
    const children = candidateRunInputs(result, { RunName: 'auto-1', ExperimentName: 'loans', Backend: 'cpu' }, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z');
    expect(children.map((c) => [c.RunName, c.DisplayName, c.Status?.PrimaryStatus])).toEqual([['auto-1-001', 'c-xgb', 'Completed'], ['auto-1-002', 'c-ll', 'Completed'], ['auto-1-003', 'c-knn', 'Failed']]);
    expect(children[0]).toMatchObject({ ParentRunName: 'auto-1', Source: { SourceType: 'AutoMLJob', SourceArn: runArn('auto-1') }, Parameters: { eta: 0.1, 'mlpad.Algorithm': 'xgboost', 'mlpad.CandidateKind': 'single' } });
    expect(children[0].Metrics).toEqual({ 'final.validation:auc': 0.9, 'final.test:auc': 0.88, train_seconds: 2 });
    expect(children[2].Status).toEqual({ PrimaryStatus: 'Failed', Message: 'diverged' });
  });
});
