// SageMaker's k-nearest-neighbours algorithm as an mlpad Estimator: an exact (faiss.Flat) index of the
// training rows, searched as batched matrix products on TensorFlow.js and re-ranked in float64, so the
// neighbours are those of a float64 brute-force search (scikit-learn's algorithm='brute'). No feature
// scaling, as in SageMaker. The model file holds the training rows themselves (see knn-model.ts).
import type { Estimator } from '../estimator.ts';
import { checkKnnData, fitKnn, predictorFor } from './knn-fit.ts';
import { readKnnModel, writeKnnModel, type KnnModel } from './knn-model.ts';
import { KNN_SCHEMA, resolveKnnParams, type KnnParams } from './knn-params.ts';
import { inferKnn } from './knn-predict.ts';

export type { KnnModel } from './knn-model.ts';
export type { KnnParams } from './knn-params.ts';

export const knnEstimator: Estimator<KnnParams, KnnModel> = {
  name: 'knn',
  description: 'k-nearest neighbours: votes (classification) or averages (regression) the k closest training rows, found exactly.',
  kind: 'supervised',
  tasks: ['binary', 'multiclass', 'regression'],
  target: 'required',
  schema: KNN_SCHEMA,
  commonParameters: ['k', 'predictor_type', 'index_metric', 'sample_size', 'dimension_reduction_type', 'dimension_reduction_target'],
  compute: 'tfjs',
  // The exactness check assumes float32 arithmetic; WebGL may compute in half precision.
  tfBackends: ['webgpu', 'wasm', 'cpu'],
  acceptsMissing: false,
  format: { name: 'mlpad knn JSON v1', extension: 'json', mediaType: 'application/json' },
  // Autopilot: k 1–50 (log).
  autopilot: {
    order: 3, scale: true,
    ranges: { IntegerParameterRanges: [{ Name: 'k', MinValue: 1, MaxValue: 50, ScalingType: 'Logarithmic' }] },
    statics: {},
    ensemble: { k: 10 },
  },
  taskDefaults(facts): Record<string, string> {
    return facts.task === null ? {} : { predictor_type: predictorFor(facts.task) };
  },
  taskOf(raw) {
    // A classifier can be binary or multiclass: the class count decides, so only a regressor names a task.
    const v = raw.predictor_type;
    return typeof v === 'string' && v.trim() === 'regressor' ? 'regression' : undefined;
  },
  resolve: resolveKnnParams,
  checkData: checkKnnData,
  rounds: () => 1,
  fit: fitKnn,
  infer: (model, x) => inferKnn(model, x),
  featureCount: (model) => model.featureDim,
  serialize: (model, attributes = {}) => writeKnnModel(model, attributes),
  deserialize: (bytes) => readKnnModel(bytes),
  attributes: (model) => ({ ...model.attributes }),
};
