// XGBoost in an exported module: the trees as node arrays (the rounds the model predicts with, up to the
// best iteration after early stopping) and a walker that adds leaf values in float32 tree by tree from the
// base margin, then the objective's transform, as src/lib/ml/xgboost/predict.ts, infer.ts and objectives/
// compute them.
import { floatsToJson } from '../../ml/model-file.ts';
import { predictionRounds, taskOfObjective } from '../../ml/xgboost/infer.ts';
import { outputGroups, roundCount, type XGBoostModel } from '../../ml/xgboost/model.ts';
import { baseMargin } from '../../ml/xgboost/predict.ts';
import type { ExportRuntime } from './types.ts';

function params(model: XGBoostModel) {
  const groups = outputGroups(model);
  const rounds = predictionRounds(model) ?? roundCount(model);
  const trees = model.trees.slice(0, rounds * groups).map((t, i) => ({
    group: model.treeInfo[i],
    left: Array.from(t.left.subarray(0, t.nNodes)),
    right: Array.from(t.right.subarray(0, t.nNodes)),
    feature: Array.from(t.feature.subarray(0, t.nNodes)),
    value: floatsToJson(t.threshold.subarray(0, t.nNodes)),
    defaultLeft: Array.from(t.defaultLeft.subarray(0, t.nNodes)),
  }));
  return {
    objective: model.objective,
    task: taskOfObjective(model.objective),
    groups,
    baseMargin: Math.fround(baseMargin(model)),
    trees,
  };
}

const SOURCE = String.raw`
const EXP_CAP = f(88.7);
const TREES = P.trees.map((t) => ({
  group: t.group, left: Int32Array.from(t.left), right: Int32Array.from(t.right), feature: Int32Array.from(t.feature),
  value: Float32Array.from(t.value, (v) => (v === null ? NaN : v)), defaultLeft: Uint8Array.from(t.defaultLeft),
}));

function leaf(t, x) {
  let n = 0;
  while (t.left[n] !== -1) {
    const v = x[t.feature[n]];
    n = v !== v ? (t.defaultLeft[n] ? t.left[n] : t.right[n]) : v < t.value[n] ? t.left[n] : t.right[n];
  }
  return t.value[n];
}

function sigmoid(m) {
  return f(1 / f(1 + f(Math.exp(Math.min(-m, EXP_CAP)))));
}

function softmaxProbs(m) {
  const k = m.length;
  let wmax = m[0];
  for (let c = 0; c < k; c++) wmax = Math.max(m[c], wmax);
  let wsum = 0;
  for (let c = 0; c < k; c++) wsum += f(Math.exp(f(m[c] - wmax)));
  const s = f(wsum);
  const out = new Array(k);
  for (let c = 0; c < k; c++) out[c] = f(f(Math.exp(f(m[c] - wmax))) / s);
  return out;
}

// multi:softmax's class probabilities as mlpad infers them: float64 softmax of the margins, stored as float32.
function softmax64(m) {
  const k = m.length;
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, m[c]);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += Math.exp(m[c] - max);
  const out = new Array(k);
  for (let c = 0; c < k; c++) out[c] = f(Math.exp(m[c] - max) / sum);
  return out;
}

function transform(m) {
  switch (P.objective) {
    case 'reg:logistic': case 'binary:logistic': return sigmoid(m);
    case 'binary:logitraw': return f(1 / (1 + Math.exp(-m)));
    case 'count:poisson': return f(Math.exp(m));
    default: return m;
  }
}

function inferRows(X) {
  return X.map((x) => {
    const m = new Float32Array(P.groups).fill(P.baseMargin);
    for (let t = 0; t < TREES.length; t++) m[TREES[t].group] += leaf(TREES[t], x);
    if (P.task === 'multiclass') {
      const probs = P.objective === 'multi:softmax' ? softmax64(m) : softmaxProbs(m);
      let best = 0;
      for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
      return classRecord(best, probs);
    }
    const p = transform(m[0]);
    if (P.task === 'binary') return classRecord(p > 0.5 ? 1 : 0, [f(1 - p), p]);
    return { score: p };
  });
}
`;

export const xgboostRuntime: ExportRuntime<XGBoostModel> = { source: SOURCE, params, needsFinite: false };
