// The expected CoDisp against a literal re-implementation of rrcf's insert_point + codisp on node objects,
// averaged over many random insertions, and against hand-computed cases.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { buildTree } from '../../../../src/lib/ml/randomcutforest/build-tree.ts';
import { treeCoDisp } from '../../../../src/lib/ml/randomcutforest/codisp.ts';
import { allocateForest, type CutForest } from '../../../../src/lib/ml/randomcutforest/forest.ts';
import { gaussian } from './fixtures.ts';

function oneTree(points: number[][], seed = 1): CutForest {
  const dim = points[0].length;
  const forest = allocateForest(1, points.length, dim);
  buildTree(forest, 0, Float32Array.from(points.flat()), Int32Array.from(points, (_, i) => i), new SeededRandom(seed));
  forest.numTrees = 1;
  return forest;
}

const score = (f: CutForest, x: number[]) => treeCoDisp(f, 0, Float32Array.from(x), 0);

interface Node { n: number; u: Branch | null; lo: number[]; hi: number[] }
interface Leaf extends Node { leaf: true; x: number[] }
interface Branch extends Node { leaf: false; q: number; p: number; l: Tree; r: Tree }
type Tree = Leaf | Branch;

/** The flat tree as rrcf-style node objects with parent pointers and boxes. */
function objects(f: CutForest): Tree {
  const make = (k: number, u: Branch | null): Tree => {
    const lo = Array.from(f.boxMin.subarray(k * f.dim, (k + 1) * f.dim));
    const hi = Array.from(f.boxMax.subarray(k * f.dim, (k + 1) * f.dim));
    if (f.left[k] < 0) return { leaf: true, x: lo, n: f.mass[k], u, lo, hi };
    const b = { leaf: false, q: f.cutDim[k], p: f.cutValue[k], n: f.mass[k], u, lo, hi } as Branch;
    b.l = make(f.left[k], b);
    b.r = make(f.right[k], b);
    return b;
  };
  return make(0, null);
}

/** rrcf's codisp of a leaf: the largest sibling.n / node.n from the leaf up to the root's child. */
function rrcfCodisp(leaf: Tree): number {
  let node: Tree = leaf;
  let best = -Infinity;
  while (node.u) {
    const parent: Branch = node.u;
    const sibling = parent.l === node ? parent.r : parent.l;
    best = Math.max(best, sibling.n / node.n);
    node = parent;
  }
  return best;
}

/** One random rrcf insert_point of x, its codisp, and the tree restored (rrcf's forget_point). */
function insertOnce(root: Tree, x: number[], rng: SeededRandom): number {
  // A duplicate joins its leaf (rrcf's find_duplicate).
  let probe: Tree = root;
  while (!probe.leaf) probe = x[probe.q] < probe.p ? probe.l : probe.r;
  if (probe.x.every((v, j) => v === x[j])) {
    for (let a: Tree | null = probe; a; a = a.u) a.n++;
    const c = rrcfCodisp(probe);
    for (let a: Tree | null = probe; a; a = a.u) a.n--;
    return c;
  }
  let node: Tree = root;
  for (;;) {
    // rrcf's _insert_point_cut: a cut uniform over the box extended by x.
    const lo = node.lo.map((v, j) => Math.min(v, x[j]));
    const hi = node.hi.map((v, j) => Math.max(v, x[j]));
    const spans = hi.map((v, j) => v - lo[j]);
    const r = rng.next() * spans.reduce((a, b) => a + b, 0);
    let q = 0, acc = 0;
    for (; q < spans.length; q++) { acc += spans[q]; if (acc >= r) break; }
    const cut = lo[q] + acc - r;
    const below = cut <= node.lo[q] && x[q] < node.lo[q];
    const above = cut >= node.hi[q] && x[q] > node.hi[q];
    if (below || above) {
      const parent = node.u;
      const leaf: Leaf = { leaf: true, x, n: 1, u: null, lo: x, hi: x };
      const branch: Branch = { leaf: false, q, p: cut, l: below ? leaf : node, r: below ? node : leaf, n: node.n + 1, u: parent, lo, hi };
      leaf.u = branch;
      node.u = branch;
      if (parent) { if (parent.l === node) parent.l = branch; else parent.r = branch; }
      for (let a = parent; a; a = a.u) a.n++;
      const c = rrcfCodisp(leaf);
      for (let a = parent; a; a = a.u) a.n--;
      if (parent) { if (parent.l === branch) parent.l = node; else parent.r = node; }
      node.u = parent;
      return c;
    }
    if (node.leaf) throw new Error('a different point must be separated at a leaf');
    node = x[node.q] < node.p ? node.l : node.r;
  }
}

describe('treeCoDisp', () => {
  it('treeCoDisp on the sample {0, 1} is 5/3 at 3, 3/2 at −1, 1 at 0.5 and 1/2 for a duplicate of 1', () => {
    const f = oneTree([[0], [1]]);
    expect(score(f, [3])).toBeCloseTo(5 / 3, 12); // separated at the root with p 2/3 (CoDisp 2), else beside leaf 1 (CoDisp 1)
    expect(score(f, [-1])).toBeCloseTo(3 / 2, 12);
    expect(score(f, [0.5])).toBeCloseTo(1, 12);
    expect(score(f, [1])).toBeCloseTo(1 / 2, 12);
  });

  it('treeCoDisp equals the mean CoDisp of 40,000 random rrcf insertions within 4 standard errors', () => {
    const rng = new SeededRandom(11);
    const pts: number[][] = [];
    for (let i = 0; i < 24; i++) pts.push([gaussian(rng), gaussian(rng), 2 * gaussian(rng)].map(Math.fround));
    pts.push([...pts[3]]); // a duplicate in the sample: one leaf of mass 2
    const f = oneTree(pts, 5);
    const root = objects(f);
    const queries = [[0.1, -0.2, 0.3], [4, 4, -6], [2.5, 0, 0], pts[3], pts[10], [0, 0, 9]].map((q) => q.map(Math.fround));
    const mc = new SeededRandom(99);
    for (const x of queries) {
      let sum = 0, sq = 0;
      const trials = 40_000;
      for (let k = 0; k < trials; k++) { const c = insertOnce(root, x, mc); sum += c; sq += c * c; }
      const mean = sum / trials;
      const se = Math.sqrt(Math.max(sq / trials - mean * mean, 0) / trials);
      expect(Math.abs(score(f, x) - mean)).toBeLessThanOrEqual(4 * se + 1e-9);
    }
  });

  it('buildTree keeps every sample point in a leaf of the right mass and boxes that contain their subtree', () => {
    const rng = new SeededRandom(4);
    const pts: number[][] = [];
    for (let i = 0; i < 64; i++) pts.push([Math.round(gaussian(rng) * 2), gaussian(rng)].map(Math.fround));
    const f = oneTree(pts, 9);
    expect(f.mass[0]).toBe(64);
    let leafMass = 0;
    for (let k = 0; k < f.nodeCount[0]; k++) {
      if (f.left[k] < 0) { leafMass += f.mass[k]; continue; }
      const [l, r] = [f.left[k], f.right[k]];
      expect(f.mass[k]).toBe(f.mass[l] + f.mass[r]);
      const q = f.cutDim[k];
      expect(f.boxMax[l * 2 + q]).toBeLessThan(f.cutValue[k]);
      expect(f.boxMin[r * 2 + q]).toBeGreaterThanOrEqual(f.cutValue[k]);
    }
    expect(leafMass).toBe(64);
    expect(f.nodeCount[0]).toBeLessThanOrEqual(2 * 64 - 1);
  });

  it('allocateForest refuses a forest whose bounding boxes would pass 1 GiB, naming the parameters to lower', () => {
    expect(() => allocateForest(1000, 2048, 100)).toThrow(/^the forest's bounding boxes would need 3\.1 GiB .*lower num_trees, num_samples_per_tree or shingle_size/);
    expect(allocateForest(100, 256, 4).maxNodes).toBe(511);
  });
});
