// Building one random cut tree (Guha et al. 2016, "Robust Random Cut Forest Based Anomaly Detection on
// Streams", section 2): at each node, a dimension is chosen with probability proportional to the range of
// the node's points in it, and the cut value uniformly within that range; points equal in every dimension
// share one leaf whose mass counts them.
import type { SeededRandom } from '../random.ts';
import type { CutForest } from './forest.ts';

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The smallest float32 above `v` (v finite and below the float32 maximum). */
function nextFloat32Up(v: number): number {
  if (v === 0) return 2 ** -149;
  f32[0] = v;
  i32[0] += v > 0 ? 1 : -1;
  return f32[0];
}

/**
 * Builds tree `t` of `forest` on the points `points[sample[k]·dim …]` (k < sample.length), drawing cuts
 * from `rng`. Reorders `sample` in place. Nodes are numbered in preorder from 0 (the root).
 */
export function buildTree(forest: CutForest, t: number, points: Float32Array, sample: Int32Array, rng: SeededRandom): void {
  const { dim, left, right, cutDim, cutValue, mass, boxMin, boxMax } = forest;
  const base = t * forest.maxNodes;
  let next = 0;

  const build = (lo: number, hi: number): number => {
    const node = next++;
    const g = base + node;
    const bo = g * dim;
    for (let j = 0; j < dim; j++) { boxMin[bo + j] = Infinity; boxMax[bo + j] = -Infinity; }
    for (let k = lo; k < hi; k++) {
      const p = sample[k] * dim;
      for (let j = 0; j < dim; j++) {
        const v = points[p + j];
        if (v < boxMin[bo + j]) boxMin[bo + j] = v;
        if (v > boxMax[bo + j]) boxMax[bo + j] = v;
      }
    }
    mass[g] = hi - lo;
    let spanSum = 0;
    for (let j = 0; j < dim; j++) spanSum += boxMax[bo + j] - boxMin[bo + j];
    if (spanSum === 0) {
      left[g] = -1;
      right[g] = -1;
      return node;
    }
    // Dimension q with probability span_q / Σ spans, then the cut uniform in [min_q, max_q].
    const r = rng.next() * spanSum;
    let q = -1;
    let acc = 0;
    let offset = 0;
    for (let j = 0; j < dim; j++) {
      const span = boxMax[bo + j] - boxMin[bo + j];
      if (span === 0) continue;
      q = j;
      offset = r - acc;
      acc += span;
      if (r < acc) break;
    }
    const lowest = boxMin[bo + q];
    const highest = boxMax[bo + q];
    // Points with x[q] < cut go left; keeping the cut a float32 in (min, max] leaves both sides non-empty
    // and lets the saved model route points exactly as training did.
    let cut = Math.fround(lowest + Math.min(offset, highest - lowest));
    if (cut <= lowest) cut = nextFloat32Up(lowest);
    if (cut > highest) cut = highest;
    let mid = lo;
    for (let k = lo; k < hi; k++) {
      if (points[sample[k] * dim + q] < cut) {
        const s = sample[k]; sample[k] = sample[mid]; sample[mid] = s;
        mid++;
      }
    }
    cutDim[g] = q;
    cutValue[g] = cut;
    left[g] = build(lo, mid);
    right[g] = build(mid, hi);
    return node;
  };

  build(0, sample.length);
  forest.nodeCount[t] = next;
}

/**
 * Draws `out.length` distinct indices uniformly from `perm` (a permutation of 0..n−1, reshuffled in place
 * by a partial Fisher–Yates, which leaves it a permutation for the next draw).
 */
export function sampleWithoutReplacement(perm: Int32Array, out: Int32Array, rng: SeededRandom): void {
  const n = perm.length;
  for (let i = 0; i < out.length; i++) {
    const j = i + rng.nextInt(n - i);
    const s = perm[i]; perm[i] = perm[j]; perm[j] = s;
    out[i] = s;
  }
}
