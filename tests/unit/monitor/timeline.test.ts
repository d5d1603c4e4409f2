import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { takeRows } from '../../../src/lib/data/take-rows.ts';
import { suggestConstraints } from '../../../src/lib/monitor/constraints.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';
import { nextWindow, rowTimes, runTimeline, windowLabel, windowStart } from '../../../src/lib/monitor/timeline.ts';
import { modelQualityStatistics } from '../../../src/lib/monitor/model-quality.ts';
import { suggestModelQualityConstraints } from '../../../src/lib/monitor/quality-constraints.ts';

const utc = (s: string) => Date.parse(`${s}Z`);

describe('time windows (UTC)', () => {
  it('hour, day, ISO week (Monday) and month starts, labels and next windows', () => {
    const t = utc('2024-03-07T14:35:10');
    expect(new Date(windowStart(t, 'hour')).toISOString()).toBe('2024-03-07T14:00:00.000Z');
    expect(new Date(windowStart(t, 'day')).toISOString()).toBe('2024-03-07T00:00:00.000Z');
    expect(new Date(windowStart(t, 'week')).toISOString()).toBe('2024-03-04T00:00:00.000Z');
    expect(new Date(windowStart(utc('2024-03-10T23:00:00'), 'week')).toISOString()).toBe('2024-03-04T00:00:00.000Z');
    expect(new Date(windowStart(t, 'month')).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(windowLabel(windowStart(t, 'hour'), 'hour')).toBe('2024-03-07 14:00');
    expect(windowLabel(windowStart(t, 'week'), 'week')).toBe('2024-W10');
    expect(windowLabel(windowStart(utc('2021-01-03T00:00:00'), 'week'), 'week')).toBe('2020-W53');
    expect(windowLabel(windowStart(t, 'month'), 'month')).toBe('2024-03');
    expect(new Date(nextWindow(utc('2024-01-01T00:00:00'), 'month')).toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(new Date(nextWindow(utc('2024-12-01T00:00:00'), 'month')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

// 120 days of data: x ~ steady for 60 days, then shifted up; a category "c" appears after day 90; rows out of order.
function rows(shuffle: boolean): string {
  const lines = ['when,x,kind,actual,predicted'];
  const out: string[] = [];
  for (let d = 0; d < 120; d++) {
    const date = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    if (d >= 42 && d < 49) continue; // ISO week 7 (12–18 February) has no rows
    for (let k = 0; k < 10; k++) {
      const x = (k * 7 + d) % 10 + (d >= 60 ? 6 : 0);
      const kind = d >= 90 && k < 5 ? 'c' : k % 2 ? 'a' : 'b';
      const actual = k % 2;
      const predicted = d >= 90 ? 1 - actual : actual;
      out.push(`${date},${x},${kind},${actual},${predicted}`);
    }
  }
  if (shuffle) out.reverse();
  return [...lines, ...out].join('\n') + '\n';
}

async function table(text: string) {
  return (await loadBytes('t.csv', new TextEncoder().encode(text))).table;
}

describe('runTimeline', () => {
  it('checks every window against a baseline: drift after the shift, new categories, model quality, an empty week', async () => {
    const all = await table(rows(false));
    const base = all.slice(0, 300); // the first 30 days
    const statistics = baselineStatistics(base);
    const constraints = suggestConstraints(statistics);
    const quality = suggestModelQualityConstraints(modelQualityStatistics({ problemType: 'BinaryClassification', actual: Array.from({ length: 300 }, (_, i) => Number(base.getChild('actual')!.get(i))), predicted: Array.from({ length: 300 }, (_, i) => Number(base.getChild('predicted')!.get(i))) }));
    const r = runTimeline({ statistics, constraints, quality }, all, { timeColumn: 'when', window: 'week', quality: { problemType: 'BinaryClassification', actual: 'actual', predicted: 'predicted' } });
    expect(r.features).toEqual(['when', 'x', 'kind', 'actual', 'predicted']);
    expect(r.windows.length).toBe(18); // 2024-W01 … 2024-W18
    const empty = r.windows.filter((w) => w.rows === 0).map((w) => w.label);
    expect(empty).toEqual(['2024-W07']);
    expect(r.alerts.some((a) => a.check === 'empty_window' && a.window === '2024-W07')).toBe(true);
    const early = r.windows[1];
    const late = r.windows[12];
    expect(early.distances.x!).toBeLessThan(0.3);
    expect(late.distances.x!).toBeGreaterThan(0.5);
    expect(late.violations.some((v) => v.feature_name === 'x' && v.constraint_check_type === 'baseline_drift_check')).toBe(true);
    expect(early.violations.some((v) => v.feature_name === 'x' && v.constraint_check_type === 'baseline_drift_check')).toBe(false);
    const last = r.windows[r.windows.length - 1];
    expect(last.violations.some((v) => v.feature_name === 'kind' && v.constraint_check_type === 'categorical_values_check')).toBe(true);
    expect(last.quality!.binary_classification_metrics!.accuracy.value).toBe(0);
    expect(r.alerts.some((a) => a.check === 'model_quality_check' && a.window === last.label)).toBe(true);
    expect(early.quality!.binary_classification_metrics!.accuracy.value).toBe(1);
  });

  it('rows out of time order give the same windows as rows in order', async () => {
    const ordered = await table(rows(false));
    const shuffled = await table(rows(true));
    const statistics = baselineStatistics(ordered.slice(0, 300));
    const constraints = suggestConstraints(statistics);
    const a = runTimeline({ statistics, constraints }, ordered, { timeColumn: 'when', window: 'month' });
    const b = runTimeline({ statistics, constraints }, shuffled, { timeColumn: 'when', window: 'month' });
    expect(b.windows.map((w) => [w.label, w.rows])).toEqual(a.windows.map((w) => [w.label, w.rows]));
    for (let k = 0; k < a.windows.length; k++) {
      for (const f of ['x', 'kind']) expect(b.windows[k].distances[f]!, `${a.windows[k].label} ${f}`).toBeCloseTo(a.windows[k].distances[f]!, 2);
    }
  });

  it('a time column that does not parse, a missing one and a bad window size are errors naming them', async () => {
    const t = await table('when,x\nsoon,1\nlater,2\n');
    const statistics = baselineStatistics(t);
    const constraints = suggestConstraints(statistics);
    expect(() => rowTimes(t, 'when')).toThrow('time column "when" holds no dates or times that can be read (first value "soon")');
    expect(() => runTimeline({ statistics, constraints }, t, { timeColumn: 'nope', window: 'day' })).toThrow('time column "nope" is not in the data');
    expect(() => runTimeline({ statistics, constraints }, t, { timeColumn: 'when', window: 'year' as never })).toThrow('window must be one of hour, day, week, month');
  });
});

describe('takeRows', () => {
  it('keeps types, values, nulls and field metadata of the rows asked for, in that order', async () => {
    const t = (await loadBytes('t.csv', new TextEncoder().encode('d,n,s\n2024-01-02,1,a\n2024-01-03,,b\n2024-01-04,3,\n'))).table;
    const r = takeRows(t, [2, 0]);
    expect(r.schema.fields.map((f) => String(f.type))).toEqual(t.schema.fields.map((f) => String(f.type)));
    expect(r.getChild('n')!.get(0)).toBe(3);
    expect(r.getChild('s')!.get(0)).toBe(null);
    expect(r.getChild('s')!.get(1)).toBe('a');
    expect(Number(r.getChild('d')!.get(1))).toBe(Date.UTC(2024, 0, 2));
    expect(r.schema.fields[0].metadata.get('mlpad:date-format')).toBe(t.schema.fields[0].metadata.get('mlpad:date-format'));
  });
});
