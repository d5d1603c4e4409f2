// Random Cut Forest in an exported module: the trees in the model file's compact preorder form (base64),
// rebuilt into node arrays with bounding boxes when the module loads, and each point's expected CoDisp
// averaged over the trees, as src/lib/ml/randomcutforest/codisp.ts computes it. Rows become points by
// shingling within a batch, so a model with shingle_size > 1 scores predictBatch(rows), not predict(row).
import { writeRandomCutForest } from '../../ml/randomcutforest/model-json.ts';
import type { RandomCutForestModel } from '../../ml/randomcutforest/model.ts';
import type { ExportRuntime } from './types.ts';

function params(model: RandomCutForestModel) {
  const body = JSON.parse(new TextDecoder().decode(writeRandomCutForest(model, {}))).model as Record<string, unknown>;
  const { nCols, shingleSize, dim, numTrees, nodeCounts, structure, cuts, points } = body;
  return { nCols, shingleSize, dim, numTrees, nodeCounts, structure, cuts, points };
}

const SOURCE = String.raw`
const FOREST = (() => {
  const dim = P.dim, structure = b64i32(P.structure), cuts = b64f32(P.cuts), points = b64f32(P.points);
  const trees = [];
  let s = 0, c = 0, p = 0;
  for (let t = 0; t < P.numTrees; t++) {
    const n = P.nodeCounts[t];
    const tree = { left: new Int32Array(n), right: new Int32Array(n), cutDim: new Int32Array(n), cutValue: new Float32Array(n),
      mass: new Int32Array(n), boxMin: new Float32Array(n * dim), boxMax: new Float32Array(n * dim) };
    let next = 0;
    const read = () => {
      const g = next++;
      const code = structure[s++];
      if (code < 0) {
        tree.left[g] = tree.right[g] = -1;
        tree.mass[g] = -code;
        tree.boxMin.set(points.subarray(p, p + dim), g * dim);
        tree.boxMax.set(points.subarray(p, p + dim), g * dim);
        p += dim;
        return g;
      }
      tree.cutDim[g] = code;
      tree.cutValue[g] = cuts[c++];
      const l = read(), r = read();
      tree.left[g] = l;
      tree.right[g] = r;
      tree.mass[g] = tree.mass[l] + tree.mass[r];
      for (let j = 0; j < dim; j++) {
        tree.boxMin[g * dim + j] = Math.min(tree.boxMin[l * dim + j], tree.boxMin[r * dim + j]);
        tree.boxMax[g * dim + j] = Math.max(tree.boxMax[l * dim + j], tree.boxMax[r * dim + j]);
      }
      return g;
    };
    read();
    trees.push(tree);
  }
  return trees;
})();

// Expected CoDisp of inserting point x (dim values from off) into one tree.
function treeScore(tree, x, off) {
  const dim = P.dim;
  let g = 0, reach = 1, ratio = 0, expected = 0;
  for (;;) {
    const bo = g * dim;
    let outside = 0, span = 0;
    for (let j = 0; j < dim; j++) {
      const v = x[off + j], lo = tree.boxMin[bo + j], hi = tree.boxMax[bo + j];
      if (v < lo) { outside += lo - v; span += hi - v; } else if (v > hi) { outside += v - hi; span += v - lo; } else span += hi - lo;
    }
    const l = tree.left[g];
    if (l < 0) { expected += reach * (outside > 0 ? Math.max(tree.mass[g], ratio) : ratio); break; }
    if (outside > 0) {
      const q = outside / span;
      expected += reach * q * Math.max(tree.mass[g], ratio);
      reach *= 1 - q;
    }
    let child = l, sibling = tree.right[g];
    if (!(x[off + tree.cutDim[g]] < tree.cutValue[g])) { const t = child; child = sibling; sibling = t; }
    const here = tree.mass[sibling] / (tree.mass[child] + 1);
    if (here > ratio) ratio = here;
    g = child;
  }
  return expected;
}

function inferRows(X) {
  const n = X.length, size = P.shingleSize, c = P.nCols;
  if (n === 0) return [];
  if (n < size) throw new RangeError('this model scores shingles of ' + size + ' consecutive rows (shingle_size); give predictBatch at least ' + size + ' rows, oldest first');
  const count = n - size + 1;
  const pts = new Float32Array(count * P.dim);
  for (let s = 0; s < count; s++) for (let r = 0; r < size; r++) pts.set(X[s + r], (s * size + r) * c);
  const sums = new Float64Array(count);
  for (const tree of FOREST) for (let i = 0; i < count; i++) sums[i] += treeScore(tree, pts, i * P.dim);
  const inv = FOREST.length > 0 ? 1 / FOREST.length : 0;
  const scores = Array.from(sums, (v) => f(v * inv));
  return X.map((_, i) => ({ score: scores[Math.max(0, i - size + 1)] }));
}
`;

export const randomCutForestRuntime: ExportRuntime<RandomCutForestModel> = {
  source: SOURCE, params, needsFinite: true, sequential: (model) => model.shingleSize > 1,
};
