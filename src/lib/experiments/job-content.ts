// What a finished training job records as a run, for the studio and `mlpad train` alike (CONVENTIONS §6b: one
// pipeline; two copies drifted on metric names). Pure: the callers add only what is theirs (the CLI its data files
// by hash and metrics.json as written; the studio the dataset's Arrow bytes and live progress).
//
// Metric names keep SageMaker's '<channel>:<metric>' intact: per-round steps 'train:<m>' and 'validation:<m>',
// final values 'final.<split>:<m>', and 'train_seconds'.
import type { TrainResult, TrainRound } from '../engine/train-engine-api.ts';
import type { ArtifactInput } from './artifacts.ts';
import type { RunRecorder } from './record-run.ts';
import type { Run } from './types.ts';

/** A metric series as recordRun takes it. */
export type MetricSteps = { Step: number; Value: number }[];
/** Metrics by name: a final value, or a series. */
export type RunMetrics = Record<string, number | MetricSteps>;

/** A hyperparameter as typed: a number when the whole text is a decimal number ('0.3', '1e-3', '-4'), else the text unchanged. */
export function parameterValue(text: string): string | number {
  const t = text.trim();
  if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) {
    const n = Number(t);
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/** Hyperparameters as typed parameters (see parameterValue). */
export function parameterValues(values: Record<string, string | number | boolean>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, parameterValue(String(v))]));
}

/** The short name of where a job ran, from the engine's description ("WebGPU (…)" → webgpu, "TensorFlow.js wasm" → wasm, else cpu). */
export function backendName(compute: string): string {
  if (/webgpu/i.test(compute)) return 'webgpu';
  if (/wasm/i.test(compute)) return 'wasm';
  return 'cpu';
}

/** The name of a final metric: 'final.<split>:<metric>', e.g. final.validation:auc. */
export const finalMetricName = (split: string, metric: string): string => `final.${split}:${metric}`;

/** Per-round metrics as metric steps: '<channel>:<metric>' (SageMaker's 'validation:auc'), Step = the round; non-finite values are skipped. */
export function roundMetrics(rounds: readonly TrainRound[]): Record<string, MetricSteps> {
  const out: Record<string, MetricSteps> = {};
  for (const r of rounds) {
    for (const channel of ['train', 'validation'] as const) {
      for (const [k, v] of Object.entries(r[channel] ?? {})) if (Number.isFinite(v)) (out[`${channel}:${k}`] ??= []).push({ Step: r.round, Value: v });
    }
  }
  return out;
}

/** What the caller knows beyond the training result. */
export interface TrainingRunContext {
  /** The target column, recorded as mlpad.Target; defaults to none. */
  target?: string | null;
  /** More parameters (the CLI's mlpad.HoldOut…), added last; defaults to none. */
  parameters?: Record<string, string | number>;
  /** metrics.json as written (the CLI adds notes); defaults to the result's metricsJson. */
  metricsJson?: Uint8Array | string;
  /** The model's file name; defaults to model.<the format's extension>. */
  modelFileName?: string;
  /** Whether predictions.csv is kept as an output; defaults to true. */
  predictions?: boolean;
}

/** A training job's run content. */
export interface TrainingRunContent {
  /** Hyperparameters typed, then mlpad.Algorithm, mlpad.Rounds, mlpad.Task, mlpad.Compute, mlpad.Target and the context's. */
  parameters: Record<string, string | number>;
  /** Per-round steps (arrays) and final values (numbers). */
  metrics: RunMetrics;
  /** model, metrics (metrics.json) and predictions (predictions.csv). */
  outputs: ArtifactInput[];
  /** The run's Backend (backendName of the result's compute). */
  backend: string;
}

const encoder = new TextEncoder();
const bytesOf = (v: Uint8Array | string): Uint8Array => (typeof v === 'string' ? encoder.encode(v) : v);

/** The run of a finished training job: typed hyperparameters, per-round and final metrics, train_seconds, model, metrics.json and predictions. */
export function trainingRunContent(result: TrainResult, context: TrainingRunContext = {}): TrainingRunContent {
  const parameters: Record<string, string | number> = parameterValues(result.hyperparameters);
  parameters['mlpad.Algorithm'] = result.algorithm;
  parameters['mlpad.Rounds'] = result.rounds;
  if (result.task) parameters['mlpad.Task'] = result.task;
  // Where it ran in words ("CPU, 2 threads", "WebGPU (…)"): more than the run's Backend says.
  if (result.compute) parameters['mlpad.Compute'] = result.compute.slice(0, 2500);
  if (context.target) parameters['mlpad.Target'] = context.target;
  Object.assign(parameters, context.parameters ?? {});
  const metrics: RunMetrics = roundMetrics(result.history);
  for (const e of result.evaluations) {
    for (const [k, v] of Object.entries(e.metrics)) if (typeof v === 'number' && Number.isFinite(v)) metrics[finalMetricName(e.split, k)] = v;
  }
  if (Number.isFinite(result.trainSeconds)) metrics.train_seconds = result.trainSeconds;
  const outputs: ArtifactInput[] = [
    { name: 'model', bytes: result.model, mediaType: result.modelFormat.mediaType, fileName: context.modelFileName ?? `model.${result.modelFormat.extension}`, type: 'Model' },
    { name: 'metrics', bytes: bytesOf(context.metricsJson ?? result.metricsJson), mediaType: 'application/json', fileName: 'metrics.json', type: 'Metrics' },
  ];
  if (context.predictions !== false) outputs.push({ name: 'predictions', bytes: result.predictionsCsv, mediaType: 'text/csv', fileName: 'predictions.csv', type: 'Predictions' });
  return { parameters, metrics, outputs, backend: backendName(result.compute ?? '') };
}

/** Logs the rounds from index `from` on to a live run (the studio's progress); returns the number of rounds logged in all. */
export function logRounds(rec: RunRecorder, rounds: readonly TrainRound[], from = 0): number {
  for (const [name, steps] of Object.entries(roundMetrics(rounds.slice(from)))) for (const s of steps) rec.logMetric(name, s.Value, s.Step);
  return Math.max(from, rounds.length);
}

/**
 * Finishes a live training run (startRun) with the same content recordRun gets from trainingRunContent: the
 * parameters, the rounds not logged yet (`logged` were, live), the final metrics and the outputs.
 */
export function completeTrainingRun(rec: RunRecorder, result: TrainResult, context: TrainingRunContext = {}, logged = 0): Promise<Run> {
  const { parameters, metrics, outputs } = trainingRunContent(result, context);
  rec.logParameters(parameters);
  logRounds(rec, result.history, logged);
  for (const [name, v] of Object.entries(metrics)) if (typeof v === 'number') rec.logMetric(name, v, 0);
  for (const o of outputs) rec.addOutput(o);
  return rec.complete();
}

/** The metric a runs list shows: a final validation metric, else final test, final train, a search's best validation or test, best:…, else the first but train_seconds. */
export function keyMetric(run: Pick<Run, 'Metrics'>): { name: string; value: number } | undefined {
  const names = run.Metrics.map((m) => m.MetricName);
  const pick = KEY_PREFIXES.map((p) => names.find((n) => n.startsWith(p))).find((n) => n !== undefined) ?? names.find((n) => n !== 'train_seconds');
  const m = run.Metrics.find((x) => x.MetricName === pick);
  return m ? { name: m.MetricName, value: m.Last } : undefined;
}

const KEY_PREFIXES = ['final.validation:', 'final.test:', 'final.train:', 'best.validation:', 'best.test:', 'best:'];

/** A key metric's name for a narrow column: without the 'final.' prefix (final.validation:auc → validation:auc). */
export const keyMetricLabel = (name: string): string => name.replace(/^final\./, '');
