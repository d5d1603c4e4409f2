// The bias and nDCG timelines drawn from a run: values per window (null where none or not finite), the
// baseline's value, the windows that fail the check, DPPL first among the metrics.
import { describe, expect, it } from 'vitest';
import type { BiasSection, MetricValue } from '../../../../src/lib/clarify/bias/types.ts';
import type { MonitorRun, MonitorWindow } from '../../../../src/lib/engine/monitor-engine-api.ts';
import { biasGroups, biasLine, biasMetrics, ndcgLines } from '../../../../src/components/monitor/drift-lines.ts';

const section = (values: Record<string, MetricValue>, facetValue = 'online'): BiasSection => ({
  label: 'approved',
  label_value_or_threshold: '1',
  facets: { channel: [{ value_or_threshold: facetValue, metrics: Object.entries(values).map(([name, value]) => ({ name, description: `long ${name}`, value })) }] },
});

const win = (label: string, extra: Partial<MonitorWindow>): MonitorWindow => ({ label, start: 0, end: 1, rows: 10, violations: [], distances: {}, ...extra });

function run(windows: MonitorWindow[], baseline: Partial<MonitorRun['baseline']>): MonitorRun {
  return {
    timeColumn: 'd', window: 'month', features: [], windows, alerts: [], undated: 0, ms: 1,
    baseline: { description: '', rows: 1, statistics: { version: 0, dataset: { item_count: 1 }, features: [] }, constraints: { version: 0, features: [], monitoring_config: {} } as unknown as MonitorRun['baseline']['constraints'], ...baseline },
  };
}

describe('biasLine', () => {
  const violation = (metric: string) => ({ facet: 'channel', facet_value: 'online', metric_name: metric, constraint_check_type: 'bias_drift_check' as const, description: '' });
  const r = run(
    [
      win('2024-01', { bias: section({ DI: 0.9, DPPL: 0.05 }) }),
      win('2024-02', { rows: 0 }),
      win('2024-03', { bias: section({ DI: 'Infinity', DPPL: -0.3 }), biasViolations: [violation('DPPL'), violation('DI')] }),
    ],
    { bias: section({ DI: 0.8, DPPL: 0.2 }) },
  );

  it('lists the groups and puts DPPL first among the metrics', () => {
    expect(biasGroups(r)).toEqual([{ facet: 'channel', value: 'online' }]);
    expect(biasMetrics(r).map((m) => m.name)).toEqual(['DPPL', 'DI']);
  });

  it('gives the windows\' values, null for an empty window and an infinite ratio, and flags the violations of that metric', () => {
    expect(biasLine(r, { facet: 'channel', value: 'online' }, 'DPPL')).toEqual({ metric: 'DPPL', description: 'long DPPL', values: [0.05, null, -0.3], baseline: 0.2, flags: [false, false, true] });
    expect(biasLine(r, { facet: 'channel', value: 'online' }, 'DI').values).toEqual([0.9, null, null]);
  });

  it('matches a threshold facet whose interval text moves by position when each side has one split', () => {
    const t = run([win('2024-01', { bias: section({ DPPL: 0.1 }, '(40, 81]') })], { bias: section({ DPPL: 0.2 }, '(40, 77]') });
    expect(biasLine(t, biasGroups(t)[0], 'DPPL').values).toEqual([0.1]);
  });
});

describe('ndcgLines', () => {
  it('is empty without attribution; otherwise one line per label with the windows below the threshold flagged', () => {
    expect(ndcgLines(run([win('a', {})], {}))).toEqual([]);
    const g = { global_shap_values: { x: 1, z: 0.5 }, expected_value: 0 };
    const r = run([win('a', { ndcg: { '1': 0.95 } }), win('b', { rows: 0 }), win('c', { ndcg: { '1': 0.6 } })], { attribution: { tree_shap: { '1': g } } as MonitorRun['baseline']['attribution'], attributionThreshold: 0.9 });
    expect(ndcgLines(r)).toEqual([{ label: '1', values: [0.95, null, 0.6], flags: [false, false, true], threshold: 0.9 }]);
  });
});
