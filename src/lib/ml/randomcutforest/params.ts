// Random Cut Forest's hyperparameters with SageMaker's names, defaults and ranges (developer guide "RCF
// Hyperparameters"; the SageMaker Python SDK's amazon/randomcutforest.py validators), plus mlpad's
// shingle_size and seed, and the typed object fit reads.
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';

const spec = (s: Omit<HyperparameterSpec, 'sagemakerName'>): HyperparameterSpec => ({ ...s, sagemakerName: s.name });

/** The label metrics SageMaker's eval_metrics can ask for. */
export const RCF_EVAL_METRICS = ['accuracy', 'precision_recall_fscore'] as const;
export type RcfEvalMetric = (typeof RCF_EVAL_METRICS)[number];

/** Largest shingle_size accepted: a shingle of more than 4096 rows is no longer a local window. */
export const MAX_SHINGLE_SIZE = 4096;

export const RANDOM_CUT_FOREST_SCHEMA: readonly HyperparameterSpec[] = [
  spec({ name: 'num_trees', type: 'int', default: 100, min: 50, max: 1000, help: 'Number of trees in the forest.' }),
  spec({ name: 'num_samples_per_tree', type: 'int', default: 256, min: 1, max: 2048, help: 'Rows sampled (uniformly, without replacement) to build each tree.' }),
  spec({ name: 'feature_dim', type: 'int', default: null, min: 1, max: 10000, help: 'Number of feature columns; when given it must equal the data’s column count.' }),
  spec({ name: 'eval_metrics', type: 'enum', default: 'accuracy,precision_recall_fscore', values: RCF_EVAL_METRICS, list: true, help: 'Metrics on labelled rows (1 = anomaly) at the score threshold: accuracy, precision_recall_fscore.' }),
  spec({ name: 'shingle_size', type: 'int', default: 1, min: 1, max: MAX_SHINGLE_SIZE, help: 'mlpad: score each row with the window of this many rows ending at it (time series in file order); 1 = rows alone.' }),
  spec({ name: 'seed', type: 'int', default: 0, min: 0, max: 2147483647, help: 'mlpad: seed of the row sampling and the random cuts.' }),
];

/** Validated Random Cut Forest hyperparameters. */
export interface RandomCutForestParams {
  /** Trees in the forest; defaults to 100. */
  num_trees: number;
  /** Rows sampled per tree (fewer when the data has fewer shingles); defaults to 256. */
  num_samples_per_tree: number;
  /** Column count the user declared; null (the default) = whatever the data has. */
  feature_dim: number | null;
  /** Label metrics to report; defaults to both. */
  eval_metrics: RcfEvalMetric[];
  /** Rows per shingle; defaults to 1 (no shingling). */
  shingle_size: number;
  /** Seed of sampling and cuts; defaults to 0. */
  seed: number;
}

/**
 * SageMaker passes list hyperparameters as JSON text (`["accuracy", "precision_recall_fscore"]`); the
 * schema's list enum reads comma-separated text, so JSON lists are unwrapped first.
 */
function unwrapJsonList(raw: RawHyperparameters): RawHyperparameters {
  const v = raw.eval_metrics;
  if (typeof v !== 'string' || !v.trim().startsWith('[')) return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v.replace(/'/g, '"'));
  } catch {
    throw new HyperparameterError('eval_metrics', `eval_metrics must be a list of ${RCF_EVAL_METRICS.join(', ')} (JSON or comma-separated); got ${JSON.stringify(v)}`);
  }
  if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'string')) {
    throw new HyperparameterError('eval_metrics', `eval_metrics must be a list of ${RCF_EVAL_METRICS.join(', ')} (JSON or comma-separated); got ${JSON.stringify(v)}`);
  }
  return { ...raw, eval_metrics: parsed.join(',') };
}

/** Validates raw hyperparameters (strings or typed). */
export function resolveRandomCutForestParams(raw: RawHyperparameters): RandomCutForestParams {
  const v = validateHyperparameters(RANDOM_CUT_FOREST_SCHEMA, unwrapJsonList(raw));
  const metrics = [...new Set(String(v.eval_metrics).split(','))] as RcfEvalMetric[];
  return {
    num_trees: v.num_trees as number,
    num_samples_per_tree: v.num_samples_per_tree as number,
    feature_dim: v.feature_dim as number | null,
    eval_metrics: metrics,
    shingle_size: v.shingle_size as number,
    seed: v.seed as number,
  };
}

/** Checks params against the data's shape: feature_dim = columns, shingle_size ≤ rows. */
export function checkRandomCutForestData(params: RandomCutForestParams, nRows: number, nCols: number): void {
  if (params.feature_dim !== null && params.feature_dim !== nCols) {
    throw new HyperparameterError('feature_dim', `feature_dim must equal the number of feature columns, ${nCols}; got ${params.feature_dim} (leave it unset to use the data’s)`);
  }
  if (params.shingle_size > nRows) {
    throw new HyperparameterError('shingle_size', `shingle_size must be in [1, ${nRows}] (the number of rows); got ${params.shingle_size}`);
  }
}
