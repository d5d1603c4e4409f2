// Model Monitor as a schedule would run it, over one file: the rows are split into time windows (hour,
// day, week, month, UTC) by a timestamp column, and every window is checked against the baseline (data
// quality, and model quality when the baseline has it): a drift distance per feature and window, the
// violations of each window, and one list of alerts. A window without rows is an alert, not a gap.
// Bias drift (bias-drift.ts) runs here too; feature attribution drift (attribution-drift.ts) needs SHAP,
// which is asynchronous, so it runs in runTimelineAsync, which adds it to runTimeline's result.
// With the baseline's rows as `reference`, each window also gets the measures of `mlpad monitor drift`
// (KS, Wasserstein, PSI, JS): the reference is read and sorted once, the table's columns read once.
import { DataType, type Table } from 'apache-arrow';
import { takeRows } from '../data/take-rows.ts';
import { parseIsoDate } from '../profile/iso-date.ts';
import type { BiasSection } from '../clarify/bias/types.ts';
import { attributionDrift, explainRows, type AttributionConfig, type AttributionDriftViolation, type Explanations } from './attribution-drift.ts';
import { biasDriftViolations, biasInputs, biasSection, type BiasDriftConfig, type BiasDriftViolation, type BiasInputs } from './bias-drift.ts';
import { checkData } from './check.ts';
import type { DriftColumn } from './drift-columns.ts';
import type { FeatureDrift } from './drift-metrics.ts';
import { driftAgainst, prepareReference, readDriftColumn, takeDriftColumn } from './drift-reference.ts';
import { checkModelQuality } from './quality-constraints.ts';
import { modelQualityStatistics } from './model-quality.ts';
import type { ModelQualityConstraints, ModelQualityStatistics, ModelQualityViolation, ProblemType } from './quality-types.ts';
import type { ConstraintsJson, StatisticsJson, Violation } from './types.ts';

export type WindowSize = 'hour' | 'day' | 'week' | 'month';
export const WINDOW_SIZES: readonly WindowSize[] = ['hour', 'day', 'week', 'month'];

/** Columns of ground truth and predictions for the model-quality check. */
export interface QualityColumns {
  problemType: ProblemType;
  actual: string;
  predicted: string;
  /** Binary: the probability of class 1 (for auc); defaults to none. */
  probability?: string;
}

export interface Baseline {
  statistics: StatisticsJson;
  constraints: ConstraintsJson;
  /** The model-quality constraints from a baseline with ground truth; absent: no model-quality check. */
  quality?: ModelQualityConstraints;
  /** The baseline's post-training bias section (biasBaseline); absent: no bias drift check. */
  bias?: BiasSection;
  /** The baseline's explanations section (attributionBaseline); absent: no attribution drift check. */
  attribution?: Explanations;
}

export interface TimelineConfig {
  timeColumn: string;
  window: WindowSize;
  /** Ground truth and predictions, for the model-quality check (needs `baseline.quality`); defaults to none. */
  quality?: QualityColumns;
  /** Label, facet and predicted labels for bias drift (needs `baseline.bias`); defaults to none. */
  bias?: BiasDriftConfig;
  /** Model and SHAP options for attribution drift (needs `baseline.attribution`; runTimelineAsync only); defaults to none. */
  attribution?: AttributionConfig;
  /** The baseline rows, for KS, Wasserstein, PSI and JS per window (each window's `drift`); defaults to none. */
  reference?: Table;
}

export interface TimelineWindow {
  /** e.g. "2024-03-05" (day), "2024-W10" (week), "2024-03" (month), "2024-03-05 14:00" (hour). */
  label: string;
  /** Epoch ms of the window's start (inclusive) and end (exclusive), UTC. */
  start: number;
  end: number;
  rows: number;
  /** statistics.json of the window (absent when it has no rows). */
  statistics?: StatisticsJson;
  violations: Violation[];
  /** Per feature, the plain L∞ distance to the baseline; null where not comparable. */
  distances: Record<string, number | null>;
  /** Per monitored feature, driftReport(reference, window rows)'s entry; present when a reference was given and the window has rows. */
  drift?: FeatureDrift[];
  quality?: ModelQualityStatistics;
  qualityViolations?: ModelQualityViolation[];
  /** The window's post-training bias section, with bias drift. */
  bias?: BiasSection;
  biasViolations?: BiasDriftViolation[];
  /** Why bias could not be computed for this window (e.g. one facet group has no rows). */
  biasError?: string;
  /** The window's explanations section, with attribution drift. */
  attribution?: Explanations;
  /** Per label, the nDCG of the window's attributions against the baseline's. */
  ndcg?: Record<string, number>;
  attributionViolations?: AttributionDriftViolation[];
}

export interface Alert {
  window: string;
  /** The feature, or the metric for model-quality alerts; absent for window-wide alerts. */
  feature?: string;
  check: string;
  description: string;
}

export interface TimelineResult {
  timeColumn: string;
  window: WindowSize;
  /** Baseline features, in its order. */
  features: string[];
  windows: TimelineWindow[];
  alerts: Alert[];
  /** Rows whose time is missing or unreadable (left out of every window). */
  undated: number;
}

const DAY = 86_400_000;

/** Start (epoch ms, UTC) of the window holding `t`. Weeks start on Monday (ISO). */
export function windowStart(t: number, size: WindowSize): number {
  const d = new Date(t);
  switch (size) {
    case 'hour': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case 'day': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'week': {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * DAY;
    }
    case 'month': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

/** The start of the window after the one starting at `start`. */
export function nextWindow(start: number, size: WindowSize): number {
  const d = new Date(start);
  switch (size) {
    case 'hour': return start + 3_600_000;
    case 'day': return start + DAY;
    case 'week': return start + 7 * DAY;
    case 'month': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
}

/** A window's label: 2024-03-05 14:00, 2024-03-05, 2024-W10 (ISO week), 2024-03. */
export function windowLabel(start: number, size: WindowSize): string {
  const iso = new Date(start).toISOString();
  if (size === 'hour') return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  if (size === 'day') return iso.slice(0, 10);
  if (size === 'month') return iso.slice(0, 7);
  // ISO week: the week belongs to the year of its Thursday.
  const thursday = new Date(start + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Epoch ms of each row's time (NaN where missing or unreadable); throws naming the column when none parse. */
export function rowTimes(table: Table, column: string): Float64Array {
  const field = table.schema.fields.find((f) => f.name === column);
  const vector = table.getChild(column);
  if (!field || !vector) throw new Error(`time column ${JSON.stringify(column)} is not in the data; its columns are ${table.schema.fields.map((f) => JSON.stringify(f.name)).join(', ')}`);
  const out = new Float64Array(table.numRows);
  const temporal = DataType.isDate(field.type) || DataType.isTimestamp(field.type);
  let good = 0;
  for (let i = 0; i < out.length; i++) {
    const v = vector.get(i);
    out[i] = v === null || v === undefined ? NaN : temporal ? Number(v) : parseIsoDate(String(v));
    if (out[i] === out[i]) good++;
  }
  if (good === 0 && table.numRows > 0) {
    throw new Error(`time column ${JSON.stringify(column)} holds no dates or times that can be read (first value ${JSON.stringify(String(vector.get(0)))}); choose a date or timestamp column`);
  }
  return out;
}

function qualityInput(t: Table, q: QualityColumns) {
  const col = (name: string) => {
    const v = t.getChild(name);
    if (!v) throw new Error(`model-quality column ${JSON.stringify(name)} is not in the data`);
    return Array.from({ length: t.numRows }, (_, i) => v.get(i) as number | string);
  };
  const numeric = (xs: (number | string)[]) => xs.map(Number);
  const actual = col(q.actual);
  const predicted = col(q.predicted);
  return {
    problemType: q.problemType,
    actual: q.problemType === 'MulticlassClassification' ? actual.map(String) : numeric(actual),
    predicted: q.problemType === 'MulticlassClassification' ? predicted.map(String) : numeric(predicted),
    probability: q.probability ? numeric(col(q.probability)) : undefined,
  };
}

/** The rows of each window, in time order (empty windows included), and how many rows have no time. */
export interface WindowRows {
  starts: number[];
  rows: number[][];
  undated: number;
  /** Whether the rows are in time order (then a window's rows are a slice). */
  sorted: boolean;
}

/** Groups the rows of `table` into the windows of `cfg`, from the first dated row's window to the last's. */
export function windowRows(table: Table, cfg: Pick<TimelineConfig, 'timeColumn' | 'window'>): WindowRows {
  if (!WINDOW_SIZES.includes(cfg.window)) throw new RangeError(`window must be one of ${WINDOW_SIZES.join(', ')}; got ${JSON.stringify(cfg.window)}`);
  const times = rowTimes(table, cfg.timeColumn);
  const members = new Map<number, number[]>();
  let undated = 0;
  let sorted = true;
  let last = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (t !== t) { undated++; continue; }
    if (t < last) sorted = false;
    last = t;
    const start = windowStart(t, cfg.window);
    let rows = members.get(start);
    if (!rows) members.set(start, (rows = []));
    rows.push(i);
  }
  const keys = [...members.keys()].sort((a, b) => a - b);
  const starts: number[] = [];
  if (keys.length) for (let s = keys[0]; s <= keys[keys.length - 1]; s = nextWindow(s, cfg.window)) starts.push(s);
  return { starts, rows: starts.map((s) => members.get(s) ?? []), undated, sorted };
}

/** The drift measures of a window's rows against `reference`, over `features`. */
function windowDrift(reference: Table, table: Table, features: string[]): (rows: readonly number[]) => FeatureDrift[] {
  if (!reference || typeof reference.getChild !== 'function' || !reference.schema) throw new TypeError('reference must be an Arrow Table of the baseline rows (or left out)');
  const prepared = prepareReference(reference, { columns: features });
  const columns = new Map<string, DriftColumn | null>(features.map((f) => [f, readDriftColumn(table, f)]));
  return (rows) => driftAgainst(prepared, (name) => {
    const column = columns.get(name);
    return column ? takeDriftColumn(column, rows) : null;
  });
}

function checkBias(w: TimelineWindow, inputs: BiasInputs, base: BiasSection, rows: number[], alerts: Alert[]): void {
  try {
    w.bias = biasSection(inputs, rows);
  } catch (e) {
    w.biasError = (e as Error).message;
    alerts.push({ window: w.label, check: 'bias_analysis_error', description: `Bias metrics could not be computed for ${w.label}: ${w.biasError}.` });
    return;
  }
  w.biasViolations = biasDriftViolations(base, w.bias);
  for (const v of w.biasViolations) alerts.push({ window: w.label, feature: v.metric_name, check: v.constraint_check_type, description: v.description });
}

/**
 * Runs every window of `table` against `baseline`: data quality, model quality and bias drift as configured.
 * `onProgress(done, total)` after each window. Attribution drift needs runTimelineAsync.
 */
export function runTimeline(baseline: Baseline, table: Table, cfg: TimelineConfig, onProgress?: (done: number, total: number) => void): TimelineResult {
  if (!WINDOW_SIZES.includes(cfg.window)) throw new RangeError(`window must be one of ${WINDOW_SIZES.join(', ')}; got ${JSON.stringify(cfg.window)}`);
  if (cfg.quality && !baseline.quality) throw new Error('model-quality columns were given but the baseline has no model-quality constraints; run the baseline with ground truth and predictions');
  if (cfg.bias && !baseline.bias) throw new Error('a bias configuration was given but the baseline has no bias section; make one with biasBaseline on the baseline rows');
  if (cfg.attribution) throw new Error('attribution drift runs SHAP, which is asynchronous: call runTimelineAsync');
  const { starts: all, rows: windowMembers, undated, sorted } = windowRows(table, cfg);
  const features = baseline.statistics.features.map((f) => f.name);
  const windows: TimelineWindow[] = [];
  const alerts: Alert[] = [];
  if (all.length === 0) return { timeColumn: cfg.timeColumn, window: cfg.window, features, windows, alerts, undated };
  const bias = cfg.bias && baseline.bias ? { inputs: biasInputs(table, cfg.bias), base: baseline.bias } : undefined;
  const drift = cfg.reference ? windowDrift(cfg.reference, table, features) : undefined;
  all.forEach((start, k) => {
    const label = windowLabel(start, cfg.window);
    const rows = windowMembers[k];
    const w: TimelineWindow = { label, start, end: nextWindow(start, cfg.window), rows: rows.length, violations: [], distances: {} };
    if (rows.length === 0) {
      alerts.push({ window: label, check: 'empty_window', description: `No rows fall in ${label}: the data has a gap there (a feed that stopped?), so nothing was checked.` });
    } else {
      const contiguous = sorted && rows[rows.length - 1] - rows[0] === rows.length - 1;
      const slice = contiguous ? table.slice(rows[0], rows[rows.length - 1] + 1) : takeRows(table, rows);
      const r = checkData(baseline.statistics, baseline.constraints, slice);
      w.statistics = r.statistics;
      w.violations = r.violations.violations;
      w.distances = r.distances;
      for (const v of w.violations) alerts.push({ window: label, feature: v.feature_name, check: v.constraint_check_type, description: v.description });
      if (cfg.quality && baseline.quality) {
        w.quality = modelQualityStatistics(qualityInput(slice, cfg.quality));
        w.qualityViolations = checkModelQuality(baseline.quality, w.quality).violations;
        for (const v of w.qualityViolations) alerts.push({ window: label, feature: v.metric_name, check: 'model_quality_check', description: v.description });
      }
      if (bias) checkBias(w, bias.inputs, bias.base, rows, alerts);
      if (drift) w.drift = drift(rows);
    }
    windows.push(w);
    onProgress?.(k + 1, all.length);
  });
  return { timeColumn: cfg.timeColumn, window: cfg.window, features, windows, alerts, undated };
}

/**
 * runTimeline, then feature attribution drift per window when `cfg.attribution` is given: each window's
 * global SHAP values (Kernel SHAP on at most `maxRows` evenly spaced rows), their nDCG against
 * `baseline.attribution` and a violation below the threshold. Alerts stay in window order.
 */
export async function runTimelineAsync(baseline: Baseline, table: Table, cfg: TimelineConfig, onProgress?: (done: number, total: number) => void): Promise<TimelineResult> {
  const attribution = cfg.attribution;
  if (attribution && !baseline.attribution) throw new Error('an attribution configuration was given but the baseline has no explanations; make them with attributionBaseline on the baseline rows');
  const r = runTimeline(baseline, table, { ...cfg, attribution: undefined }, attribution ? undefined : onProgress);
  if (!attribution || !baseline.attribution) return r;
  const { rows } = windowRows(table, cfg);
  const extra = new Map<string, Alert[]>();
  for (let k = 0; k < r.windows.length; k++) {
    const w = r.windows[k];
    if (w.rows > 0) {
      w.attribution = await explainRows(table, attribution, rows[k]);
      const d = attributionDrift(baseline.attribution, w.attribution, attribution.threshold);
      w.ndcg = d.scores;
      w.attributionViolations = d.violations;
      extra.set(w.label, d.violations.map((v) => ({ window: w.label, feature: v.label, check: v.constraint_check_type, description: v.description })));
    }
    onProgress?.(k + 1, r.windows.length);
  }
  r.alerts = r.windows.flatMap((w) => [...r.alerts.filter((a) => a.window === w.label), ...(extra.get(w.label) ?? [])]);
  return r;
}
