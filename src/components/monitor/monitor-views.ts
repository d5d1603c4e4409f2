// Shapes the Monitor view draws from a run: the model-quality lines with their baseline constraints, which
// windows get an axis label, the checks present among the alerts, and each window's violated features.
import type { MonitorRun, MonitorWindow } from '../../lib/engine/monitor-engine-api.ts';
import { SECTION, type MetricValue, type ProblemType } from '../../lib/monitor/quality-types.ts';
import type { FeatureStatistics } from '../../lib/monitor/types.ts';

/** The metrics the model-quality timeline draws, per problem type (Model Monitor's names). */
export const QUALITY_METRICS: Record<ProblemType, string[]> = {
  BinaryClassification: ['accuracy', 'f1', 'auc'],
  MulticlassClassification: ['accuracy', 'weighted_f1'],
  Regression: ['rmse', 'mae'],
};

/** One metric over the windows: null where a window has no value. */
export interface QualityLine {
  metric: string;
  values: (number | null)[];
  /** The baseline constraint's threshold and operator; absent when the metric has none. */
  threshold?: number;
  operator?: string;
}

function problemOf(run: MonitorRun): ProblemType | null {
  const c = run.baseline.qualityConstraints;
  if (!c) return null;
  return (Object.keys(SECTION) as ProblemType[]).find((p) => c[SECTION[p].constraints] !== undefined) ?? null;
}

/** The model-quality lines of `run` (empty without model quality). */
export function qualityLines(run: MonitorRun): QualityLine[] {
  const problem = problemOf(run);
  if (!problem) return [];
  const constraints = run.baseline.qualityConstraints?.[SECTION[problem].constraints] ?? {};
  return QUALITY_METRICS[problem]
    .filter((m) => constraints[m] !== undefined || run.windows.some((w) => metricOf(w, problem, m) !== null))
    .map((metric) => ({
      metric,
      values: run.windows.map((w) => metricOf(w, problem, metric)),
      ...(constraints[metric] ? { threshold: constraints[metric].threshold, operator: constraints[metric].comparison_operator } : {}),
    }));
}

function metricOf(w: MonitorWindow, problem: ProblemType, metric: string): number | null {
  const m = w.quality?.[SECTION[problem].metrics]?.[metric] as MetricValue | undefined;
  return m && typeof m.value === 'number' && Number.isFinite(m.value) ? m.value : null;
}

/** Indices of the windows that get an axis label: at most `max`, evenly spaced, the first always. */
export function labelledWindows(n: number, max: number): number[] {
  if (n <= 0) return [];
  const step = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

/** The checks among `run`'s alerts, most frequent first. */
export function alertChecks(run: MonitorRun): { check: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const a of run.alerts) counts.set(a.check, (counts.get(a.check) ?? 0) + 1);
  return [...counts].map(([check, count]) => ({ check, count })).sort((a, b) => b.count - a.count || a.check.localeCompare(b.check));
}

/** Per feature, the windows whose baseline_drift_check fails. */
export function driftAlertCounts(run: MonitorRun): Map<string, number> {
  const n = new Map<string, number>();
  for (const a of run.alerts) if (a.check === 'baseline_drift_check' && a.feature) n.set(a.feature, (n.get(a.feature) ?? 0) + 1);
  return n;
}

/** Per window, the features with a violation (any check), for outlining heatmap cells. */
export function violatedFeatures(run: MonitorRun): Set<string>[] {
  return run.windows.map((w) => new Set(w.violations.map((v) => v.feature_name)));
}

/** The largest distance in the run (0 when none). */
export function maxDistance(run: MonitorRun): number {
  let hi = 0;
  for (const w of run.windows) for (const f of run.features) {
    const d = w.distances[f];
    if (d !== null && d !== undefined && d > hi) hi = d;
  }
  return hi;
}

/** One feature's statistics in the baseline beside a window's, as text. */
export interface StatRow {
  feature: string;
  /** What `baseline` and `current` show: 'mean ± sd' (numeric) or 'top value (share)' (String). */
  measure: string;
  baseline: string;
  current: string;
  /** Share of missing cells, baseline and window. */
  missingBaseline: string;
  missingCurrent: string;
  distance: number | null;
}

const share = (n: number, total: number) => (total > 0 ? `${(Number(((100 * n) / total).toPrecision(3)))}%` : '—');
const num = (x: number) => String(Number(x.toPrecision(4)));

function describe(f: FeatureStatistics | undefined): { text: string; missing: string; numeric: boolean } {
  if (!f) return { text: '—', missing: '—', numeric: false };
  const n = f.numerical_statistics;
  if (n) return { text: n.common.num_present ? `${num(n.mean)} ± ${num(n.std_dev)}` : '—', missing: share(n.common.num_missing, n.common.num_missing + n.common.num_present), numeric: true };
  const s = f.string_statistics;
  if (!s) return { text: '—', missing: '—', numeric: false };
  const top = s.distribution.categorical.buckets.reduce<{ value: string; count: number } | null>((a, b) => (!a || b.count > a.count ? b : a), null);
  return { text: top ? `${top.value} (${share(top.count, s.common.num_present)})` : '—', missing: share(s.common.num_missing, s.common.num_missing + s.common.num_present), numeric: false };
}

/** The monitored features' statistics in the baseline beside window `w`'s. */
export function statRows(run: MonitorRun, w: MonitorWindow): StatRow[] {
  const base = new Map(run.baseline.statistics.features.map((f) => [f.name, f]));
  const cur = new Map((w.statistics?.features ?? []).map((f) => [f.name, f]));
  return run.features.map((feature) => {
    const b = describe(base.get(feature));
    const c = describe(cur.get(feature));
    return {
      feature, measure: b.numeric ? 'mean ± sd' : 'top value (share)', baseline: b.text, current: c.text,
      missingBaseline: b.missing, missingCurrent: c.missing, distance: w.distances[feature] ?? null,
    };
  });
}

/**
 * Axis labels that fit: each label (centre `centres[k]`, width `widths[k]`) is kept inside [lo, hi] and
 * dropped when it would come within `gap` px of the label kept before it. Returns the kept indices and centres.
 */
export function fitTicks(centres: readonly number[], widths: readonly number[], lo: number, hi: number, gap = 6): { k: number; x: number }[] {
  const out: { k: number; x: number }[] = [];
  let right = -Infinity;
  centres.forEach((c, k) => {
    const half = widths[k] / 2;
    const x = Math.min(hi - half, Math.max(lo + half, c));
    if (x - half < right + gap) return;
    out.push({ k, x });
    right = x + half;
  });
  return out;
}
