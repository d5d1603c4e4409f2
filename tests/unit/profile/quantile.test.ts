import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../../src/lib/profile/quantile.ts';
import { distinctSorted } from '../../../src/lib/profile/distinct.ts';

describe('quantileSorted', () => {
  it('quantileSorted(values, 0.25) interpolates linearly like numpy', () => {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) == [1.75, 2.5, 3.25]
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
  });

  it('quantileSorted at 0.05 and 0.95 of [10, 20, 30, 40, 50] gives 12 and 48', () => {
    expect(quantileSorted([10, 20, 30, 40, 50], 0.05)).toBeCloseTo(12, 12);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48, 12);
  });

  it('quantileSorted at 0 and 1 gives min and max; of one value, that value; of none, NaN', () => {
    expect(quantileSorted([-3, 1, 8], 0)).toBe(-3);
    expect(quantileSorted([-3, 1, 8], 1)).toBe(8);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('quantileSorted rejects p outside [0, 1] with a message naming p', () => {
    expect(() => quantileSorted([1], 1.5)).toThrow(/p must be in \[0, 1\]; got 1.5/);
    expect(() => quantileSorted([1], NaN)).toThrow(/p must be in \[0, 1\]; got NaN/);
  });
});

describe('distinctSorted', () => {
  it('distinctSorted([-0, 0, 1, 1, 2]) counts 3 values (-0 and 0 are one, as in pandas)', () => {
    expect(distinctSorted(Float64Array.from([-0, 0, 1, 1, 2]))).toBe(3);
    expect(distinctSorted([])).toBe(0);
  });
});
