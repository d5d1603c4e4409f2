import { vectorFromArray, Table, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING_CONFIG, suggestConstraints } from '../../../src/lib/monitor/constraints.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';
import type { ConstraintsJson, StatisticsJson } from '../../../src/lib/monitor/types.ts';
import { keyPaths, sdkBaselineTable, sdkJson } from './sdk-fixtures.ts';

describe('suggestConstraints', () => {
  it('writes what Model Monitor wrote for the SDK baseline, plus the guide\'s two categorical drift keys', () => {
    const ours = suggestConstraints(baselineStatistics(sdkBaselineTable()));
    const theirs = sdkJson<ConstraintsJson>('sdk-constraints.json');
    const extra = ['.monitoring_config.distribution_constraints.categorical_comparison_threshold', '.monitoring_config.distribution_constraints.categorical_drift_method'];
    expect([...keyPaths(ours)].filter((k) => !extra.includes(k)).sort()).toEqual([...keyPaths(theirs)].sort());
    const { categorical_comparison_threshold: threshold, categorical_drift_method: method, ...rest } = ours.monitoring_config.distribution_constraints;
    expect({ ...ours, monitoring_config: { ...ours.monitoring_config, distribution_constraints: rest } }).toEqual(theirs);
    expect([threshold, method]).toEqual([0.1, 'LInfinity']);
  });

  it('the default monitoring_config is the baseline job\'s: thresholds 1.0, Robust comparison at 0.1, LInfinity at 0.1', () => {
    expect(DEFAULT_MONITORING_CONFIG).toEqual({
      evaluate_constraints: 'Enabled', emit_metrics: 'Enabled', datatype_check_threshold: 1.0, domain_content_threshold: 1.0,
      distribution_constraints: {
        perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust',
        categorical_comparison_threshold: 0.1, categorical_drift_method: 'LInfinity',
      },
    });
  });

  const text = (values: (string | null)[]) => vectorFromArray(values, new Utf8());

  it('suggests a domain, most frequent first, only when at most 10% of the categories occur once (Deequ\'s CategoricalRangeRule)', () => {
    const repeated = Array.from({ length: 40 }, (_, i) => ['red', 'green', 'blue'][i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : 1]);
    const table = new Table({
      colour: text(repeated),
      id: text(repeated.map((_, i) => `row-${i}`)),
      sparse: text(repeated.map((v, i) => (i % 4 === 0 ? null : v))),
    });
    const c = suggestConstraints(baselineStatistics(table));
    expect(c.features[0].string_constraints).toEqual({ domains: ['green', 'red', 'blue'] });
    expect(c.features[1].string_constraints).toBeUndefined();
    expect(c.features[2]).toMatchObject({ completeness: 0.75, string_constraints: { domains: ['green', 'red', 'blue'] } });
  });

  it('writes no domain past 120 distinct values (Deequ computes no histogram there)', () => {
    const values = Array.from({ length: 1210 }, (_, i) => `v${i % 121}`);
    expect(suggestConstraints(baselineStatistics(new Table({ v: text(values) }))).features[0].string_constraints).toBeUndefined();
    const fewer = values.map((v) => (v === 'v120' ? 'v0' : v));
    expect(suggestConstraints(baselineStatistics(new Table({ v: text(fewer) }))).features[0].string_constraints?.domains).toHaveLength(120);
  });

  it('is_non_negative is false once the minimum is negative', () => {
    const table = new Table({ x: vectorFromArray([1.5, -0.5, 2]), y: vectorFromArray([0, 1, 2]) });
    expect(suggestConstraints(baselineStatistics(table)).features.map((f) => f.num_constraints)).toEqual([
      { is_non_negative: false }, { is_non_negative: true },
    ]);
  });

  it('rejects malformed statistics and an empty baseline, naming the field', () => {
    const stats = baselineStatistics(sdkBaselineTable());
    const broken = structuredClone(stats) as StatisticsJson;
    (broken.features[1].numerical_statistics as unknown as Record<string, unknown>).std_dev = 'wide';
    expect(() => suggestConstraints(broken)).toThrow('stats.features[1].numerical_statistics.std_dev must be a finite number, got "wide".');
    expect(() => suggestConstraints({ version: 0, dataset: { item_count: 0 }, features: [] })).toThrow('stats.dataset.item_count is 0');
    expect(() => suggestConstraints(stats, { domainMaxUniqueRatio: 2 })).toThrow('options.domainMaxUniqueRatio must be in [0, 1], got 2');
  });
});
