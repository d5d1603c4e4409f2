import { describe, expect, it } from 'vitest';
import { explainSpace, foldToColumns, spaceRows, spaceToFeatures, spaceValueText } from '../../../src/lib/clarify/explain-space.ts';
import type { FeatureEncoding } from '../../../src/lib/ml/prepare/types.ts';

const encoding: FeatureEncoding = {
  columns: [
    { name: 'income', kind: 'numeric' },
    { name: 'region', kind: 'one-hot', categories: ['east', 'north', 'south'] },
    { name: 'age', kind: 'numeric' },
  ],
  featureNames: ['income', 'region=east', 'region=north', 'region=south', 'age'],
};

describe('the explanation space (one value per data column)', () => {
  const space = explainSpace(encoding, [], 5);

  it('has the data\'s columns, a category as one column spanning its one-hot features', () => {
    expect(space.names).toEqual(['income', 'region', 'age']);
    expect(space.spans.map((s) => [s.start, s.count])).toEqual([[0, 1], [1, 3], [4, 1]]);
    expect(space.featureCount).toBe(5);
  });

  it('reads a one-hot column as its category code: NaN when missing, −1 for a value unseen in training', () => {
    const cols = [
      Float32Array.of(10, 20, 30, 40),
      Float32Array.of(0, 1, NaN, 0), Float32Array.of(1, 0, NaN, 0), Float32Array.of(0, 0, NaN, 0),
      Float32Array.of(5, NaN, 7, 8),
    ];
    const rows = spaceRows(space, { features: cols, nRows: 4, nCols: 5 });
    expect(Array.from(rows)).toEqual([10, 1, 5, 20, 0, NaN, 30, NaN, 7, 40, -1, 8]);
    expect(spaceValueText(space, 1, 2)).toBe('south');
    expect(spaceValueText(space, 1, -1)).toBe('(unseen)');
  });

  it('turns rows back into the model\'s features, which round-trip', () => {
    const rows = Float32Array.of(10, 1, 5, 20, 0, NaN, 30, NaN, 7, 40, -1, 8);
    const x = spaceToFeatures(space, rows, 4);
    expect(Array.from(x.features as Float32Array)).toEqual([10, 0, 1, 0, 5, 20, 1, 0, 0, NaN, 30, NaN, NaN, NaN, 7, 40, 0, 0, 0, 8]);
    expect(Array.from(spaceRows(space, x))).toEqual(Array.from(rows));
  });

  it('fills missing cells with the model\'s training means when it has them', () => {
    const s = explainSpace({ ...encoding, impute: [1, 2, 3, 4, 5] }, [], 5);
    const x = spaceToFeatures(s, Float32Array.of(NaN, NaN, NaN), 1);
    expect(Array.from(x.features as Float32Array)).toEqual([1, 2, 3, 4, 5]);
  });

  it('folds per-feature values into per-column sums (Shapley values are additive)', () => {
    expect(Array.from(foldToColumns(space, [0.5, 0.1, -0.3, 0.05, 2, 99], 0))).toEqual([0.5, 0.1 - 0.3 + 0.05, 2].map((v) => expect.closeTo(v, 12)) as unknown as number[]);
  });

  it('a model without an encoding is explained in its own features', () => {
    const s = explainSpace(undefined, ['a', 'b'], 2);
    expect(s.names).toEqual(['a', 'b']);
    expect(explainSpace(undefined, [], 2).names).toEqual(['c0', 'c1']);
  });
});
