// The drift measures of `mlpad monitor drift` per timeline window: each window's entries equal driftReport of
// the reference against that window's rows, and driftReport (now computed from a reference prepared once and
// columns read through typed arrays) equals the single-pair functions on Vector.get-read columns, exactly.
import { Bool, DateDay, Dictionary, Float32, Float64, Int32, Int64, Table, tableFromArrays, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { takeRows } from '../../../src/lib/data/take-rows.ts';
import { suggestConstraints } from '../../../src/lib/monitor/constraints.ts';
import { driftColumn } from '../../../src/lib/monitor/drift-columns.ts';
import { ksTwoSample } from '../../../src/lib/monitor/drift-ks.ts';
import { driftReport, jsDistance, jsDistanceCategorical, psi, psiCategorical, wasserstein, type FeatureDrift } from '../../../src/lib/monitor/drift-metrics.ts';
import { readDriftColumn } from '../../../src/lib/monitor/drift-reference.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';
import { runTimeline, windowRows } from '../../../src/lib/monitor/timeline.ts';

// 120 days, 10 rows a day: x (integers) shifts up after day 60, y (decimals, some missing) widens after day 75,
// kind gains a category "c" after day 90; ISO week 7 has no rows.
function csv(): string {
  const out = ['when,x,y,kind'];
  for (let d = 0; d < 120; d++) {
    if (d >= 42 && d < 49) continue;
    const date = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < 10; k++) {
      const x = (k * 7 + d) % 10 + (d >= 60 ? 6 : 0);
      const y = (k + d) % 5 === 0 ? '' : (((k * 13 + d * 3) % 17) * (d >= 75 ? 0.9 : 0.3)).toFixed(2);
      out.push(`${date},${x},${y},${d >= 90 && k < 5 ? 'c' : k % 2 ? 'a' : 'b'}`);
    }
  }
  return out.join('\n') + '\n';
}

async function setup() {
  const all = (await loadBytes('t.csv', new TextEncoder().encode(csv()))).table;
  const reference = all.slice(0, 300); // the first 30 days
  const statistics = baselineStatistics(reference.select(['x', 'y', 'kind']));
  const constraints = suggestConstraints(statistics);
  return { all, reference, statistics, constraints };
}

/** The entry computed the old way: Vector.get-read columns and the single-pair functions on raw samples. */
function oracle(reference: Table, current: Table, name: string): Partial<FeatureDrift> {
  const a = driftColumn(reference, name)!, b = driftColumn(current, name)!;
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    const p = psiCategorical(a.values, b.values);
    return { psi: p.value, js_distance: jsDistanceCategorical(a.values, b.values).value, binning: { ...p.binning, epsilon: p.epsilon, js_base: 2 }, ks_statistic: null, wasserstein: null };
  }
  const x = a.values as Float64Array, y = b.values as Float64Array;
  const ks = ksTwoSample(x, y);
  const p = psi(x, y);
  return { ks_statistic: ks.statistic, ks_pvalue: ks.pvalue, wasserstein: wasserstein(x, y), psi: p.value, js_distance: jsDistance(x, y, { edges: p.binning.edges }).value, binning: { ...p.binning, epsilon: p.epsilon, js_base: 2 } };
}

describe('runTimeline with a reference: KS, Wasserstein, PSI and JS per window', () => {
  it('each non-empty window\'s entries equal driftReport(reference, window rows) exactly, and the single-pair functions exactly', async () => {
    const { all, reference, statistics, constraints } = await setup();
    const cfg = { timeColumn: 'when', window: 'week' as const };
    const r = runTimeline({ statistics, constraints }, all, { ...cfg, reference });
    const { rows } = windowRows(all, cfg);
    expect(r.windows).toHaveLength(18);
    let checked = 0;
    r.windows.forEach((w, k) => {
      if (w.rows === 0) {
        expect(w.label).toBe('2024-W07');
        expect(w.drift).toBeUndefined();
        return;
      }
      const current = takeRows(all, rows[k]);
      expect(w.drift, w.label).toEqual(driftReport(reference, current, { columns: ['x', 'y', 'kind'] }).features);
      for (const f of w.drift!) expect(f, `${w.label} ${f.name}`).toMatchObject(oracle(reference, current, f.name));
      checked++;
    });
    expect(checked).toBe(17);
    // The measures move with the data: x shifts after day 60 (2024-W09 on).
    const x = (label: string) => r.windows.find((w) => w.label === label)!.drift!.find((f) => f.name === 'x')!;
    expect(x('2024-W02').psi!).toBeLessThan(0.1);
    expect(x('2024-W12').psi!).toBeGreaterThan(0.25);
    expect(x('2024-W12').ks_pvalue!).toBeLessThan(1e-3);
    expect(x('2024-W12').wasserstein!).toBeCloseTo(6, 0);
  });

  it('a window with a category the reference never saw gets the categorical PSI and JS over the widened categories', async () => {
    const { all, reference, statistics, constraints } = await setup();
    const r = runTimeline({ statistics, constraints }, all, { timeColumn: 'when', window: 'month', reference });
    const april = r.windows.find((w) => w.label === '2024-04')!;
    const kind = april.drift!.find((f) => f.name === 'kind')!;
    expect(kind.kind).toBe('categorical');
    expect(kind.binning).toMatchObject({ method: 'categories', epsilon: 1e-4, js_base: 2 });
    expect((kind.binning as { categories: string[] }).categories.at(-1)).toBe('c');
    const ref = driftColumn(reference, 'kind')!.values as (string | null)[];
    const cur = driftColumn(takeRows(all, windowRows(all, { timeColumn: 'when', window: 'month' }).rows[3]), 'kind')!.values as (string | null)[];
    expect(kind.psi).toBe(psiCategorical(ref, cur).value);
    expect(kind.js_distance).toBe(jsDistanceCategorical(ref, cur).value);
    expect(kind.psi!).toBeGreaterThan(0.25); // half the rows moved to an unseen category
  });

  it('a text feature has null KS and Wasserstein with a note saying why; without a reference there is no drift', async () => {
    const { all, reference, statistics, constraints } = await setup();
    const r = runTimeline({ statistics, constraints }, all, { timeColumn: 'when', window: 'month', reference });
    for (const w of r.windows) {
      const kind = w.drift!.find((f) => f.name === 'kind')!;
      expect(kind).toMatchObject({ ks_statistic: null, ks_pvalue: null, wasserstein: null });
      expect(kind.note).toBe("'kind' is text: the Kolmogorov-Smirnov test and the Wasserstein distance need numbers");
    }
    const plain = runTimeline({ statistics, constraints }, all, { timeColumn: 'when', window: 'month' });
    expect(plain.windows.every((w) => w.drift === undefined)).toBe(true);
    expect(() => runTimeline({ statistics, constraints }, all, { timeColumn: 'when', window: 'month', reference: {} as Table })).toThrow('reference must be an Arrow Table of the baseline rows');
  });
});

describe('the prepared reference reads and measures as before', () => {
  it('readDriftColumn equals driftColumn on every column type, with nulls, several chunks and a slice', () => {
    const n = 50;
    const pick = <T,>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : f(i)));
    const cols = {
      i32: vectorFromArray(pick((i) => i * 3 - 40), new Int32()),
      i64: vectorFromArray(pick((i) => BigInt(i) * 123456789012345n - 9007199254740993n), new Int64()),
      f32: vectorFromArray(pick((i) => i / 7), new Float32()),
      f64: vectorFromArray(pick((i) => (i % 5 ? i * 0.1 : NaN)), new Float64()),
      utf8: vectorFromArray(pick((i) => (i % 4 ? `v${i % 3}é` : '\uFEFFbom')), new Utf8()),
      dict: vectorFromArray(pick((i) => `d${i % 4}`), new Dictionary(new Utf8(), new Int32())),
      bool: vectorFromArray(pick((i) => i % 2 === 0), new Bool()),
      day: vectorFromArray(pick((i) => new Date(Date.UTC(2024, 0, 1 + i))), new DateDay()),
    };
    const one = new Table(cols);
    const tables = [one, one.concat(one.slice(7, 40)), one.slice(5, 45)];
    for (const t of tables) for (const name of Object.keys(cols)) {
      expect(readDriftColumn(t, name), `${name}, ${t.numRows} rows in ${t.batches.length} chunks`).toEqual(driftColumn(t, name));
    }
    expect(readDriftColumn(one, 'nope')).toBeNull();
  });

  it('driftReport validates its binning options up front, naming them', () => {
    const t = tableFromArrays({ x: Float64Array.from([1, 2, 3]) });
    expect(() => driftReport(t, t, { bins: 1 })).toThrow("driftReport: 'bins' must be an integer >= 2, got 1");
    expect(() => driftReport(t, t, { epsilon: 2 })).toThrow("driftReport: 'epsilon' must be in (0, 1), got 2");
    expect(() => driftReport(t, t, { edges: [2, 1] })).toThrow("driftReport: 'edges' must be finite and strictly ascending");
  });
});
