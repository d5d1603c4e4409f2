import { describe, expect, it } from 'vitest';
import { compensatedSum, moments } from '../../../src/lib/profile/moments.ts';

describe('moments', () => {
  it('moments([2, 4, 4, 4, 5, 5, 7, 9]) has mean 5 and sample std sqrt(32 / 7) (ddof = 1, like pandas)', () => {
    const m = moments([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(m.std).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('moments of one value has that mean and NaN std; of none, NaN for both (as pandas)', () => {
    expect(moments([3])).toEqual({ mean: 3, std: NaN });
    expect(moments([])).toEqual({ mean: NaN, std: NaN });
  });

  it('moments keeps precision when the mean dwarfs the spread (epoch milliseconds)', () => {
    // 1.7e12 + {0, 1, 2}: a one-pass sum of squares would lose every digit of the variance.
    const m = moments([1.7e12, 1.7e12 + 1, 1.7e12 + 2]);
    expect(m.mean).toBe(1.7e12 + 1);
    expect(m.std).toBeCloseTo(1, 12);
  });

  it('compensatedSum([1, 1e100, 1, -1e100]) is exactly 2 where naive summation gives 0', () => {
    expect(compensatedSum([1, 1e100, 1, -1e100])).toBe(2);
  });
});
