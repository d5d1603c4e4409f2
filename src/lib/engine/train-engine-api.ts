import type { EstimatorKind, FeatureImportance, MetricValues, ModelFormat, ModelSummary, RawHyperparameters, ResultCurve } from '../ml/estimator.ts';
import type { TfBackendName } from '../compute/types.ts';
import type { FeatureEncoding, PrepareOptions, Task } from '../ml/prepare/types.ts';
import type { SharedTable } from '../data/shared-table.ts';

/** One training job as the studio and the CLI describe it: which algorithm, its raw hyperparameters, how to prepare the table. */
export interface TrainJob {
  /** Registry key, e.g. 'xgboost'. */
  algorithm: string;
  /** Hyperparameters by SageMaker name, as typed (strings are parsed by `resolve`); those the data decides (objective, num_class, predictor_type) default from the estimator's taskDefaults. */
  hyperparameters: RawHyperparameters;
  /** Target (absent for unsupervised algorithms), features, task, types and split. */
  prepare: PrepareOptions;
  /** TensorFlow.js backend for the algorithms that use it; defaults to 'auto' (the fastest that works). */
  backend?: TfBackendName | 'auto';
}

/** What the runner streams after each round (boosting round, epoch, tree). */
export interface TrainRound {
  /** 0-based index of the finished round. */
  round: number;
  /** Rounds requested. */
  totalRounds: number;
  train?: MetricValues;
  validation?: MetricValues;
  /** Seconds since fitting started. */
  seconds: number;
  /** The model's surface after this round, when the job asked for one and the algorithm can predict mid-training. */
  surface?: SurfaceGrid;
}

/** A model's answer over a grid of two features (the playground's decision or prediction surface). */
export interface SurfaceGrid {
  /** Grid points per side; `values` is size × size, x fastest, y from low to high. */
  size: number;
  /** The grid's extent along the first and second feature. */
  x: [number, number];
  y: [number, number];
  /** 'probability' of the positive class (binary), predicted 'class' index (multiclass), or predicted 'score' (regression). */
  meaning: 'probability' | 'class' | 'score';
  values: Float32Array;
}

export type SplitName = 'train' | 'validation' | 'test';

/** What a job does once the last round has trained: evaluating the model on these splits (held out first, then train). */
export interface TrainStage {
  stage: 'evaluating';
  /** The splits with rows to evaluate. */
  splits: SplitName[];
}

/** Points of a curve as two parallel arrays (x[i], y[i]). */
export interface CurvePoints {
  x: Float32Array;
  y: Float32Array;
}

/** How well the model does on one split. */
export interface SplitEvaluation {
  split: SplitName;
  rows: number;
  /**
   * Summary metrics: accuracy, auc, logloss (classification); rmse, mae, r2 (regression); msd, ssd (clustering);
   * explained_variance_ratio, a list (decomposition); score_mean, score_std… and, with labels, accuracy,
   * precision, recall, f1 (anomaly).
   */
  metrics: Record<string, number | number[]>;
  /** Row-major classes × classes counts (row = actual, column = predicted); classification only. */
  confusion?: Int32Array;
  /** ROC curve (x = false positive rate, y = true positive rate); binary only. */
  roc?: CurvePoints;
  /** Precision-recall curve (x = recall, y = precision); binary only. */
  pr?: CurvePoints;
  /** A sample of (x = predicted, y = residual = actual − predicted); regression only. */
  residuals?: CurvePoints;
  /** Rows per cluster (clustering only). */
  clusterSizes?: Int32Array;
  /** Precision, recall, F1 and support of each class (classification only). */
  perClass?: PerClassTable;
  /** One-vs-rest ROC curve of each class, in class order (multiclass only; empty for a class absent from the split). */
  classRoc?: CurvePoints[];
  /** One-vs-rest precision-recall curve of each class, in class order (multiclass only). */
  classPr?: CurvePoints[];
  /**
   * Positive-class scores and 0/1 labels of the split's rows (binary classification only), for the results view's
   * decision-threshold control; a seeded sample of 100,000 rows when the split has more (the arrays' length says how many).
   */
  scores?: Float32Array;
  labels?: Uint8Array;
}

/** Per-class metrics of one split: entry c of each array describes class c of the encoding's classes. */
export interface PerClassTable {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  /** Rows of the split whose actual class is this one. */
  support: Int32Array;
  /** One-vs-rest ROC AUC of each class (multiclass only; NaN for a class absent from the split). */
  auc?: Float64Array;
  /** Unweighted means over the classes. */
  macro: { precision: number; recall: number; f1: number };
  /** Means weighted by support. */
  weighted: { precision: number; recall: number; f1: number };
}

/**
 * A sample of rows for the scatter and series charts of unsupervised results: table row numbers, two plotted
 * coordinates and a per-row value (cluster, anomaly score). Clustering: the rows on the first two principal
 * axes of the features; decomposition: projection_1 × projection_2; anomaly: row order × score.
 */
export interface PointSample {
  /** 0-based table rows (for colouring by any column of the data). */
  rows: Uint32Array;
  x: Float32Array;
  y: Float32Array;
  /** Cluster per point (clustering); absent otherwise. */
  group?: Int32Array;
  /** Which split each point came from. */
  split: SplitName;
  xLabel: string;
  yLabel: string;
}

/** A finished job: everything the results panel draws, plus the downloads as bytes. */
export interface TrainResult {
  algorithm: string;
  kind: EstimatorKind;
  /** The target's task; null without a target. */
  task: Task | null;
  encoding: FeatureEncoding;
  /** Validated hyperparameters as they ran (for the record shown beside the results). */
  hyperparameters: Record<string, string>;
  /** Rounds actually trained (fewer than requested after early stopping or Stop). */
  rounds: number;
  /** Rounds requested. */
  totalRounds: number;
  bestIteration?: number;
  /** Per-round metrics, the same stream the live curve showed. */
  history: TrainRound[];
  evaluations: SplitEvaluation[];
  /** Feature importance, where the algorithm has it. */
  importance?: FeatureImportance;
  /** What the model itself says (explained variance, centres, thresholds). */
  summary: ModelSummary;
  /** Points for the unsupervised charts; absent for supervised kinds. */
  points?: PointSample;
  /** Extra line charts the algorithm computed on the training data (k-means' elbow curve). */
  curves: ResultCurve[];
  /** The final model's surface, when the job asked for one (two features, supervised). */
  surface?: SurfaceGrid;
  /** The model file (XGBoost JSON for xgboost, an mlpad JSON model otherwise), encoding inside. */
  model: Uint8Array;
  modelFormat: ModelFormat;
  /** UTF-8 CSV of the predictions on the held-out rows (train rows when none were held out), as `mlpad predict` writes them. */
  predictionsCsv: Uint8Array;
  /** The metrics.json `mlpad train` writes, as UTF-8 JSON. */
  metricsJson: Uint8Array;
  /**
   * The model, predictions and metrics bytes again as Blobs, made by the worker that trained (a Blob copies
   * its bytes: tens of MB of predictions for millions of rows, which the page's thread then need not copy);
   * absent where no worker made them.
   */
  files?: ResultFiles;
  /** Sentences for the user from data preparation, e.g. dropped rows or filled missing values. */
  notes: string[];
  /** Seconds spent reading and preparing the data, and fitting. */
  prepareSeconds: number;
  trainSeconds: number;
  /** Threads that did the work. */
  threads: number;
  /** Where it ran, in words: "CPU, 2 threads", "WebGPU (vendor, architecture)", "TensorFlow.js webgpu". */
  compute: string;
  /** Why an automatic choice stayed on a slower path, as a sentence; absent otherwise. */
  computeReason?: string;
}

/**
 * The training engine, exposed by workers/train.worker.ts through Comlink. The UI runs each job in a fresh
 * worker and cancels by terminating it, so nothing half-trained is ever kept.
 */
export interface TrainEngineApi {
  /**
   * Train on the Arrow IPC stream `ipc` (transferred), or on a SharedTable (the page's memory, read-only: no copy). `onRound` is called after each round, `onStage` once
   * training has finished and evaluation begins. Rejects with a message that names the bad parameter or column.
   */
  train(ipc: Uint8Array | SharedTable, job: TrainJob, onRound?: (round: TrainRound) => void, options?: TrainOptions, onStage?: (stage: TrainStage) => void): Promise<TrainResult>;
}

/** What a job asks for beyond training. */
export interface TrainOptions {
  /** Stream the model's surface over a grid of this many points per side each round (jobs on two features); defaults to none. */
  surface?: number;
}

/** The downloads of a TrainResult as Blobs (see TrainResult.files). */
export interface ResultFiles {
  model: Blob;
  predictions: Blob;
  metrics: Blob;
}

/** `r`'s bytes for download `which` as a Blob of its media type (a Blob copies the bytes). */
export function resultFile(r: TrainResult, which: keyof ResultFiles): Blob {
  if (which === 'model') return new Blob([r.model as Uint8Array<ArrayBuffer>], { type: r.modelFormat.mediaType });
  if (which === 'predictions') return new Blob([r.predictionsCsv as Uint8Array<ArrayBuffer>], { type: 'text/csv' });
  return new Blob([r.metricsJson as Uint8Array<ArrayBuffer>], { type: 'application/json' });
}
