// The one contract every built-in algorithm implements: a hyperparameter schema, fit, predict,
// serialize. The UI form, the CLI flags, tuning ranges and URL state are all generated from `schema`.
import type { HyperparameterSpec, RawHyperparameters } from './hyperparameters.ts';
import type { FeatureMatrix, TrainingData } from './matrix.ts';

export type { HyperparameterSpec, RawHyperparameters, HyperparameterValue, ResolvedHyperparameters } from './hyperparameters.ts';
export { validateHyperparameters, HyperparameterError } from './hyperparameters.ts';
export type { FeatureMatrix, TrainingData } from './matrix.ts';

/** Metric values of one boosting round (or epoch), keyed by metric name, e.g. `{ logloss: 0.31 }`. */
export type MetricValues = Record<string, number>;

/** What `onRound` receives after each round. */
export interface RoundMetrics {
  /** Metrics on the training set; absent when `evalTrain` is false. */
  train?: MetricValues;
  /** Metrics on the validation set; absent without one. */
  validation?: MetricValues;
}

/** Hooks a caller (a worker, the CLI) uses to stream progress and cancel. */
export interface FitCallbacks {
  /** Called after each round with its 0-based index and metrics. */
  onRound?(round: number, metrics: RoundMetrics): void;
  /** Polled once per round; returning true stops training and keeps the rounds done so far. */
  shouldStop?(): boolean;
  /**
   * Async fits only (`fitAsync`): awaited after each round's onRound, before the next round's shouldStop,
   * so the caller can let its event loop run; defaults to one macrotask (setTimeout 0). Ignored by `fit`.
   */
  betweenRounds?(round: number): Promise<void> | void;
}

/** Options of `fit` beyond the hyperparameters. */
export interface FitOptions {
  /** Held-out set for metrics and early stopping; defaults to none. */
  validation?: TrainingData;
  /** Progress and cancellation hooks; defaults to none. */
  callbacks?: FitCallbacks;
  /** Whether to compute training-set metrics each round; defaults to true. */
  evalTrain?: boolean;
}

/** Options of `fitAsync`. */
export interface AsyncFitOptions extends FitOptions {
  /**
   * WebGPU device for algorithms that compute on the GPU (xgboost with tree_method gpu_hist); defaults to
   * one from requestComputeDevice(), destroyed after the fit. A device passed here stays the caller's.
   */
  gpu?: GPUDevice;
}

/** Options of `predict`. */
export interface PredictOptions {
  /** Return raw margins (before the link function); defaults to false. */
  outputMargin?: boolean;
  /** Use only rounds [begin, end); defaults to every round. */
  iterationRange?: readonly [number, number];
}

/**
 * A built-in algorithm. `P` is its validated, typed parameter object; `M` its trained model.
 * Multi-output predictions (e.g. class probabilities) are row-major: nRows × nOutputs.
 */
export interface Estimator<P, M> {
  /** Registry key, e.g. 'xgboost'. */
  readonly name: string;
  /** One line shown next to the algorithm's name. */
  readonly description: string;
  /** Every accepted hyperparameter, with SageMaker names, defaults and ranges. */
  readonly schema: readonly HyperparameterSpec[];
  /** Validates raw (string or typed) hyperparameters; throws HyperparameterError naming the argument. */
  resolve(raw: RawHyperparameters): P;
  /** Trains a model. Throws with a message naming the bad argument on invalid data. */
  fit(data: TrainingData, params: P, options?: FitOptions): M;
  /**
   * Trains a model asynchronously, yielding to the event loop between rounds; the only way to train on
   * WebGPU. Absent for algorithms without an async path (call `fit`).
   */
  fitAsync?(data: TrainingData, params: P, options?: AsyncFitOptions): Promise<M>;
  /** Predicts into a new Float32Array (nRows × nOutputs). */
  predict(model: M, features: FeatureMatrix, options?: PredictOptions): Float32Array;
  /** Number of values per row `predict` returns (1, or the class count for probabilities). */
  outputsPerRow(model: M, options?: PredictOptions): number;
  /** The model as bytes in the algorithm's native interchange format (XGBoost JSON for xgboost). */
  serialize(model: M): Uint8Array;
  /** Reads what `serialize` (or the native library) wrote. */
  deserialize(bytes: Uint8Array | string): M;
}
