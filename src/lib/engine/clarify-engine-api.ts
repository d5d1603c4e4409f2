// The Clarify worker's API (workers/clarify.worker.ts): one dataset and one model per session, bias
// metrics with a live threshold, SHAP values and partial dependence with progress. Cancel terminates the
// worker (a job in a tight loop cannot read messages), as the training worker does.
import type { BiasSection } from '../clarify/bias/types.ts';
import type { TableInput } from '../data/shared-table.ts';
import type { BiasJobConfig } from '../clarify/bias-job.ts';
import type { ShapJobConfig, ShapJobResult } from '../clarify/shap-job.ts';
import type { AnalysisJson } from '../clarify/analysis.ts';

/** What the studio learns about the model when a session opens. */
export interface ClarifyModelFacts {
  algorithm: string;
  /** The columns explained, as in the data. */
  features: string[];
  /** Outputs explained (the positive class, each class, or the target). */
  labels: string[];
  /** Class labels in index order (classifiers). */
  classes?: string[];
  /** The target column the model was trained on, when it says. */
  target?: string;
  /** Whether exact TreeSHAP is available. */
  tree: boolean;
  /** Whether the outputs are probabilities (use_logit applies; a binary model gets the threshold slider). */
  probabilities: boolean;
}

/** Confusion counts [TP, FP, FN, TN] of the sensitive group and of the rest, per facet split. */
export type FacetConfusion = { valueOrThreshold: string; facet: number[]; rest: number[] }[];

export interface BiasRun {
  pre: BiasSection;
  post?: BiasSection;
  confusion?: FacetConfusion;
  /** Binary models: the threshold the predicted labels used (0.5) and that the slider starts at. */
  threshold?: number;
  analysis: AnalysisJson;
}

/** Progress of a long job: done of total, and what it is doing. */
export type ClarifyProgress = (done: number, total: number, stage: string) => void;

export interface PdpCurve {
  feature: string;
  categorical: boolean;
  /** Grid values (numbers), and their labels (category names, or the number as text). */
  grid: number[];
  gridLabels: string[];
  /** grid × labels: the partial dependence. */
  pdp: Float64Array;
  /** Up to `iceRows` ICE curves: rows × grid × labels. */
  ice: Float64Array;
  iceRows: number;
}

export interface ShapRun extends Omit<ShapJobResult, 'data'> {
  /** rows × features: the explained rows' values (category codes), for colouring. */
  data: Float32Array;
  /** The explained rows' values as text (category names), rows × features, for the waterfall. */
  valueText: string[];
  analysis: AnalysisJson;
  /** explanations_shap/out.csv */
  outCsv: string;
  /** Workers that evaluated the model (Kernel SHAP on a CPU model shares batches across a pool); 1 otherwise. */
  workers: number;
}

export interface ClarifyEngineApi {
  /** Opens a session on the dataset (Arrow IPC) and a model file (null: bias from columns only). */
  open(ipc: TableInput, model: Uint8Array | null): Promise<ClarifyModelFacts | null>;
  /** Pre-training bias, and post-training bias from `cfg.predictedLabel` or (useModel) the session's model. */
  bias(cfg: BiasJobConfig, useModel: boolean): Promise<BiasRun>;
  /** Post-training bias with predicted positive = positive-class score > threshold (binary models, after bias with useModel). */
  biasAt(threshold: number): { post: BiasSection; confusion: FacetConfusion; ms: number };
  shap(cfg: Omit<ShapJobConfig, 'baseline'>, onProgress?: ClarifyProgress): Promise<ShapRun>;
  /** Partial dependence and ICE for `features` (Clarify's grid_resolution), on at most `maxRows` rows. */
  pdp(features: string[], gridResolution: number, maxRows: number, onProgress?: ClarifyProgress): Promise<PdpCurve[]>;
}
