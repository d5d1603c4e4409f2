import { describe, expect, it } from 'vitest';
import { explainedVarianceRatios } from '../../../../src/lib/ml/results/explained-variance.ts';

describe('explainedVarianceRatios', () => {
  // Columns a = [1, 2, 3, 4] and b = [2, 0, 2, 0]: centred sums of squares 5 + 4 = 9.
  const rowMajor = { features: Float32Array.from([1, 2, 2, 0, 3, 2, 4, 0]), nRows: 4, nCols: 2 };
  const columnar = { features: [Float32Array.from([1, 2, 3, 4]), Float32Array.from([2, 0, 2, 0])], nRows: 4, nCols: 2 };
  // Column 0 = [0, 0, 0, 3]: centred sum of squares 6.75; column 1 is constant.
  const projection = Float32Array.from([0, 1, 0, 1, 0, 1, 3, 1]);

  it('divides each projection column\'s variance by the split\'s total variance (6.75 / 9 = 0.75), for row-major and columnar data', () => {
    expect(Array.from(explainedVarianceRatios(rowMajor, projection, 2))).toEqual([0.75, 0]);
    expect(Array.from(explainedVarianceRatios(columnar, projection, 2))).toEqual([0.75, 0]);
  });

  it('gives 1 for the single component of data lying on a line', () => {
    const line = { features: Float32Array.from([1, 2, 2, 4, 3, 6]), nRows: 3, nCols: 2 };
    const onto = Float32Array.from([1, 2, 3].map((t) => t * Math.sqrt(5)));
    expect(explainedVarianceRatios(line, onto, 1)[0]).toBeCloseTo(1, 6);
  });

  it('gives 0 per component for a split without spread: one row, or constant columns', () => {
    expect(Array.from(explainedVarianceRatios({ features: Float32Array.from([1, 2]), nRows: 1, nCols: 2 }, Float32Array.from([3]), 1))).toEqual([0]);
    expect(Array.from(explainedVarianceRatios({ features: Float32Array.from([5, 5, 5]), nRows: 3, nCols: 1 }, Float32Array.from([1, 2, 3]), 1))).toEqual([0]);
  });

  it('refuses a projection whose length is not nRows × components', () => {
    expect(() => explainedVarianceRatios(rowMajor, new Float32Array(7), 2)).toThrow('projection must hold nRows × components = 8 values; it holds 7');
    expect(() => explainedVarianceRatios(rowMajor, new Float32Array(0), 0)).toThrow('components must be a positive integer; got 0');
  });
});
