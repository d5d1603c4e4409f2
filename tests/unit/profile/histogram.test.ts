import { describe, expect, it } from 'vitest';
import { histogramSorted } from '../../../src/lib/profile/histogram.ts';
import { mulberry32 } from './fixtures.ts';

const total = (bins: { count: number }[]) => bins.reduce((s, b) => s + b.count, 0);

describe('histogramSorted', () => {
  it('histogramSorted of a constant column gives one bin [min, max] holding every value', () => {
    expect(histogramSorted([4, 4, 4])).toEqual([{ x0: 4, x1: 4, count: 3 }]);
    expect(histogramSorted([])).toEqual([]);
  });

  it('histogramSorted(integers 1..5, { integer: true }) gives one bin per integer, centred on it', () => {
    const bins = histogramSorted([1, 1, 2, 4, 5, 5, 5], { integer: true });
    expect(bins).toEqual([
      { x0: 0.5, x1: 1.5, count: 2 },
      { x0: 1.5, x1: 2.5, count: 1 },
      { x0: 2.5, x1: 3.5, count: 0 },
      { x0: 3.5, x1: 4.5, count: 1 },
      { x0: 4.5, x1: 5.5, count: 3 },
    ]);
  });

  it('histogramSorted of 0..100 uses nice width-5 bins, and a value on an edge goes to the bin starting there', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    const bins = histogramSorted(values);
    expect(bins).toHaveLength(20);
    expect(bins[0]).toEqual({ x0: 0, x1: 5, count: 5 });
    // The last bin also holds its upper edge (100), like d3.bin.
    expect(bins[19]).toEqual({ x0: 95, x1: 100, count: 6 });
    expect(total(bins)).toBe(101);
  });

  it('histogramSorted of decimals has edges that read exactly (0.3, not 0.30000000000000004)', () => {
    const bins = histogramSorted([0.01, 0.33, 0.97], { bins: 10 });
    expect(bins.map((b) => b.x0)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('histogramSorted counts agree exactly with the edges on 10,000 random values', () => {
    const rnd = mulberry32(7);
    const values = Float64Array.from({ length: 10_000 }, () => rnd() * 37.3 - 5).sort();
    const bins = histogramSorted(values);
    expect(bins.length).toBeGreaterThanOrEqual(14);
    expect(bins.length).toBeLessThanOrEqual(30);
    expect(total(bins)).toBe(10_000);
    bins.forEach((b, i) => {
      const last = i === bins.length - 1;
      const expected = values.filter((v) => v >= b.x0 && (last ? v <= b.x1 : v < b.x1)).length;
      expect(b.count).toBe(expected);
    });
  });

  it('histogramSorted(values, { nice: false }) splits [min, max] into equal widths', () => {
    const bins = histogramSorted([0, 1, 2, 3], { bins: 3, nice: false });
    expect(bins).toEqual([{ x0: 0, x1: 1, count: 1 }, { x0: 1, x1: 2, count: 1 }, { x0: 2, x1: 3, count: 2 }]);
  });

  it('histogramSorted leaves infinite values out of the bins', () => {
    expect(total(histogramSorted([-Infinity, 1, 2, 3, Infinity]))).toBe(3);
  });

  it('histogramSorted rejects a non-integer bin count with a message naming options.bins', () => {
    expect(() => histogramSorted([1, 2], { bins: 0 })).toThrow(/options.bins must be a positive integer; got 0/);
  });
});
