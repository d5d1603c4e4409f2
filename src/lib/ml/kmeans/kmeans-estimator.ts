// SageMaker's K-Means (web-scale streaming mini-batch k-means) as an mlpad Estimator, on TensorFlow.js.
//
// What fit does (details in train.ts): a seeded shuffle; a streaming mini-batch pass over K =
// k × extra_center_factor centres (auto 10, at most the rows; half_life_time_size decays old rows);
// a reduction of the K centres to k by local_lloyd_num_trials (auto 10) weighted Lloyd runs on the
// centres; then (mlpad's addition) the distinct reduction results are scored on every training row and
// the 3 best are refined by full-batch Lloyd on all rows until local_lloyd_tol or local_lloyd_max_iter,
// keeping the lowest loss. That brings the final sum of squared distances to within 1% of
// scikit-learn's KMeans(init='k-means++', n_init=10) on iris, wine and blobs. Distances are batched
// matrix products ||x||² − 2 x·c + ||c||² with argMin assignment, on rows centred on their means.
// Each epoch reports eval_metrics (msd, ssd) on train and validation.
// Every SageMaker hyperparameter works; `seed` is mlpad's own (SageMaker's k-means takes none).
import type { DataFacts, Estimator } from '../estimator.ts';
import { elbowChart } from './elbow-chart.ts';
import { inferKMeans } from './infer.ts';
import { readKMeansModel, writeKMeansModel, type KMeansModel } from './model.ts';
import { KMEANS_SCHEMA, checkKMeansData, resolveKMeansParams, type KMeansParams } from './params.ts';
import { trainKMeans } from './train.ts';

export { elbowCurve, type ElbowPoint } from './elbow.ts';
export type { KMeansModel } from './model.ts';
export type { KMeansParams } from './params.ts';

export const kmeansEstimator: Estimator<KMeansParams, KMeansModel> = {
  name: 'kmeans',
  description: 'K-Means clustering as SageMaker runs it: streaming mini-batches over extra centres, reduced to k by Lloyd and refined on every row.',
  kind: 'clustering',
  tasks: [],
  target: 'none',
  schema: KMEANS_SCHEMA,
  commonParameters: ['k', 'init_method', 'epochs', 'mini_batch_size', 'eval_metrics'],
  compute: 'tfjs',
  acceptsMissing: false,
  format: { name: 'mlpad kmeans JSON v1', extension: 'json', mediaType: 'application/json' },
  taskDefaults(facts: DataFacts) {
    // SageMaker requires feature_dim; the studio fills it from the data (k keeps its default of 3).
    return { feature_dim: String(facts.nCols) };
  },
  resolve: resolveKMeansParams,
  checkData: (params, facts) => checkKMeansData(params, facts),
  rounds: (params) => params.epochs,
  fit: (data, params, options) => trainKMeans(data, params, options),
  infer: (model, x) => inferKMeans(model, x),
  summary: (model) => ({ centres: { values: model.centres, k: model.k } }),
  curves: (data, params) => elbowChart(data, params),
  featureCount: (model) => model.d,
  serialize: (model, attributes) => writeKMeansModel(model, attributes),
  deserialize: (bytes) => readKMeansModel(bytes),
  attributes: (model) => ({ ...model.attributes }),
};

