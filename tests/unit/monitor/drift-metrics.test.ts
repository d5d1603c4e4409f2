import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { driftReport, jsDistance, jsDistanceCategorical, jensenShannon, psi, psiCategorical, wasserstein } from '../../../src/lib/monitor/drift-metrics.ts';
import { hasScipy, normalSample, scipy, scipySkipReason } from './drift-anchor.ts';

const PAIRS: [number[], number[]][] = [
  [normalSample(1, 500), normalSample(2, 400, 0.3, 1.2)],
  [normalSample(3, 2000, 0, 1, 1), normalSample(4, 1500, 0.1, 1, 1)], // ties on bin edges
  [normalSample(5, 37, 5, 2), normalSample(6, 90, 4, 3)],
  [[1, 1, 1, 1, 2, 2, 3, NaN], [1, 2, 2, 3, 3, 3, 4]], // duplicate quantiles collapse bins
];

describe('wasserstein', () => {
  it.skipIf(!hasScipy)(`equals scipy.stats.wasserstein_distance to 1e-9${scipySkipReason}`, () => {
    const want = scipy<{ value: number }>(PAIRS.map(([a, b]) => ({ op: 'wasserstein', a: a.map((v) => (Number.isNaN(v) ? null : v)), b })));
    PAIRS.forEach(([a, b], i) => expect(Math.abs(wasserstein(a, b) - want[i].value), `pair ${i}`).toBeLessThan(1e-9));
  });

  it('is the mean shift for two samples that differ by a constant', () => {
    expect(wasserstein([0, 1, 2, 3], [0.5, 1.5, 2.5, 3.5])).toBeCloseTo(0.5, 15);
  });
});

describe('psi and jsDistance over 10 quantile bins of the reference', () => {
  it.skipIf(!hasScipy)(`psi equals numpy on the same bins to 1e-9, and jsDistance equals scipy's jensenshannon(base=2) on those histograms to 1e-9${scipySkipReason}`, () => {
    const nulled = (x: number[]) => x.map((v) => (Number.isNaN(v) ? null : v));
    const want = scipy<{ value: number; edges: number[]; ref: number[]; cur: number[] }>(PAIRS.map(([a, b]) => ({ op: 'psi', a: nulled(a), b: nulled(b), bins: 10, epsilon: 1e-4 })));
    const js = scipy<{ value: number }>(want.map((w) => ({ op: 'js', p: w.ref, q: w.cur })));
    PAIRS.forEach(([a, b], i) => {
      const p = psi(a, b);
      expect(p.binning.method).toBe('quantile');
      expect(p.binning.edges, `edges, pair ${i}`).toEqual(want[i].edges);
      expect(p.bins).toBe(want[i].edges.length + 1);
      expect(p.epsilon).toBe(1e-4);
      expect(Math.abs(p.value - want[i].value), `psi, pair ${i}`).toBeLessThan(1e-9);
      const j = jsDistance(a, b);
      expect(j.base).toBe(2);
      expect(Math.abs(j.value - js[i].value), `js, pair ${i}`).toBeLessThan(1e-9);
    });
  });

  it('psi is 0 and js is 0 for a sample against itself; js is 1 for disjoint histograms', () => {
    const a = normalSample(9, 300);
    expect(psi(a, a).value).toBe(0);
    expect(jsDistance(a, a).value).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1, 15);
  });

  it('psi gives an empty bin the stated epsilon rather than an infinite log-ratio', () => {
    // reference edges at 2 (bins (-inf, 2], (2, inf)); every current value falls in the first bin
    const r = psi([1, 2, 3, 4], [0, 0, 0], { edges: [2], epsilon: 0.01 });
    expect(r.value).toBeCloseTo((1 - 0.5) * Math.log(1 / 0.5) + (0.01 - 0.5) * Math.log(0.01 / 0.5), 12);
    expect(r.epsilon).toBe(0.01);
  });

  it('rejects bad options and empty samples naming the argument', () => {
    expect(() => psi([1, 2], [1], { bins: 1 })).toThrow(/psi: 'bins' must be an integer >= 2/);
    expect(() => psi([1, 2], [1], { edges: [2, 1] })).toThrow(/psi: 'edges' must be finite and strictly ascending/);
    expect(() => psi([1, 2], [1], { epsilon: 0 })).toThrow(/psi: 'epsilon' must be in \(0, 1\)/);
    expect(() => jsDistance([NaN], [1])).toThrow(/jsDistance: 'a' holds no values/);
    expect(() => wasserstein([1], [])).toThrow(/wasserstein: 'b' holds no values/);
  });
});

describe('categorical psi and js', () => {
  it.skipIf(!hasScipy)(`jsDistanceCategorical equals scipy's jensenshannon(base=2) on the category shares${scipySkipReason}`, () => {
    const a = ['x', 'y', 'y', null, 'z', 'z', 'z'];
    const b = ['y', 'w', 'w', 'z'];
    const [want] = scipy<{ value: number }>([{ op: 'js', p: [1, 2, 3, 0], q: [0, 1, 1, 2] }]);
    const got = jsDistanceCategorical(a, b);
    expect(got.binning).toEqual({ method: 'categories', categories: ['x', 'y', 'z', 'w'] });
    expect(Math.abs(got.value - want.value)).toBeLessThan(1e-9);
  });

  it('psiCategorical sums (cur − ref)·ln(cur/ref) over categories, epsilon for a category one side lacks', () => {
    const r = psiCategorical(['a', 'a', 'b', 'b'], ['a', 'c', 'c', 'c']);
    const e = 1e-4;
    const want = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (e - 0.5) * Math.log(e / 0.5) + (0.75 - e) * Math.log(0.75 / e);
    expect(r.value).toBeCloseTo(want, 12);
    expect(r.bins).toBe(3);
    expect(() => psiCategorical([null], ['a'])).toThrow(/psiCategorical: 'a' holds no values/);
  });
});

describe('driftReport', () => {
  it('writes one entry per reference column: numbers get all four statistics, text gets psi and js with a note, missing columns a note', () => {
    const x = normalSample(11, 200), y = normalSample(12, 150, 0.5);
    const reference = tableFromArrays({ x: Float64Array.from(x), city: x.map((v) => (v > 0 ? 'north' : 'south')), gone: Float64Array.from(x) });
    const current = tableFromArrays({ x: Float64Array.from(y), city: y.map((v) => (v > 0.5 ? 'north' : 'east')) });
    const report = driftReport(reference, current);
    expect(report.features.map((f) => f.name)).toEqual(['x', 'city', 'gone']);
    const [fx, fcity, fgone] = report.features;
    const ks = psi(x, y);
    expect(fx.ks_statistic).toBeGreaterThan(0);
    expect(fx.ks_pvalue).toBeLessThan(0.01);
    expect(fx.wasserstein).toBeCloseTo(wasserstein(x, y), 12);
    expect(fx.psi).toBeCloseTo(ks.value, 12);
    expect(fx.js_distance).toBeCloseTo(jsDistance(x, y).value, 12);
    expect(fx.binning).toMatchObject({ method: 'quantile', bins: 10, epsilon: 1e-4, js_base: 2 });
    expect(fcity.ks_statistic).toBeNull();
    expect(fcity.wasserstein).toBeNull();
    expect(fcity.psi).toBeGreaterThan(0);
    expect(fcity.binning).toMatchObject({ method: 'categories', categories: ['south', 'north', 'east'] });
    expect(fcity.note).toMatch(/'city' is text/);
    expect(fgone).toMatchObject({ psi: null, js_distance: null, note: "column 'gone' is not in the current data" });
  });

  it('reports a changed type and an all-missing column as notes instead of throwing', () => {
    const reference = tableFromArrays({ a: Float64Array.from([1, 2, 3]), b: Float64Array.from([1, 2, 3]) });
    const current = tableFromArrays({ a: ['1', '2'], b: Float64Array.from([NaN, NaN]) });
    const [a, b] = driftReport(reference, current).features;
    expect(a.note).toBe("column 'a' is numeric in the reference data but categorical in the current data");
    expect(b.note).toBe("column 'b' has no values in the current data");
  });
});
