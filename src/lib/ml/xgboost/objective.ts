// The learning task: how margins become predictions, and the gradient and hessian of the loss that each
// round's trees fit. Arithmetic follows XGBoost 1.7 in float32 (each step rounded with Math.fround).
import { absoluteError } from './objectives/absolute-error.ts';
import { logistic } from './objectives/logistic.ts';
import { poisson } from './objectives/poisson.ts';
import { squaredError } from './objectives/squared-error.ts';
import { softmax } from './objectives/softmax.ts';

export const OBJECTIVES = [
  'reg:squarederror', 'reg:logistic', 'binary:logistic', 'binary:logitraw',
  'multi:softprob', 'multi:softmax', 'count:poisson', 'reg:absoluteerror',
] as const;
export type ObjectiveName = (typeof OBJECTIVES)[number];

/** Settings an objective reads. */
export interface ObjectiveConfig {
  /** Number of classes (multi:*); 0 otherwise. */
  numClass: number;
  /** Weight multiplier of rows labelled 1 (binary and reg objectives); default 1. */
  scalePosWeight: number;
  /** count:poisson's hessian offset (max_delta_step); default 0.7. */
  maxDeltaStep: number;
}

export interface Objective {
  readonly name: ObjectiveName;
  /** Margins (and trees) per row and round: the class count for multi:*, else 1. */
  readonly nGroups: number;
  /** The metric XGBoost evaluates when eval_metric is not given. */
  readonly defaultMetric: string;
  /** Throws a RangeError naming `what` when a label is outside the task's domain. */
  checkLabels(labels: Float32Array, what: string): void;
  /** The initial margin for base_score (ProbToMargin). */
  baseMargin(baseScore: number): number;
  /** base_score estimated from the labels (reg:absoluteerror), or null to keep the given one. */
  estimateBaseScore?(labels: Float32Array, weights: Float32Array | undefined): number;
  /** Gradients and hessians (nRows × nGroups, row-major) at `margins`. */
  gradient(margins: Float32Array, labels: Float32Array, weights: Float32Array | undefined, grad: Float32Array, hess: Float32Array): void;
  /** What metrics see: probabilities for classification, the mean for regression. */
  evalTransform(margins: Float32Array, nRows: number): Float32Array;
  /** What predict() returns (class index for multi:softmax, else evalTransform). */
  predTransform(margins: Float32Array, nRows: number): Float32Array;
  /** Values per row of predTransform. */
  readonly predWidth: number;
  /**
   * The gradient as a row kernel histogram pool threads can run (logisticGradientRows in parallel/histogram-kernel.ts), where one
   * exists; defaults to none (the gradient runs in the calling thread).
   */
  readonly rowKernel?: { kind: 'logistic'; scalePosWeight: number };
  /** Whether leaf values are re-fitted after growth (reg:absoluteerror's median leaves). */
  readonly adaptiveLeaves?: boolean;
}

export function createObjective(name: ObjectiveName, cfg: ObjectiveConfig): Objective {
  switch (name) {
    case 'reg:squarederror': return squaredError(cfg);
    case 'reg:logistic': case 'binary:logistic': case 'binary:logitraw': return logistic(name, cfg);
    case 'multi:softprob': case 'multi:softmax': return softmax(name, cfg);
    case 'count:poisson': return poisson(cfg);
    case 'reg:absoluteerror': return absoluteError();
  }
}

/** Applies `fn` to every margin into a new array: the element-wise transforms of single-output tasks. */
export function mapMargins(margins: Float32Array, fn: (x: number) => number): Float32Array {
  const out = new Float32Array(margins.length);
  for (let i = 0; i < margins.length; i++) out[i] = fn(margins[i]);
  return out;
}
