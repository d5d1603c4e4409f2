// Training a Random Cut Forest: shingle the rows, then for each tree draw a uniform sample (without
// replacement) of the shingles, build a random cut tree on it and add its scores of every training shingle
// to running sums, so the training scores (and the threshold) are ready when the last tree is.
import type { FitOptions, Fitted, RoundMetrics } from '../estimator.ts';
import { validateFeatureMatrix, type FeatureMatrix, type FitData } from '../matrix.ts';
import { SeededRandom } from '../random.ts';
import { anomalyMetrics, meanAndStd } from '../results/anomaly-metrics.ts';
import { buildTree, sampleWithoutReplacement } from './build-tree.ts';
import { addTreeScores } from './codisp.ts';
import { allocateForest, truncateForest } from './forest.ts';
import type { RandomCutForestModel } from './model.ts';
import { checkRandomCutForestData, type RandomCutForestParams } from './params.ts';
import { shingles, type Shingles } from './shingle.ts';

/** Checks shape and that every cell is a finite number; `what` names the argument in messages. */
export function checkFiniteFeatures(m: FeatureMatrix, what: string): void {
  validateFeatureMatrix(m, what);
  const { nRows, nCols } = m;
  const name = (j: number) => (m.featureNames ? `column ${JSON.stringify(m.featureNames[j])}` : `column ${j}`);
  const fail = (i: number, j: number, v: number): never => {
    throw new RangeError(`${what} has ${v !== v ? 'a missing value' : `the value ${v}`} in ${name(j)} (row ${i}); randomcutforest needs finite numbers in every cell: fill or drop them first`);
  };
  if (Array.isArray(m.features)) {
    for (let j = 0; j < nCols; j++) {
      const c = m.features[j];
      for (let i = 0; i < nRows; i++) if (!Number.isFinite(c[i])) fail(i, j, c[i]);
    }
  } else {
    const f = m.features;
    for (let k = 0; k < f.length; k++) if (!Number.isFinite(f[k])) fail(Math.floor(k / nCols), k % nCols, f[k]);
  }
}

/** Labels of the rows that end a full shingle; throws unless every label is 0 or 1. */
function shingleLabels(labels: Float32Array, size: number, what: string): Float32Array {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`${what}.labels must be 0 (normal) or 1 (anomaly); row ${i} has ${labels[i]}`);
  }
  return labels.subarray(size - 1);
}

/** Evaluation state of one data set: its shingles, running score sums and labels. */
interface Scored {
  points: Shingles;
  sums: Float64Array;
  labels?: Float32Array;
}

function scoredSet(d: FitData, size: number, what: string): Scored {
  const points = shingles(d, size);
  return { points, sums: new Float64Array(points.count), labels: d.labels ? shingleLabels(d.labels, size, what) : undefined };
}

function metricsOf(set: Scored, trees: number, threshold: number | undefined, params: RandomCutForestParams): Record<string, number> {
  const scores = Float64Array.from(set.sums, (s) => s / trees);
  const { mean, std } = meanAndStd(scores);
  const at = threshold ?? mean + 3 * std;
  const out: Record<string, number> = { score_mean: mean, score_threshold: at };
  if (set.labels) {
    const m = anomalyMetrics(scores, set.labels, at);
    if (params.eval_metrics.includes('accuracy')) out.accuracy = m.accuracy;
    if (params.eval_metrics.includes('precision_recall_fscore')) Object.assign(out, { precision: m.precision, recall: m.recall, f1: m.f1 });
  }
  return out;
}

/** Trains a forest; see RandomCutForestParams for what each parameter does. */
export async function trainRandomCutForest(data: FitData, params: RandomCutForestParams, options: FitOptions = {}): Promise<Fitted<RandomCutForestModel>> {
  checkFiniteFeatures(data, 'data');
  if (data.nRows === 0) throw new RangeError('data has no rows; training needs at least one');
  checkRandomCutForestData(params, data.nRows, data.nCols);
  const task = options.facts?.task;
  if (data.labels && task && task !== 'binary') {
    throw new RangeError(`randomcutforest evaluates a binary target (1 = anomaly); this target is ${task}: choose a 0/1 column or none`);
  }
  const size = params.shingle_size;
  const train = scoredSet(data, size, 'data');
  let valid: Scored | undefined;
  if (options.validation) {
    const v = options.validation;
    checkFiniteFeatures(v, 'validation');
    if (v.nCols !== data.nCols) throw new RangeError(`validation has ${v.nCols} columns but data has ${data.nCols}`);
    if (v.nRows < size) throw new RangeError(`validation has ${v.nRows} rows, fewer than shingle_size (${size})`);
    valid = scoredSet(v, size, 'validation');
  }
  const { values: points, count, dim } = train.points;
  const sampleSize = Math.min(params.num_samples_per_tree, count);
  const forest = allocateForest(params.num_trees, sampleSize, dim);
  const rng = new SeededRandom(params.seed);
  const perm = Int32Array.from({ length: count }, (_, i) => i);
  const sample = new Int32Array(sampleSize);
  const cb = options.callbacks;
  let trees = 0;
  for (let t = 0; t < params.num_trees; t++) {
    sampleWithoutReplacement(perm, sample, rng);
    buildTree(forest, t, points, sample, rng);
    forest.numTrees = ++trees;
    addTreeScores(forest, t, points, count, train.sums);
    if (valid) addTreeScores(forest, t, valid.points.values, valid.points.count, valid.sums);
    if (cb?.onRound) {
      const metrics: RoundMetrics = {};
      let threshold: number | undefined;
      if (options.evalTrain !== false || valid) {
        metrics.train = metricsOf(train, trees, undefined, params);
        threshold = metrics.train.score_threshold;
        if (options.evalTrain === false) delete metrics.train;
      }
      if (valid) metrics.validation = metricsOf(valid, trees, threshold, params);
      cb.onRound(t, metrics);
    }
    if (cb?.betweenRounds) await cb.betweenRounds(t);
    if (cb?.shouldStop?.()) break;
  }
  const { mean, std } = meanAndStd(Float64Array.from(train.sums, (s) => s / trees));
  const model: RandomCutForestModel = {
    forest: truncateForest(forest, trees),
    nCols: data.nCols,
    shingleSize: size,
    scoreMean: mean,
    scoreStd: std,
    ...(data.featureNames ? { featureNames: [...data.featureNames] } : {}),
    attributes: {},
  };
  return { model, compute: { label: 'CPU, 1 thread', threads: 1 }, rounds: trees };
}
