import { describe, expect, it } from 'vitest';
import { batchSlots, predictionChunk } from '../../../../src/lib/ml/factorization-machines/batch-slots.ts';
import { rowsOf, sparseRowsOf, validateSparseRows } from '../../../../src/lib/ml/factorization-machines/sparse-rows.ts';
import type { FeatureMatrix } from '../../../../src/lib/ml/matrix.ts';

// 3 rows × 4 columns: row 0 = [1, 0, 0, 2], row 1 = all zeros, row 2 = [0, 3, 0.5, 0]
const rowMajor: FeatureMatrix = { features: Float32Array.from([1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0.5, 0]), nRows: 3, nCols: 4 };
const columnar: FeatureMatrix = {
  features: [Float32Array.from([1, 0, 0]), Float32Array.from([0, 0, 3]), Float32Array.from([0, 0, 0.5]), Float32Array.from([2, 0, 0])],
  nRows: 3, nCols: 4, featureNames: ['a', 'b', 'c', 'd'],
};

describe('sparseRowsOf', () => {
  it('lists each row\'s non-zero cells with ascending columns, from either layout', () => {
    for (const m of [rowMajor, columnar]) {
      const s = sparseRowsOf(m);
      expect([...s.indptr]).toEqual([0, 2, 2, 4]);
      expect([...s.indices]).toEqual([0, 3, 1, 2]);
      expect([...s.values]).toEqual([1, 2, 3, 0.5]);
      expect(() => validateSparseRows(s, 3, 4)).not.toThrow();
    }
  });

  it('refuses a NaN or infinite cell with a sentence naming the feature and row', () => {
    const bad: FeatureMatrix = { ...columnar, features: [Float32Array.from([1, 0, 0]), Float32Array.from([0, NaN, 3]), columnar.features[2] as Float32Array, columnar.features[3] as Float32Array] };
    expect(() => sparseRowsOf(bad, 'data')).toThrow('data holds NaN in feature 1 ("b"), row 1; factorization-machines needs every cell a finite number');
    const inf: FeatureMatrix = { features: Float32Array.from([0, Infinity]), nRows: 1, nCols: 2 };
    expect(() => sparseRowsOf(inf)).toThrow('features holds Infinity in feature 1, row 0');
  });

  it('rowsOf takes given sparse rows after checking them, without reading the features', () => {
    const s = sparseRowsOf(rowMajor);
    expect(rowsOf({ features: new Float32Array(0), nRows: 3, nCols: 4, sparse: s })).toBe(s);
    const unsorted = { ...s, indices: Int32Array.from([3, 0, 1, 2]) };
    expect(() => rowsOf({ features: new Float32Array(0), nRows: 3, nCols: 4, sparse: unsorted }, 'data'))
      .toThrow('data.sparse row 0: columns must ascend within [0, 4); got 0 after 3');
    expect(() => validateSparseRows(s, 3, 5)).toThrow('features.sparse is 3 × 4 but the matrix is 3 × 5');
  });
});

describe('batchSlots', () => {
  const s = sparseRowsOf(rowMajor);

  it('pads rows to the widest row with feature 0 at value 0 and indexes distinct features in first-seen order', () => {
    const scratch = new Int32Array(4).fill(-1);
    const b = batchSlots(s, Int32Array.from([2, 1, 0]), scratch);
    expect(b.rows).toBe(3);
    expect(b.width).toBe(2);
    expect([...b.unique!]).toEqual([1, 2, 0, 3]);
    expect([...b.pos]).toEqual([0, 1, 0, 0, 2, 3]);
    expect([...b.x]).toEqual([3, 0.5, 0, 0, 1, 2]);
    expect([...scratch]).toEqual([-1, -1, -1, -1]);
  });

  it('without scratch keeps feature indices (prediction)', () => {
    const b = batchSlots(s, Int32Array.from([0, 1]));
    expect(b.unique).toBeNull();
    expect(b.width).toBe(2);
    expect([...b.pos]).toEqual([0, 3, 0, 0]);
    expect([...b.x]).toEqual([1, 2, 0, 0]);
  });

  it('gives an all-zero batch one empty slot per row and no distinct features', () => {
    const b = batchSlots(s, Int32Array.from([1]), new Int32Array(4).fill(-1));
    expect(b.width).toBe(1);
    expect(b.unique!.length).toBe(0);
    expect([...b.x]).toEqual([0]);
  });

  it('predictionChunk keeps rows × width × columns near 4M floats', () => {
    expect(predictionChunk(s, 9)).toBe(3);
    const wide = sparseRowsOf({ features: new Float32Array(2 * 1000).fill(1), nRows: 2, nCols: 1000 });
    expect(predictionChunk(wide, 65_000)).toBe(1);
  });
});
