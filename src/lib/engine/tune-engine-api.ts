// The studio's tuning engine as the Tune view sees it (workers/tune.worker.ts) and the trial runner it
// dispatches trials to (workers/tune-trial.worker.ts, one per parallel trial). Only bytes and small
// records cross: the table as Arrow IPC (each trial worker gets its own copy), trial records, the best model.
import type { TfBackendName } from '../compute/types.ts';
import type { TableInput } from '../data/shared-table.ts';
import type { ModelFormat } from '../ml/estimator.ts';
import type { PrepareOptions } from '../ml/prepare/types.ts';
import type { TrialRecord, TuningJobConfig, TuningResult } from '../tune/tuning-job-api.ts';
import type { TrainJob, TrainRound } from './train-engine-api.ts';

/** A tuning job as the studio sends it: SageMaker's config plus how every trial prepares the table. */
export interface TuneJob {
  config: TuningJobConfig;
  /** Target, features, task, types and split; the same for every trial, so every trial sees the same rows. */
  prepare: PrepareOptions;
  /** TensorFlow.js backend for the trials of algorithms that use it; defaults to 'auto'. */
  backend?: TfBackendName | 'auto';
}

/** What the live view hears while a job runs. Records are snapshots taken when the event fired. */
export type TuneEvent =
  | { type: 'start'; trial: TrialRecord }
  | { type: 'round'; name: string; step: number; objective: number }
  | { type: 'end'; trial: TrialRecord; best: string | null };

/** The best trial's files, as a finished trial's runTrainingJob made them. */
export interface BestModel {
  trainingJobName: string;
  model: Uint8Array;
  modelFormat: ModelFormat;
  /** The metrics.json `mlpad train` writes. */
  metricsJson: Uint8Array;
}

/** A finished (or stopped) tuning job. */
export interface TuneOutcome {
  result: TuningResult;
  /** The best completed trial's model; null when no trial completed. */
  best: BestModel | null;
  /** Trial workers the job ran on (MaxParallelTrainingJobs, at most the cores). */
  workers: number;
}

/** The tuning worker's API (workers/tune.worker.ts). */
export interface TuneEngineApi {
  /** Keeps the table (Arrow IPC stream, transferred) for the jobs that follow. */
  setTable(ipc: TableInput): Promise<void>;
  /**
   * Runs `job` on the table, trials in a pool of workers; `onEvent` hears trials start, report each
   * round's objective and end. Rejects with a sentence naming the field at fault for a bad config.
   */
  tune(job: TuneJob, onEvent: (event: TuneEvent) => void): Promise<TuneOutcome>;
  /** Stops the job in flight: running trials are stopped, finished ones kept, and tune resolves. */
  stop(): void;
}

/** A trial that ran to the end, or one stopped at the job's request. */
export type TrialOutcome =
  | { status: 'completed'; metrics: Record<string, number>; model: Uint8Array; modelFormat: ModelFormat; metricsJson: Uint8Array }
  | { status: 'stopped' };

/** One trial worker's API (workers/tune-trial.worker.ts). */
export interface TrialWorkerApi {
  /** Keeps this worker's copy of the table (Arrow IPC stream, transferred). */
  setTable(ipc: TableInput): Promise<void>;
  /**
   * Runs `job` through runTrainingJob. `onRound` is awaited after each round before the next starts;
   * true stops the trial there. Rejects with the job's message when the trial fails.
   */
  run(job: TrainJob, onRound: (round: TrainRound) => boolean | Promise<boolean>): Promise<TrialOutcome>;
}
