// The model file, "mlpad randomcutforest JSON v1": an mlpad envelope whose body holds each tree in preorder
// and nothing derivable. `structure` has one int32 per node: the cut dimension (≥ 0) of an internal node,
// or −mass (≤ −1) of a leaf; `cuts` the cut value of each internal node and `points` the point (dim values)
// of each leaf, in the same order. Bounding boxes and masses are rebuilt on reading. The three arrays are
// base64 of little-endian int32/float32 bytes, which keeps a 100-tree, 256-sample forest of 4-value points
// near 1 MB and reads back bit-exactly.
import { ModelFileError, numberField, readModelFile, writeModelFile } from '../model-file.ts';
import { base64ToFloat32, base64ToInt32, float32ToBase64, int32ToBase64 } from './base64.ts';
import { allocateForest } from './forest.ts';
import type { RandomCutForestModel } from './model.ts';

const NAME = 'randomcutforest';
const VERSION = 1;

/** The model as file bytes, with `attributes` inside. */
export function writeRandomCutForest(model: RandomCutForestModel, attributes: Record<string, string> = model.attributes): Uint8Array {
  const f = model.forest;
  const { dim, maxNodes } = f;
  let nodes = 0;
  for (let t = 0; t < f.numTrees; t++) nodes += f.nodeCount[t];
  const internal = (nodes - f.numTrees) / 2; // a tree of L leaves has L − 1 internal nodes
  const structure = new Int32Array(nodes);
  const cuts = new Float32Array(internal);
  const points = new Float32Array((nodes - internal) * dim);
  let s = 0, c = 0, p = 0;
  for (let t = 0; t < f.numTrees; t++) {
    for (let k = 0; k < f.nodeCount[t]; k++) {
      const g = t * maxNodes + k;
      if (f.left[g] < 0) {
        structure[s++] = -f.mass[g];
        points.set(f.boxMin.subarray(g * dim, (g + 1) * dim), p);
        p += dim;
      } else {
        structure[s++] = f.cutDim[g];
        cuts[c++] = f.cutValue[g];
      }
    }
  }
  const body = {
    nCols: model.nCols,
    shingleSize: model.shingleSize,
    dim,
    sampleSize: (maxNodes + 1) / 2,
    numTrees: f.numTrees,
    scoreMean: model.scoreMean,
    scoreStd: model.scoreStd,
    ...(model.featureNames ? { featureNames: model.featureNames } : {}),
    nodeCounts: Array.from(f.nodeCount.subarray(0, f.numTrees)),
    structure: int32ToBase64(structure),
    cuts: float32ToBase64(cuts),
    points: float32ToBase64(points),
  };
  return writeModelFile(NAME, VERSION, body, attributes);
}

function bad(message: string): ModelFileError {
  return new ModelFileError(`the ${NAME} model file's ${message}`);
}

function intField(body: Record<string, unknown>, key: string, min: number): number {
  const v = numberField(body, key, NAME);
  if (!Number.isInteger(v) || v < min) throw bad(`model.${key} must be an integer ≥ ${min}; got ${v}`);
  return v;
}

function arrayField<T>(body: Record<string, unknown>, key: string, read: (s: string) => T): T {
  const v = body[key];
  if (typeof v !== 'string') throw bad(`model.${key} must be base64 text`);
  try {
    return read(v);
  } catch (e) {
    throw bad(`model.${key} is not valid: ${(e as Error).message}`);
  }
}

/** Reads what writeRandomCutForest wrote; throws ModelFileError naming the field that is wrong. */
export function readRandomCutForest(bytes: Uint8Array | string): RandomCutForestModel {
  const file = readModelFile(bytes, NAME, VERSION);
  const body = file.model as Record<string, unknown>;
  const nCols = intField(body, 'nCols', 1);
  const shingleSize = intField(body, 'shingleSize', 1);
  const dim = intField(body, 'dim', 1);
  if (dim !== nCols * shingleSize) throw bad(`model.dim must be nCols × shingleSize = ${nCols * shingleSize}; got ${dim}`);
  const sampleSize = intField(body, 'sampleSize', 1);
  const numTrees = intField(body, 'numTrees', 0);
  const counts = body.nodeCounts;
  if (!Array.isArray(counts) || counts.length !== numTrees || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 2 * sampleSize - 1)) {
    throw bad(`model.nodeCounts must hold ${numTrees} integers in [1, ${2 * sampleSize - 1}]`);
  }
  const structure = arrayField(body, 'structure', base64ToInt32);
  const cuts = arrayField(body, 'cuts', base64ToFloat32);
  const points = arrayField(body, 'points', base64ToFloat32);
  const forest = allocateForest(numTrees, sampleSize, dim);
  let s = 0, c = 0, p = 0;
  for (let t = 0; t < numTrees; t++) {
    const end = s + (counts[t] as number);
    const base = t * forest.maxNodes;
    let next = 0;
    // Preorder: an internal node's left subtree follows it, then its right subtree.
    const read = (): number => {
      if (s >= end) throw bad(`model.structure ends inside tree ${t}`);
      const node = next++;
      const g = base + node;
      const code = structure[s++];
      const bo = g * dim;
      if (code < 0) {
        if (p + dim > points.length) throw bad('model.points holds fewer points than the trees have leaves');
        forest.left[g] = forest.right[g] = -1;
        forest.mass[g] = -code;
        forest.boxMin.set(points.subarray(p, p + dim), bo);
        forest.boxMax.set(points.subarray(p, p + dim), bo);
        p += dim;
        return node;
      }
      if (code >= dim) throw bad(`model.structure has cut dimension ${code} in tree ${t}; points have ${dim} values`);
      if (c >= cuts.length) throw bad('model.cuts holds fewer values than the trees have internal nodes');
      forest.cutDim[g] = code;
      forest.cutValue[g] = cuts[c++];
      const l = read();
      const r = read();
      forest.left[g] = l;
      forest.right[g] = r;
      forest.mass[g] = forest.mass[base + l] + forest.mass[base + r];
      const lo = (base + l) * dim, ro = (base + r) * dim;
      for (let j = 0; j < dim; j++) {
        forest.boxMin[bo + j] = Math.min(forest.boxMin[lo + j], forest.boxMin[ro + j]);
        forest.boxMax[bo + j] = Math.max(forest.boxMax[lo + j], forest.boxMax[ro + j]);
      }
      return node;
    };
    read();
    if (s !== end) throw bad(`model.nodeCounts[${t}] is ${counts[t]} but the tree's preorder has ${next} nodes`);
    forest.nodeCount[t] = next;
  }
  if (s !== structure.length || c !== cuts.length || p !== points.length) throw bad('model.structure, cuts and points do not describe the same trees');
  forest.numTrees = numTrees;
  const names = body.featureNames;
  if (names !== undefined && (!Array.isArray(names) || names.length !== nCols || names.some((n) => typeof n !== 'string'))) {
    throw bad(`model.featureNames must hold ${nCols} strings`);
  }
  return {
    forest,
    nCols,
    shingleSize,
    scoreMean: numberField(body, 'scoreMean', NAME),
    scoreStd: numberField(body, 'scoreStd', NAME),
    ...(names ? { featureNames: names as string[] } : {}),
    attributes: { ...file.attributes },
  };
}
