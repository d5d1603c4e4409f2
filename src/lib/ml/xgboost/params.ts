// XGBoost's hyperparameters with SageMaker's names, defaults and ranges (SageMaker's built-in XGBoost
// uses XGBoost's own), and the typed object training reads.
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';
import { EVAL_METRICS, checkMetricForTask, type EvalMetricName } from './eval-metrics.ts';
import { OBJECTIVES, type ObjectiveName } from './objective.ts';

const spec = (s: Omit<HyperparameterSpec, 'sagemakerName'>): HyperparameterSpec => ({ ...s, sagemakerName: s.name });

export const XGBOOST_SCHEMA: readonly HyperparameterSpec[] = [
  spec({ name: 'num_round', type: 'int', default: 100, min: 1, aliases: ['num_boost_round', 'n_estimators'], help: 'Number of boosting rounds (SageMaker requires it; mlpad suggests 100).' }),
  spec({ name: 'objective', type: 'enum', default: 'reg:squarederror', values: OBJECTIVES, help: 'Learning task and loss.' }),
  spec({ name: 'num_class', type: 'int', default: null, min: 2, help: 'Number of classes; required for multi:softprob and multi:softmax.' }),
  spec({ name: 'eta', type: 'float', default: 0.3, min: 0, minInclusive: false, max: 1, aliases: ['learning_rate'], help: 'Step size shrinkage applied to each tree’s leaf weights.' }),
  spec({ name: 'gamma', type: 'float', default: 0, min: 0, aliases: ['min_split_loss'], help: 'Minimum loss reduction a split must achieve.' }),
  spec({ name: 'max_depth', type: 'int', default: 6, min: 0, help: 'Maximum tree depth; 0 means no limit (lossguide only).' }),
  spec({ name: 'min_child_weight', type: 'float', default: 1, min: 0, help: 'Minimum sum of hessians in a child.' }),
  spec({ name: 'max_delta_step', type: 'float', default: null, min: 0, help: 'Cap on each leaf’s weight before eta; 0 = none (0.7 for count:poisson).' }),
  spec({ name: 'subsample', type: 'float', default: 1, min: 0, minInclusive: false, max: 1, help: 'Fraction of rows sampled for each tree.' }),
  spec({ name: 'colsample_bytree', type: 'float', default: 1, min: 0, minInclusive: false, max: 1, help: 'Fraction of columns sampled for each tree.' }),
  spec({ name: 'colsample_bylevel', type: 'float', default: 1, min: 0, minInclusive: false, max: 1, help: 'Fraction of the tree’s columns sampled for each depth.' }),
  spec({ name: 'colsample_bynode', type: 'float', default: 1, min: 0, minInclusive: false, max: 1, help: 'Fraction of the level’s columns sampled for each split.' }),
  spec({ name: 'lambda', type: 'float', default: 1, min: 0, aliases: ['reg_lambda'], help: 'L2 regularisation on leaf weights.' }),
  spec({ name: 'alpha', type: 'float', default: 0, min: 0, aliases: ['reg_alpha'], help: 'L1 regularisation on leaf weights.' }),
  spec({ name: 'tree_method', type: 'enum', default: 'auto', values: ['auto', 'hist', 'gpu_hist'], help: 'Where histograms are built: hist on the CPU; gpu_hist with WebGPU compute kernels; auto uses WebGPU in the studio when a hardware adapter is present and the data has at least 1M cells, else hist.' }),
  spec({ name: 'max_bin', type: 'int', default: 256, min: 2, max: 65535, help: 'Maximum number of histogram bins per feature.' }),
  spec({ name: 'grow_policy', type: 'enum', default: 'depthwise', values: ['depthwise', 'lossguide'], help: 'Split nodes closest to the root first, or those with the largest loss change.' }),
  spec({ name: 'max_leaves', type: 'int', default: 0, min: 0, help: 'Maximum number of leaves; 0 = no limit.' }),
  spec({ name: 'scale_pos_weight', type: 'float', default: 1, min: 0, minInclusive: false, help: 'Weight multiplier for positive rows (unbalanced classes).' }),
  spec({ name: 'base_score', type: 'float', default: null, help: 'Initial prediction of every row (0.5; the median label for reg:absoluteerror).' }),
  spec({ name: 'seed', type: 'int', default: 0, aliases: ['random_state'], help: 'Seed of row and column sampling.' }),
  spec({ name: 'eval_metric', type: 'enum', default: null, values: EVAL_METRICS, list: true, help: 'Comma-separated metrics to evaluate; the last one drives early stopping.' }),
  spec({ name: 'early_stopping_rounds', type: 'int', default: null, min: 1, help: 'Stop when the validation metric has not improved for this many rounds.' }),
  spec({ name: 'booster', type: 'enum', default: 'gbtree', values: ['gbtree'], help: 'Booster type; mlpad implements gbtree.' }),
  spec({ name: 'nthread', type: 'int', default: null, min: 1, help: 'Threads building histograms; unset = 1. More need shared memory (Node, or a cross-origin isolated page).' }),
  spec({ name: 'verbosity', type: 'int', default: 1, min: 0, max: 3, help: 'Logging level (accepted for compatibility).' }),
];

/** Validated XGBoost hyperparameters. */
export interface XGBoostParams {
  num_round: number;
  objective: ObjectiveName;
  /** Class count for multi:*; 0 otherwise. */
  num_class: number;
  eta: number;
  gamma: number;
  max_depth: number;
  min_child_weight: number;
  /** Resolved: 0.7 for count:poisson when unset, else 0. */
  max_delta_step: number;
  subsample: number;
  colsample_bytree: number;
  colsample_bylevel: number;
  colsample_bynode: number;
  lambda: number;
  alpha: number;
  max_bin: number;
  grow_policy: 'depthwise' | 'lossguide';
  max_leaves: number;
  scale_pos_weight: number;
  /** null: 0.5, or estimated from the labels for reg:absoluteerror. */
  base_score: number | null;
  seed: number;
  /** Metrics to evaluate; empty = the objective's default. */
  eval_metric: EvalMetricName[];
  early_stopping_rounds: number | null;
  nthread: number | null;
  /** Where histograms are built: 'hist' (CPU), 'gpu_hist' (WebGPU, async fits only) or 'auto' (the estimator's fit picks; trainXGBoost reads it as hist). Optional so that hand-built params mean hist. */
  tree_method?: 'auto' | 'hist' | 'gpu_hist';
}

/** Validates raw hyperparameters (strings or typed) and the rules that tie several together. */
export function resolveXGBoostParams(raw: RawHyperparameters): XGBoostParams {
  const v = validateHyperparameters(XGBOOST_SCHEMA, raw);
  const objective = v.objective as ObjectiveName;
  const multi = objective.startsWith('multi:');
  if (multi && v.num_class === null) {
    throw new HyperparameterError('num_class', `num_class is required for objective ${objective}: an integer in [2, ∞)`);
  }
  if (!multi && v.num_class !== null && v.num_class !== 1) {
    throw new HyperparameterError('num_class', `num_class applies only to multi:softprob and multi:softmax; remove it for objective ${objective}`);
  }
  const growPolicy = v.grow_policy as 'depthwise' | 'lossguide';
  if (growPolicy === 'depthwise' && v.max_depth === 0) {
    throw new HyperparameterError('max_depth', 'max_depth must be in [1, ∞) with grow_policy depthwise (0 = unlimited needs lossguide); got 0');
  }
  if (growPolicy === 'lossguide' && v.max_depth === 0 && v.max_leaves === 0) {
    throw new HyperparameterError('max_leaves', 'max_leaves must be in [1, ∞) when max_depth is 0 (unlimited); got 0');
  }
  const numClass = multi ? (v.num_class as number) : 0;
  const evalMetric = v.eval_metric === null ? [] : (String(v.eval_metric).split(',') as EvalMetricName[]);
  for (const m of evalMetric) {
    try { checkMetricForTask(m, objective, numClass); } catch (e) { throw new HyperparameterError('eval_metric', (e as Error).message); }
  }
  const base = v.base_score as number | null;
  if (base !== null && (objective === 'binary:logistic' || objective === 'reg:logistic') && !(base > 0 && base < 1)) {
    throw new HyperparameterError('base_score', `base_score must be in (0, 1) for objective ${objective}; got ${base}`);
  }
  if (base !== null && objective === 'count:poisson' && !(base > 0)) {
    throw new HyperparameterError('base_score', `base_score must be in (0, ∞) for objective count:poisson; got ${base}`);
  }
  return {
    num_round: v.num_round as number,
    objective,
    num_class: numClass,
    eta: v.eta as number,
    gamma: v.gamma as number,
    max_depth: v.max_depth as number,
    min_child_weight: v.min_child_weight as number,
    max_delta_step: v.max_delta_step === null ? (objective === 'count:poisson' ? 0.7 : 0) : (v.max_delta_step as number),
    subsample: v.subsample as number,
    colsample_bytree: v.colsample_bytree as number,
    colsample_bylevel: v.colsample_bylevel as number,
    colsample_bynode: v.colsample_bynode as number,
    lambda: v.lambda as number,
    alpha: v.alpha as number,
    max_bin: v.max_bin as number,
    grow_policy: growPolicy,
    max_leaves: v.max_leaves as number,
    scale_pos_weight: v.scale_pos_weight as number,
    base_score: base,
    seed: v.seed as number,
    eval_metric: evalMetric,
    early_stopping_rounds: v.early_stopping_rounds as number | null,
    nthread: v.nthread as number | null,
    tree_method: v.tree_method as 'auto' | 'hist' | 'gpu_hist',
  };
}
