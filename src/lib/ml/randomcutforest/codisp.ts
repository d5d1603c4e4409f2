// Anomaly scores: the expected collusive displacement (CoDisp) of inserting a point into each tree.
//
// Inserting x into a tree (Guha et al. 2016, section 3; the rrcf package's insert_point) walks down from the
// root; at node v, a random cut over the box of v's points extended by x separates x from them with
// probability p_v = (Σ_d distance of x outside the box in d) / (Σ_d range of the extended box in d), and
// then x becomes v's sibling; otherwise x follows v's own cut. A point equal to a leaf's joins that leaf.
// CoDisp of the inserted leaf is the largest displacement ratio over the subtrees C that contain x: the size
// of C's sibling over |C| (rrcf's codisp: sibling.n / node.n up to the root's child). If x is separated at
// path node a_j (root a_0), those ratios are |a_j| / 1 for {x} itself and |sib(a_i)| / (|a_i| + 1) for
// 1 ≤ i ≤ j; a duplicate of leaf a_k has the ratios for 1 ≤ i ≤ k.
//
// rrcf draws one random insertion per tree; here each tree contributes the exact expectation over the
// insertion's randomness, Σ_j P(separated at a_j) · CoDisp_j (plus the duplicate term), so scores are
// deterministic and less noisy for the same trees. Scores are on rrcf's scale (from 0 up to the sample
// size; a few units for typical points), not rescaled as Amazon's RCF's depth-based scores are.
import type { CutForest } from './forest.ts';

/**
 * Adds tree `t`'s expected CoDisp of each of `count` points (row-major, forest.dim values each) to `sums`.
 * Scoring tree by tree keeps one tree's arrays in cache while all points pass through it.
 */
export function addTreeScores(forest: CutForest, t: number, points: Float32Array, count: number, sums: Float64Array): void {
  const { dim, left, right, cutDim, cutValue, mass, boxMin, boxMax } = forest;
  const base = t * forest.maxNodes;
  for (let i = 0; i < count; i++) {
    const off = i * dim;
    let g = base; // the root
    let reach = 1; // probability that x has not been separated above g
    let ratio = 0; // max over path nodes a_1..a_j of |sib(a_i)| / (|a_i| + 1)
    let expected = 0;
    for (;;) {
      const bo = g * dim;
      let outside = 0;
      let span = 0;
      for (let j = 0; j < dim; j++) {
        const v = points[off + j];
        const lo = boxMin[bo + j];
        const hi = boxMax[bo + j];
        if (v < lo) { outside += lo - v; span += hi - v; } else if (v > hi) { outside += v - hi; span += v - lo; } else span += hi - lo;
      }
      const l = left[g];
      if (l < 0) {
        // A leaf: x is separated from a different point for sure, or joins an equal one.
        expected += reach * (outside > 0 ? Math.max(mass[g], ratio) : ratio);
        break;
      }
      if (outside > 0) {
        const p = outside / span;
        expected += reach * p * Math.max(mass[g], ratio);
        reach *= 1 - p;
      }
      let child = base + l;
      let sibling = base + right[g];
      if (!(points[off + cutDim[g]] < cutValue[g])) { const s = child; child = sibling; sibling = s; }
      const here = mass[sibling] / (mass[child] + 1);
      if (here > ratio) ratio = here;
      g = child;
    }
    sums[i] += expected;
  }
}

/** Expected CoDisp of inserting the point `x[off … off+dim)` into tree `t`. */
export function treeCoDisp(forest: CutForest, t: number, x: Float32Array, off: number): number {
  const sum = new Float64Array(1);
  addTreeScores(forest, t, x.subarray(off, off + forest.dim), 1, sum);
  return sum[0];
}

/** Mean expected CoDisp over the forest's trees of each of `count` points. */
export function forestScores(forest: CutForest, points: Float32Array, count: number): Float32Array {
  const sums = new Float64Array(count);
  for (let t = 0; t < forest.numTrees; t++) addTreeScores(forest, t, points, count, sums);
  const out = new Float32Array(count);
  const inv = forest.numTrees > 0 ? 1 / forest.numTrees : 0;
  for (let i = 0; i < count; i++) out[i] = sums[i] * inv;
  return out;
}
