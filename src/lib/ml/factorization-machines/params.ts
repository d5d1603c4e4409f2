// SageMaker factorization-machines' hyperparameters: its names, defaults and valid ranges (developer guide
// "Factorization Machines Hyperparameters" and the SageMaker Python SDK's validators in
// sagemaker/amazon/factorization_machines.py). SageMaker's optimizer parameters (eps, clip_gradient,
// rescale_grad) are MXNet's; its per-group learning rates and weight decays are MXNet's lr_mult / wd_mult
// on one Adam optimizer, which is what mlpad runs (see adam-step.ts).
import { HyperparameterError, validateHyperparameters, type HyperparameterSpec, type RawHyperparameters } from '../hyperparameters.ts';
import type { Task } from '../prepare/types.ts';

export type PredictorType = 'binary_classifier' | 'regressor';
export type InitMethod = 'normal' | 'uniform' | 'constant';
/** The three parameter groups, each with its own learning rate, weight decay and initialisation. */
export type ParameterGroup = 'bias' | 'linear' | 'factors';
export const PARAMETER_GROUPS: readonly ParameterGroup[] = ['bias', 'linear', 'factors'];

/** How one parameter group starts. */
export interface InitSettings {
  method: InitMethod;
  /** Half-width of `uniform`. */
  scale: number;
  /** Standard deviation of `normal`. */
  sigma: number;
  /** Value of `constant`. */
  value: number;
}

/** Validated factorization-machines hyperparameters (SageMaker's names). */
export interface FmParams {
  /** Sigmoid + log loss, or identity + squared loss; null = follow the job's task (fit takes it from DataFacts). Defaults to null. */
  predictor_type: PredictorType | null;
  /** Length k of each feature's factor vector. SageMaker requires it; mlpad defaults to 8. */
  num_factors: number;
  /** Number of features; null = the data's column count (when given it must equal it). Defaults to null. */
  feature_dim: number | null;
  /** Passes over the training rows. Defaults to 1 (SageMaker's default; small data needs tens). */
  epochs: number;
  /** Rows per Adam step. Defaults to 1000. */
  mini_batch_size: number;
  /** Learning rates of the bias w0, the linear weights w and the factors V. Default to 0.1, 0.001 and 0.0001. */
  bias_lr: number;
  linear_lr: number;
  factors_lr: number;
  /** L2 weight decays, added to each group's gradient as wd·θ. Default to 0.01, 0.001 and 0.00001. */
  bias_wd: number;
  linear_wd: number;
  factors_wd: number;
  /** Initialisation per group; defaults: normal with sigma 0.01 (bias, linear) and 0.001 (factors). */
  init: Record<ParameterGroup, InitSettings>;
  /** Clip each gradient element to [−clip_gradient, clip_gradient]; null = no clipping. Defaults to null. */
  clip_gradient: number | null;
  /** Adam's ε. Defaults to 1e-8 (MXNet's Adam default; SageMaker leaves it unset). */
  eps: number;
  /** Multiplies the summed batch gradient; null = 1 / (summed row weights of the batch), a batch mean. Defaults to null. */
  rescale_grad: number | null;
  /** Seed of the initial values and the per-epoch shuffles (mlpad's; SageMaker has none). Defaults to 0. */
  seed: number;
}

function spec(s: Omit<HyperparameterSpec, 'sagemakerName'>): HyperparameterSpec {
  return { ...s, sagemakerName: s.name };
}

const INIT_DEFAULT_SIGMA: Record<ParameterGroup, number> = { bias: 0.01, linear: 0.01, factors: 0.001 };
const GROUP_WORDS: Record<ParameterGroup, string> = { bias: 'the bias w0', linear: 'the linear weights', factors: 'the factor vectors' };

function initSpecs(g: ParameterGroup): HyperparameterSpec[] {
  return [
    spec({ name: `${g}_init_method`, type: 'enum', default: 'normal', values: ['normal', 'uniform', 'constant'],
      help: `How ${GROUP_WORDS[g]} start: normal (sd ${g}_init_sigma), uniform (±${g}_init_scale) or constant (${g}_init_value).` }),
    spec({ name: `${g}_init_scale`, type: 'float', default: null, min: 0,
      help: `Half-width of the uniform start of ${GROUP_WORDS[g]}; required when ${g}_init_method is uniform.` }),
    spec({ name: `${g}_init_sigma`, type: 'float', default: INIT_DEFAULT_SIGMA[g], min: 0,
      help: `Standard deviation of the normal start of ${GROUP_WORDS[g]}.` }),
    spec({ name: `${g}_init_value`, type: 'float', default: null,
      help: `Start value of ${GROUP_WORDS[g]}; required when ${g}_init_method is constant.` }),
  ];
}

export const FM_SCHEMA: readonly HyperparameterSpec[] = [
  spec({ name: 'predictor_type', type: 'enum', default: null, values: ['binary_classifier', 'regressor'],
    help: 'binary_classifier (sigmoid, log loss) or regressor (squared loss); required in SageMaker, mlpad follows the task.' }),
  spec({ name: 'num_factors', type: 'int', default: 8, min: 1, max: 1000,
    help: 'Length of each feature\'s factor vector; required in SageMaker (64 suggested for large data), mlpad defaults to 8.' }),
  spec({ name: 'feature_dim', type: 'int', default: null, min: 1,
    help: 'Number of input features; empty = the data\'s feature count (when given it must equal it).' }),
  spec({ name: 'epochs', type: 'int', default: 1, min: 1, max: 100000,
    help: 'Passes over the training rows; SageMaker\'s default 1 is meant for huge data, small tables need tens.' }),
  spec({ name: 'mini_batch_size', type: 'int', default: 1000, min: 1, help: 'Rows per Adam step.' }),
  spec({ name: 'bias_lr', type: 'float', default: 0.1, min: 0, help: 'Adam learning rate of the bias w0.' }),
  spec({ name: 'linear_lr', type: 'float', default: 0.001, min: 0, help: 'Adam learning rate of the linear weights.' }),
  spec({ name: 'factors_lr', type: 'float', default: 0.0001, min: 0, help: 'Adam learning rate of the factor vectors.' }),
  spec({ name: 'bias_wd', type: 'float', default: 0.01, min: 0, help: 'Weight decay (L2) of the bias w0.' }),
  spec({ name: 'linear_wd', type: 'float', default: 0.001, min: 0, help: 'Weight decay (L2) of the linear weights.' }),
  spec({ name: 'factors_wd', type: 'float', default: 0.00001, min: 0, help: 'Weight decay (L2) of the factor vectors.' }),
  ...initSpecs('bias'),
  ...initSpecs('linear'),
  ...initSpecs('factors'),
  spec({ name: 'clip_gradient', type: 'float', default: null, min: 0, minInclusive: false,
    help: 'Clip each gradient element to [−clip_gradient, clip_gradient]; empty = no clipping.' }),
  spec({ name: 'eps', type: 'float', default: 1e-8, min: 0, minInclusive: false, help: 'Adam\'s ε, which keeps steps finite.' }),
  spec({ name: 'rescale_grad', type: 'float', default: null, min: 0, minInclusive: false,
    help: 'Factor on the summed batch gradient; empty = 1 / batch rows (the batch mean).' }),
  spec({ name: 'seed', type: 'int', default: 0, min: 0, max: 2147483647,
    help: 'Seed of the initial values and the row shuffles (mlpad\'s; SageMaker has no seed).' }),
];

function initOf(v: Record<string, unknown>, g: ParameterGroup): InitSettings {
  const method = v[`${g}_init_method`] as InitMethod;
  const scale = v[`${g}_init_scale`] as number | null;
  const value = v[`${g}_init_value`] as number | null;
  if (method === 'uniform' && scale === null) {
    throw new HyperparameterError(`${g}_init_scale`, `${g}_init_scale is required when ${g}_init_method is uniform: give the half-width of the range, a number in [0, ∞)`);
  }
  if (method === 'constant' && value === null) {
    throw new HyperparameterError(`${g}_init_value`, `${g}_init_value is required when ${g}_init_method is constant: give the start value, a number`);
  }
  return { method, scale: scale ?? 0, sigma: v[`${g}_init_sigma`] as number, value: value ?? 0 };
}

/** Validates raw hyperparameters; throws HyperparameterError naming the parameter. */
export function resolveFmParams(raw: RawHyperparameters): FmParams {
  const v = validateHyperparameters(FM_SCHEMA, raw);
  return {
    predictor_type: (v.predictor_type as PredictorType | null) ?? null,
    num_factors: v.num_factors as number,
    feature_dim: v.feature_dim as number | null,
    epochs: v.epochs as number,
    mini_batch_size: v.mini_batch_size as number,
    bias_lr: v.bias_lr as number,
    linear_lr: v.linear_lr as number,
    factors_lr: v.factors_lr as number,
    bias_wd: v.bias_wd as number,
    linear_wd: v.linear_wd as number,
    factors_wd: v.factors_wd as number,
    init: { bias: initOf(v, 'bias'), linear: initOf(v, 'linear'), factors: initOf(v, 'factors') },
    clip_gradient: v.clip_gradient as number | null,
    eps: v.eps as number,
    rescale_grad: v.rescale_grad as number | null,
    seed: v.seed as number,
  };
}

/** The predictor_type that trains `task`; undefined for multiclass, which factorization machines do not train. */
export function predictorTypeOf(task: Task): PredictorType | undefined {
  return task === 'binary' ? 'binary_classifier' : task === 'regression' ? 'regressor' : undefined;
}

/** The task a predictor_type trains. */
export function taskOfPredictorType(t: PredictorType): Task {
  return t === 'binary_classifier' ? 'binary' : 'regression';
}
