// What the studio records for each kind of job: pure builders from a client's finished result to the run's
// parameters, metrics and artifacts (SageMaker's trial component fields). The job recorder calls these.
import type { ArtifactInput, CompletedRunInput, Run, RunArtifacts, Tag } from '../experiments/index.ts';
import { ENTITY_NAME } from '../experiments/index.ts';
import type { TrainResult, TrainRound } from '../engine/train-engine-api.ts';
import type { TuneOutcome } from '../engine/tune-engine-api.ts';
import type { TrialRecord } from '../tune/tuning-job-api.ts';

/** A dataset kept with a run: the Arrow IPC bytes are hashed; kept as a blob only up to this size (see datasetArtifact). */
export const KEEP_DATASET_BYTES = 5 * 1024 * 1024;

const encoder = new TextEncoder();

/** An experiment name (SageMaker's pattern) for runs on the dataset called `datasetName`: 'loan-approval.csv' → 'loan-approval-csv'. */
export function experimentNameFor(datasetName: string | null | undefined): string {
  const cleaned = (datasetName ?? '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100).replace(/-+$/, '');
  return cleaned && ENTITY_NAME.test(cleaned) ? cleaned : 'studio';
}

/** A child run name from its parent's and a trial's: letters, digits and single dashes, at most 120 characters. */
export function childRunName(parent: string, trial: string): string {
  const tail = trial.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'trial';
  return `${parent.slice(0, 119 - Math.min(tail.length, 60))}-${tail.slice(-60)}`.replace(/-+/g, '-');
}

/**
 * The dataset as a run input. Storage rule: its bytes (the table as Arrow IPC) are always hashed, so runs on the same
 * data share one lineage artifact, but they are kept as a blob only up to KEEP_DATASET_BYTES (5 MB); a larger dataset
 * is recorded by hash and size only (Stored: false), so that recording many jobs on a big file does not fill the disk.
 */
export function datasetArtifact(ipc: Uint8Array, name: string): ArtifactInput {
  return { name: 'train', bytes: ipc, store: ipc.length <= KEEP_DATASET_BYTES, mediaType: 'application/vnd.apache.arrow.stream', fileName: `${name}.arrows`, type: 'DataSet' };
}

/** A hyperparameter as typed: a number when the text is one, so compare and parallel coordinates can place it. */
export function parameterValue(text: string): string | number {
  const t = text.trim();
  if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) {
    const n = Number(t);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/** Per-round metrics as metric steps: '<channel>:<metric>' (SageMaker's 'validation:auc'), Step = the round. */
export function roundMetrics(rounds: readonly TrainRound[]): Record<string, { Step: number; Value: number }[]> {
  const out: Record<string, { Step: number; Value: number }[]> = {};
  for (const r of rounds) {
    for (const channel of ['train', 'validation'] as const) {
      for (const [k, v] of Object.entries(r[channel] ?? {})) if (Number.isFinite(v)) (out[`${channel}:${k}`] ??= []).push({ Step: r.round, Value: v });
    }
  }
  return out;
}

/** A finished training job: hyperparameters as run, curves per round, final metrics ('final:<split>:<metric>'), model, metrics.json and predictions. */
export function trainingRun(result: TrainResult, context: { target?: string | null } = {}): { parameters: Record<string, string | number>; metrics: CompletedRunInput['Metrics'] & object; outputs: ArtifactInput[] } {
  const parameters: Record<string, string | number> = { 'mlpad.Algorithm': result.algorithm, 'mlpad.Rounds': result.rounds };
  if (result.task) parameters['mlpad.Task'] = result.task;
  // Where it ran in words ("CPU, 2 threads", "WebGPU (…)"): more than the run's Backend says for algorithms off TensorFlow.js.
  if (result.compute) parameters['mlpad.Compute'] = result.compute.slice(0, 2500);
  if (context.target) parameters['mlpad.Target'] = context.target;
  for (const [k, v] of Object.entries(result.hyperparameters)) parameters[k] = parameterValue(v);
  const metrics: Record<string, number | { Step?: number; Value: number }[]> = roundMetrics(result.history);
  for (const e of result.evaluations) {
    for (const [k, v] of Object.entries(e.metrics)) if (typeof v === 'number' && Number.isFinite(v)) metrics[`final:${e.split}:${k}`] = v;
  }
  const outputs: ArtifactInput[] = [
    { name: 'model', bytes: result.model, mediaType: result.modelFormat.mediaType, fileName: `model.${result.modelFormat.extension}`, type: 'Model' },
    { name: 'metrics', bytes: result.metricsJson, mediaType: 'application/json', fileName: 'metrics.json', type: 'Metrics' },
    { name: 'predictions', bytes: result.predictionsCsv, mediaType: 'text/csv', fileName: 'predictions.csv', type: 'Predictions' },
  ];
  return { parameters, metrics, outputs };
}

const STATUS: Record<string, 'Completed' | 'Failed' | 'Stopped'> = { Completed: 'Completed', Failed: 'Failed', Stopped: 'Stopped' };

/** One tuning trial as a child run of `parent`: its tuned hyperparameters and its objective per step. */
export function trialRun(trial: TrialRecord, parent: string, experiment: string, backend: string, tuningJob: string, statics: Record<string, string>, jobStart: number): CompletedRunInput {
  const objective = trial.FinalHyperParameterTuningJobObjectiveMetric;
  const metricName = objective?.MetricName ?? 'objective';
  const steps = trial.ObjectivePerStep.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [{ Step: i, Value: v }]));
  const metrics: CompletedRunInput['Metrics'] = steps.length ? { [metricName]: steps } : objective ? { [metricName]: objective.Value } : {};
  const start = jobStart + trial.TrainingStartTime * 1000;
  const end = jobStart + (trial.TrainingEndTime ?? trial.TrainingStartTime) * 1000;
  const parameters: Record<string, string | number> = {};
  for (const [k, v] of Object.entries({ ...statics, ...trial.TunedHyperParameters })) parameters[k] = parameterValue(v);
  return {
    RunName: childRunName(parent, trial.TrainingJobName), ExperimentName: experiment, DisplayName: trial.TrainingJobName.slice(0, 120), JobType: 'Training',
    Parameters: parameters, Backend: backend, ParentRunName: parent,
    Source: { SourceType: 'SageMakerHyperParameterTuningJob', SourceArn: `arn:mlpad:sagemaker:local:local:hyper-parameter-tuning-job/${tuningJob}` },
    StartTime: new Date(start).toISOString(), EndTime: new Date(Math.max(start, end)).toISOString(),
    Status: { PrimaryStatus: STATUS[trial.TrainingJobStatus] ?? 'Stopped', ...(trial.FailureReason ? { Message: trial.FailureReason } : {}) },
    Metrics: metrics,
  };
}

/** A finished tuning job's own run: its config, the best objective after each trial, the best model. */
export function tuningRun(outcome: TuneOutcome): { parameters: Record<string, string | number>; metrics: Record<string, { Step: number; Value: number }[]>; outputs: ArtifactInput[] } {
  const r = outcome.result;
  const config = r.HyperParameterTuningJobConfig;
  const objective = config.HyperParameterTuningJobObjective;
  const parameters: Record<string, string | number> = {
    'mlpad.Algorithm': r.TrainingJobDefinition.AlgorithmName, Strategy: config.Strategy ?? 'Bayesian',
    ObjectiveMetric: objective.MetricName, ObjectiveType: objective.Type, Trials: r.TrainingJobs.length, CompletionReason: r.CompletionReason,
  };
  if (config.ResourceLimits?.MaxNumberOfTrainingJobs !== undefined) parameters.MaxNumberOfTrainingJobs = config.ResourceLimits.MaxNumberOfTrainingJobs;
  for (const [k, v] of Object.entries(r.TrainingJobDefinition.StaticHyperParameters ?? {})) parameters[k] = parameterValue(String(v));
  const best: { Step: number; Value: number }[] = [];
  let so: number | undefined;
  r.TrainingJobs.forEach((t, i) => {
    const v = t.FinalHyperParameterTuningJobObjectiveMetric?.Value;
    if (t.TrainingJobStatus === 'Completed' && v !== undefined && Number.isFinite(v)) so = so === undefined ? v : objective.Type === 'Maximize' ? Math.max(so, v) : Math.min(so, v);
    if (so !== undefined) best.push({ Step: i, Value: so });
  });
  const outputs: ArtifactInput[] = outcome.best ? [
    { name: 'model', bytes: outcome.best.model, mediaType: outcome.best.modelFormat.mediaType, fileName: `model.${outcome.best.modelFormat.extension}`, type: 'Model' },
    { name: 'metrics', bytes: outcome.best.metricsJson, mediaType: 'application/json', fileName: 'metrics.json', type: 'Metrics' },
  ] : [];
  outputs.push(jsonArtifact('tuning-job', 'tuning-job.json', { ...r, HyperParameterTuningJobConfig: config }, 'Report'));
  return { parameters, metrics: best.length ? { [`best:${objective.MetricName}`]: best } : {}, outputs };
}

/** `run` with its tags replaced (SageMaker's AddTags/DeleteTags in one), modified now. */
export function withTags(run: Run, tags: readonly Tag[]): Run {
  return { ...run, Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })), LastModifiedTime: new Date().toISOString() };
}

/** `run` ended now as Failed with `message` (a run whose results could not be saved). */
export function failedRun(run: Run, message: string): Run {
  const now = new Date().toISOString();
  return { ...run, Status: { PrimaryStatus: 'Failed', Message: message.slice(0, 3072) }, EndTime: now < run.StartTime ? run.StartTime : now, LastModifiedTime: now };
}

/** A JSON document as an output artifact. */
export function jsonArtifact(name: string, fileName: string, value: unknown, type = 'Report'): ArtifactInput {
  return { name, bytes: encoder.encode(JSON.stringify(value, (_, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v))), mediaType: 'application/json', fileName, type };
}

/** Text as an output artifact. */
export function textArtifact(name: string, fileName: string, text: string, mediaType: string, type = 'Report'): ArtifactInput {
  return { name, bytes: encoder.encode(text), mediaType, fileName, type };
}

export type { RunArtifacts };
