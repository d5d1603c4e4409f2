import { describe, expect, it } from 'vitest';
import { aggregateShap } from '../../../../src/lib/clarify/shap/aggregate.ts';

// 3 rows × 2 outputs × 2 features.
const values = Float64Array.from([
  1, -2, /* row 0 out 1 */ 0.5, 0,
  -3, 4, /* row 1 out 1 */ 0.5, -1,
  2, -6, /* row 2 out 1 */ -2, 3,
]);

describe('aggregateShap', () => {
  it('mean_abs is the mean of |φ| per output and feature (default)', () => {
    expect(Array.from(aggregateShap(values, 3, 2, 2))).toEqual([2, 4, 1, 4 / 3]);
  });

  it('median is the median of the signed values (mean of the middle two for an even count)', () => {
    expect(Array.from(aggregateShap(values, 3, 2, 2, 'median'))).toEqual([1, -2, 0.5, 0]);
    expect(Array.from(aggregateShap(Float64Array.from([4, -1, 3, 10]), 4, 1, 1, 'median'))).toEqual([3.5]);
  });

  it('mean_sq is the mean of φ²', () => {
    expect(Array.from(aggregateShap(values, 3, 2, 2, 'mean_sq'))).toEqual([14 / 3, 56 / 3, 4.5 / 3, 10 / 3]);
  });

  it('names agg_method and the shape on bad input', () => {
    expect(() => aggregateShap(values, 3, 2, 2, 'max' as never)).toThrow('agg_method must be one of mean_abs, median, mean_sq; got max');
    expect(() => aggregateShap(values, 4, 2, 2)).toThrow(/values has 12 entries; rows × outputs × features is 16/);
  });
});
