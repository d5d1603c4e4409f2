// The one contract every built-in algorithm implements: a hyperparameter schema, fit, infer, serialize.
// The UI form, the CLI flags, tuning ranges and URL state are all generated from `schema`; the job runner
// (src/lib/engine/run-job.ts), the results views and the predictions CSV ask the estimator for its kind,
// tasks, defaults and outputs, never for its name.
import type { TfBackendName } from '../compute/types.ts';
import type { HyperparameterSpec, RawHyperparameters } from './hyperparameters.ts';
import type { FeatureMatrix, FitData } from './matrix.ts';
import type { Task } from './prepare/types.ts';
import type { ParameterRanges, ScalingType } from '../tune/ranges.ts';

export type { HyperparameterSpec, RawHyperparameters, HyperparameterValue, ResolvedHyperparameters } from './hyperparameters.ts';
export { validateHyperparameters, HyperparameterError } from './hyperparameters.ts';
export type { FeatureMatrix, FitData, TrainingData } from './matrix.ts';
export type { Task } from './prepare/types.ts';

/**
 * What an algorithm learns: `supervised` predicts a target (classification or regression); `clustering`
 * assigns rows to clusters; `decomposition` projects rows onto components; `anomaly` scores rows.
 */
export type EstimatorKind = 'supervised' | 'clustering' | 'decomposition' | 'anomaly';

/** Metric values of one round (boosting round or epoch), keyed by metric name, e.g. `{ logloss: 0.31 }`. */
export type MetricValues = Record<string, number>;

/** What `onRound` receives after each round. */
export interface RoundMetrics {
  /** Metrics on the training set; absent when `evalTrain` is false or the algorithm has none. */
  train?: MetricValues;
  /** Metrics on the validation set; absent without one. */
  validation?: MetricValues;
}

/** Hooks a caller (a worker, the CLI) uses to stream progress and cancel. */
export interface FitCallbacks {
  /**
   * Called after each round (boosting round, epoch, tree…) with its 0-based index and metrics. Estimators
   * that can predict mid-training pass `peek`, which infers with the model as it stands after this round;
   * it stays valid until this round's `betweenRounds` resolves (the playground draws live surfaces with it).
   */
  onRound?(round: number, metrics: RoundMetrics, peek?: Peek): void;
  /** Polled once per round; returning true stops training and keeps the rounds done so far. */
  shouldStop?(): boolean;
  /** Awaited after each round's onRound so the caller's event loop can run; defaults to one macrotask. */
  betweenRounds?(round: number): Promise<void> | void;
}

/** Inference with a model that is still training (see FitCallbacks.onRound). */
export type Peek = (x: FeatureMatrix) => Promise<Inference>;

/** What `fit`, `taskDefaults` and `checkData` are told about the job's data. */
export interface DataFacts {
  /** The supervised task of the target; null when the job has no target. */
  task: Task | null;
  /** Class labels in index order (classification); for binary, index 1 is the positive class. */
  classes?: readonly string[];
  /** The target column's name, for messages; absent without a target. */
  target?: string;
  /** Training rows and model features. */
  nRows: number;
  nCols: number;
  featureNames: readonly string[];
}

/** Options of `fit` beyond the hyperparameters. */
export interface FitOptions {
  /** Held-out set for per-round metrics and early stopping; defaults to none. */
  validation?: FitData;
  /** Progress and cancellation hooks; defaults to none. */
  callbacks?: FitCallbacks;
  /** Whether to compute training-set metrics each round; defaults to true. */
  evalTrain?: boolean;
  /** The job's task and classes; defaults to facts derived from `data` with task null. */
  facts?: DataFacts;
  /**
   * WebGPU device for algorithms with their own kernels (xgboost gpu_hist); defaults to one the estimator
   * requests itself when it needs one. A device passed here stays the caller's.
   */
  gpu?: GPUDevice;
}

/** Where and how a fit ran, for the results line. */
export interface ComputeReport {
  /** In words: "CPU, 2 threads", "WebGPU (google, swiftshader; software)", "TensorFlow.js wasm". */
  label: string;
  /** Why an automatic choice stayed on a slower path, as a sentence; absent otherwise. */
  reason?: string;
  /** Threads that did the work; defaults to 1. */
  threads?: number;
}

/** A trained model and what the fit reports about itself. */
export interface Fitted<M> {
  model: M;
  compute: ComputeReport;
  /** Hyperparameters as they ran where they differ from the resolved ones (tree_method auto → gpu_hist); defaults to none. */
  ran?: Record<string, string>;
  /** Rounds trained (fewer than requested after early stopping); defaults to `rounds(params)`. */
  rounds?: number;
  /** 0-based best round when early stopping chose one; the model predicts with rounds up to it. */
  bestIteration?: number;
}

/**
 * A model's outputs for a matrix of rows, by kind. Field names follow SageMaker's inference responses
 * (predicted_label, score, closest_cluster, distance_to_cluster, projection).
 */
export type Inference =
  | {
      kind: 'classification';
      /** Predicted class index per row (the estimator's own decision rule: threshold, argmax, vote). */
      predictedLabel: Int32Array;
      /** Binary: the positive class's probability (or score in [0, 1]) per row; multiclass: nRows × classes, row-major. */
      probabilities: Float32Array;
      /** Number of classes (2 for binary). */
      classes: number;
    }
  | { kind: 'regression'; /** Predicted value per row. */ score: Float32Array }
  | { kind: 'clustering'; /** 0-based cluster per row. */ closestCluster: Int32Array; /** Euclidean distance to that cluster's centre. */ distanceToCluster: Float32Array }
  | { kind: 'decomposition'; /** nRows × components, row-major. */ projection: Float32Array; components: number }
  | { kind: 'anomaly'; /** Anomaly score per row: higher is more anomalous. */ score: Float32Array };

/** Feature importance, one value per model feature; every array has `names.length` entries. */
export interface FeatureImportance {
  names: string[];
  /** Importance kinds by name (xgboost: gain, weight, cover; linear models: |coefficient|), one value per feature. */
  values: Record<string, Float64Array>;
  /** One sentence per kind saying what it measures. */
  notes: Record<string, string>;
}

/** What the results view draws of a model beyond its predictions (read from the model, not the data). */
export interface ModelSummary {
  /** Decomposition: explained variance ratio per component. */
  explainedVarianceRatio?: number[];
  /** Clustering: centres, k × nCols row-major, in model feature space. */
  centres?: { values: Float32Array; k: number };
  /** Anomaly: the suggested score threshold (mean + 3 standard deviations of the training scores). */
  scoreThreshold?: number;
  /** Binary classifiers with a chosen decision threshold (linear-learner's model selection). */
  decisionThreshold?: number;
  /** Tree ensembles in XGBoost JSON: the number of trees (the results view offers a tree viewer). */
  trees?: number;
}

/** A line chart the results view draws, computed on the training data after the fit (k-means' elbow curve). */
export interface ResultCurve {
  /** Title, e.g. "Elbow curve". */
  title: string;
  /** One sentence on how to read it. */
  note: string;
  xLabel: string;
  yLabel: string;
  x: Float32Array;
  y: Float32Array;
  /** An x to mark (the k that was trained); defaults to none. */
  markX?: number;
}

/** Progress and cancellation of `contributions`. */
export interface ContributionOptions {
  /** Called with (rows done, rows to do) every few rows; defaults to none. */
  onProgress?(done: number, total: number): void;
  /** Polled every few rows; true stops early, leaving later rows zero; defaults to never. */
  shouldStop?(): boolean;
}

/** Per-row contributions to the margin: rows × groups × (features + 1), the bias last in each group. */
export interface Contributions {
  values: Float64Array;
  /** Output groups (classes of a multiclass model, else 1). */
  groups: number;
  features: number;
  rows: number;
  /** Rows finished before shouldStop ended the run. */
  completedRows: number;
}

/** A model file format, for download names and messages. */
export interface ModelFormat {
  /** In words, e.g. "XGBoost JSON" or "mlpad kmeans JSON v1". */
  name: string;
  /** File extension without the dot, e.g. "json". */
  extension: string;
  /** Media type, e.g. "application/json". */
  mediaType: string;
}

/**
 * How Autopilot (src/lib/autopilot) runs an algorithm as a candidate: its HYPERPARAMETER_TUNING search space,
 * ENSEMBLING's bagged-member hyperparameters, whether features are standardised, and its place in the run order.
 */
export interface AutopilotSettings {
  /** Position among the candidates, lower first (fast and strong first, so a short budget still finishes the best bet). */
  order: number;
  /** Tuning ranges of HYPERPARAMETER_TUNING (in the spirit of SageMaker Autopilot's, narrowed so a trial fits a one-minute budget on two cores). */
  ranges: ParameterRanges;
  /** Hyperparameters every tuning trial trains with (not tuned); {} for none. */
  statics: RawHyperparameters;
  /** Hyperparameters of ENSEMBLING's bagged members and its full model: the defaults, lightly adjusted; {} for the defaults. */
  ensemble: RawHyperparameters;
  /** Whether Autopilot's preprocessing standardises the features for it (distance- and gradient-based learners). */
  scale: boolean;
}

/** A starting range of the Tune form for one hyperparameter; `chosen` ones start ticked. */
export interface TunePreset {
  min: number;
  max: number;
  scaling: ScalingType;
  /** Whether a new form starts with it ticked; defaults to false. */
  chosen?: boolean;
}

/**
 * A built-in algorithm. `P` is its validated, typed parameter object; `M` its trained model.
 */
export interface Estimator<P, M> {
  /** Registry key and SageMaker's algorithm name, e.g. 'xgboost', 'linear-learner'. */
  readonly name: string;
  /** One line shown next to the algorithm's name. */
  readonly description: string;
  readonly kind: EstimatorKind;
  /** Supervised tasks it trains ([] for the other kinds). */
  readonly tasks: readonly Task[];
  /** 'required' for supervised kinds; 'optional' where labels only evaluate (anomaly); 'none' where a target is refused. */
  readonly target: 'required' | 'optional' | 'none';
  /** Every accepted hyperparameter, with SageMaker names, defaults and ranges. */
  readonly schema: readonly HyperparameterSpec[];
  /** Hyperparameters the form shows open, in this order; the rest go under "Advanced". */
  readonly commonParameters: readonly string[];
  /** How fit computes: 'tfjs' asks the caller to initialise TensorFlow.js first; 'cpu' runs plain TypeScript. */
  readonly compute: 'tfjs' | 'cpu';
  /** TensorFlow.js backends the algorithm runs on correctly, in preference order; defaults to all (webgpu, webgl, wasm, cpu). */
  readonly tfBackends?: readonly TfBackendName[];
  /** For algorithms that compute outside TensorFlow.js: one sentence on where they run (the Compute view shows it); defaults to "on the CPU". */
  readonly computeNote?: string;
  /** Whether fit and infer accept NaN features; when false the job runner fills them with the training means (and says so). */
  readonly acceptsMissing: boolean;
  /**
   * How the job runner encodes categorical columns: 'one-hot' gives one 0/1 feature per category whatever the
   * cardinality, a missing cell none (factorization machines); defaults to one-hot up to 32 categories and a
   * frequency rank above.
   */
  readonly categorical?: 'one-hot';
  readonly format: ModelFormat;
  /** Autopilot's settings for it; absent: Autopilot never picks it as a candidate. */
  readonly autopilot?: AutopilotSettings;
  /** The Tune form's starting ranges by hyperparameter (after SageMaker's tuning recommendations); absent or missing a name: a range around the default. */
  readonly tunePresets?: Readonly<Record<string, TunePreset>>;
  /**
   * Values (text) that suit the data for the parameters the user did not give: the objective or
   * predictor_type for the task, the class count. `given` (defaults to none) are the user's raw values,
   * so that a suggestion can follow them (num_class only for a multi: objective); '' suggests unset.
   */
  taskDefaults(facts: DataFacts, given?: RawHyperparameters): Record<string, string>;
  /** The task raw hyperparameters ask for (objective, predictor_type), if they name one; undefined otherwise. */
  taskOf?(raw: RawHyperparameters): Task | undefined;
  /** Validates raw (string or typed) hyperparameters; throws HyperparameterError naming the argument. */
  resolve(raw: RawHyperparameters): P;
  /** Checks `params` against the data (num_class, predictor_type, k ≤ rows…); throws HyperparameterError naming the parameter. */
  checkData?(params: P, facts: DataFacts): void;
  /** Rounds (or epochs) `fit` reports through onRound, for the progress bar. */
  rounds(params: P): number;
  /** Whether the raw hyperparameters want a validation set (early stopping); the CLI then holds out 20% when none is given. */
  wantsValidation?(raw: RawHyperparameters): boolean;
  /** Trains a model. Throws with a message naming the bad argument on invalid data. */
  fit(data: FitData, params: P, options?: FitOptions): Promise<Fitted<M>>;
  /** The model's outputs for `x` (the same kind for every row). */
  infer(model: M, x: FeatureMatrix): Promise<Inference>;
  /**
   * Exact per-feature contributions of each row to the model's margin, with the bias last (TreeSHAP for tree
   * ensembles, equal to native XGBoost's pred_contribs); undefined where the algorithm has no exact method
   * (Clarify then uses Kernel SHAP).
   */
  contributions?(model: M, x: FeatureMatrix, options?: ContributionOptions): Contributions;
  /**
   * Exact SHAP interaction values (native XGBoost's pred_interactions): rows × groups × (features + 1)², each
   * row of a matrix summing to the feature's contribution; undefined where the algorithm has none.
   */
  interactions?(model: M, x: FeatureMatrix, options?: ContributionOptions): Contributions;
  /** Feature importance; undefined where the algorithm has none. */
  importance?(model: M, names: readonly string[]): FeatureImportance | undefined;
  /** What the results view draws of the model itself; defaults to nothing. */
  summary?(model: M): ModelSummary;
  /** Extra charts computed on the training data after the fit (k-means' elbow curve); defaults to none. */
  curves?(data: FitData, params: P, model: M): Promise<ResultCurve[]>;
  /** Number of features the model reads. */
  featureCount(model: M): number;
  /** Feature names stored in the model (a natively trained XGBoost model's feature_names); defaults to none. */
  featureNames?(model: M): readonly string[];
  /** The model as bytes in its file format. `attributes` (the feature encoding) travel inside. */
  serialize(model: M, attributes?: Record<string, string>): Uint8Array;
  /** Reads what `serialize` wrote; throws naming the algorithm and version it expected on another file. */
  deserialize(bytes: Uint8Array | string): M;
  /** String attributes stored with the model (the feature encoding under `mlpad_encoding`). */
  attributes(model: M): Record<string, string>;
}
