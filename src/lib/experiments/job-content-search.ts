// What the search jobs record, for the studio and `mlpad tune`/`mlpad autopilot` alike, as SageMaker shapes them:
// one parent run (Tuning or Autopilot) with the best model, and one Training run per trial or candidate whose
// ParentRunName and Source name the parent. Pure: the callers add their data inputs and write the runs.
import type { AutopilotResult, LeaderboardEntry } from '../autopilot/autopilot-api.ts';
import { runArn } from '../lineage/arn.ts';
import type { TrialRecord, TuningResult } from '../tune/tuning-job-api.ts';
import type { ArtifactInput } from './artifacts.ts';
import { finalMetricName, parameterValues, type MetricSteps, type RunMetrics } from './job-content.ts';
import type { CompletedRunInput } from './run-input.ts';

/** The best model of a search job, as an output. */
export interface BestModelFiles {
  model: Uint8Array;
  /** The model's file name, e.g. model.json. */
  fileName: string;
  /** Defaults to application/json. */
  mediaType?: string;
  /** Its metrics.json. */
  metricsJson: Uint8Array | string;
}

/** A search job's own run content. */
export interface SearchRunContent {
  parameters: Record<string, string | number>;
  metrics: RunMetrics;
  /** The report (tuning-job.json or leaderboard.json), then the best model and its metrics.json when there is one. */
  outputs: ArtifactInput[];
  /** How the job ended. */
  status: { PrimaryStatus: 'Completed' | 'Stopped' | 'Failed'; Message?: string };
}

/** The parent a child run points at. */
export interface ParentRun {
  RunName: string;
  ExperimentName: string;
  Backend: string;
}

const encoder = new TextEncoder();
const bytesOf = (v: Uint8Array | string): Uint8Array => (typeof v === 'string' ? encoder.encode(v) : v);
/** JSON with typed arrays as plain arrays. */
const jsonBytes = (value: unknown) => encoder.encode(JSON.stringify(value, (_, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v)));
const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** The n-th (from 1) child of `parent`: '<parent>-001', at most 120 characters. */
export const childRunName = (parent: string, n: number): string => `${parent.slice(0, 110)}-${String(n).padStart(3, '0')}`;

function searchOutputs(report: ArtifactInput, best: BestModelFiles | undefined): ArtifactInput[] {
  const out = [report];
  if (best) {
    out.push({ name: 'model', bytes: best.model, fileName: best.fileName, mediaType: best.mediaType ?? 'application/json', type: 'Model' });
    out.push({ name: 'metrics', bytes: bytesOf(best.metricsJson), fileName: 'metrics.json', mediaType: 'application/json', type: 'Metrics' });
  }
  return out;
}

/** What a tuning run's content needs beyond the result. */
export interface TuningRunOptions {
  /** The best trial's model and metrics.json; defaults to none (no trial completed). */
  best?: BestModelFiles;
  /** tuning-job.json as written; defaults to the result as JSON. */
  report?: Uint8Array | string;
}

/**
 * A tuning job's own run: its statics and config as parameters (mlpad.Strategy, mlpad.Objective…), each trial's
 * objective as 'trial:<objective>' (Step = trial index), the best objective so far as 'best:<objective>', the
 * tuning-job.json report and the best model.
 */
export function tuningRunContent(result: TuningResult, options: TuningRunOptions = {}): SearchRunContent {
  const config = result.HyperParameterTuningJobConfig;
  const objective = config.HyperParameterTuningJobObjective;
  const parameters: Record<string, string | number> = {
    ...parameterValues(result.TrainingJobDefinition.StaticHyperParameters ?? {}),
    'mlpad.Algorithm': result.TrainingJobDefinition.AlgorithmName, 'mlpad.TuningJobName': result.HyperParameterTuningJobName,
    'mlpad.Strategy': String(config.Strategy ?? 'Bayesian'), 'mlpad.Objective': `${objective.Type} ${objective.MetricName}`,
    'mlpad.CompletionReason': result.CompletionReason, 'mlpad.Trials': result.TrainingJobs.length,
  };
  if (config.ResourceLimits?.MaxNumberOfTrainingJobs !== undefined) parameters['mlpad.MaxNumberOfTrainingJobs'] = config.ResourceLimits.MaxNumberOfTrainingJobs;
  const trials: MetricSteps = [];
  const best: MetricSteps = [];
  // A warm-started job's best may be a parent job's trial: it is the best so far before this job's first trial.
  const inherited = result.BestTrainingJob && !result.TrainingJobs.some((t) => t.TrainingJobName === result.BestTrainingJob!.TrainingJobName);
  let so = inherited ? result.BestTrainingJob!.FinalHyperParameterTuningJobObjectiveMetric?.Value : undefined;
  result.TrainingJobs.forEach((t, i) => {
    const v = t.FinalHyperParameterTuningJobObjectiveMetric?.Value;
    if (finite(v)) trials.push({ Step: i, Value: v });
    if (t.TrainingJobStatus === 'Completed' && finite(v)) so = so === undefined ? v : objective.Type === 'Maximize' ? Math.max(so, v) : Math.min(so, v);
    if (finite(so)) best.push({ Step: i, Value: so });
  });
  const metrics: RunMetrics = {};
  if (trials.length) metrics[`trial:${objective.MetricName}`] = trials;
  if (best.length) metrics[`best:${objective.MetricName}`] = best;
  const report: ArtifactInput = { name: 'tuning-job', bytes: options.report !== undefined ? bytesOf(options.report) : jsonBytes(result), fileName: 'tuning-job.json', mediaType: 'application/json', type: 'Report' };
  const status: SearchRunContent['status'] = result.HyperParameterTuningJobStatus === 'Failed' ? { PrimaryStatus: 'Failed', ...(result.FailureReason ? { Message: result.FailureReason } : {}) }
    : result.HyperParameterTuningJobStatus === 'Stopped' ? { PrimaryStatus: 'Stopped', Message: result.FailureReason ?? 'Stopped; finished trials are kept.' }
    : { PrimaryStatus: 'Completed' };
  return { parameters, metrics, outputs: searchOutputs(report, options.best), status };
}

const TRIAL_STATUS = { Completed: 'Completed', Stopped: 'Stopped', Failed: 'Failed', InProgress: 'Stopped' } as const;

/**
 * One Training run per trial (a trial still in progress when the job ended is Stopped), named '<parent>-001'…
 * in launch order: typed statics and tuned values, the objective per step and its final value as
 * 'final.<objective>'. Times are offsets from `jobStart` (ISO 8601).
 */
export function trialRunInputs(result: TuningResult, parent: ParentRun, jobStart: string): CompletedRunInput[] {
  const startMs = Date.parse(jobStart);
  const at = (seconds: number) => new Date(startMs + seconds * 1000).toISOString();
  const metricName = result.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.MetricName;
  const statics = result.TrainingJobDefinition.StaticHyperParameters ?? {};
  return result.TrainingJobs.map((t: TrialRecord, i) => {
    const steps = t.ObjectivePerStep.flatMap((v, s) => (v === null || !Number.isFinite(v) ? [] : [{ Step: s, Value: v }]));
    const final = t.FinalHyperParameterTuningJobObjectiveMetric;
    const message = t.FailureReason ?? (t.StoppedBy ? `stopped by ${t.StoppedBy}` : undefined);
    return {
      RunName: childRunName(parent.RunName, i + 1), DisplayName: t.TrainingJobName.slice(0, 120), ExperimentName: parent.ExperimentName, JobType: 'Training', Backend: parent.Backend,
      ParentRunName: parent.RunName, Source: { SourceType: 'HyperParameterTuningJob', SourceArn: runArn(parent.RunName) },
      StartTime: at(t.TrainingStartTime), EndTime: at(Math.max(t.TrainingStartTime, t.TrainingEndTime ?? t.TrainingStartTime)),
      Status: { PrimaryStatus: TRIAL_STATUS[t.TrainingJobStatus], ...(message ? { Message: message } : {}) },
      Parameters: { ...parameterValues({ ...statics, ...t.TunedHyperParameters }), 'mlpad.Algorithm': result.TrainingJobDefinition.AlgorithmName },
      Metrics: { ...(steps.length ? { [metricName]: steps } : {}), ...(final && finite(final.Value) ? { [`final.${final.MetricName}`]: final.Value } : {}) },
    };
  });
}

/** The Autopilot result fields the runs use (the studio's outcome has no BestModel). */
export type AutopilotRunResult = Omit<AutopilotResult, 'BestModel'>;

/** What an Autopilot run's content needs beyond the result. */
export interface AutopilotRunOptions {
  /** The best downloadable candidate's model and metrics.json; defaults to none. */
  best?: BestModelFiles;
  /** leaderboard.json as written; defaults to the leaderboard as JSON. */
  report?: Uint8Array | string;
}

/**
 * An Autopilot job's own run: mode, problem, objective and best candidate as parameters, each candidate's validation
 * objective as 'candidate:validation:<m>' (Step = leaderboard place), the best candidate's ('best.validation:<m>',
 * 'best.test:<m>'), the leaderboard and the best model.
 */
export function autopilotRunContent(result: AutopilotRunResult, options: AutopilotRunOptions = {}): SearchRunContent {
  const objective = result.Objective.MetricName;
  const best = result.BestCandidate;
  const parameters: Record<string, string | number> = {
    'mlpad.Mode': result.Mode, 'mlpad.ProblemType': String(result.Problem.problemType), 'mlpad.Objective': `${result.Objective.Type} ${objective}`,
    'mlpad.Candidates': result.Leaderboard.length,
    ...(result.Problem.target ? { 'mlpad.Target': result.Problem.target } : {}),
    ...(best ? { 'mlpad.BestCandidate': best.CandidateName, 'mlpad.Algorithm': best.Algorithm } : {}),
  };
  const metrics: RunMetrics = {};
  const candidates = result.Leaderboard.flatMap((c, i) => (finite(c.ValidationObjective) ? [{ Step: i, Value: c.ValidationObjective }] : []));
  if (candidates.length) metrics[`candidate:validation:${objective}`] = candidates;
  if (finite(best?.ValidationObjective)) metrics[`best.validation:${objective}`] = best.ValidationObjective;
  if (finite(best?.TestObjective)) metrics[`best.test:${objective}`] = best.TestObjective;
  const report: ArtifactInput = { name: 'leaderboard', bytes: options.report !== undefined ? bytesOf(options.report) : jsonBytes(result.Leaderboard), fileName: 'leaderboard.json', mediaType: 'application/json', type: 'Report' };
  const status: SearchRunContent['status'] = { PrimaryStatus: result.AutoMLJobStatus, ...(result.FailureReason ? { Message: result.FailureReason } : result.AutoMLJobStatus === 'Stopped' ? { Message: 'Stopped; finished candidates are kept.' } : {}) };
  return { parameters, metrics, outputs: searchOutputs(report, options.best), status };
}

const CANDIDATE_STATUS: Record<string, 'Completed' | 'Failed' | 'Stopped'> = { Completed: 'Completed', Failed: 'Failed', Stopped: 'Stopped' };

/**
 * One Training run per leaderboard candidate, named '<parent>-001'… in leaderboard order: typed hyperparameters,
 * mlpad.Algorithm and mlpad.CandidateKind, and its objectives as final metrics ('final.validation:<m>',
 * 'final.test:<m>') with train_seconds. Each spans the job, from `start` to `end` (ISO 8601).
 */
export function candidateRunInputs(result: AutopilotRunResult, parent: ParentRun, start: string, end: string): CompletedRunInput[] {
  const objective = result.Objective.MetricName;
  return result.Leaderboard.map((c: LeaderboardEntry, i) => {
    const metrics: Record<string, number> = {};
    if (finite(c.ValidationObjective)) metrics[finalMetricName('validation', objective)] = c.ValidationObjective;
    if (finite(c.TestObjective)) metrics[finalMetricName('test', objective)] = c.TestObjective;
    if (finite(c.TrainingSeconds)) metrics.train_seconds = c.TrainingSeconds;
    return {
      RunName: childRunName(parent.RunName, i + 1), DisplayName: c.CandidateName.slice(0, 120), ExperimentName: parent.ExperimentName, JobType: 'Training', Backend: parent.Backend,
      ParentRunName: parent.RunName, Source: { SourceType: 'AutoMLJob', SourceArn: runArn(parent.RunName) }, StartTime: start, EndTime: end < start ? start : end,
      Status: { PrimaryStatus: CANDIDATE_STATUS[c.CandidateStatus] ?? 'Stopped', ...(c.FailureReason ? { Message: c.FailureReason } : {}) },
      Parameters: { ...parameterValues(c.HyperParameters), 'mlpad.Algorithm': c.Algorithm, 'mlpad.CandidateKind': c.Kind },
      Metrics: metrics,
    };
  });
}
