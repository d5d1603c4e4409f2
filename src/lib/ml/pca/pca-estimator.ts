// SageMaker's PCA as an mlpad Estimator. Regular mode reports one round (its single pass over the data
// after the float64 column moments); randomized mode one round per pass of subspace iteration, up to
// RANDOMIZED_MAX_PASSES and fewer once it has converged (Fitted.rounds says how many). Each round
// reports `explained_variance`: the sum of the kept components' explained variance ratios, on the training
// rows (from the model) and on the validation rows (by projecting them).
import * as tf from '@tensorflow/tfjs';
import type { Estimator, FitData, FitOptions, Fitted, RoundMetrics } from '../estimator.ts';
import { validateFeatureMatrix, type FeatureMatrix } from '../matrix.ts';
import { SeededRandom } from '../random.ts';
import { explainedVarianceRatios } from '../results/explained-variance.ts';
import { buildModel, deserializePca, serializePca, type PcaModel } from './model.ts';
import { assertNoMissing, columnMoments } from './moments.ts';
import { checkPcaData, componentCount, DEFAULT_COMPONENTS, PCA_SCHEMA, resolvePcaParams, subspaceSize, type PcaParams } from './params.ts';
import { projectRows } from './project.ts';
import { RANDOMIZED_MAX_PASSES, solveRandomized } from './randomized.ts';
import { solveRegular } from './regular.ts';
import type { PcaSolution } from './solution.ts';
import type { PassData } from './scatter.ts';

/** Seed of randomized mode's starting directions (SageMaker's PCA has no seed hyperparameter). */
const RANDOMIZED_SEED = 0;

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function checkWeights(data: FitData): void {
  const w = data.weights;
  if (!w) return;
  if (w.length !== data.nRows) throw new RangeError(`data.weights has ${w.length} values but nRows is ${data.nRows}`);
  for (let i = 0; i < w.length; i++) {
    if (!(w[i] >= 0) || !Number.isFinite(w[i])) throw new RangeError(`data.weights[${i}] must be a finite number ≥ 0; got ${w[i]}`);
  }
}

function checkRows(x: FeatureMatrix, nCols: number, what: string): void {
  validateFeatureMatrix(x, what);
  if (x.nCols !== nCols) throw new RangeError(`${what} has ${x.nCols} columns but the pca model reads ${nCols}`);
  assertNoMissing(x, what);
}

async function fit(data: FitData, params: PcaParams, options: FitOptions = {}): Promise<Fitted<PcaModel>> {
  validateFeatureMatrix(data, 'data');
  if (data.nRows === 0) throw new RangeError('data has no rows; pca needs at least one');
  checkPcaData(params, { nCols: data.nCols });
  assertNoMissing(data, 'data');
  checkWeights(data);
  const { validation, callbacks } = options;
  if (validation) checkRows(validation, data.nCols, 'validation');

  const d = data.nCols;
  const k = componentCount(params, d);
  const moments = columnMoments(data, data.weights);
  const pass: PassData = { matrix: data, mean: moments.mean, weights: data.weights, batchSize: params.mini_batch_size };
  const toModel = (s: PcaSolution): PcaModel => buildModel(s, moments, params.subtract_mean, params.algorithm_mode);

  const afterRound = async (round: number, solution: PcaSolution): Promise<boolean> => {
    if (callbacks?.onRound) {
      const metrics: RoundMetrics = {};
      const model = toModel(solution);
      if (options.evalTrain !== false) metrics.train = { explained_variance: sum(model.explainedVarianceRatio) };
      if (validation) {
        const projection = await projectRows(model, validation);
        metrics.validation = { explained_variance: sum(explainedVarianceRatios(validation, projection, k)) };
      }
      callbacks.onRound(round, metrics);
    }
    await callbacks?.betweenRounds?.(round);
    return callbacks?.shouldStop?.() ?? false;
  };

  let solution: PcaSolution;
  let rounds = 1;
  const ran: Record<string, string> = {};
  if (params.num_components === null) ran.num_components = String(k);
  if (params.feature_dim === null) ran.feature_dim = String(d);
  if (params.algorithm_mode === 'regular') {
    solution = await solveRegular(pass, moments, k, params.subtract_mean);
    await afterRound(0, solution);
  } else {
    const l = subspaceSize(params, d);
    if (params.extra_components !== l - k) ran.extra_components = String(l - k);
    const result = await solveRandomized(pass, moments, k, l, params.subtract_mean, new SeededRandom(RANDOMIZED_SEED), RANDOMIZED_MAX_PASSES, afterRound);
    solution = result.solution;
    rounds = result.passes;
  }
  return { model: toModel(solution), compute: { label: `TensorFlow.js ${tf.getBackend()}` }, ran, rounds };
}

export const pcaEstimator: Estimator<PcaParams, PcaModel> = {
  name: 'pca',
  description: 'Principal component analysis: projects rows onto the few directions that keep most of their variance.',
  kind: 'decomposition',
  tasks: [],
  target: 'none',
  schema: PCA_SCHEMA,
  commonParameters: ['num_components', 'algorithm_mode', 'subtract_mean'],
  compute: 'tfjs',
  acceptsMissing: false,
  format: { name: 'mlpad pca JSON v1', extension: 'json', mediaType: 'application/json' },
  taskDefaults: (facts) => ({ num_components: String(Math.min(DEFAULT_COMPONENTS, facts.nCols)), feature_dim: String(facts.nCols) }),
  resolve: resolvePcaParams,
  checkData: checkPcaData,
  rounds: (params) => (params.algorithm_mode === 'regular' ? 1 : RANDOMIZED_MAX_PASSES),
  fit,
  async infer(model, x) {
    checkRows(x, model.nCols, 'features');
    return { kind: 'decomposition', projection: await projectRows(model, x), components: model.k };
  },
  summary: (model) => ({ explainedVarianceRatio: [...model.explainedVarianceRatio] }),
  featureCount: (model) => model.nCols,
  serialize: (model, attributes) => serializePca(model, attributes ?? model.attributes),
  deserialize: deserializePca,
  attributes: (model) => ({ ...model.attributes }),
};
