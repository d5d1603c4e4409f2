// The studio's Autopilot engine as the Autopilot view sees it (workers/autopilot.worker.ts) and the candidate
// runners it sends candidates to (workers/autopilot-candidate.worker.ts, nested workers, so that Stop and
// the time budget can end a candidate in the middle of a round). Only bytes and small records cross: the
// table as Arrow IPC, each candidate's tables as Arrow IPC, the outcome's typed arrays and the best model.
import type { CandidateOutcome, CandidateStatus, AutopilotJobConfig, AutopilotResult } from '../autopilot/autopilot-api.ts';
import type { DataExplorationReport } from '../autopilot/exploration.ts';
import type { ProblemInference } from '../autopilot/problem.ts';
import type { TfBackendName } from '../compute/types.ts';
import type { TableInput } from '../data/shared-table.ts';
import type { MetricValues } from '../ml/estimator.ts';
import type { RawHyperparameters } from '../ml/hyperparameters.ts';
import type { PrepareOptions } from '../ml/prepare/types.ts';
import type { TrainResult } from './train-engine-api.ts';

/** What "Check the data" asks for: the target and, optionally, the problem type and objective to use. */
export interface ExploreRequest {
  /** Column to predict. */
  target: string;
  /** Defaults to inference from the target. */
  problemType?: AutopilotJobConfig['ProblemType'];
  /** SageMaker MetricName; defaults to the problem type's default objective. */
  objective?: string;
}

/** The problem Autopilot sees and the data exploration report. */
export interface Exploration {
  problem: ProblemInference;
  report: DataExplorationReport;
  /** Seconds exploreData took. */
  seconds: number;
}

/** An Autopilot job as the studio sends it (the table is the one setTable kept; no separate test table). */
export interface AutopilotJob {
  config: Omit<AutopilotJobConfig, 'Test'>;
  /** TensorFlow.js backend for the candidates that use it; defaults to 'auto'. */
  backend?: TfBackendName | 'auto';
}

/** Where the job is: reading the data, or training candidates. */
export type AutopilotStage = 'exploring' | 'training';

/** One candidate run as it ended (an HPO trial, a fold of a bag, or a refit), scored with the job's objective. */
export interface CandidateRun {
  /** The run's name (an HPO trial's name is its leaderboard name). */
  id: string;
  algorithm: string;
  hyperparameters: Record<string, string>;
  status: CandidateStatus;
  /** The objective on the run's validation rows; absent when it has none. */
  validation?: number;
  /** The objective on the test split; absent when it did not finish. */
  test?: number;
  /** Seconds from the run's start to its end (training and prediction). */
  seconds: number;
  /** Inference seconds per test row. */
  secondsPerRow?: number;
  /** Why it failed. */
  failure?: string;
}

/** What the live view hears while a job runs. */
export type AutopilotEvent =
  | { type: 'stage'; stage: AutopilotStage; elapsed: number }
  | { type: 'progress'; line: string; elapsed: number }
  | { type: 'start'; id: string; algorithm: string; elapsed: number }
  | { type: 'end'; run: CandidateRun; elapsed: number };

/** A finished (or stopped) job: the engine's result without the best model's bytes, which come beside it. */
export interface AutopilotOutcome {
  result: Omit<AutopilotResult, 'BestModel'>;
  /** The best downloadable candidate's model file (preprocessing inside) and metrics.json; null when none finished. */
  best: { candidateName: string; algorithm: string; model: Uint8Array; modelExtension: string; metricsJson: Uint8Array } | null;
  /** Candidate runs in the order they ended. */
  runs: CandidateRun[];
  /** The best downloadable candidate's training result, as the Train view's results draw it (model and metrics.json those of `best`); null when it was not kept (a runner that does not keep jobs, or a tie). */
  bestJob: TrainResult | null;
}

/** The Autopilot worker's API (workers/autopilot.worker.ts). */
export interface AutopilotEngineApi {
  /** Keeps the table (Arrow IPC stream, transferred) for the jobs that follow. */
  setTable(ipc: TableInput): Promise<void>;
  /** The problem Autopilot sees in the target (type, objective, allowed objectives, the reason); rejects with Autopilot's sentence for a target it refuses. */
  infer(request: ExploreRequest): Promise<ProblemInference>;
  /** The problem and the data exploration report; rejects with Autopilot's sentence for a target it refuses. */
  explore(request: ExploreRequest): Promise<Exploration>;
  /**
   * Runs `job` on the table, candidates in a pool of nested workers (MaxParallelCandidates at once; the engine's maxParallel by default); `onEvent` hears the stage, progress
   * lines and each run start and end. Rejects with a sentence naming the field at fault for a bad config.
   */
  run(job: AutopilotJob, onEvent: (event: AutopilotEvent) => void): Promise<AutopilotOutcome>;
  /** Stops the job in flight: the running candidate ends, finished ones are kept, and run resolves. */
  stop(): void;
}

/** A candidate request with its tables as Arrow IPC streams (each distinct table once). */
export interface CandidateJob {
  id: string;
  algorithm: string;
  hyperparameters: RawHyperparameters;
  prepare: PrepareOptions;
  /** Every distinct table of the request. */
  tables: Uint8Array[];
  /** Indices into `tables`. */
  train: number;
  validation?: number;
  test?: number;
  predict: number[];
  /** TensorFlow.js backend; defaults to 'auto'. */
  backend?: TfBackendName | 'auto';
}

/** One candidate worker's API (workers/autopilot-candidate.worker.ts). */
export interface CandidateWorkerApi {
  /** Trains and predicts `job`; `onRound` hears each round's metrics (not awaited). Rejects with the job's message when it fails. */
  run(job: CandidateJob, onRound: (round: number, metrics: { train?: MetricValues; validation?: MetricValues }) => void): Promise<CandidateOutcome>;
}
