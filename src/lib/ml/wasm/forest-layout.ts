// What a generated forest module needs to know about the trees it predicts with: the trees in the order
// their leaf values are summed, each one's output group, and the row layout in linear memory.
import type { Tree } from '../xgboost/tree.ts';

export interface ForestLayout {
  /** The trees, in the order their leaf values are added. */
  trees: readonly Tree[];
  /** Output group (margin column) of each tree. */
  groupOf: Int32Array;
  /** Output groups: margins per row. */
  groups: number;
  /** float32 values per row in linear memory (at least one more than the largest split feature). */
  stride: number;
}

/** Total nodes of the layout's trees. */
export function nodeCount(layout: ForestLayout): number {
  let n = 0;
  for (const t of layout.trees) n += t.nNodes;
  return n;
}
