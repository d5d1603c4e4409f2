// SageMaker k-NN's hyperparameters (developer guide "k-NN Hyperparameters" and the SageMaker Python SDK's
// sagemaker/amazon/knn.py validators). mlpad searches an exact (faiss.Flat-like) index only: the IVF index
// types and their settings are refused with a sentence rather than ignored.
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';

export type PredictorType = 'classifier' | 'regressor';
export type IndexMetric = 'L2' | 'INNER_PRODUCT' | 'COSINE';
export type ReductionType = 'none' | 'sign' | 'fjlt';

/** Validated k-NN hyperparameters. */
export interface KnnParams {
  /** Neighbours that vote (classifier) or are averaged (regressor); defaults to 5 (SageMaker requires it). */
  k: number;
  /** classifier or regressor; null until the task decides (taskDefaults fills it from the target). */
  predictor_type: PredictorType | null;
  /** Rows kept in the index, sampled with `seed` when fewer than the training rows; null keeps every row. */
  sample_size: number | null;
  /** Random projection before indexing; defaults to 'none'. */
  dimension_reduction_type: ReductionType;
  /** Dimensions after the projection; required with a reduction, null otherwise. */
  dimension_reduction_target: number | null;
  /** Always 'faiss.Flat' (exact search); the IVF index types are refused. */
  index_type: 'faiss.Flat';
  /** How nearness is measured; defaults to 'L2'. */
  index_metric: IndexMetric;
  /** Must equal the feature count when given; defaults to null (the data's count). */
  feature_dim: number | null;
  /** Queries scored per batch (fewer when the index is large, to bound memory); defaults to 5000. */
  mini_batch_size: number;
  /** Seed of the row sample and the projection; defaults to 0. */
  seed: number;
}

export const KNN_SCHEMA: readonly HyperparameterSpec[] = [
  { name: 'k', sagemakerName: 'k', type: 'int', default: 5, min: 1,
    help: 'Number of nearest neighbours that vote or are averaged (SageMaker requires it; mlpad defaults to 5).' },
  { name: 'predictor_type', sagemakerName: 'predictor_type', type: 'enum', default: null, values: ['classifier', 'regressor'],
    help: 'classifier (majority vote of the neighbours) or regressor (mean of their targets); follows the target when unset.' },
  { name: 'sample_size', sagemakerName: 'sample_size', type: 'int', default: null, min: 1,
    help: 'Training rows kept in the index, sampled with the seed; unset keeps every row.' },
  { name: 'dimension_reduction_type', sagemakerName: 'dimension_reduction_type', type: 'enum', default: 'none', values: ['none', 'sign', 'fjlt'],
    help: 'Random projection before indexing: sign (random ±1 matrix) or fjlt (fast Johnson–Lindenstrauss transform); none by default.' },
  { name: 'dimension_reduction_target', sagemakerName: 'dimension_reduction_target', type: 'int', default: null, min: 1,
    help: 'Dimensions after the projection, less than the feature count; required when dimension_reduction_type is set.' },
  { name: 'index_type', sagemakerName: 'index_type', type: 'enum', default: 'faiss.Flat', values: ['faiss.Flat', 'faiss.IVFFlat', 'faiss.IVFPQ'],
    help: 'faiss.Flat: exact brute-force search (the only index mlpad builds).' },
  { name: 'index_metric', sagemakerName: 'index_metric', type: 'enum', default: 'L2', values: ['L2', 'INNER_PRODUCT', 'COSINE'],
    help: 'Nearness: L2 (Euclidean distance), INNER_PRODUCT (largest dot product) or COSINE (largest cosine similarity).' },
  { name: 'faiss_index_ivf_nlists', sagemakerName: 'faiss_index_ivf_nlists', type: 'int', default: null, min: 1,
    help: 'Centroids of an IVF index ("auto" or a positive integer); refused, since mlpad builds faiss.Flat only.' },
  { name: 'faiss_index_pq_m', sagemakerName: 'faiss_index_pq_m', type: 'int', default: null, min: 1,
    help: 'Sub-vectors of an IVFPQ index; refused, since mlpad builds faiss.Flat only.' },
  { name: 'feature_dim', sagemakerName: 'feature_dim', type: 'int', default: null, min: 1,
    help: 'Number of features; must equal the feature column count when given.' },
  { name: 'mini_batch_size', sagemakerName: 'mini_batch_size', type: 'int', default: 5000, min: 1,
    help: 'Queries scored against the index per batch (capped so one batch of distances stays near 32 MB).' },
  { name: 'seed', sagemakerName: 'seed', type: 'int', default: 0, min: 0, max: 2147483647,
    help: 'Seed of the row sample and the random projection (an mlpad addition: SageMaker picks its own).' },
];

const IVF_ONLY = 'applies to the faiss.IVFFlat and faiss.IVFPQ indexes, which mlpad does not build (it searches exactly, as faiss.Flat); leave it unset';

/** Validates raw hyperparameters (strings or typed) into KnnParams; throws HyperparameterError naming the parameter. */
export function resolveKnnParams(raw: RawHyperparameters): KnnParams {
  // SageMaker's default for faiss_index_ivf_nlists is the word "auto": accept it as "unset".
  const given = { ...raw };
  const nlists = given.faiss_index_ivf_nlists;
  if (typeof nlists === 'string' && ['auto', ''].includes(nlists.trim().toLowerCase())) delete given.faiss_index_ivf_nlists;
  const v = validateHyperparameters(KNN_SCHEMA, given);
  if (v.index_type !== 'faiss.Flat') {
    throw new HyperparameterError('index_type',
      `index_type ${String(v.index_type)} is not available: mlpad builds faiss.Flat only (exact brute-force search, which returns the true neighbours); use faiss.Flat`);
  }
  if (v.faiss_index_ivf_nlists !== null) throw new HyperparameterError('faiss_index_ivf_nlists', `faiss_index_ivf_nlists ${IVF_ONLY} (or "auto"); got ${String(v.faiss_index_ivf_nlists)}`);
  if (v.faiss_index_pq_m !== null) throw new HyperparameterError('faiss_index_pq_m', `faiss_index_pq_m ${IVF_ONLY}; got ${String(v.faiss_index_pq_m)}`);
  const reduction = v.dimension_reduction_type as ReductionType;
  const target = v.dimension_reduction_target as number | null;
  if (reduction !== 'none' && target === null) {
    throw new HyperparameterError('dimension_reduction_target',
      `dimension_reduction_target is required when dimension_reduction_type is ${reduction}: give an integer in [1, feature count − 1]`);
  }
  if (reduction === 'none' && target !== null) {
    throw new HyperparameterError('dimension_reduction_target',
      `dimension_reduction_target ${target} needs dimension_reduction_type sign or fjlt; set one, or leave dimension_reduction_target unset`);
  }
  return {
    k: v.k as number,
    predictor_type: v.predictor_type as PredictorType | null,
    sample_size: v.sample_size as number | null,
    dimension_reduction_type: reduction,
    dimension_reduction_target: target,
    index_type: 'faiss.Flat',
    index_metric: v.index_metric as IndexMetric,
    feature_dim: v.feature_dim as number | null,
    mini_batch_size: v.mini_batch_size as number,
    seed: v.seed as number,
  };
}
