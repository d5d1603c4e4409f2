// SageMaker PCA's hyperparameters (developer guide "PCA Hyperparameters"; sagemaker/amazon/pca.py), their
// validation, and the checks against the data. SageMaker requires num_components, feature_dim and
// mini_batch_size; mlpad fills them from the data when they are not given.
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';
import type { DataFacts } from '../estimator.ts';

/** Components kept when num_components is not given: at most this many (fewer when there are fewer columns). */
export const DEFAULT_COMPONENTS = 10;

export const PCA_SCHEMA: readonly HyperparameterSpec[] = [
  {
    name: 'num_components', sagemakerName: 'num_components', type: 'int', default: null, min: 1,
    help: 'Principal components to compute, 1 to the number of feature columns; unset: min(10, columns).',
  },
  {
    name: 'algorithm_mode', sagemakerName: 'algorithm_mode', type: 'enum', default: 'regular', values: ['regular', 'randomized'],
    help: 'regular: exact eigen-decomposition of the covariance; randomized: a randomized range finder, for many columns.',
  },
  {
    name: 'subtract_mean', sagemakerName: 'subtract_mean', type: 'bool', default: true,
    help: 'Centre the data on the training means, in training and at inference.',
  },
  {
    name: 'extra_components', sagemakerName: 'extra_components', type: 'int', default: -1, min: -1,
    help: 'randomized mode only: extra directions sampled for accuracy; -1 means max(10, num_components).',
  },
  {
    name: 'feature_dim', sagemakerName: 'feature_dim', type: 'int', default: null, min: 1,
    help: 'Input dimension; must equal the number of feature columns; unset: that number.',
  },
  {
    name: 'mini_batch_size', sagemakerName: 'mini_batch_size', type: 'int', default: 500, min: 1,
    help: 'Rows per mini-batch of the covariance accumulation (memory, not the result).',
  },
];

/** Validated PCA hyperparameters. */
export interface PcaParams {
  /** Components to keep; null (the default) means min(10, columns), decided at fit time. */
  num_components: number | null;
  /** 'regular' (default): exact covariance eigen-decomposition; 'randomized': subspace iteration from a random start. */
  algorithm_mode: 'regular' | 'randomized';
  /** Centre on the training means before projecting; defaults to true. */
  subtract_mean: boolean;
  /** Oversampling of randomized mode; -1 (default) means max(10, num_components). */
  extra_components: number;
  /** Declared column count; null (the default) means whatever the data has. */
  feature_dim: number | null;
  /** Rows per accumulation batch; defaults to 500. */
  mini_batch_size: number;
}

/** Validates raw hyperparameters (strings or typed values) into PcaParams. */
export function resolvePcaParams(raw: RawHyperparameters): PcaParams {
  const r = validateHyperparameters(PCA_SCHEMA, raw);
  const params: PcaParams = {
    num_components: r.num_components as number | null,
    algorithm_mode: r.algorithm_mode as PcaParams['algorithm_mode'],
    subtract_mean: r.subtract_mean as boolean,
    extra_components: r.extra_components as number,
    feature_dim: r.feature_dim as number | null,
    mini_batch_size: r.mini_batch_size as number,
  };
  if (params.algorithm_mode === 'regular' && params.extra_components !== -1) {
    throw new HyperparameterError('extra_components',
      `extra_components applies to algorithm_mode randomized only (regular mode is exact); leave it at -1 or set algorithm_mode to randomized; got ${params.extra_components}`);
  }
  if (params.feature_dim !== null && params.num_components !== null && params.num_components > params.feature_dim) {
    throw new HyperparameterError('num_components',
      `num_components must be an integer in [1, ${params.feature_dim}] (at most feature_dim); got ${params.num_components}`);
  }
  return params;
}

/** Components the fit keeps for `nCols` feature columns. */
export function componentCount(params: PcaParams, nCols: number): number {
  return params.num_components ?? Math.min(DEFAULT_COMPONENTS, nCols);
}

/** Directions randomized mode iterates: num_components plus the oversampling, at most the column count. */
export function subspaceSize(params: PcaParams, nCols: number): number {
  const k = componentCount(params, nCols);
  const extra = params.extra_components === -1 ? Math.max(10, k) : params.extra_components;
  return Math.min(nCols, k + extra);
}

/** Throws HyperparameterError when num_components or feature_dim does not fit the data's columns. */
export function checkPcaData(params: PcaParams, facts: Pick<DataFacts, 'nCols'>): void {
  const { nCols } = facts;
  if (params.feature_dim !== null && params.feature_dim !== nCols) {
    throw new HyperparameterError('feature_dim',
      `feature_dim must equal the number of feature columns, ${nCols} (or be left unset); got ${params.feature_dim}`);
  }
  if (params.num_components !== null && params.num_components > nCols) {
    throw new HyperparameterError('num_components',
      `num_components must be an integer in [1, ${nCols}] (the number of feature columns); got ${params.num_components}`);
  }
}
