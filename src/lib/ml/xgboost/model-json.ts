// XGBoost's JSON model format (what Booster.save_model('model.json') writes in 1.7), both ways. Loading
// accepts models trained natively (gbtree, numerical splits, the objectives mlpad implements); saving
// writes every field 1.7 writes, so that native Booster(model_file=…) loads it.
import { formatFloat32 } from './float-format.ts';
import type { XGBoostModel } from './model.ts';
import { OBJECTIVES, type ObjectiveName } from './objective.ts';
import type { Tree } from './tree.ts';

/** XGBoost version written into saved models. */
const VERSION = [1, 7, 4];
const ROOT_PARENT = 2147483647;

const floats = (a: ArrayLike<number>, n: number): string => {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = formatFloat32(a[i]);
  return `[${out.join(',')}]`;
};
const ints = (a: ArrayLike<number>, n: number): string => `[${Array.prototype.slice.call(a, 0, n).join(',')}]`;

function treeJson(t: Tree, id: number, numFeature: number): string {
  const n = t.nNodes;
  const parents = Array.from(t.parent.subarray(0, n), (p) => (p < 0 ? ROOT_PARENT : p));
  const zeros = new Array<number>(n).fill(0);
  return `{"base_weights":${floats(t.baseWeight, n)},"categories":[],"categories_nodes":[],"categories_segments":[],`
    + `"categories_sizes":[],"default_left":${ints(t.defaultLeft, n)},"id":${id},"left_children":${ints(t.left, n)},`
    + `"loss_changes":${floats(t.lossChange, n)},"parents":${ints(parents, n)},"right_children":${ints(t.right, n)},`
    + `"split_conditions":${floats(t.threshold, n)},"split_indices":${ints(t.feature, n)},"split_type":${ints(zeros, n)},`
    + `"sum_hessian":${floats(t.sumHessian, n)},"tree_param":{"num_deleted":"0","num_feature":"${numFeature}",`
    + `"num_nodes":"${n}","size_leaf_vector":"0"}}`;
}

function objectiveJson(m: XGBoostModel): Record<string, unknown> {
  const name = m.objective;
  if (name.startsWith('multi:')) return { name, softmax_multiclass_param: { num_class: String(m.numClass) } };
  if (name === 'count:poisson') return { name, poisson_regression_param: { max_delta_step: String(m.poissonMaxDeltaStep) } };
  if (name === 'reg:absoluteerror') return { name };
  return { name, reg_loss_param: { scale_pos_weight: String(m.scalePosWeight) } };
}

/** The model as XGBoost JSON text. */
export function toXGBoostJSON(m: XGBoostModel): string {
  const trees = m.trees.map((t, i) => treeJson(t, i, m.numFeature)).join(',');
  const learner = `{"attributes":${JSON.stringify(m.attributes)},"feature_names":${JSON.stringify(m.featureNames)},`
    + `"feature_types":${JSON.stringify(m.featureTypes)},"gradient_booster":{"model":{"gbtree_model_param":`
    + `{"num_parallel_tree":"1","num_trees":"${m.trees.length}","size_leaf_vector":"0"},"tree_info":${ints(m.treeInfo, m.treeInfo.length)},`
    + `"trees":[${trees}]},"name":"gbtree"},"learner_model_param":{"base_score":"${formatFloat32(m.baseScore)}",`
    + `"boost_from_average":"1","num_class":"${m.numClass}","num_feature":"${m.numFeature}","num_target":"1"},`
    + `"objective":${JSON.stringify(objectiveJson(m))}}`;
  return `{"learner":${learner},"version":${JSON.stringify(VERSION)}}`;
}

class ModelFormatError extends Error {
  constructor(message: string) { super(`not a usable XGBoost JSON model: ${message}`); this.name = 'ModelFormatError'; }
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ModelFormatError(`${path} must be an object`);
  return v as Record<string, unknown>;
}

function arr(v: unknown, path: string, n?: number): number[] {
  if (!Array.isArray(v)) throw new ModelFormatError(`${path} must be an array`);
  if (n !== undefined && v.length !== n) throw new ModelFormatError(`${path} has ${v.length} entries, expected ${n}`);
  return v.map((x) => (typeof x === 'boolean' ? (x ? 1 : 0) : Number(x)));
}

function num(v: unknown, path: string): number {
  const s = typeof v === 'string' ? v.replace(/^\[|\]$/g, '') : v;
  const x = Number(s);
  if (s === undefined || s === null || s === '' || Number.isNaN(x)) throw new ModelFormatError(`${path} must be a number; got ${JSON.stringify(v)}`);
  return x;
}

function readTree(v: unknown, i: number): Tree {
  const t = obj(v, `trees[${i}]`);
  const n = num(obj(t.tree_param, `trees[${i}].tree_param`).num_nodes, `trees[${i}].tree_param.num_nodes`);
  const field = (k: string) => arr(t[k], `trees[${i}].${k}`, n);
  if (Array.isArray(t.split_type) && t.split_type.some((s) => Number(s) !== 0)) {
    throw new ModelFormatError(`trees[${i}] has categorical splits, which mlpad cannot read yet`);
  }
  const parents = field('parents').map((p) => (p === ROOT_PARENT || p < 0 ? -1 : p));
  const tree: Tree = {
    nNodes: n,
    left: Int32Array.from(field('left_children')), right: Int32Array.from(field('right_children')),
    parent: Int32Array.from(parents), feature: Int32Array.from(field('split_indices')),
    threshold: Float32Array.from(field('split_conditions')), defaultLeft: Uint8Array.from(field('default_left')),
    baseWeight: Float32Array.from(field('base_weights')), lossChange: Float32Array.from(field('loss_changes')),
    sumHessian: Float32Array.from(field('sum_hessian')),
  };
  for (let k = 0; k < n; k++) {
    const l = tree.left[k], r = tree.right[k];
    if (l !== -1 && !(l > k && l < n && r > k && r < n)) throw new ModelFormatError(`trees[${i}] node ${k} has children out of range`);
  }
  return tree;
}

/** Reads an XGBoost JSON model (text or UTF-8 bytes). Throws naming the field that is wrong. */
export function fromXGBoostJSON(input: string | Uint8Array): XGBoostModel {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  let root: unknown;
  try { root = JSON.parse(text); } catch (e) { throw new ModelFormatError(`the JSON does not parse (${(e as Error).message}); binary (UBJSON/legacy) models are not supported`); }
  const learner = obj(obj(root, 'the file').learner, 'learner');
  const gb = obj(learner.gradient_booster, 'learner.gradient_booster');
  if (gb.name !== 'gbtree') throw new ModelFormatError(`booster ${JSON.stringify(gb.name)} is not supported (only gbtree)`);
  const model = obj(gb.model, 'learner.gradient_booster.model');
  const mp = obj(learner.learner_model_param, 'learner.learner_model_param');
  const objective = obj(learner.objective, 'learner.objective');
  const name = objective.name as ObjectiveName;
  if (!OBJECTIVES.includes(name)) throw new ModelFormatError(`objective ${JSON.stringify(objective.name)} is not supported; mlpad reads ${OBJECTIVES.join(', ')}`);
  const trees = (Array.isArray(model.trees) ? model.trees : []).map(readTree);
  const treeInfo = Int32Array.from(arr(model.tree_info, 'learner.gradient_booster.model.tree_info', trees.length));
  const numClass = num(mp.num_class, 'learner_model_param.num_class');
  const numFeature = num(mp.num_feature, 'learner_model_param.num_feature');
  for (const t of trees) for (let k = 0; k < t.nNodes; k++) {
    if (t.left[k] !== -1 && t.feature[k] >= numFeature) throw new ModelFormatError(`a split uses feature ${t.feature[k]} but num_feature is ${numFeature}`);
  }
  const param = (group: string, key: string, dflt: number): number => {
    const g = objective[group] as Record<string, unknown> | undefined;
    return g && g[key] !== undefined ? num(g[key], `objective.${group}.${key}`) : dflt;
  };
  const attributes = learner.attributes ? (obj(learner.attributes, 'learner.attributes') as Record<string, string>) : {};
  const best = attributes.best_score !== undefined && attributes.best_iteration !== undefined;
  return {
    objective: name,
    numClass: name.startsWith('multi:') ? (numClass || param('softmax_multiclass_param', 'num_class', 0)) : 0,
    numFeature,
    baseScore: Math.fround(num(mp.base_score, 'learner_model_param.base_score')),
    trees,
    treeInfo,
    featureNames: Array.isArray(learner.feature_names) ? learner.feature_names.map(String) : [],
    featureTypes: Array.isArray(learner.feature_types) ? learner.feature_types.map(String) : [],
    scalePosWeight: param('reg_loss_param', 'scale_pos_weight', 1),
    poissonMaxDeltaStep: param('poisson_regression_param', 'max_delta_step', 0.7),
    bestIteration: best ? Number(attributes.best_iteration) : undefined,
    bestScore: best ? Number(attributes.best_score) : undefined,
    attributes: { ...attributes },
  };
}
