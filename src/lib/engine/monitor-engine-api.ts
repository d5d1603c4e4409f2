// The Model Monitor worker's API (workers/monitor.worker.ts): one dataset per session, a baseline (the rows
// before a date, or Model Monitor's own statistics.json and constraints.json) and a timeline of every time
// window checked against it, with progress. Cancel terminates the worker, as the Clarify worker does.
import type { BiasSection } from '../clarify/bias/types.ts';
import type { TableInput } from '../data/shared-table.ts';
import type { Explanations } from '../monitor/attribution-drift.ts';
import type { BiasDriftConfig } from '../monitor/bias-drift.ts';
import type { Alert, QualityColumns, TimelineWindow, WindowSize } from '../monitor/timeline.ts';
import type { ModelQualityConstraints, ModelQualityStatistics } from '../monitor/quality-types.ts';
import type { ConstraintsJson, StatisticsJson } from '../monitor/types.ts';

/** A baseline file the user opened: its name (for messages) and its text. */
export interface BaselineFileText {
  name: string;
  text: string;
}

/** Where the baseline comes from. */
export type BaselineSource =
  /** The rows whose time is before `before` (epoch ms, UTC). */
  | { kind: 'before'; before: number }
  /** Model Monitor's files: data-quality statistics.json and constraints.json, and optionally a model-quality constraints.json. */
  | { kind: 'files'; statistics: BaselineFileText; constraints: BaselineFileText; quality?: BaselineFileText };

export interface MonitorRunConfig {
  timeColumn: string;
  window: WindowSize;
  baseline: BaselineSource;
  /** Ground truth and predictions for the model-quality timeline; defaults to none. */
  quality?: QualityColumns;
  /**
   * Bias drift (needs a baseline of rows before a date): Clarify's bias config without `predictions`; when
   * `predictedLabel` is absent the predicted labels come from `model`. Defaults to none.
   */
  bias?: Omit<BiasDriftConfig, 'predictions'>;
  /** Feature attribution drift with `model` (needs a baseline of rows before a date); defaults to none. */
  attribution?: MonitorAttributionConfig;
  /** The model file's bytes, for bias predicted by the model and for attribution drift; defaults to none. */
  model?: { bytes: Uint8Array; name: string };
}

/** What the attribution drift check explains with. */
export interface MonitorAttributionConfig {
  /** Rows explained at most per window with Kernel SHAP (TreeSHAP explains all); defaults to 200. */
  maxRows?: number;
  /** nDCG below this is a violation; defaults to 0.9. */
  threshold?: number;
}

/** The time span of a column, or why it cannot be used as the time column. */
export type TimeSpan = { min: number; max: number; undated: number } | { error: string };

/**
 * One window of the timeline as the view draws it: the engine's TimelineWindow, its statistics' KLL sketches
 * emptied (their buckets stay) to keep the message small. `drift` (KS, Wasserstein, PSI, JS per feature) is
 * there only with a baseline of rows before a date: baseline files hold statistics, not rows.
 */
export type MonitorWindow = TimelineWindow;

export interface MonitorRun {
  timeColumn: string;
  window: WindowSize;
  /** The monitored features (the baseline's, less the time column), in the baseline's order. */
  features: string[];
  windows: MonitorWindow[];
  alerts: Alert[];
  /** Rows whose time is missing or unreadable. */
  undated: number;
  baseline: {
    /** In words, e.g. "the 1,482 rows before 2024-04-01" or "statistics.json and constraints.json". */
    description: string;
    rows: number;
    statistics: StatisticsJson;
    constraints: ConstraintsJson;
    /** Model-quality statistics of the baseline rows (a baseline taken from the data with quality columns). */
    qualityStatistics?: ModelQualityStatistics;
    qualityConstraints?: ModelQualityConstraints;
    /** The baseline rows' post-training bias section (bias_baseline.json: the bias drift job's constraints). */
    bias?: BiasSection;
    /** The baseline rows' explanations section (attribution_baseline.json); with the threshold used. */
    attribution?: Explanations;
    attributionThreshold?: number;
  };
  /** Whole-job time, ms. */
  ms: number;
}

/** Progress: done of total windows, and what it is doing. */
export type MonitorProgress = (done: number, total: number, stage: string) => void;

export interface MonitorEngineApi {
  /** Opens a session on the dataset (Arrow IPC). */
  open(ipc: TableInput): Promise<void>;
  /** The time span of `column` in the session's dataset, or why it cannot be the time column. */
  span(column: string): TimeSpan;
  /** Builds the baseline and checks every window against it. */
  run(cfg: MonitorRunConfig, onProgress?: MonitorProgress): Promise<MonitorRun>;
}
