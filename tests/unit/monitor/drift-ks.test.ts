import { describe, expect, it } from 'vitest';
import { ksExactOutsideProbability, ksTwoSample } from '../../../src/lib/monitor/drift-ks.ts';
import { kolmogorovSf } from '../../../src/lib/monitor/drift-kolmogorov.ts';
import { hasScipy, normalSample, scipy, scipySkipReason } from './drift-anchor.ts';

// [n1, n2, shift of the second sample, decimals to round to (ties) or undefined]
const CASES: [number, number, number, number | undefined][] = [
  [3, 4, 0.5, undefined], [10, 10, 3, undefined], [20, 20, 0.3, undefined], [50, 80, 0.2, undefined],
  [100, 100, 0.4, 1], [500, 700, 0.1, undefined], [3000, 2000, 0.05, undefined], [10000, 9000, 0.02, 2],
  // asymptotic: the larger sample is over 10 000
  [12000, 300, 0.1, undefined], [15000, 50, 0.3, undefined], [11000, 100, 0.2, undefined], [10001, 10001, 0.05, undefined],
  [20000, 15000, 0.03, undefined], [30000, 30000, 0, 1],
];

describe('ksTwoSample', () => {
  it.skipIf(!hasScipy)(`equals scipy.stats.ks_2samp (statistic and p-value, exact and asymptotic) to 1e-9 on seeded samples${scipySkipReason}`, () => {
    const samples = CASES.map(([n1, n2, shift, digits], i) => [normalSample(100 + i, n1, 0, 1, digits), normalSample(200 + i, n2, shift, 1, digits)]);
    const want = scipy<{ statistic: number; pvalue: number }>(samples.map(([a, b]) => ({ op: 'ks', a, b })));
    samples.forEach(([a, b], i) => {
      const got = ksTwoSample(a, b);
      expect(got.method, `case ${i}`).toBe(Math.max(a.length, b.length) <= 10000 ? 'exact' : 'asymptotic');
      expect(Math.abs(got.statistic - want[i].statistic), `statistic, case ${i}`).toBeLessThan(1e-12);
      expect(Math.abs(got.pvalue - want[i].pvalue), `p-value, case ${i}: ${got.pvalue} vs ${want[i].pvalue}`).toBeLessThan(1e-9);
    });
  });

  it.skipIf(!hasScipy)(`kolmogorovSf(n, x) equals scipy.stats.kstwo.sf on every branch (n from 5 to 2e6) to 1e-12${scipySkipReason}`, () => {
    const ns = [5, 50, 140, 141, 1000, 5000, 50000, 200000, 2000000];
    const xs = [0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.95];
    const want = scipy<{ sf: number[] }>(ns.map((n) => ({ op: 'kstwo', n, x: xs })));
    ns.forEach((n, k) => xs.forEach((x, i) => expect(Math.abs(kolmogorovSf(n, x) - want[k].sf[i]), `n=${n} x=${x}`).toBeLessThan(1e-12)));
  });

  it('the exact p-value of D = 1 for samples of 2 and 2 is 2 / C(4, 2) = 1/3', () => {
    expect(ksTwoSample([1, 2], [3, 4])).toEqual({ statistic: 1, pvalue: 1 / 3, method: 'exact' });
    expect(ksExactOutsideProbability(2, 2, 2)).toBeCloseTo(1 / 3, 15);
  });

  it('ignores NaN (missing) values and gives p = 1 for identical samples', () => {
    const r = ksTwoSample([1, NaN, 2, 3], [3, 2, 1, NaN, NaN]);
    expect(r.statistic).toBe(0);
    expect(r.pvalue).toBe(1);
  });

  it('throws naming the argument for an empty or all-missing sample', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/ksTwoSample: 'a' holds no values/);
    expect(() => ksTwoSample([1], [NaN, NaN])).toThrow(/ksTwoSample: 'b' holds no values/);
  });
});
