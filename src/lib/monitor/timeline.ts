// Model Monitor as a schedule would run it, over one file: the rows are split into time windows (hour,
// day, week, month, UTC) by a timestamp column, and every window is checked against the baseline (data
// quality, and model quality when the baseline has it): a drift distance per feature and window, the
// violations of each window, and one list of alerts. A window without rows is an alert, not a gap.
import { DataType, type Table } from 'apache-arrow';
import { takeRows } from '../data/take-rows.ts';
import { parseIsoDate } from '../profile/iso-date.ts';
import { checkData } from './check.ts';
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
}

export interface TimelineConfig {
  timeColumn: string;
  window: WindowSize;
  /** Ground truth and predictions, for the model-quality check (needs `baseline.quality`); defaults to none. */
  quality?: QualityColumns;
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
  quality?: ModelQualityStatistics;
  qualityViolations?: ModelQualityViolation[];
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

/** Runs every window of `table` against `baseline`. `onProgress(done, total)` after each window. */
export function runTimeline(baseline: Baseline, table: Table, cfg: TimelineConfig, onProgress?: (done: number, total: number) => void): TimelineResult {
  if (!WINDOW_SIZES.includes(cfg.window)) throw new RangeError(`window must be one of ${WINDOW_SIZES.join(', ')}; got ${JSON.stringify(cfg.window)}`);
  if (cfg.quality && !baseline.quality) throw new Error('model-quality columns were given but the baseline has no model-quality constraints; run the baseline with ground truth and predictions');
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
  const starts = [...members.keys()].sort((a, b) => a - b);
  const features = baseline.statistics.features.map((f) => f.name);
  const windows: TimelineWindow[] = [];
  const alerts: Alert[] = [];
  if (starts.length === 0) return { timeColumn: cfg.timeColumn, window: cfg.window, features, windows, alerts, undated };
  const all: number[] = [];
  for (let s = starts[0]; s <= starts[starts.length - 1]; s = nextWindow(s, cfg.window)) all.push(s);
  all.forEach((start, k) => {
    const label = windowLabel(start, cfg.window);
    const rows = members.get(start) ?? [];
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
    }
    windows.push(w);
    onProgress?.(k + 1, all.length);
  });
  return { timeColumn: cfg.timeColumn, window: cfg.window, features, windows, alerts, undated };
}
