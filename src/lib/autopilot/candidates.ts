// The candidate algorithms of an Autopilot job and their search spaces. Which algorithms fit a problem is
// asked of the registry (supervised estimators that train the task); this table only adds, per algorithm,
// the tuning ranges (in the spirit of SageMaker Autopilot's, narrowed so a trial fits a one-minute budget on
// two cores) and the light hyperparameters bagged ensemble members train with. It is the one place in
// Autopilot that names algorithms.
import type { RawHyperparameters } from '../ml/hyperparameters.ts';
import type { Task } from '../ml/prepare/types.ts';
import { algorithmNames, getAlgorithm } from '../ml/registry.ts';
import type { ParameterRanges } from '../tune/ranges.ts';
import type { ProblemType } from './objectives.ts';

/** One candidate algorithm with its Autopilot settings. */
export interface CandidateAlgorithm {
  /** Registry key. */
  algorithm: string;
  /** Tuning ranges (HYPERPARAMETER_TUNING). */
  ranges: ParameterRanges;
  /** Hyperparameters every trial of this algorithm trains with (not tuned). */
  statics: RawHyperparameters;
  /** Hyperparameters of the bagged members (ENSEMBLING): the defaults, lightly adjusted. */
  ensemble: RawHyperparameters;
  /** Whether the features should be standardised for it (distance- and gradient-based learners). */
  scale: boolean;
}

const TASK_OF: Record<ProblemType, Task> = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' };

/**
 * Autopilot's settings per algorithm, in the order candidates run (fast and strong first, so a short
 * budget still finishes the best bet). Ranges:
 * - xgboost: eta 0.01–0.5 (log), max_depth 2–10, min_child_weight 0.5–10 (log), subsample 0.5–1,
 *   colsample_bytree 0.3–1, lambda 0.01–10 (log), alpha 0.0001–2 (log), num_round 20–400 (log; Hyperband's resource instead when tuning with Hyperband).
 * - linear-learner: learning_rate 0.0001–0.5 (log), wd 1e-7–1 (log), l1 1e-7–1 (log), mini_batch_size 32–1024 (log); up to 100
 *   epochs (early-stopped); bagged members: 32-row batches, up to 100 epochs.
 * - mlp: hidden_units 16–256 (log), hidden_layers 1–3, learning_rate 0.0003–0.03 (log), wd 1e-6–0.01 (log), dropout 0–0.4; 100 epochs with early stopping.
 * - knn: k 1–50 (log).
 * - factorization-machines: num_factors 2–32 (log), linear_lr 0.0001–0.1 (log), factors_lr 0.0001–0.1 (log), epochs 5–40 (log).
 */
const TABLE: readonly CandidateAlgorithm[] = [
  {
    algorithm: 'xgboost', scale: false,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'eta', MinValue: 0.01, MaxValue: 0.5, ScalingType: 'Logarithmic' },
        { Name: 'min_child_weight', MinValue: 0.5, MaxValue: 10, ScalingType: 'Logarithmic' },
        { Name: 'subsample', MinValue: 0.5, MaxValue: 1 },
        { Name: 'colsample_bytree', MinValue: 0.3, MaxValue: 1 },
        { Name: 'lambda', MinValue: 0.01, MaxValue: 10, ScalingType: 'Logarithmic' },
        { Name: 'alpha', MinValue: 0.0001, MaxValue: 2, ScalingType: 'Logarithmic' },
      ],
      IntegerParameterRanges: [
        { Name: 'max_depth', MinValue: 2, MaxValue: 10 },
        { Name: 'num_round', MinValue: 20, MaxValue: 400, ScalingType: 'Logarithmic' },
      ],
    },
    statics: {},
    ensemble: { eta: 0.1, num_round: 200, max_depth: 6 },
  },
  {
    algorithm: 'linear-learner', scale: true,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'learning_rate', MinValue: 0.0001, MaxValue: 0.5, ScalingType: 'Logarithmic' },
        { Name: 'wd', MinValue: 1e-7, MaxValue: 1, ScalingType: 'Logarithmic' },
        { Name: 'l1', MinValue: 1e-7, MaxValue: 1, ScalingType: 'Logarithmic' },
      ],
      IntegerParameterRanges: [{ Name: 'mini_batch_size', MinValue: 32, MaxValue: 1024, ScalingType: 'Logarithmic' }],
    },
    // SageMaker's defaults (15 epochs of 1000-row batches) make one Adam step per epoch on data under 1000
    // rows: 15 steps, far from converged. Up to 100 epochs (early stopping ends them once the loss settles)
    // and, for the bagged members, 32-row batches let the model converge as scikit-learn's L-BFGS does.
    statics: { epochs: 100 },
    ensemble: { epochs: 100, mini_batch_size: 32 },
  },
  {
    algorithm: 'mlp', scale: true,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'learning_rate', MinValue: 0.0003, MaxValue: 0.03, ScalingType: 'Logarithmic' },
        { Name: 'wd', MinValue: 1e-6, MaxValue: 0.01, ScalingType: 'Logarithmic' },
        { Name: 'dropout', MinValue: 0, MaxValue: 0.4 },
      ],
      IntegerParameterRanges: [
        { Name: 'hidden_units', MinValue: 16, MaxValue: 256, ScalingType: 'Logarithmic' },
        { Name: 'hidden_layers', MinValue: 1, MaxValue: 3 },
      ],
    },
    statics: { epochs: 100 },
    ensemble: { epochs: 100, hidden_units: 64 },
  },
  {
    algorithm: 'knn', scale: true,
    ranges: { IntegerParameterRanges: [{ Name: 'k', MinValue: 1, MaxValue: 50, ScalingType: 'Logarithmic' }] },
    statics: {},
    ensemble: { k: 10 },
  },
  {
    algorithm: 'factorization-machines', scale: true,
    ranges: {
      ContinuousParameterRanges: [
        { Name: 'linear_lr', MinValue: 0.0001, MaxValue: 0.1, ScalingType: 'Logarithmic' },
        { Name: 'factors_lr', MinValue: 0.0001, MaxValue: 0.1, ScalingType: 'Logarithmic' },
      ],
      IntegerParameterRanges: [
        { Name: 'num_factors', MinValue: 2, MaxValue: 32, ScalingType: 'Logarithmic' },
        { Name: 'epochs', MinValue: 5, MaxValue: 40, ScalingType: 'Logarithmic' },
      ],
    },
    statics: {},
    ensemble: { epochs: 20 },
  },
];

/** Options of candidateAlgorithms. */
export interface CandidateOptions {
  /** Registry keys to keep (in table order); defaults to every algorithm of the table that trains the task. */
  algorithms?: readonly string[];
}

/**
 * The candidates for `problemType`: every algorithm of Autopilot's table that the registry has as a
 * supervised estimator training the problem's task, in table order. Throws naming the valid choices when
 * `options.algorithms` names one that does not fit.
 */
export function candidateAlgorithms(problemType: ProblemType, options: CandidateOptions = {}): CandidateAlgorithm[] {
  const task = TASK_OF[problemType];
  const registered = new Set(algorithmNames());
  const fit = TABLE.filter((c) => {
    if (!registered.has(c.algorithm)) return false;
    const e = getAlgorithm(c.algorithm);
    return e.kind === 'supervised' && e.tasks.includes(task);
  });
  if (options.algorithms === undefined) return fit;
  const names = fit.map((c) => c.algorithm);
  for (const a of options.algorithms) {
    if (!names.includes(a)) throw new RangeError(`algorithms: ${JSON.stringify(a)} is not an Autopilot candidate for ${problemType}; choose from ${names.join(', ')}`);
  }
  if (options.algorithms.length === 0) throw new RangeError(`algorithms must name at least one candidate; choose from ${names.join(', ')}`);
  return fit.filter((c) => options.algorithms!.includes(c.algorithm));
}
