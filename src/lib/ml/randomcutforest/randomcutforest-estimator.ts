// SageMaker's Random Cut Forest as an mlpad Estimator: unsupervised anomaly scores (labels, when given,
// only evaluate: 1 = anomaly), SageMaker's hyperparameters plus shingle_size for time series, trees in
// flat typed arrays, compact JSON model files.
import type { DataFacts, Estimator, Inference } from '../estimator.ts';
import type { FeatureMatrix } from '../matrix.ts';
import { forestScores } from './codisp.ts';
import { scoreThreshold, type RandomCutForestModel } from './model.ts';
import { readRandomCutForest, writeRandomCutForest } from './model-json.ts';
import {
  RANDOM_CUT_FOREST_SCHEMA, checkRandomCutForestData, resolveRandomCutForestParams, type RandomCutForestParams,
} from './params.ts';
import { scoresPerRow, shingles } from './shingle.ts';
import { checkFiniteFeatures, trainRandomCutForest } from './train.ts';

export { anomalyMetrics, type AnomalyMetrics } from '../results/anomaly-metrics.ts';
export type { RandomCutForestModel } from './model.ts';
export type { RandomCutForestParams } from './params.ts';

/**
 * Anomaly scores of the rows of `x`: each row's point (its shingle of the model's shingle_size rows ending
 * at it) is scored by the mean over trees of its expected CoDisp; the first shingle_size − 1 rows get the
 * first full shingle's score. Throws a RangeError naming the problem for a wrong column count, a missing
 * value or fewer rows than shingle_size.
 */
export function scoreRows(model: RandomCutForestModel, x: FeatureMatrix): Float32Array {
  checkFiniteFeatures(x, 'features');
  if (x.nCols !== model.nCols) throw new RangeError(`features has ${x.nCols} columns; this randomcutforest model reads ${model.nCols}`);
  if (x.nRows === 0) return new Float32Array(0);
  if (x.nRows < model.shingleSize) {
    throw new RangeError(`features has ${x.nRows} rows, fewer than the model's shingle_size (${model.shingleSize}); score at least ${model.shingleSize} consecutive rows`);
  }
  const points = shingles(x, model.shingleSize);
  return scoresPerRow(forestScores(model.forest, points.values, points.count), x.nRows, model.shingleSize);
}

export const randomCutForestEstimator: Estimator<RandomCutForestParams, RandomCutForestModel> = {
  name: 'randomcutforest',
  description: 'Random Cut Forest: scores how much each row would displace random cut trees; higher is more anomalous.',
  kind: 'anomaly',
  tasks: ['binary'],
  target: 'optional',
  schema: RANDOM_CUT_FOREST_SCHEMA,
  commonParameters: ['num_trees', 'num_samples_per_tree', 'shingle_size'],
  compute: 'cpu',
  acceptsMissing: false,
  format: { name: 'mlpad randomcutforest JSON v1', extension: 'json', mediaType: 'application/json' },

  taskDefaults(facts: DataFacts): Record<string, string> {
    return { feature_dim: String(facts.nCols) };
  },

  resolve: resolveRandomCutForestParams,

  checkData(params: RandomCutForestParams, facts: DataFacts): void {
    checkRandomCutForestData(params, facts.nRows, facts.nCols);
  },

  rounds(params: RandomCutForestParams): number {
    return params.num_trees;
  },

  fit: trainRandomCutForest,

  async infer(model: RandomCutForestModel, x: FeatureMatrix): Promise<Inference> {
    return { kind: 'anomaly', score: scoreRows(model, x) };
  },

  summary(model: RandomCutForestModel) {
    return { scoreThreshold: scoreThreshold(model) };
  },

  featureCount(model: RandomCutForestModel): number {
    return model.nCols;
  },

  serialize(model: RandomCutForestModel, attributes?: Record<string, string>): Uint8Array {
    return writeRandomCutForest(model, attributes ?? model.attributes);
  },

  deserialize: readRandomCutForest,

  attributes(model: RandomCutForestModel): Record<string, string> {
    return { ...model.attributes };
  },
};
