// The bias and attribution timelines the Monitor view draws from a run: per facet value and post-training
// metric, the windows' values beside the baseline's and which windows fail bias_drift_check; per explained
// label, the windows' nDCG and which fall below the threshold.
import type { MetricValue } from '../../lib/clarify/bias/types.ts';
import type { MonitorRun } from '../../lib/engine/monitor-engine-api.ts';
import { NDCG_THRESHOLD } from '../../lib/monitor/attribution-drift.ts';

/** The metric the bias timeline opens on (Model Monitor's bias drift example uses it). */
export const DEFAULT_BIAS_METRIC = 'DPPL';

/** One facet value of the bias section: its facet column and value text. */
export interface BiasGroup {
  facet: string;
  value: string;
}

/** One bias metric of one group over the windows. */
export interface BiasLine {
  metric: string;
  /** The metric's long name, e.g. "Difference in Positive Proportions in Predicted Labels (DPPL)". */
  description: string;
  /** Per window; null where the window has no finite value (no rows, an error, an infinite ratio). */
  values: (number | null)[];
  /** The baseline's value; null when not finite. */
  baseline: number | null;
  /** Per window, whether it fails bias_drift_check for this metric and group. */
  flags: boolean[];
}

const finite = (v: MetricValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The facet values of the baseline's bias section, in its order (empty without bias drift). */
export function biasGroups(run: MonitorRun): BiasGroup[] {
  const s = run.baseline.bias;
  if (!s) return [];
  return Object.entries(s.facets).flatMap(([facet, list]) => list.map((r) => ({ facet, value: r.value_or_threshold })));
}

/** The post-training metric names of the baseline's bias section, DPPL first. */
export function biasMetrics(run: MonitorRun): { name: string; description: string }[] {
  const first = Object.values(run.baseline.bias?.facets ?? {})[0]?.[0];
  const all = (first?.metrics ?? []).map((m) => ({ name: m.name, description: m.description }));
  return [...all.filter((m) => m.name === DEFAULT_BIAS_METRIC), ...all.filter((m) => m.name !== DEFAULT_BIAS_METRIC)];
}

/** `metric` of `group` over the windows of `run`, with the baseline's value and the failing windows. */
export function biasLine(run: MonitorRun, group: BiasGroup, metric: string): BiasLine {
  const pick = (facets: Record<string, { value_or_threshold: string; metrics: { name: string; value: MetricValue; description: string }[] }[]> | undefined) => {
    const list = facets?.[group.facet] ?? [];
    // A threshold facet's interval text moves with the window's maximum: one split matches by position.
    const r = list.find((x) => x.value_or_threshold === group.value) ?? (list.length === 1 ? list[0] : undefined);
    return r?.metrics.find((m) => m.name === metric);
  };
  const base = pick(run.baseline.bias?.facets);
  return {
    metric,
    description: base?.description ?? metric,
    values: run.windows.map((w) => finite(pick(w.bias?.facets)?.value)),
    baseline: finite(base?.value),
    flags: run.windows.map((w) => !!w.biasViolations?.some((v) => v.metric_name === metric && v.facet === group.facet)),
  };
}

/** One explained label's nDCG over the windows. */
export interface NdcgLine {
  label: string;
  values: (number | null)[];
  /** Per window, whether its nDCG is below the threshold. */
  flags: boolean[];
  threshold: number;
}

/** Per label the baseline explains, the windows' nDCG (empty without attribution drift). */
export function ndcgLines(run: MonitorRun): NdcgLine[] {
  const a = run.baseline.attribution;
  if (!a) return [];
  const threshold = run.baseline.attributionThreshold ?? NDCG_THRESHOLD;
  const labels = Object.keys(a.tree_shap ?? a.kernel_shap ?? {});
  return labels.map((label) => {
    const values = run.windows.map((w) => w.ndcg?.[label] ?? null);
    return { label, values, threshold, flags: values.map((v) => v !== null && v < threshold) };
  });
}
