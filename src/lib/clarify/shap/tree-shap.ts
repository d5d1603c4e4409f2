// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) for mlpad's XGBoost models, on
// the margin scale, laid out as native XGBoost's `predict(pred_contribs=True)`: rows × groups × (features
// + 1), the bias (base margin plus each tree's cover-weighted mean leaf) last. A feature's "absence" is
// the cover-weighted average over both children; a missing value (NaN) follows the split's default
// direction, as prediction does. Arithmetic is float64 (native is float32), so values agree to ~1e-6.
import { readRow, validateFeatureMatrix, type FeatureMatrix } from '../../ml/matrix.ts';
import { outputGroups, roundCount, type XGBoostModel } from '../../ml/xgboost/model.ts';
import { baseMargin } from '../../ml/xgboost/predict.ts';
import type { Tree } from '../../ml/xgboost/tree.ts';

/** Options of treeShap and treeShapInteractions. */
export interface TreeShapOptions {
  /** Rows of `x` to explain, in output order; defaults to every row. */
  rows?: Int32Array;
  /**
   * Boosting rounds [begin, end) whose trees are explained; defaults to every round, as native
   * Booster.predict(pred_contribs=True) does in XGBoost 1.7 (it ignores best_iteration; pass
   * [0, bestIteration + 1] to explain the early-stopped model). Native accepts only begin = 0.
   */
  iterationRange?: readonly [number, number];
  /** Called with (rows done, rows to do) every few rows and once at the end; defaults to none. */
  onProgress?: (done: number, total: number) => void;
  /** Polled every few rows; returning true stops early, leaving later rows zero; defaults to never. */
  shouldStop?: () => boolean;
}

export interface TreeShapResult {
  /** rows × groups × (features + 1), row-major; the last entry of each group is the bias. */
  values: Float64Array;
  /** Output groups (classes for multi:*, else 1). */
  groups: number;
  /** The model's feature count (values has features + 1 per group). */
  features: number;
  /** Rows explained (the length of options.rows, or x.nRows). */
  rows: number;
  /** Rows done before shouldStop returned true (= rows when it never did). */
  completedRows: number;
}

/** One tree with what TreeSHAP reuses for every row. */
export interface PreparedTree {
  tree: Tree;
  /** Output group of the tree. */
  group: number;
  /** Cover-weighted mean leaf value below each node (the tree's expectation at the root). */
  mean: Float64Array;
  /** Depth of the deepest leaf (root = 0). */
  maxDepth: number;
  /** Distinct features the tree splits on. */
  splitFeatures: Int32Array;
}

/** The model's trees in `iterationRange`, prepared once; validates the range (messages name it). */
export function prepareTrees(model: XGBoostModel, iterationRange?: readonly [number, number]): PreparedTree[] {
  const groups = outputGroups(model);
  const rounds = roundCount(model);
  const [r0, r1] = iterationRange ?? [0, rounds];
  if (!(Number.isInteger(r0) && Number.isInteger(r1) && r0 >= 0 && r0 <= r1 && r1 <= rounds)) {
    throw new RangeError(`options.iterationRange must satisfy 0 ≤ begin ≤ end ≤ ${rounds}; got [${r0}, ${r1}]`);
  }
  const out: PreparedTree[] = [];
  for (let t = r0 * groups; t < r1 * groups; t++) out.push(prepareTree(model.trees[t], model.treeInfo[t]));
  return out;
}

function prepareTree(tree: Tree, group: number): PreparedTree {
  const { left, right, feature, threshold, sumHessian } = tree;
  const mean = new Float64Array(tree.nNodes);
  const depth = new Int32Array(tree.nNodes);
  const seen = new Set<number>();
  // Children follow their parent in a reachable pre-order, so a walk from the root visits only live nodes
  // (deleted ones stay in the arrays) and a reverse pass over that order fills the means bottom-up.
  const order: number[] = [];
  const stack = [0];
  let maxDepth = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    order.push(n);
    if (left[n] === -1) { maxDepth = Math.max(maxDepth, depth[n]); continue; }
    seen.add(feature[n]);
    depth[left[n]] = depth[right[n]] = depth[n] + 1;
    stack.push(right[n], left[n]);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const n = order[k];
    if (left[n] === -1) { mean[n] = threshold[n]; continue; }
    const l = left[n], r = right[n];
    const c = sumHessian[n] > 0 ? sumHessian[n] : sumHessian[l] + sumHessian[r];
    mean[n] = c > 0 ? (mean[l] * sumHessian[l] + mean[r] * sumHessian[r]) / c : 0.5 * (mean[l] + mean[r]);
  }
  return { tree, group, mean, maxDepth, splitFeatures: Int32Array.from([...seen].sort((a, b) => a - b)) };
}

/**
 * Walks one tree for one row and adds its SHAP values into `phi`. The path of unique features lives in
 * four preallocated arrays; each recursion level copies its parent's path to the next free slot, so a
 * walker serves any number of rows and trees up to the depth it was built for without allocating.
 */
export class TreeShapWalker {
  private readonly feat: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly pw: Float64Array;
  /** recip[k] = 1 / k. */
  private readonly recip: Float64Array;
  private t!: Tree;
  private x!: Float32Array;
  private phi!: Float64Array;
  private offset = 0;
  private conditionFeature = -1;
  private half = 1;

  /** `maxDepth`: the deepest tree this walker will see. */
  constructor(maxDepth: number) {
    const d = maxDepth + 2;
    const n = (d * (d + 1)) / 2 + d;
    this.feat = new Int32Array(n); this.zero = new Float64Array(n); this.one = new Float64Array(n); this.pw = new Float64Array(n);
    this.recip = Float64Array.from({ length: d + 2 }, (_, k) => (k === 0 ? 0 : 1 / k));
  }

  /**
   * Adds tree `p`'s SHAP values for row `x` into phi[offset + feature] and its mean into
   * phi[offset + features]. With `conditionFeature` c ≥ 0 it adds instead, for each feature k ≠ c, half
   * the change in k's value between c always present and c always absent (the interaction of c and k).
   * Both conditioned walks share one path (c never enters it; only the weight reaching each leaf
   * differs), so one walk carries both weights.
   */
  explain(p: PreparedTree, x: Float32Array, phi: Float64Array, offset: number, features: number, conditionFeature = -1): void {
    this.t = p.tree; this.x = x; this.phi = phi; this.offset = offset;
    this.conditionFeature = conditionFeature;
    this.half = conditionFeature < 0 ? 1 : 0.5;
    if (conditionFeature < 0) phi[offset + features] += p.mean[0];
    this.walk(0, 0, 0, 1, 1, -1, 1, conditionFeature < 0 ? 0 : 1);
  }

  /** `fraction` / `fractionOff`: weight reaching this node with the condition feature present / absent (0 when unconditioned). */
  private walk(node: number, depth: number, parentStart: number, pZero: number, pOne: number, pFeature: number, fraction: number, fractionOff: number): void {
    if (fraction === 0 && fractionOff === 0) return;
    const { feat, zero, one, pw, t } = this;
    const start = parentStart + depth + 1;
    for (let i = 0; i <= depth; i++) {
      const a = parentStart + i, b = start + i;
      feat[b] = feat[a]; zero[b] = zero[a]; one[b] = one[a]; pw[b] = pw[a];
    }
    if (pFeature !== this.conditionFeature || pFeature < 0) this.extend(start, depth, pZero, pOne, pFeature);
    const l = t.left[node];
    if (l === -1) {
      this.leaf(start, depth, t.threshold[node] * (fraction - fractionOff) * this.half);
      return;
    }
    const r = t.right[node];
    const f = t.feature[node];
    const v = this.x[f];
    const hot = v !== v ? (t.defaultLeft[node] ? l : r) : v < t.threshold[node] ? l : r;
    const cold = hot === l ? r : l;
    const cover = t.sumHessian[node];
    const hotZero = cover > 0 ? t.sumHessian[hot] / cover : 0.5;
    const coldZero = cover > 0 ? t.sumHessian[cold] / cover : 0.5;
    let inZero = 1, inOne = 1;
    // A feature already on the path is taken off and put back with this split's fractions multiplied in.
    let k = 0;
    while (k <= depth && feat[start + k] !== f) k++;
    if (k <= depth) {
      inZero = zero[start + k]; inOne = one[start + k];
      this.unwind(start, depth, k);
      depth--;
    }
    if (f === this.conditionFeature) {
      // Present: the row's branch takes all the weight. Absent: both share it by cover. Not on the path.
      this.walk(hot, depth, start, 0, 0, f, fraction, fractionOff * hotZero);
      this.walk(cold, depth, start, 0, 0, f, 0, fractionOff * coldZero);
      return;
    }
    this.walk(hot, depth + 1, start, hotZero * inZero, inOne, f, fraction, fractionOff);
    this.walk(cold, depth + 1, start, coldZero * inZero, 0, f, fraction, fractionOff);
  }

  /**
   * Adds each path feature's share of a leaf value: the weight of the path without that feature (the
   * "unwound sum") × (one − zero fraction) × value. A feature the row sent the other way (one fraction 0)
   * has unwound sum S / zero with S the same for all of them, so S is computed once per leaf.
   */
  private leaf(start: number, depth: number, scale: number): void {
    const { feat, zero, one, pw, recip, phi, offset } = this;
    const d1 = depth + 1;
    let coldSum = 0, haveCold = false;
    for (let k = 1; k <= depth; k++) {
      const s = start + k;
      const o = one[s], z = zero[s];
      if (o === 0) {
        if (z === 0) continue;
        if (!haveCold) {
          for (let i = 0; i < depth; i++) coldSum += pw[start + i] * recip[depth - i];
          coldSum *= d1;
          haveCold = true;
        }
        phi[offset + feat[s]] -= coldSum * scale;
      } else {
        const c = d1 / o, zd = z / d1;
        let next = pw[start + depth], total = 0;
        for (let i = depth - 1; i >= 0; i--) {
          const tmp = next * c * recip[i + 1];
          total += tmp;
          next = pw[start + i] - tmp * zd * (depth - i);
        }
        phi[offset + feat[s]] += total * (o - z) * scale;
      }
    }
  }

  /** Adds an element to the path at `start` (depth elements so far) and updates the permutation weights. */
  private extend(start: number, depth: number, z: number, o: number, f: number): void {
    const pw = this.pw;
    const e = start + depth;
    this.feat[e] = f; this.zero[e] = z; this.one[e] = o; pw[e] = depth === 0 ? 1 : 0;
    const inv = this.recip[depth + 1];
    for (let i = depth - 1; i >= 0; i--) {
      pw[start + i + 1] += o * pw[start + i] * (i + 1) * inv;
      pw[start + i] = z * pw[start + i] * (depth - i) * inv;
    }
  }

  /** Removes element k from the path at `start` (inverse of extend). */
  private unwind(start: number, depth: number, k: number): void {
    const { feat, zero, one, pw } = this;
    const o = one[start + k], z = zero[start + k];
    const d1 = depth + 1;
    let next = pw[start + depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (o !== 0) {
        const tmp = pw[start + i];
        pw[start + i] = (next * d1) / ((i + 1) * o);
        next = tmp - (pw[start + i] * z * (depth - i)) / d1;
      } else {
        pw[start + i] = (pw[start + i] * d1) / (z * (depth - i));
      }
    }
    for (let i = start + k; i < start + depth; i++) { feat[i] = feat[i + 1]; zero[i] = zero[i + 1]; one[i] = one[i + 1]; }
  }
}

/** Checks x and options.rows against the model (messages name them); returns how many rows to explain. */
export function checkShapInputs(model: XGBoostModel, x: FeatureMatrix, rows: Int32Array | undefined): number {
  validateFeatureMatrix(x, 'x');
  if (x.nCols < model.numFeature) throw new RangeError(`x has ${x.nCols} columns but the model was trained on ${model.numFeature}`);
  if (!rows) return x.nRows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!(r >= 0 && r < x.nRows)) throw new RangeError(`options.rows[${i}] is ${r}; x has rows 0…${x.nRows - 1}`);
  }
  return rows.length;
}

/** How many rows pass between progress reports and stop checks. */
const CHECK_EVERY = 64;

/** SHAP values of each row on the margin scale: rows × groups × (features + 1), bias last, as native pred_contribs. */
export function treeShap(model: XGBoostModel, x: FeatureMatrix, options: TreeShapOptions = {}): TreeShapResult {
  const n = checkShapInputs(model, x, options.rows);
  const trees = prepareTrees(model, options.iterationRange);
  const groups = outputGroups(model);
  const features = model.numFeature;
  const width = features + 1;
  const values = new Float64Array(n * groups * width);
  const walker = new TreeShapWalker(trees.reduce((d, t) => Math.max(d, t.maxDepth), 0));
  const base = baseMargin(model);
  const row = new Float32Array(x.nCols);
  let done = 0;
  for (; done < n; done++) {
    if (done % CHECK_EVERY === 0 && done > 0) {
      options.onProgress?.(done, n);
      if (options.shouldStop?.()) break;
    }
    readRow(x, options.rows ? options.rows[done] : done, row);
    const at = done * groups * width;
    for (const t of trees) walker.explain(t, row, values, at + t.group * width, features);
    for (let g = 0; g < groups; g++) values[at + g * width + features] += base;
  }
  options.onProgress?.(done, n);
  return { values, groups, features, rows: n, completedRows: done };
}
