// A batch of sparse rows as fixed-width slots (ELLPACK): every row gets as many slots as the fullest row of
// the batch, each slot a (feature, value) pair, unused slots feature 0 with value 0 (they add nothing to
// the score or the gradient). Fixed slots let TensorFlow.js gather factor rows as one [rows, width, k]
// tensor with ops every backend has. One-hot data fill their slots evenly: one per categorical column.
import type { SparseRows } from './sparse-rows.ts';

/** Rows × width slots of one batch. */
export interface BatchSlots {
  rows: number;
  width: number;
  /** rows × width feature positions, row-major: indices into `unique` when it is set, else feature indices. */
  pos: Int32Array;
  /** rows × width values, 0 in unused slots. */
  x: Float32Array;
  /** The batch's distinct features in first-seen order (training); null when `pos` holds feature indices. */
  unique: Int32Array | null;
}

/** The widest row among `rowIds`, at least 1. */
function widthOf(s: SparseRows, rowIds: Int32Array): number {
  let width = 1;
  for (const r of rowIds) width = Math.max(width, s.indptr[r + 1] - s.indptr[r]);
  return width;
}

/**
 * Slots of the rows `rowIds` (in that order). With `scratch` (an Int32Array of nCols filled with −1, given
 * back filled with −1), positions index the batch's distinct features, listed in `unique`; without it they
 * are feature indices.
 */
export function batchSlots(s: SparseRows, rowIds: Int32Array, scratch?: Int32Array): BatchSlots {
  const rows = rowIds.length;
  const width = widthOf(s, rowIds);
  const pos = new Int32Array(rows * width);
  const x = new Float32Array(rows * width);
  const seen: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = rowIds[r];
    let slot = r * width;
    for (let e = s.indptr[row]; e < s.indptr[row + 1]; e++, slot++) {
      const j = s.indices[e];
      if (scratch) {
        if (scratch[j] < 0) {
          scratch[j] = seen.length;
          seen.push(j);
        }
        pos[slot] = scratch[j];
      } else {
        pos[slot] = j;
      }
      x[slot] = s.values[e];
    }
  }
  if (!scratch) return { rows, width, pos, x, unique: null };
  const unique = Int32Array.from(seen);
  for (const j of unique) scratch[j] = -1;
  return { rows, width, pos, x, unique };
}

/** Rows per prediction chunk so that a chunk's gathered [rows, width, k + 1] tensor stays near 4M floats. */
export function predictionChunk(s: SparseRows, columnsPerSlot: number): number {
  let width = 1;
  for (let i = 0; i < s.nRows; i++) width = Math.max(width, s.indptr[i + 1] - s.indptr[i]);
  return Math.max(1, Math.min(s.nRows, Math.floor((1 << 22) / (width * columnsPerSlot))));
}
