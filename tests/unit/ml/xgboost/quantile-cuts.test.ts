import { describe, expect, it } from 'vitest';
import { buildBinMatrix, columnCodes } from '../../../../src/lib/ml/xgboost/bin-matrix.ts';
import { computeCuts, searchBin } from '../../../../src/lib/ml/xgboost/quantile-cuts.ts';
import { prunedSummaryOfSorted, pruneSummary, summaryFromSorted, type QuantileSummary } from '../../../../src/lib/ml/xgboost/quantile-summary.ts';
import { mulberry32 } from '../../../../src/lib/ml/random.ts';

const f32 = (a: number[]) => Float32Array.from(a);
const f = Math.fround;

describe('computeCuts (XGBoost 1.7 hist cut points)', () => {
  it('puts every distinct value in its own bin when there are at most max_bin of them', () => {
    const cuts = computeCuts([f32([3, 1, 2, 2, NaN, 5])], 256);
    // cuts: the distinct values after the smallest, then max + |max| + 1e-5 (float32)
    expect(Array.from(cuts.values)).toEqual([2, 3, 5, f(5 + f(5 + f(1e-5)))]);
    expect(Array.from(cuts.ptrs)).toEqual([0, 4]);
    // minValue = min - |min| - 1e-5
    expect(cuts.minValues[0]).toBe(f(f(1 - 1) - f(1e-5)));
  });

  it('bins so that bin b holds [cut[b-1], cut[b]) and x < cut[b] means bin ≤ b', () => {
    const cuts = computeCuts([f32([1, 2, 3, 5])], 256);
    expect([1, 2, 3, 5, 1.5, 4.9, 0, 99].map((v) => searchBin(cuts, 0, v))).toEqual([0, 1, 2, 3, 0, 2, 0, 3]);
  });

  it('limits a column to max_bin bins', () => {
    const col = Float32Array.from({ length: 1000 }, (_, i) => i);
    const cuts = computeCuts([col], 16);
    expect(cuts.ptrs[1] - cuts.ptrs[0]).toBe(16);
    // Cuts are increasing and spread over the range.
    for (let i = 1; i < cuts.values.length; i++) expect(cuts.values[i]).toBeGreaterThan(cuts.values[i - 1]);
    expect(cuts.values[0]).toBeLessThan(100);
    expect(cuts.values[14]).toBeGreaterThan(900);
  });

  it('gives an all-missing column a single bin', () => {
    const cuts = computeCuts([f32([NaN, NaN])], 256);
    expect(cuts.ptrs[1]).toBe(1);
  });

  it('weights the quantiles by sample weight', () => {
    // Heavy weight on the value 0 pulls the cuts toward it.
    const col = Float32Array.from({ length: 600 }, (_, i) => i);
    const w = Float32Array.from({ length: 600 }, (_, i) => (i < 300 ? 10 : 1));
    const weighted = computeCuts([col], 8, w);
    const plain = computeCuts([col], 8);
    expect(weighted.values[3]).toBeLessThan(plain.values[3]);
  });
});

describe('quantile summary', () => {
  it('merges equal values and sums their weights into rank bounds', () => {
    const s = summaryFromSorted(f32([1, 1, 2, 4, 4, 4]), 6, null);
    expect(s.size).toBe(3);
    expect(Array.from(s.value.subarray(0, 3))).toEqual([1, 2, 4]);
    expect(Array.from(s.rmin.subarray(0, 3))).toEqual([0, 2, 3]);
    expect(Array.from(s.rmax.subarray(0, 3))).toEqual([2, 3, 6]);
  });

  it('prune keeps the first and last entries and at most maxSize', () => {
    const vals = Float32Array.from({ length: 100 }, (_, i) => i);
    const p = pruneSummary(summaryFromSorted(vals, 100, null), 11);
    expect(p.size).toBeLessThanOrEqual(11);
    expect(p.value[0]).toBe(0);
    expect(p.value[p.size - 1]).toBe(99);
  });

  it('prunes straight from sorted runs to the same entries as the exact summary pruned', () => {
    const entries = (s: QuantileSummary) => [s.rmin, s.rmax, s.wmin, s.value].map((a) => Array.from(a.subarray(0, s.size)));
    const rnd = mulberry32(7);
    let pruned = 0;
    // Continuous values, heavy ties, a few distinct values, one long run at each end, sizes around maxSize.
    const makers: ((n: number) => number)[] = [() => rnd(), () => Math.floor(rnd() * 300), () => Math.floor(rnd() * 5), () => Math.min(40, Math.max(0, Math.floor(rnd() * 60) - 10))];
    for (const make of makers) {
      for (const n of [1, 2, 50, 257, 1000, 20_000]) {
        const sorted = Float32Array.from({ length: n }, () => make(n)).sort();
        for (const maxSize of [2, 3, 11, 257, 2049]) {
          const want = pruneSummary(summaryFromSorted(sorted, n, null), maxSize);
          const got = prunedSummaryOfSorted(sorted, n, maxSize);
          if (got.size < summaryFromSorted(sorted, n, null).size) pruned++;
          expect(entries(got), `n ${n}, maxSize ${maxSize}`).toEqual(entries(want));
        }
      }
    }
    expect(pruned).toBeGreaterThan(20);
  });
});

describe('buildBinMatrix', () => {
  it('stores one byte per cell, row-major, with code nBins for missing', () => {
    const b = buildBinMatrix([f32([1, 2, NaN, 2]), f32([7, 7, 7, 7])], 4, 256);
    expect(b.codes).toBeInstanceOf(Uint8Array);
    expect(columnCodes(b, 0)).toEqual([0, 1, 2, 1]);
    expect(b.nBins[0]).toBe(2);
    expect(columnCodes(b, 1)).toEqual([0, 0, 0, 0]);
    expect(Array.from(b.hasMissing)).toEqual([1, 0]);
    expect(Array.from(b.histOffsets)).toEqual([0, 3, 5]);
    // row i's cells are contiguous: [x(i,0), x(i,1)]
    expect(Array.from(b.codes)).toEqual([0, 0, 1, 0, 2, 0, 1, 0]);
    expect(b.codes.buffer.byteLength).toBe(8);
  });

  it('widens to Uint16 only when a feature has 256 bins and missing cells', () => {
    const col = Float32Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? NaN : i));
    const b = buildBinMatrix([col, Float32Array.from({ length: 600 }, (_, i) => i)], 600, 256);
    expect(b.nBins[0]).toBe(256);
    expect(b.codes).toBeInstanceOf(Uint16Array);
    expect(b.codes[0]).toBe(256);
    const narrow = buildBinMatrix([Float32Array.from({ length: 600 }, (_, i) => i)], 600, 256);
    expect(narrow.codes).toBeInstanceOf(Uint8Array);
  });
});

describe('radixSortFloat32', () => {
  it('sorts like Float32Array.prototype.sort, negatives, zeros and repeats included', async () => {
    const { radixSortFloat32 } = await import('../../../../src/lib/ml/radix-sort.ts');
    let s = 99;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const a = Float32Array.from({ length: 5000 }, (_, i) => (i % 17 === 0 ? -0 : i % 13 === 0 ? 0 : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 8 - 4)));
    const expected = a.slice().sort();
    const got = radixSortFloat32(a.slice());
    for (let i = 0; i < a.length; i++) expect(Object.is(got[i], expected[i])).toBe(true);
  });
});
