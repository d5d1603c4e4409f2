import { describe, expect, it } from 'vitest';
import { alertChecks, driftAlertCounts, fitTicks, labelledWindows, maxDistance, qualityLines, statRows, violatedFeatures } from '../../../../src/components/monitor/monitor-views.ts';
import type { MonitorRun, MonitorWindow } from '../../../../src/lib/engine/monitor-engine-api.ts';
import type { FeatureStatistics, StatisticsJson } from '../../../../src/lib/monitor/types.ts';

const num = (name: string, mean: number, sd: number, present: number, missing: number): FeatureStatistics => ({
  name, inferred_type: 'Fractional',
  numerical_statistics: { common: { num_present: present, num_missing: missing }, mean, sum: mean * present, std_dev: sd, min: 0, max: 1, distribution: { kll: { buckets: [], sketch: { parameters: { c: 0.64, k: 2048 }, data: [] } } } },
});
const str = (name: string, buckets: [string, number][], missing = 0): FeatureStatistics => ({
  name, inferred_type: 'String',
  string_statistics: { common: { num_present: buckets.reduce((s, [, n]) => s + n, 0), num_missing: missing }, distinct_count: buckets.length, distribution: { categorical: { buckets: buckets.map(([value, count]) => ({ value, count })) } } },
});
const stats = (features: FeatureStatistics[]): StatisticsJson => ({ version: 0, dataset: { item_count: 10 }, features });
const metric = (value: number) => ({ value, standard_deviation: 'NaN' as const });

function win(label: string, distances: Record<string, number | null>, extra: Partial<MonitorWindow> = {}): MonitorWindow {
  return { label, start: 0, end: 1, rows: 10, violations: [], distances, ...extra };
}

const run: MonitorRun = {
  timeColumn: 'd', window: 'month', features: ['x', 'k'], undated: 0, ms: 1,
  windows: [
    win('2024-01', { x: 0.02, k: 0.01 }, { statistics: stats([num('x', 1.23456, 0.5, 9, 1), str('k', [['a', 6], ['b', 4]])]), quality: { version: 0, dataset: { item_count: 10 }, binary_classification_metrics: { accuracy: metric(0.8), f1: metric(0.7) } } }),
    win('2024-02', { x: 0.31, k: null }, {
      violations: [{ feature_name: 'x', constraint_check_type: 'baseline_drift_check', description: 'drift' }],
      quality: { version: 0, dataset: { item_count: 10 }, binary_classification_metrics: { accuracy: metric(0.6), f1: { value: 'NaN', standard_deviation: 'NaN' } } },
    }),
    win('2024-03', {}, { rows: 0 }),
  ],
  alerts: [
    { window: '2024-02', feature: 'x', check: 'baseline_drift_check', description: 'drift' },
    { window: '2024-02', feature: 'accuracy', check: 'model_quality_check', description: 'low' },
    { window: '2024-03', check: 'empty_window', description: 'none' },
    { window: '2024-03', feature: 'x', check: 'baseline_drift_check', description: 'drift' },
  ],
  baseline: {
    description: 'rows', rows: 10, statistics: stats([num('x', 1, 0.25, 10, 0), str('k', [['a', 5], ['b', 5]])]),
    constraints: { version: 0, features: [], monitoring_config: { evaluate_constraints: 'Enabled', emit_metrics: 'Enabled', datatype_check_threshold: 1, domain_content_threshold: 1, distribution_constraints: { perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust' } } },
    qualityConstraints: { version: 0, binary_classification_constraints: { accuracy: { threshold: 0.75, comparison_operator: 'LessThanThreshold' } } },
  },
};

describe('monitor view shapes', () => {
  it('qualityLines draws the binary metrics present, with the baseline constraint where there is one', () => {
    expect(qualityLines(run)).toEqual([
      { metric: 'accuracy', values: [0.8, 0.6, null], threshold: 0.75, operator: 'LessThanThreshold' },
      { metric: 'f1', values: [0.7, null, null] },
    ]);
    expect(qualityLines({ ...run, baseline: { ...run.baseline, qualityConstraints: undefined } })).toEqual([]);
  });

  it('labelledWindows spaces at most max labels evenly from the first window', () => {
    expect(labelledWindows(12, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(labelledWindows(12, 5)).toEqual([0, 3, 6, 9]);
    expect(labelledWindows(366, 10)).toHaveLength(10);
    expect(labelledWindows(0, 5)).toEqual([]);
    expect(labelledWindows(3, 0)).toEqual([0]); // no room: still the first
  });

  it('alertChecks counts checks, most frequent first; driftAlertCounts counts drift alerts per feature', () => {
    expect(alertChecks(run)).toEqual([{ check: 'baseline_drift_check', count: 2 }, { check: 'empty_window', count: 1 }, { check: 'model_quality_check', count: 1 }]);
    expect([...driftAlertCounts(run)]).toEqual([['x', 2]]);
  });

  it('violatedFeatures and maxDistance read the windows', () => {
    expect(violatedFeatures(run).map((s) => [...s])).toEqual([[], ['x'], []]);
    expect(maxDistance(run)).toBe(0.31);
  });

  it('statRows sets each feature\'s baseline statistics beside the window\'s, as text', () => {
    expect(statRows(run, run.windows[0])).toEqual([
      { feature: 'x', measure: 'mean ± sd', baseline: '1 ± 0.25', current: '1.235 ± 0.5', missingBaseline: '0%', missingCurrent: '10%', distance: 0.02 },
      { feature: 'k', measure: 'top value (share)', baseline: 'a (50%)', current: 'a (60%)', missingBaseline: '0%', missingCurrent: '0%', distance: 0.01 },
    ]);
    expect(statRows(run, run.windows[2])[0]).toMatchObject({ current: '—', missingCurrent: '—', distance: null });
  });
});

describe('fitTicks', () => {
  it('keeps labels inside [lo, hi] and drops one that would overlap the label before it', () => {
    // The first label is pushed right to fit; the second would then overlap it and is dropped.
    expect(fitTicks([105, 150, 250], [60, 60, 60], 100, 400)).toEqual([{ k: 0, x: 130 }, { k: 2, x: 250 }]);
    expect(fitTicks([390], [40], 0, 400)).toEqual([{ k: 0, x: 380 }]);
    expect(fitTicks([10, 30], [10, 10], 0, 100, 6)).toEqual([{ k: 0, x: 10 }, { k: 1, x: 30 }]);
    expect(fitTicks([10, 25], [10, 10], 0, 100, 6)).toEqual([{ k: 0, x: 10 }]);
  });
});
