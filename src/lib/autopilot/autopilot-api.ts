// The shapes of an Autopilot job, in SageMaker's field names where SageMaker has them (CreateAutoMLJob's
// AutoMLJobConfig and AutoMLJobObjective, DescribeAutoMLJob's BestCandidate, ListCandidatesForAutoMLJob's
// candidates), plus the candidate runner the caller injects (in-process, or a worker pool).
import type { Table } from 'apache-arrow';
import type { TrainResult } from '../engine/train-engine-api.ts';
import type { RawHyperparameters } from '../ml/hyperparameters.ts';
import type { PrepareOptions } from '../ml/prepare/types.ts';
import type { TrialHooks } from '../tune/tuning-job-api.ts';
import type { DataExplorationReport } from './exploration.ts';
import type { ObjectiveMetric, ProblemType } from './objectives.ts';
import type { Predictions } from './objective-score.ts';
import type { ProblemInference } from './problem.ts';

/** SageMaker's AutoMLJobConfig.Mode (the CLI's auto | ensembling | hpo). */
export type AutopilotMode = 'AUTO' | 'ENSEMBLING' | 'HYPERPARAMETER_TUNING';

/** An Autopilot job to run. */
export interface AutopilotJobConfig {
  /** Column to predict. */
  Target: string;
  /** Defaults to inference from the target. */
  ProblemType?: ProblemType;
  /** Defaults to SageMaker's default objective for the problem type (F1, Accuracy, MSE). */
  AutoMLJobObjective?: { MetricName: string };
  AutoMLJobConfig?: {
    /** Defaults to AUTO: ENSEMBLING below AUTO_SIZE_THRESHOLD bytes of data, HYPERPARAMETER_TUNING above. */
    Mode?: AutopilotMode;
    CompletionCriteria?: {
      /** Candidates to train at most: HPO trials (defaults to 100; each tuned algorithm's refit of its best trial comes on top) or ENSEMBLING's bagged algorithms (defaults to all). */
      MaxCandidates?: number;
      /** Wall-clock budget of the whole job; running candidates are stopped at it. Defaults to none. */
      MaxAutoMLJobRuntimeInSeconds?: number;
    };
  };
  /** Binary: the positive class; defaults to the second class in sorted order. */
  PositiveLabel?: string;
  /** mlpad: a separate test table; defaults to holding out TEST_FRACTION of the rows (stratified for classification). */
  Test?: Table;
  /** mlpad: seed of every split and search; defaults to 0. */
  Seed?: number;
  /** mlpad: the data's size in bytes for AUTO's and HPO's choices; defaults to the Arrow table's buffer bytes. */
  DataSizeBytes?: number;
  /** mlpad: the candidate algorithms (registry keys); defaults to every Autopilot candidate that fits the problem. */
  Algorithms?: readonly string[];
  /** mlpad: 'autopilot' (PrepareOptions.preprocessing: target encoding, date parts, hashed n-grams, scaling for the algorithms that want it, all inside the model) or the training pipeline's 'default'; defaults to 'autopilot'. */
  Preprocessing?: 'autopilot' | 'default';
  /** mlpad: folds of ENSEMBLING's bagging; defaults to 5. */
  Folds?: number;
  /** mlpad: candidates trained at once (the runner must take that many: a worker pool); defaults to 1. The leaderboard is the sequential one's for the same seed (see parallel.ts for the budget's share). */
  MaxParallelCandidates?: number;
}

/** One candidate training job to run: fit on `train`, then predict each table of `predict`. */
export interface CandidateRequest {
  id: string;
  algorithm: string;
  hyperparameters: RawHyperparameters;
  train: Table;
  /** Held out for validation metrics and early stopping; defaults to none. */
  validation?: Table;
  /** Evaluated into the model's metrics.json (the test split); defaults to none. */
  test?: Table;
  /** Tables to predict with the trained model, in order (each must hold the target). */
  predict: Table[];
  /** Target, task, positive label, column types (the same for every candidate). */
  prepare: PrepareOptions;
}

/** A finished candidate training job. */
export interface CandidateOutcome {
  /** finalMetrics of the job ("validation:f1" → value). */
  metrics: Record<string, number>;
  /** Resolved hyperparameters as text. */
  hyperparameters: Record<string, string>;
  /** The model file (encoding inside) and mlpad train's metrics.json. */
  model: Uint8Array;
  modelExtension: string;
  metricsJson: Uint8Array;
  trainSeconds: number;
  /** Per table of `predict`: the predictions, their labels, and inference seconds per row. */
  predictions: { predictions: Predictions; labels: Float32Array; secondsPerRow: number }[];
  /** The job pipeline's result (what the Train view draws) less the model bytes and metrics.json above; only from a runner asked to keep it (LocalRunnerOptions.keepJob). */
  job?: CandidateJobResult;
}

/** A candidate's TrainResult without the bytes CandidateOutcome carries beside it. */
export type CandidateJobResult = Omit<TrainResult, 'model' | 'metricsJson'>;

/** Runs one candidate; resolves `{ stopped: true }` when hooks.shouldStop stopped it, rejects with a sentence when it fails. */
export type RunCandidate = (request: CandidateRequest, hooks: TrialHooks) => Promise<CandidateOutcome | { stopped: true }>;

export type CandidateStatus = 'Completed' | 'Stopped' | 'Failed';

/** One row of the leaderboard (ListCandidatesForAutoMLJob's AutoMLCandidate, flattened). */
export interface LeaderboardEntry {
  CandidateName: string;
  /** Registry key, or 'ensemble' for the stack. */
  Algorithm: string;
  /** 'single' (one model), 'bagged' (k-fold models averaged), 'stacked' (the ensemble). */
  Kind: 'single' | 'bagged' | 'stacked';
  HyperParameters: Record<string, string>;
  /** The objective on the validation split (bagged: out-of-fold; stacked: out-of-fold, in-sample for the stacker). */
  ValidationObjective?: number;
  /** The objective on the test split. */
  TestObjective?: number;
  TrainingSeconds: number;
  /** Inference seconds per row, measured on the test split. */
  InferenceSecondsPerRow?: number;
  /** Rows the model trained on (an HPO trial: the training split less the validation split; a refit or full model: the whole training split); absent for bags and the stack. */
  TrainingRows?: number;
  /** HYPERPARAMETER_TUNING: the trial whose hyperparameters this entry refits on every training row; absent otherwise. */
  RefitOf?: string;
  CandidateStatus: CandidateStatus;
  FailureReason?: string;
  /** Whether its model file can be downloaded and read by `mlpad predict`. */
  Downloadable: boolean;
  /** Why not, when it cannot. */
  DownloadNote?: string;
}

/** A finished Autopilot job. */
export interface AutopilotResult {
  AutoMLJobStatus: 'Completed' | 'Stopped' | 'Failed';
  /** Why the job ended early or failed, as a sentence. */
  FailureReason?: string;
  Mode: 'ENSEMBLING' | 'HYPERPARAMETER_TUNING';
  /** The mode asked for (AUTO resolves to one of the two). */
  RequestedMode: AutopilotMode;
  Problem: ProblemInference;
  Objective: { MetricName: ObjectiveMetric; Type: 'Maximize' | 'Minimize' };
  Report: DataExplorationReport;
  /** Sorted by the test objective, best first; candidates without one last. */
  Leaderboard: LeaderboardEntry[];
  BestCandidate?: LeaderboardEntry;
  /** The best candidate whose model file `mlpad predict` reads, with that file. */
  BestModel?: { entry: LeaderboardEntry; model: Uint8Array; modelExtension: string; metricsJson: Uint8Array };
  Rows: { train: number; test: number };
  DataSizeBytes: number;
  ElapsedSeconds: number;
  Notes: string[];
}

/** What the caller follows and controls. */
export interface AutopilotHooks {
  /** A line of progress ("trial 3/20 xgboost: F1 0.81"). */
  onProgress?(line: string): void;
  /** Polled often: true stops the job, keeping every finished candidate. Defaults to never. */
  shouldStop?(): boolean;
  /** Clock in seconds; defaults to performance.now() / 1000. */
  now?(): number;
}
