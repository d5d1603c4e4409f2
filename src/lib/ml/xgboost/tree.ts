// One regression tree in XGBoost's RegTree layout (node arrays, children allocated in pairs), so that it
// maps one-to-one onto the JSON model format. Leaves have left = right = -1 and keep their value in
// `threshold` (XGBoost's split_conditions does the same).

export interface Tree {
  nNodes: number;
  left: Int32Array;
  right: Int32Array;
  /** Parent of each node; -1 for the root. */
  parent: Int32Array;
  /** Split feature (0 at leaves). */
  feature: Int32Array;
  /** Split condition (go left iff x < it), or the leaf value at a leaf. float32. */
  threshold: Float32Array;
  /** 1 when a missing value goes left. */
  defaultLeft: Uint8Array;
  /** Weight of the node before eta (XGBoost's base_weights). */
  baseWeight: Float32Array;
  /** Loss change of the node's split (0 at leaves). */
  lossChange: Float32Array;
  /** Hessian sum of the node's rows (XGBoost's sum_hessian, its "cover"). */
  sumHessian: Float32Array;
}

export function allocTree(capacity: number): Tree {
  const c = Math.max(1, capacity);
  return {
    nNodes: 1,
    left: new Int32Array(c).fill(-1), right: new Int32Array(c).fill(-1), parent: new Int32Array(c).fill(-1),
    feature: new Int32Array(c), threshold: new Float32Array(c), defaultLeft: new Uint8Array(c),
    baseWeight: new Float32Array(c), lossChange: new Float32Array(c), sumHessian: new Float32Array(c),
  };
}

function grow<T extends Int32Array | Float32Array | Uint8Array>(a: T, cap: number, fill: number): T {
  const b = new (a.constructor as { new(n: number): T })(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** Turns leaf `nid` into a split and appends its two children (left = nNodes, right = nNodes + 1). */
export function expandNode(
  t: Tree, nid: number, feature: number, threshold: number, defaultLeft: boolean, baseWeight: number,
  leftLeaf: number, rightLeaf: number, lossChange: number, sumHess: number, leftHess: number, rightHess: number,
): void {
  const l = t.nNodes;
  const r = l + 1;
  if (r >= t.left.length) {
    const cap = Math.max(2 * t.left.length, r + 1);
    t.left = grow(t.left, cap, -1); t.right = grow(t.right, cap, -1); t.parent = grow(t.parent, cap, -1);
    t.feature = grow(t.feature, cap, 0); t.threshold = grow(t.threshold, cap, 0); t.defaultLeft = grow(t.defaultLeft, cap, 0);
    t.baseWeight = grow(t.baseWeight, cap, 0); t.lossChange = grow(t.lossChange, cap, 0); t.sumHessian = grow(t.sumHessian, cap, 0);
  }
  t.nNodes = r + 1;
  t.left[nid] = l; t.right[nid] = r;
  t.feature[nid] = feature; t.threshold[nid] = threshold; t.defaultLeft[nid] = defaultLeft ? 1 : 0;
  t.baseWeight[nid] = baseWeight; t.lossChange[nid] = lossChange; t.sumHessian[nid] = sumHess;
  t.parent[l] = nid; t.parent[r] = nid;
  t.threshold[l] = leftLeaf; t.threshold[r] = rightLeaf;
  // XGBoost stores a fresh leaf's (eta-scaled) value as its base weight too.
  t.baseWeight[l] = leftLeaf; t.baseWeight[r] = rightLeaf;
  t.sumHessian[l] = leftHess; t.sumHessian[r] = rightHess;
}

/** Trims the arrays to nNodes (after growth, before saving). */
export function compactTree(t: Tree): Tree {
  const n = t.nNodes;
  return {
    nNodes: n, left: t.left.slice(0, n), right: t.right.slice(0, n), parent: t.parent.slice(0, n),
    feature: t.feature.slice(0, n), threshold: t.threshold.slice(0, n), defaultLeft: t.defaultLeft.slice(0, n),
    baseWeight: t.baseWeight.slice(0, n), lossChange: t.lossChange.slice(0, n), sumHessian: t.sumHessian.slice(0, n),
  };
}

/** The leaf a row-major row (`x` from offset `base`) falls into. */
export function leafIndex(t: Tree, x: Float32Array, base: number): number {
  const { left, right, feature, threshold, defaultLeft } = t;
  let n = 0;
  while (left[n] !== -1) {
    const v = x[base + feature[n]];
    n = v !== v ? (defaultLeft[n] ? left[n] : right[n]) : v < threshold[n] ? left[n] : right[n];
  }
  return n;
}
