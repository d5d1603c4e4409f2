import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../../src/lib/ml/mlp/early-stopping.ts';

describe('EarlyStopping', () => {
  it('counts small improvements as stale but still moves the best epoch to them (scikit-learn\'s rule)', () => {
    const s = new EarlyStopping(2, 0.1);
    expect([1, 0.95, 0.92].map((l, i) => s.update(i, l))).toEqual([true, true, true]);
    expect(s.done).toBe(false);
    expect(s.update(3, 0.91)).toBe(true);
    expect(s.done).toBe(true); // three epochs in a row without a 0.1 improvement > patience 2
    expect([s.bestEpoch, s.bestLoss]).toEqual([3, 0.91]);
  });

  it('an improvement by more than the tolerance resets the count; worse losses keep the best epoch', () => {
    const s = new EarlyStopping(1, 0.01);
    s.update(0, 1);
    expect(s.update(1, 1.2)).toBe(false);
    expect(s.update(2, 0.5)).toBe(true);
    expect(s.update(3, 0.6)).toBe(false);
    expect(s.done).toBe(false);
    s.update(4, 0.7);
    expect(s.done).toBe(true);
    expect(s.bestEpoch).toBe(2);
  });

  it('NaN losses are stale and never best', () => {
    const s = new EarlyStopping(5, 0);
    s.update(0, 1);
    expect(s.update(1, NaN)).toBe(false);
    expect(s.bestEpoch).toBe(0);
  });
});
