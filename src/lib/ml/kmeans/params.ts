// SageMaker k-means hyperparameters (names, defaults and ranges from the SageMaker developer guide's
// "K-Means Hyperparameters" and the SageMaker Python SDK's sagemaker/amazon/kmeans.py validators), and
// the typed object training reads. SageMaker requires `k` and `feature_dim`; mlpad defaults k to 3 so a
// studio job trains out of the box, and reads feature_dim from the data (checking it when given).
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';
import type { DataFacts } from '../estimator.ts';

export type KMeansInitMethod = 'random' | 'kmeans++';
export type KMeansMetric = 'msd' | 'ssd';

const spec = (s: Omit<HyperparameterSpec, 'sagemakerName'>): HyperparameterSpec => ({ ...s, sagemakerName: s.name });

/** extra_center_factor = auto: over-provision 10 centres per cluster (never more centres than rows). */
export const AUTO_EXTRA_CENTER_FACTOR = 10;
/** local_lloyd_num_trials = auto: 10 runs of the local Lloyd (scikit-learn's n_init). */
export const AUTO_LOCAL_LLOYD_NUM_TRIALS = 10;

export const KMEANS_SCHEMA: readonly HyperparameterSpec[] = [
  spec({ name: 'k', type: 'int', default: 3, min: 2, help: 'Number of clusters (SageMaker requires it; mlpad suggests 3); at most the number of rows.' }),
  spec({ name: 'feature_dim', type: 'int', default: null, min: 1, help: 'Number of features; read from the data when unset, and must equal the column count when given.' }),
  spec({ name: 'init_method', type: 'enum', default: 'random', values: ['random', 'kmeans++'], help: 'How the streaming pass picks its initial centres from the first mini-batch: random rows, or k-means++ (D² sampling).' }),
  spec({ name: 'extra_center_factor', type: 'int', default: null, min: 1, help: 'The streaming pass keeps k × this many centres and reduces them to k at the end; auto (unset) = 10, capped at the row count.' }),
  spec({ name: 'local_lloyd_init_method', type: 'enum', default: 'kmeans++', values: ['random', 'kmeans++'], help: 'Initialisation of the local Lloyd run that reduces the centres to k.' }),
  spec({ name: 'local_lloyd_max_iter', type: 'int', default: 300, min: 1, help: 'Most Lloyd iterations of the local reduction and of the full-data refinement.' }),
  spec({ name: 'local_lloyd_tol', type: 'float', default: 0.0001, min: 0, max: 1, help: 'Lloyd stops when the sum of squared distances falls by less than this fraction in one iteration.' }),
  spec({ name: 'local_lloyd_num_trials', type: 'int', default: null, min: 1, help: 'Local Lloyd runs from different initialisations; the one with the lowest loss is kept. auto (unset) = 10.' }),
  spec({ name: 'mini_batch_size', type: 'int', default: 5000, min: 1, help: 'Rows per mini-batch of the streaming pass.' }),
  spec({ name: 'epochs', type: 'int', default: 1, min: 1, help: 'Passes of the streaming mini-batch k-means over the training data.' }),
  spec({ name: 'half_life_time_size', type: 'int', default: 0, min: 0, help: 'A row’s weight in its centre halves after this many more rows are seen; 0 = no decay.' }),
  spec({ name: 'eval_metrics', type: 'enum', default: 'msd', values: ['msd', 'ssd'], list: true, help: 'Metrics reported each epoch: msd (mean squared distance to the closest centre), ssd (sum of squared distances); SageMaker’s ["msd","ssd"] form is accepted.' }),
  spec({ name: 'seed', type: 'int', default: 0, min: 0, help: 'mlpad only (SageMaker’s k-means takes no seed): seed of the row shuffle and the initialisations.' }),
];

/** Validated k-means parameters. */
export interface KMeansParams {
  /** Number of clusters; defaults to 3. */
  k: number;
  /** Feature count the caller declared; null (the default) reads it from the data. */
  feature_dim: number | null;
  /** Initial centres of the streaming pass; defaults to 'random'. */
  init_method: KMeansInitMethod;
  /** Centres per cluster kept while streaming; null (the default) = auto ({@link AUTO_EXTRA_CENTER_FACTOR}). */
  extra_center_factor: number | null;
  /** Initialisation of the local Lloyd reduction; defaults to 'kmeans++'. */
  local_lloyd_init_method: KMeansInitMethod;
  /** Most Lloyd iterations (local reduction and full-data refinement); defaults to 300. */
  local_lloyd_max_iter: number;
  /** Relative loss change that stops Lloyd; defaults to 0.0001. */
  local_lloyd_tol: number;
  /** Local Lloyd trials; null (the default) = auto ({@link AUTO_LOCAL_LLOYD_NUM_TRIALS}). */
  local_lloyd_num_trials: number | null;
  /** Rows per mini-batch; defaults to 5000. */
  mini_batch_size: number;
  /** Streaming passes; defaults to 1. */
  epochs: number;
  /** Rows after which a row's weight halves; 0 (the default) = no decay. */
  half_life_time_size: number;
  /** Metrics reported per epoch; defaults to ['msd']. */
  eval_metrics: KMeansMetric[];
  /** Seed of every random choice; defaults to 0. */
  seed: number;
}

/** Accepts SageMaker's spellings: 'auto' for unset, and a JSON list such as ["msd","ssd"] (or [\"msd\"]). */
function normalise(raw: RawHyperparameters): RawHyperparameters {
  const out: RawHyperparameters = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((key === 'extra_center_factor' || key === 'local_lloyd_num_trials') && typeof value === 'string' && value.trim().toLowerCase() === 'auto') continue;
    if (key === 'eval_metrics' && typeof value === 'string' && value.trim().startsWith('[')) {
      out[key] = value.trim().replace(/^\[|\]$/g, '').replace(/\\?"|'/g, '');
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** Validates raw hyperparameters; throws HyperparameterError naming the parameter and its range. */
export function resolveKMeansParams(raw: RawHyperparameters): KMeansParams {
  const v = validateHyperparameters(KMEANS_SCHEMA, normalise(raw));
  const metrics = [...new Set(String(v.eval_metrics).split(','))] as KMeansMetric[];
  return {
    k: v.k as number,
    feature_dim: v.feature_dim as number | null,
    init_method: v.init_method as KMeansInitMethod,
    extra_center_factor: v.extra_center_factor as number | null,
    local_lloyd_init_method: v.local_lloyd_init_method as KMeansInitMethod,
    local_lloyd_max_iter: v.local_lloyd_max_iter as number,
    local_lloyd_tol: v.local_lloyd_tol as number,
    local_lloyd_num_trials: v.local_lloyd_num_trials as number | null,
    mini_batch_size: v.mini_batch_size as number,
    epochs: v.epochs as number,
    half_life_time_size: v.half_life_time_size as number,
    eval_metrics: metrics,
    seed: v.seed as number,
  };
}

/** Throws HyperparameterError when `params` do not fit the data: k above the row count, feature_dim ≠ columns. */
export function checkKMeansData(params: KMeansParams, facts: Pick<DataFacts, 'nRows' | 'nCols'>): void {
  if (params.feature_dim !== null && params.feature_dim !== facts.nCols) {
    throw new HyperparameterError('feature_dim',
      `feature_dim must equal the number of feature columns (${facts.nCols}); got ${params.feature_dim}. Leave it unset to read it from the data`);
  }
  if (facts.nRows < 2) {
    throw new HyperparameterError('k', `k-means needs at least 2 training rows to form clusters; the data has ${facts.nRows}`);
  }
  if (params.k > facts.nRows) {
    throw new HyperparameterError('k', `k must be an integer in [2, ${facts.nRows}] (at most the number of training rows); got ${params.k}`);
  }
}

/** Centres the streaming pass keeps: k × extra_center_factor (auto = 10), at least k and at most `nRows`. */
export function streamingCentres(params: KMeansParams, nRows: number): number {
  const factor = params.extra_center_factor ?? AUTO_EXTRA_CENTER_FACTOR;
  return Math.max(params.k, Math.min(nRows, params.k * factor));
}

/** Local Lloyd trials (auto = 10). */
export function localTrials(params: KMeansParams): number {
  return params.local_lloyd_num_trials ?? AUTO_LOCAL_LLOYD_NUM_TRIALS;
}
