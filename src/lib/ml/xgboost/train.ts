// The boosting loop: gradients at the current margins, one tree per output group per round on the
// binned matrix, margins updated from each leaf's rows, metrics and early stopping on a validation set.
// It is written once, as a generator (boostSteps) that yields whenever a histogram must be built;
// trainXGBoost drives it synchronously on the CPU, trainXGBoostAsync (train-async.ts) on WebGPU.
import type { FitCallbacks, MetricValues } from '../estimator.ts';
import { inferXGBoost } from './infer.ts';
import { featureColumns, validateTrainingData, type FeatureMatrix, type TrainingData } from '../matrix.ts';
import { SeededRandom } from '../random.ts';
import type { GradientInputs } from '../parallel/histogram-kernel.ts';
import { threadsAvailable } from '../parallel/histogram-pool.ts';
import { buildBinMatrix, type BinMatrix } from './bin-matrix.ts';
import { evalMetric, maximizes, type EvalMetricName } from './eval-metrics.ts';
import { TreeGrower, type HistogramRequest } from './grow-tree.ts';
import type { GradientSpec } from './grower-gradients.ts';
import type { XGBoostModel } from './model.ts';
import { createObjective, type Objective } from './objective.ts';
import { refitLeaves } from './objectives/absolute-error.ts';
import type { XGBoostParams } from './params.ts';
import { addTreeMargins, addTreeMarginsColumns } from './predict.ts';
import { compactTree, type Tree } from './tree.ts';

/** Adds `tree`'s leaf values to the margins of `m`'s rows, reading its columns where they are (no row-major copy). */
function treeMarginsOf(m: FeatureMatrix): (tree: Tree, margins: Float32Array, groups: number, group: number) => void {
  if (!Array.isArray(m.features)) {
    const x = m.features;
    return (tree, margins, groups, group) => addTreeMargins(tree, x, m.nRows, m.nCols, margins, groups, group);
  }
  const columns = featureColumns(m);
  return (tree, margins, groups, group) => addTreeMarginsColumns(tree, columns, m.nRows, margins, groups, group);
}

function checkFinite(columns: Float32Array[], what: string): void {
  columns.forEach((col, j) => {
    for (let i = 0; i < col.length; i++) {
      if (col[i] === Infinity || col[i] === -Infinity) {
        throw new RangeError(`${what}.features column ${j}, row ${i} is ${col[i]}; features must be finite numbers or NaN (missing)`);
      }
    }
  });
}

function checkData(obj: Objective, d: TrainingData, what: string, p: XGBoostParams): void {
  validateTrainingData(d, what);
  obj.checkLabels(d.labels, `${what}.labels`);
  if (what === 'data' && p.objective.startsWith('binary:')) {
    let pos = 0;
    for (let i = 0; i < d.nRows; i++) if (d.labels[i] === 1) pos++;
    if (pos === 0 || pos === d.nRows) {
      throw new RangeError(`data.labels has a single class (every label is ${d.labels[0]}); objective ${p.objective} needs rows of both 0 and 1`);
    }
  }
}

/** Adds each leaf's value to the margins of the rows the partition put in it. */
function addLeafMargins(tree: Tree, rows: Uint32Array, begin: Int32Array, end: Int32Array, margins: Float32Array, groups: number, group: number): void {
  for (let nid = 0; nid < tree.nNodes; nid++) {
    if (tree.left[nid] !== -1) continue;
    const v = tree.threshold[nid];
    for (let i = begin[nid]; i < end[nid]; i++) margins[rows[i] * groups + group] += v;
  }
}

/** The metrics of `margins`; `preds`, when given, are obj.evalTransform(margins) already. */
function evaluate(metrics: EvalMetricName[], obj: Objective, margins: Float32Array, d: TrainingData, numClass: number, given?: Float32Array): MetricValues {
  const preds = given ?? obj.evalTransform(margins, d.nRows);
  const out: MetricValues = {};
  for (const m of metrics) out[m] = evalMetric(m, preds, d.labels, numClass, d.weights);
  return out;
}

/** The training metrics from the pool's threads when they are log loss and AUC only (binary:logistic's), else null. */
function pooledMetrics(grower: TreeGrower, metrics: EvalMetricName[]): MetricValues | null {
  if (!metrics.every((m) => m === 'logloss' || m === 'auc')) return null;
  const r = grower.poolBinaryMetrics(metrics.includes('logloss'), metrics.includes('auc'));
  if (!r) return null;
  const out: MetricValues = {};
  for (const m of metrics) out[m] = r[m as 'logloss' | 'auc']!;
  return out;
}

/** Options of trainXGBoost beyond the hyperparameters. */
export interface FitOptions {
  /** Held-out set for metrics and early stopping; defaults to none. */
  validation?: TrainingData;
  /** Progress and cancellation hooks; defaults to none. */
  callbacks?: FitCallbacks;
  /** Whether to compute training-set metrics each round; defaults to true. */
  evalTrain?: boolean;
}

/** A fit's validated inputs: the objective, the bin matrix, the grower and the seeded sampler. */
export interface TrainingSetup {
  obj: Objective;
  bins: BinMatrix;
  grower: TreeGrower;
  rng: SeededRandom;
  baseScore: number;
  /** Margins, labels and gradients when the grower computes the gradients (TreeGrower.gradients); else absent. */
  gradients?: GradientInputs;
}

/**
 * Validates `data`, `p` and `options` (RangeError naming the bad argument), bins the features and makes the
 * tree grower; `nthread` > 1 gives the grower histogram threads. The caller disposes setup.grower.
 */
export function prepareTraining(data: TrainingData, p: XGBoostParams, options: FitOptions, nthread: number): TrainingSetup {
  const obj = createObjective(p.objective, { numClass: p.num_class, scalePosWeight: p.scale_pos_weight, maxDeltaStep: p.max_delta_step });
  checkData(obj, data, 'data', p);
  const valid = options.validation;
  if (valid) {
    checkData(obj, valid, 'validation', p);
    if (valid.nCols !== data.nCols) throw new RangeError(`validation has ${valid.nCols} columns but data has ${data.nCols}`);
  }
  if (p.early_stopping_rounds !== null && !valid) {
    throw new RangeError('early_stopping_rounds needs a validation set; pass options.validation or remove it');
  }
  const n = data.nRows;
  const columns = featureColumns(data);
  checkFinite(columns, 'data');
  const baseScore = p.base_score ?? (obj.estimateBaseScore ? obj.estimateBaseScore(data.labels, data.weights) : 0.5);
  const threaded = nthread > 1 && threadsAvailable();
  const bins = buildBinMatrix(columns, n, p.max_bin, data.weights, threaded);
  // A single-output objective with a row kernel has the grower compute its gradients (in WebAssembly, on its threads).
  const gradients: GradientSpec | undefined = obj.rowKernel && obj.nGroups === 1 && p.subsample === 1
    ? { labels: data.labels, weights: data.weights, scalePosWeight: obj.rowKernel.scalePosWeight }
    : undefined;
  const rng = new SeededRandom(p.seed);
  // XGBoost's TrainParam holds these as float32; rounding them here keeps leaf values bit-identical.
  const f = Math.fround;
  const grower = new TreeGrower(bins, {
    eta: f(p.eta), gamma: f(p.gamma), lambda: f(p.lambda), alpha: f(p.alpha), minChildWeight: f(p.min_child_weight),
    maxDeltaStep: f(p.max_delta_step), maxDepth: p.max_depth, maxLeaves: p.max_leaves, growPolicy: p.grow_policy,
    colsampleBytree: p.colsample_bytree, colsampleBylevel: p.colsample_bylevel, colsampleBynode: p.colsample_bynode,
  }, rng, nthread, gradients);
  return { obj, bins, grower, rng, baseScore, gradients: grower.gradients };
}

/** Trains an XGBoost-compatible model (hist tree method, CPU). Throws RangeError naming the bad argument. */
export function trainXGBoost(data: TrainingData, p: XGBoostParams, options: FitOptions = {}): XGBoostModel {
  if (p.tree_method === 'gpu_hist') {
    throw new Error('tree_method gpu_hist trains asynchronously on WebGPU: call trainXGBoostAsync (or the estimator\'s fitAsync), or set tree_method to hist');
  }
  // nthread > 1 shares the bin matrix with histogram threads where this environment can start them;
  // unset or 1 keeps the single-thread path, whose summation order matches native XGBoost exactly.
  const setup = prepareTraining(data, p, options, p.nthread ?? 1);
  const { grower } = setup;
  try {
    const steps = boostSteps(data, p, options, setup);
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) return s.value;
      const v = s.value;
      if (v.kind === 'histogram') grower.buildOnCpu(v);
      else if (v.kind === 'gradients' && !v.loaded) grower.loadGradients(v.grad, v.hess);
    }
  } finally {
    grower.dispose();
  }
}

/** What boostSteps asks its driver for, besides histograms: load a tree's gradients; a round has ended. */
export type BoostStep =
  | HistogramRequest
  | { kind: 'gradients'; grad: Float32Array; hess: Float32Array; loaded: boolean }
  | { kind: 'round'; round: number };

/**
 * The boosting rounds, once the bin matrix and the grower exist, for any histogram builder: yields
 * 'gradients' before each tree (the builder must take them, unless `loaded`: the grower's threads
 * computed them straight into its CPU builder), the grower's histogram requests, and 'round'
 * after each round's onRound callback (an async driver may yield to the event loop there); returns the model.
 */
export function* boostSteps(data: TrainingData, p: XGBoostParams, options: FitOptions, setup: TrainingSetup): Generator<BoostStep, XGBoostModel, void> {
  const { obj, grower, rng, baseScore } = setup;
  const margin0 = obj.baseMargin(baseScore);
  const n = data.nRows;
  const K = obj.nGroups;
  const valid = options.validation;

  const pooled = setup.gradients;
  const margins = (pooled?.margins ?? new Float32Array(n * K)).fill(margin0);
  const grad = pooled?.grad ?? new Float32Array(n * K);
  const hess = pooled?.hess ?? new Float32Array(n * K);
  const copyNeeded = K > 1 || p.subsample < 1;
  const gk = copyNeeded ? new Float32Array(n) : grad;
  const hk = copyNeeded ? new Float32Array(n) : hess;
  const validMargins = valid ? treeMarginsOf(valid) : null;
  const vMargins = valid ? new Float32Array(valid.nRows * K).fill(margin0) : null;
  const metrics: EvalMetricName[] = p.eval_metric.length > 0 ? p.eval_metric : [obj.defaultMetric as EvalMetricName];
  const watch = metrics[metrics.length - 1];
  const evalTrain = options.evalTrain ?? true;
  const cb = options.callbacks;

  const trees: Tree[] = [];
  const treeInfo: number[] = [];
  let bestScore = NaN;
  let bestIteration = -1;
  let sinceBest = 0;

  // Whether the pool's gradients for this round were computed at the end of the last one (see below).
  let gradientsAhead = false;
  for (let round = 0; round < p.num_round; round++) {
    if (cb?.shouldStop?.()) break;
    if (pooled) { if (!gradientsAhead) grower.poolGradients(); }
    else obj.gradient(margins, data.labels, data.weights, grad, hess);
    gradientsAhead = false;
    for (let k = 0; k < K; k++) {
      if (copyNeeded) {
        for (let i = 0; i < n; i++) { gk[i] = grad[i * K + k]; hk[i] = hess[i * K + k]; }
        if (p.subsample < 1) {
          for (let i = 0; i < n; i++) if (!(hk[i] >= 0 && rng.next() < p.subsample)) { gk[i] = 0; hk[i] = 0; }
        }
      }
      yield { kind: 'gradients', grad: gk, hess: hk, loaded: pooled !== undefined };
      const tree = yield* grower.growSteps(gk, hk);
      const part = grower.partition;
      if (obj.adaptiveLeaves) refitLeaves(tree, part, margins, data.labels, data.weights, hk, 0.5);
      if (pooled) grower.poolLeafMargins(tree);
      else addLeafMargins(tree, part.rows, part.begin, part.end, margins, K, k);
      if (validMargins && vMargins) validMargins(tree, vMargins, K, k);
      trees.push(compactTree(tree));
      treeInfo.push(k);
    }
    // The WebAssembly kernel writes sigmoid(margin) with the gradients: computing the next round's gradients
    // now gives the training metrics their predictions without a sigmoid pass of their own (the same values).
    let trainPreds: Float32Array | undefined;
    if (evalTrain && pooled?.preds) {
      grower.poolGradients();
      gradientsAhead = true;
      trainPreds = pooled.preds;
    }
    // With threads, the training set's log loss and AUC are computed by all of them (the AUC one thread's to the
    // bit, the log loss as chunk sums: within the serial sum's rounding).
    const train = evalTrain ? (trainPreds && pooledMetrics(grower, metrics)) || evaluate(metrics, obj, margins, data, p.num_class, trainPreds) : undefined;
    const validation = valid && vMargins ? evaluate(metrics, obj, vMargins, valid, p.num_class) : undefined;
    // peek predicts with every tree so far (no best-iteration cut while training goes on).
    const soFar = trees.length;
    cb?.onRound?.(round, { train, validation }, async (x) => inferXGBoost(ensemble(p, data, baseScore, trees.slice(0, soFar), treeInfo.slice(0, soFar), -1, NaN), x));
    yield { kind: 'round', round };
    if (validation && p.early_stopping_rounds !== null) {
      const s = validation[watch];
      if (bestIteration < 0 || (maximizes(watch) ? s > bestScore : s < bestScore)) {
        bestScore = s; bestIteration = round; sinceBest = 0;
      } else if (++sinceBest >= p.early_stopping_rounds) break;
    }
  }

  return ensemble(p, data, baseScore, trees, treeInfo, bestIteration, bestScore);
}

/** The model of `trees` so far (the training record in its attributes). */
function ensemble(p: XGBoostParams, data: TrainingData, baseScore: number, trees: Tree[], treeInfo: number[], bestIteration: number, bestScore: number): XGBoostModel {
  const rounds = trees.length / Math.max(1, p.num_class);
  const attributes: Record<string, string> = {};
  if (bestIteration >= 0) {
    attributes.best_iteration = String(bestIteration);
    attributes.best_ntree_limit = String(bestIteration + 1);
    attributes.best_score = String(bestScore);
  } else if (rounds > 0) {
    attributes.best_iteration = String(rounds - 1);
    attributes.best_ntree_limit = String(rounds);
  }
  return {
    objective: p.objective,
    numClass: p.num_class,
    numFeature: data.nCols,
    baseScore: Math.fround(baseScore),
    trees: [...trees],
    treeInfo: Int32Array.from(treeInfo),
    featureNames: data.featureNames ? [...data.featureNames] : [],
    featureTypes: data.featureNames ? data.featureNames.map(() => 'float') : [],
    scalePosWeight: p.scale_pos_weight,
    poissonMaxDeltaStep: p.objective === 'count:poisson' ? p.max_delta_step : 0.7,
    bestIteration: bestIteration >= 0 ? bestIteration : undefined,
    bestScore: bestIteration >= 0 ? bestScore : undefined,
    attributes,
  };
}
