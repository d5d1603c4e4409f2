// Bias drift: the guide's rule (a metric farther from balance than in the baseline is a bias_drift_check
// violation; its own DPPL example), DI's balance at 1, infinities and failed metrics; then the bundled
// loan-applications sample, monthly windows against a Q1 baseline with facet channel = online, label
// approved = 1 and the `predicted` column, where DPPL, DI and AD are recomputed here from the CSV's counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BiasSection, MetricValue } from '../../../src/lib/clarify/bias/types.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { suggestConstraints } from '../../../src/lib/monitor/constraints.ts';
import { biasBaseline, biasDriftViolations, biasInputs, biasSection } from '../../../src/lib/monitor/bias-drift.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';
import { runTimeline, windowRows } from '../../../src/lib/monitor/timeline.ts';

const SAMPLE = 'public/samples/loan-applications.csv';

function section(metrics: Record<string, MetricValue>, value = 'online', facet = 'channel'): BiasSection {
  return {
    label: 'approved', label_value_or_threshold: '1',
    facets: { [facet]: [{ value_or_threshold: value, metrics: Object.entries(metrics).map(([name, v]) => ({ name, description: name, value: v })) }] },
  };
}

const names = (v: { metric_name: string }[]) => v.map((x) => x.metric_name);

describe('biasDriftViolations', () => {
  it('the guide\'s example: baseline DPPL 0.2, window 0.1 passes, window -0.3 is a violation', () => {
    const base = section({ DPPL: 0.2 });
    expect(biasDriftViolations(base, section({ DPPL: 0.1 }))).toEqual([]);
    expect(biasDriftViolations(base, section({ DPPL: -0.2 }))).toEqual([]); // as far as the baseline: not worse
    expect(biasDriftViolations(base, section({ DPPL: -0.3 }))).toEqual([{
      facet: 'channel', facet_value: 'online', metric_name: 'DPPL', constraint_check_type: 'bias_drift_check',
      description: expect.stringMatching(/^Value -0\.3 does not meet the constraint requirement: Difference in Positive Proportions in Predicted Labels \(DPPL\) for channel = online is farther from its balanced value 0 than the baseline's 0\.2\./),
    }]);
  });

  it('DI is balanced at 1; infinities are infinitely far; a failed metric (null) is not compared', () => {
    const base = section({ DI: 0.8, TE: 1, GE: null, FT: 0.1 });
    expect(names(biasDriftViolations(base, section({ DI: 1.1, TE: 0.5, GE: 0.3, FT: null })))).toEqual([]);
    expect(names(biasDriftViolations(base, section({ DI: 1.3, TE: 'Infinity', GE: 0.3, FT: -0.2 })))).toEqual(['DI', 'TE', 'FT']);
    expect(names(biasDriftViolations(base, section({ DI: 0.7, TE: '-Infinity', GE: 0.3, FT: 0 })))).toEqual(['DI', 'TE']);
    expect(names(biasDriftViolations(section({ TE: 'Infinity' }), section({ TE: '-Infinity' })))).toEqual([]);
  });

  it('facet values match by text; a threshold interval that moved with the data matches by position; unknown values are skipped', () => {
    expect(names(biasDriftViolations(section({ AD: 0.1 }, '(40, 75]', 'age'), section({ AD: 0.2 }, '(40, 71]', 'age')))).toEqual(['AD']);
    const two = (a: number, b: number): BiasSection => ({ label: 'y', label_value_or_threshold: '1', facets: { c: [{ value_or_threshold: 'x', metrics: [{ name: 'AD', description: '', value: a }] }, { value_or_threshold: 'z', metrics: [{ name: 'AD', description: '', value: b }] }] } });
    const v = biasDriftViolations(two(0.1, 0.1), { ...two(0.05, 0.3), facets: { c: [...two(0.05, 0.3).facets.c, { value_or_threshold: 'new', metrics: [{ name: 'AD', description: '', value: 0.9 }] }] } });
    expect(v.map((x) => `${x.facet_value}:${x.metric_name}`)).toEqual(['z:AD']);
  });
});

// --- The bundled sample, by hand: per row the month, whether online, the label and the prediction. ---
const rows = readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((l) => {
  const c = l.split(',');
  return { month: Number(c[0].slice(5, 7)), online: c[6] === 'online', y: c[7] === '1', p: c[9] === '1' };
});

/** DPPL = q̂a − q̂d, DI = q̂d / q̂a, AD = acc_a − acc_d (a = the other channels, d = online), as Clarify defines them. */
function byHand(months: number[]) {
  const g = (online: boolean) => {
    const r = rows.filter((x) => months.includes(x.month) && x.online === online);
    return { q: r.filter((x) => x.p).length / r.length, acc: r.filter((x) => x.p === x.y).length / r.length };
  };
  const a = g(false), d = g(true);
  return { DPPL: a.q - d.q, DI: d.q / a.q, AD: a.acc - d.acc };
}

const valueOf = (s: BiasSection, metric: string) => s.facets.channel[0].metrics.find((m) => m.name === metric)!.value as number;

describe('bias drift on loan-applications.csv (monthly, baseline Q1, channel = online, approved = 1, predicted)', async () => {
  const table = (await loadBytes('loans.csv', new Uint8Array(readFileSync(SAMPLE)))).table;
  const cfg = { label: 'approved', labelValuesOrThreshold: [1], facet: 'channel', facetValuesOrThreshold: ['online'], predictedLabel: 'predicted' };
  const months = windowRows(table, { timeColumn: 'application_date', window: 'month' });
  const q1 = months.rows.slice(0, 3).flat();
  const base = biasSection(biasInputs(table, cfg), q1);

  it('the baseline\'s DPPL, DI and AD equal the counts of the CSV (1e-12)', () => {
    const hand = byHand([1, 2, 3]);
    for (const m of ['DPPL', 'DI', 'AD'] as const) expect(valueOf(base, m), m).toBeCloseTo(hand[m], 12);
    // biasBaseline on the Q1 rows alone is the same section.
    const q1Table = table.slice(0, q1.length);
    expect(biasBaseline(q1Table, cfg)).toEqual(base);
  });

  it('runTimeline raises bias_drift_check for DPPL, DI and AD in exactly the months the counts say are worse than Q1', () => {
    const statistics = baselineStatistics(table.slice(0, q1.length));
    const r = runTimeline({ statistics, constraints: suggestConstraints(statistics), bias: base }, table, { timeColumn: 'application_date', window: 'month', bias: cfg });
    expect(r.windows).toHaveLength(12);
    const hand = byHand([1, 2, 3]);
    const flagged = (metric: string) => r.alerts.filter((a) => a.check === 'bias_drift_check' && a.feature === metric).map((a) => Number(a.window.slice(5)));
    for (const metric of ['DPPL', 'DI', 'AD'] as const) {
      const balance = metric === 'DI' ? 1 : 0;
      const expected = r.windows.map((_, k) => k + 1).filter((m) => Math.abs(byHand([m])[metric] - balance) > Math.abs(hand[metric] - balance));
      expect(flagged(metric), metric).toEqual(expected);
      r.windows.forEach((w, k) => expect(valueOf(w.bias!, metric), `${metric} ${w.label}`).toBeCloseTo(byHand([k + 1])[metric], 12));
    }
    // What the data does: the online channel's predicted-approval gap moves month to month around Q1's, and
    // is wider in February, March, September and November; the accuracy gap is wider in January, March, September.
    expect(flagged('DPPL')).toEqual([2, 3, 9, 11]);
    expect(flagged('DI')).toEqual([2, 3, 9, 11]);
    expect(flagged('AD')).toEqual([1, 3, 9]);
    // Each window's violations are its alerts.
    for (const w of r.windows) expect(r.alerts.filter((a) => a.window === w.label && a.check === 'bias_drift_check')).toHaveLength(w.biasViolations!.length);
  });

  it('a window whose facet has one group is a bias_analysis_error alert, not a crash', () => {
    const text = 'day,channel,approved,predicted,x\n' + ['2024-01-01,online,yes,yes,1', '2024-01-02,branch,no,yes,2', '2024-01-03,online,no,no,3', '2024-01-04,branch,yes,yes,4', '2024-02-01,online,yes,yes,5', '2024-02-02,online,no,yes,6'].join('\n') + '\n';
    return loadBytes('t.csv', new TextEncoder().encode(text)).then(({ table: t }) => {
      const c = { ...cfg, labelValuesOrThreshold: ['yes'] };
      const jan = t.slice(0, 4);
      const statistics = baselineStatistics(jan);
      const r = runTimeline({ statistics, constraints: suggestConstraints(statistics), bias: biasBaseline(jan, c) }, t, { timeColumn: 'day', window: 'month', bias: c });
      const why = "facet column 'channel' has the single value 'online': bias needs at least two facet groups";
      expect(r.windows[1].biasError).toBe(why);
      expect(r.windows[1].bias).toBeUndefined();
      expect(r.windows[0].biasViolations).toEqual([]); // January is the baseline itself
      expect(r.alerts).toContainEqual({ window: '2024-02', check: 'bias_analysis_error', description: `Bias metrics could not be computed for 2024-02: ${why}.` });
    });
  });

  it('bad configurations are errors naming the option', () => {
    const statistics = baselineStatistics(table.slice(0, 10));
    expect(() => runTimeline({ statistics, constraints: suggestConstraints(statistics) }, table, { timeColumn: 'application_date', window: 'month', bias: cfg })).toThrow('a bias configuration was given but the baseline has no bias section');
    expect(() => biasInputs(table, { ...cfg, predictedLabel: undefined })).toThrow('bias drift needs predicted labels: give predictedLabel (a column) or predictions');
    expect(() => biasInputs(table, { ...cfg, predictions: new Float64Array(3) })).toThrow('give predictedLabel or predictions for bias drift, not both');
    expect(() => biasInputs(table, { ...cfg, predictedLabel: undefined, predictions: new Float64Array(3) })).toThrow(`predictions has 3 values; the data has ${table.numRows} rows`);
    expect(() => biasInputs(table, { ...cfg, facet: 'nope' })).toThrow('column "nope" is not in the data');
  });
});
