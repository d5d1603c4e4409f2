import { describe, expect, it } from 'vitest';
import { pearsonMatrix, pearsonWindows } from '../../../src/lib/profile/correlation.ts';

const col = (v: number[]) => Float64Array.from(v);

describe('pearsonMatrix', () => {
  it('pearsonMatrix gives 1 for a linear pair, -1 for its mirror and 1 on the diagonal', () => {
    const m = pearsonMatrix([col([1, 2, 3, 4]), col([2, 4, 6, 8]), col([4, 3, 2, 1])]);
    expect(m[0][0]).toBe(1);
    expect(m[0][1]).toBeCloseTo(1, 14);
    expect(m[0][2]).toBeCloseTo(-1, 14);
    expect(m[1][0]).toBe(m[0][1]);
  });

  it('pearsonMatrix of x = [1, 2, 3, 4, 5] and y = [2, 1, 4, 3, 5] is 0.8 (hand-computed: 8 / sqrt(10 * 10))', () => {
    const m = pearsonMatrix([col([1, 2, 3, 4, 5]), col([2, 1, 4, 3, 5])]);
    expect(m[0][1]).toBeCloseTo(0.8, 14);
  });

  it('pearsonMatrix uses pairwise-complete rows like pandas DataFrame.corr()', () => {
    // Complete pairs are rows 0, 1, 3, 4: x = [1, 2, 4, 5], y = [1, 3, 4, 5]; r = 9 / sqrt(10 * 8.75).
    const x = col([1, 2, 3, 4, 5, NaN]);
    const y = col([1, 3, NaN, 4, 5, 9]);
    const m = pearsonMatrix([x, y]);
    expect(m[0][1]).toBeCloseTo(9 / Math.sqrt(10 * 8.75), 14);
  });

  it('pearsonMatrix gives null for a constant column and for fewer than two complete pairs', () => {
    const m = pearsonMatrix([col([1, 2, 3]), col([5, 5, 5]), col([NaN, NaN, 1])]);
    expect(m[0][1]).toBeNull();
    expect(m[1][1]).toBeNull();
    expect(m[0][2]).toBeNull();
    expect(m[2][2]).toBeNull();
  });

  it('pearsonMatrix rejects columns of different lengths with a message naming them', () => {
    expect(() => pearsonMatrix([col([1, 2]), col([1])])).toThrow(/columns must have equal lengths; column 0 has 2 rows, column 1 has 1/);
  });
});

describe('pearsonWindows', () => {
  it('pearsonWindows gives pearsonMatrix\'s entries bit for bit whatever the window size', () => {
    const cols = [col([1, 2, NaN, 4, 5, 6, 7]), col([2, 1, 4, 3, NaN, 8, 1]), col([3e9, 3e9 + 1, 3e9, 3e9 + 2, 3e9, 3e9, 3e9 + 0.5]), col([7, 1, 3, 3, 2, 9, 4])];
    const whole = pearsonMatrix(cols);
    for (const w of [1, 2, 3, 7, 100]) {
      const read = (j: number, start: number, scratch: Float64Array) => { scratch.set(cols[j].subarray(start, start + scratch.length)); return scratch; };
      expect(pearsonWindows(4, 7, [false, false, true, true], read, w)).toEqual(whole);
    }
  });
});
