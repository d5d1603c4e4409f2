// A forest of random cut trees held in flat typed arrays, one block of `maxNodes` node slots per tree, so
// that scoring walks integers and floats rather than node objects. Node indices in `left`/`right` are local
// to their tree (0 is the root); a leaf has left = right = −1 and its bounding box is its point.

/** The trees of a Random Cut Forest. */
export interface CutForest {
  /** Values per point: columns × shingle_size. */
  dim: number;
  /** Trees built (fewer than num_trees when training was stopped). */
  numTrees: number;
  /** Node slots per tree: 2 × (sample size) − 1. */
  maxNodes: number;
  /** Nodes used by each tree (preorder, root first). */
  nodeCount: Int32Array;
  /** Left child per node slot (x[cutDim] < cutValue goes left); −1 at a leaf. */
  left: Int32Array;
  /** Right child per node slot; −1 at a leaf. */
  right: Int32Array;
  /** Dimension cut at each internal node. */
  cutDim: Int32Array;
  /** Cut value at each internal node (a float32 in (min, max] of the node's box in cutDim). */
  cutValue: Float32Array;
  /** Sample points under each node (duplicates of a leaf's point count once each). */
  mass: Int32Array;
  /** Bounding box of each node's sample points, node slot × dim. */
  boxMin: Float32Array;
  boxMax: Float32Array;
}

/** Most float32 values the bounding boxes may hold together (1 GiB). */
export const MAX_BOX_VALUES = 2 ** 28;

/** An empty forest with room for `numTrees` trees of `sampleSize` points in `dim` dimensions. */
export function allocateForest(numTrees: number, sampleSize: number, dim: number): CutForest {
  const maxNodes = 2 * sampleSize - 1;
  const slots = numTrees * maxNodes;
  if (2 * slots * dim > MAX_BOX_VALUES) {
    const gib = (2 * slots * dim * 4 / 2 ** 30).toFixed(1);
    throw new RangeError(`the forest's bounding boxes would need ${gib} GiB (num_trees ${numTrees} × ${maxNodes} nodes × ${dim} values × 2); lower num_trees, num_samples_per_tree or shingle_size (or use fewer columns) to stay under 1 GiB`);
  }
  return {
    dim,
    numTrees: 0,
    maxNodes,
    nodeCount: new Int32Array(numTrees),
    left: new Int32Array(slots),
    right: new Int32Array(slots),
    cutDim: new Int32Array(slots),
    cutValue: new Float32Array(slots),
    mass: new Int32Array(slots),
    boxMin: new Float32Array(slots * dim),
    boxMax: new Float32Array(slots * dim),
  };
}

/** A copy holding only the first `numTrees` trees (after an early stop), so the model keeps no empty slots. */
export function truncateForest(f: CutForest, numTrees: number): CutForest {
  if (numTrees === f.nodeCount.length) return { ...f, numTrees };
  const slots = numTrees * f.maxNodes;
  return {
    dim: f.dim,
    numTrees,
    maxNodes: f.maxNodes,
    nodeCount: f.nodeCount.slice(0, numTrees),
    left: f.left.slice(0, slots),
    right: f.right.slice(0, slots),
    cutDim: f.cutDim.slice(0, slots),
    cutValue: f.cutValue.slice(0, slots),
    mass: f.mass.slice(0, slots),
    boxMin: f.boxMin.slice(0, slots * f.dim),
    boxMax: f.boxMax.slice(0, slots * f.dim),
  };
}
