// The candidate algorithms of an Autopilot job and their search spaces, asked of the registry: every
// supervised estimator that trains the problem's task and carries Autopilot settings (Estimator.autopilot,
// defined in the algorithm's own folder: tuning ranges, statics, bagged-member hyperparameters, scaling and
// run order). Nothing here names an algorithm.
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

/** Every registered algorithm with Autopilot settings, in the order candidates run (Estimator.autopilot.order). */
function table(): CandidateAlgorithm[] {
  const withSettings = algorithmNames().map(getAlgorithm).filter((e) => e.autopilot !== undefined);
  withSettings.sort((a, b) => a.autopilot!.order - b.autopilot!.order);
  return withSettings.map((e) => {
    const { ranges, statics, ensemble, scale } = e.autopilot!;
    return { algorithm: e.name, scale, ranges, statics, ensemble };
  });
}

/** Options of candidateAlgorithms. */
export interface CandidateOptions {
  /** Registry keys to keep (in run order); defaults to every algorithm with Autopilot settings that trains the task. */
  algorithms?: readonly string[];
}

/**
 * The candidates for `problemType`: every registered supervised estimator with Autopilot settings that
 * trains the problem's task, in run order. Throws naming the valid choices when
 * `options.algorithms` names one that does not fit.
 */
export function candidateAlgorithms(problemType: ProblemType, options: CandidateOptions = {}): CandidateAlgorithm[] {
  const task = TASK_OF[problemType];
  const fit = table().filter((c) => {
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
