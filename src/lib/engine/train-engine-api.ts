import type { MetricValues, RawHyperparameters } from '../ml/estimator.ts';
import type { FeatureEncoding, PrepareOptions, Task } from '../ml/prepare/types.ts';

/** One training job as the studio describes it: which algorithm, its raw hyperparameters, how to prepare the table. */
export interface TrainJob {
  /** Registry key, e.g. 'xgboost'. */
  algorithm: string;
  /** Hyperparameters by SageMaker name, as typed in the form (strings are parsed by `resolve`). */
  hyperparameters: RawHyperparameters;
  /** Target, features, task, types and split. */
  prepare: PrepareOptions;
}

/** What the worker streams after each boosting round. */
export interface TrainRound {
  /** 0-based index of the finished round. */
  round: number;
  /** Rounds requested (num_round). */
  totalRounds: number;
  train?: MetricValues;
  validation?: MetricValues;
  /** Seconds since fitting started. */
  seconds: number;
}

export type SplitName = 'train' | 'validation' | 'test';

/** Points of a curve as two parallel arrays (x[i], y[i]). */
export interface CurvePoints {
  x: Float32Array;
  y: Float32Array;
}

/** How well the model does on one split. */
export interface SplitEvaluation {
  split: SplitName;
  rows: number;
  /** Summary metrics: accuracy, auc, logloss… for classification; rmse, mae, r2 for regression. */
  metrics: Record<string, number>;
  /** Row-major classes × classes counts (row = actual, column = predicted); classification only. */
  confusion?: Int32Array;
  /** ROC curve (x = false positive rate, y = true positive rate); binary only. */
  roc?: CurvePoints;
  /** Precision-recall curve (x = recall, y = precision); binary only. */
  pr?: CurvePoints;
  /** A sample of (x = predicted, y = residual = actual − predicted); regression only. */
  residuals?: CurvePoints;
}

/** Feature importance of the trained model, one value per model feature, by XGBoost's three definitions. */
export interface FeatureImportance {
  names: string[];
  /** Average loss reduction of the splits on each feature. */
  gain: Float64Array;
  /** Number of splits on each feature. */
  weight: Float64Array;
  /** Average hessian (row) coverage of the splits on each feature. */
  cover: Float64Array;
}

/** A finished job: everything the results panel draws, plus the two downloads as bytes. */
export interface TrainResult {
  algorithm: string;
  task: Task;
  encoding: FeatureEncoding;
  /** Validated hyperparameters as sent to fit (for the record shown beside the results). */
  hyperparameters: Record<string, string>;
  /** Rounds actually trained (fewer than requested after early stopping). */
  rounds: number;
  bestIteration?: number;
  /** Per-round metrics, the same stream the live curve showed. */
  history: TrainRound[];
  evaluations: SplitEvaluation[];
  importance: FeatureImportance;
  /** The model in the algorithm's interchange format (XGBoost JSON). */
  model: Uint8Array;
  /** UTF-8 CSV of the predictions on the validation and test rows (train rows when neither exists). */
  predictionsCsv: Uint8Array;
  /** Sentences for the user from data preparation, e.g. dropped rows. */
  notes: string[];
  /** Seconds spent preparing the data and fitting. */
  prepareSeconds: number;
  trainSeconds: number;
  /** Threads that built the histograms: nthread where threads could be started, else 1 (1 on WebGPU). */
  threads: number;
  /** Where the histograms were built, in words: "CPU, 2 threads" or "WebGPU (vendor, architecture)". */
  compute: string;
  /** Why the CPU, when tree_method auto did not take WebGPU: a sentence such as "WebGPU found no adapter."; absent otherwise. */
  computeReason?: string;
}

/**
 * The training engine, exposed by workers/train.worker.ts through Comlink. The UI runs each job in a fresh
 * worker and cancels by terminating it, so nothing half-trained is ever kept.
 */
export interface TrainEngineApi {
  /**
   * Train on the Arrow IPC stream `ipc` (transferred). `onRound` is called after each round.
   * Rejects with a message that names the bad parameter or column.
   */
  train(ipc: Uint8Array, job: TrainJob, onRound?: (round: TrainRound) => void): Promise<TrainResult>;
}
