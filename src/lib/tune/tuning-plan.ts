// A tuning job's configuration checked and resolved into what the runner needs: the search space, the
// strategy, the limits with their defaults, Hyperband's schedule and the warm-start observations. Every
// refusal is a sentence naming the field and what to do.
import { HyperparameterError, validateHyperparameters, type RawHyperparameters } from '../ml/hyperparameters.ts';
import { getAlgorithm, type AnyEstimator } from '../ml/registry.ts';
import { bayesianSearch } from './bayesian.ts';
import { gridSearch } from './grid.ts';
import { HyperbandSchedule, resourceParameter } from './hyperband.ts';
import { checkObjective, streamObjective, type TuningObjective } from './objective-metrics.ts';
import { randomSearch } from './random.ts';
import { searchSpace, type SearchDimension, type TunedValues } from './ranges.ts';
import type { Observation, SearchStrategy } from './search-strategy.ts';
import type { TrialRecord, TuningJobConfig, TuningStrategy } from './tuning-job-api.ts';

/** Trials when MaxNumberOfTrainingJobs is not given (Random, Bayesian). */
export const DEFAULT_MAX_JOBS = 10;

/** Everything the runner needs, checked. */
export interface TuningPlan {
  name: string;
  estimator: AnyEstimator;
  space: SearchDimension[];
  strategyName: TuningStrategy;
  strategy: SearchStrategy;
  /** Trials the strategy can give at most: Grid's combinations, Hyperband's plan, else Infinity. */
  capacity: number;
  objective: TuningObjective;
  /** +1 to minimise the objective as it is, −1 for Maximize. */
  sign: number;
  maxJobs: number;
  maxParallel: number;
  maxRuntime: number;
  earlyStopping: boolean;
  hyperband?: { schedule: HyperbandSchedule; parameter: string; maxResource: number };
  /** Static hyperparameters plus the per-round metric that streams the objective. */
  fixed: RawHyperparameters;
  target?: number;
  notImproving?: number;
  /** Warm-start trials: observations for the model and, for IdenticalDataAndAlgorithm, candidates for the best. */
  prior: Observation[];
  priorBest: TrialRecord[];
  notes: string[];
}

function positiveInt(value: number | undefined, field: string, dflt: number): number {
  if (value === undefined) return dflt;
  if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`${field} must be a whole number ≥ 1; got ${value}`);
  return value;
}

/** The canonical names of `raw`'s keys. */
function canonical(estimator: AnyEstimator, raw: RawHyperparameters): Set<string> {
  return new Set(Object.keys(raw).map((k) => estimator.schema.find((s) => s.name === k || s.aliases?.includes(k))?.name ?? k));
}

/** The parents' trials as observations of `space` (values outside a categorical range are left out). */
function warmStart(config: TuningJobConfig, space: SearchDimension[], objective: TuningObjective, sign: number): { prior: Observation[]; priorBest: TrialRecord[] } {
  const ws = config.WarmStartConfig;
  if (!ws) return { prior: [], priorBest: [] };
  if (ws.WarmStartType !== 'IdenticalDataAndAlgorithm' && ws.WarmStartType !== 'TransferLearning') {
    throw new RangeError(`WarmStartType must be IdenticalDataAndAlgorithm or TransferLearning; got ${JSON.stringify(ws.WarmStartType)}`);
  }
  const prior: Observation[] = [];
  const priorBest: TrialRecord[] = [];
  for (const parent of ws.ParentHyperParameterTuningJobs) {
    const theirs = parent.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.MetricName;
    if (theirs !== objective.MetricName) {
      throw new RangeError(`warm start needs the parent's objective metric: ${parent.HyperParameterTuningJobName} tuned ${theirs}, this job ${objective.MetricName}`);
    }
    if (ws.WarmStartType === 'IdenticalDataAndAlgorithm' && parent.TrainingJobDefinition.AlgorithmName !== config.TrainingJobDefinition.AlgorithmName) {
      throw new RangeError(`IdenticalDataAndAlgorithm warm start needs the same algorithm: ${parent.HyperParameterTuningJobName} tuned ${parent.TrainingJobDefinition.AlgorithmName}; use TransferLearning`);
    }
    for (const t of parent.TrainingJobs) {
      const value = t.FinalHyperParameterTuningJobObjectiveMetric?.Value;
      if (value === undefined || t.TrainingJobStatus === 'Failed') continue;
      const values: TunedValues = {};
      let fits = true;
      for (const d of space) {
        const v = t.TunedHyperParameters[d.name];
        if (v === undefined || (d.kind === 'categorical' && !d.values.includes(v))) { fits = false; break; }
        values[d.name] = d.kind === 'categorical' ? v : Number(v);
      }
      if (!fits) continue;
      prior.push({ values, loss: sign * value });
      if (ws.WarmStartType === 'IdenticalDataAndAlgorithm' && t.TrainingJobStatus === 'Completed') {
        priorBest.push({ ...t, ParentHyperParameterTuningJob: parent.HyperParameterTuningJobName });
      }
    }
  }
  return { prior, priorBest };
}

/** Checks `config` and resolves its defaults; throws a sentence naming the field at fault. */
export function planTuningJob(config: TuningJobConfig): TuningPlan {
  const c = config.HyperParameterTuningJobConfig;
  const estimator = getAlgorithm(config.TrainingJobDefinition.AlgorithmName);
  const statics = config.TrainingJobDefinition.StaticHyperParameters ?? {};
  validateHyperparameters(estimator.schema, statics);
  const space = searchSpace(estimator.schema, c.ParameterRanges);
  const fixedNames = canonical(estimator, statics);
  for (const d of space) {
    if (fixedNames.has(d.name)) throw new HyperparameterError(d.name, `${d.name} is both a static hyperparameter and a tuned range; give it one way`);
  }
  const objective = c.HyperParameterTuningJobObjective;
  checkObjective(estimator, objective, config.Task);
  const sign = objective.Type === 'Maximize' ? -1 : 1;
  const strategyName = c.Strategy ?? 'Bayesian';
  const seed = c.RandomSeed ?? 0;
  if (!Number.isInteger(seed)) throw new RangeError(`RandomSeed must be a whole number; got ${seed}`);
  const limits = c.ResourceLimits ?? {};
  const earlyStopping = (c.TrainingJobEarlyStoppingType ?? 'Off') === 'Auto';
  if (c.TrainingJobEarlyStoppingType !== undefined && c.TrainingJobEarlyStoppingType !== 'Off' && c.TrainingJobEarlyStoppingType !== 'Auto') {
    throw new RangeError(`TrainingJobEarlyStoppingType must be Off or Auto; got ${JSON.stringify(c.TrainingJobEarlyStoppingType)}`);
  }
  const { prior, priorBest } = warmStart(config, space, objective, sign);
  const notes: string[] = [];
  const fixed: RawHyperparameters = { ...statics, ...streamObjective(estimator, objective.MetricName, statics, config.Task) };
  let strategy: SearchStrategy;
  let hyperband: TuningPlan['hyperband'];
  let maxJobsDefault = DEFAULT_MAX_JOBS;
  switch (strategyName) {
    case 'Random': strategy = randomSearch(space, seed); break;
    case 'Bayesian': strategy = bayesianSearch(space, seed, { prior }); break;
    case 'Grid': strategy = gridSearch(space); maxJobsDefault = strategy.capacity; break;
    case 'Hyperband': {
      if (earlyStopping) throw new RangeError('Hyperband stops trials itself: set TrainingJobEarlyStoppingType to Off (as SageMaker requires)');
      const resource = resourceParameter(estimator, statics);
      if (!resource) throw new RangeError(`Hyperband needs an algorithm that trains in rounds or epochs; ${estimator.name} has no such hyperparameter: choose Bayesian or Random`);
      if (space.some((d) => d.name === resource.name)) {
        throw new HyperparameterError(resource.name, `Hyperband sets ${resource.name} itself (its resource): remove its range and give MaxResource instead`);
      }
      const hb = c.StrategyConfig?.HyperbandStrategyConfig ?? {};
      const maxResource = positiveInt(hb.MaxResource, 'HyperbandStrategyConfig.MaxResource', resource.value);
      const minResource = positiveInt(hb.MinResource, 'HyperbandStrategyConfig.MinResource', 1);
      validateHyperparameters(estimator.schema, { [resource.name]: maxResource });
      const schedule = new HyperbandSchedule(minResource, maxResource);
      hyperband = { schedule, parameter: resource.name, maxResource };
      strategy = randomSearch(space, seed);
      maxJobsDefault = schedule.plannedTrials;
      break;
    }
    default: throw new RangeError(`Strategy must be Bayesian, Random, Grid or Hyperband; got ${JSON.stringify(strategyName)}`);
  }
  const maxJobs = positiveInt(limits.MaxNumberOfTrainingJobs, 'MaxNumberOfTrainingJobs', maxJobsDefault);
  const maxParallel = positiveInt(limits.MaxParallelTrainingJobs, 'MaxParallelTrainingJobs', 1);
  const maxRuntime = limits.MaxRuntimeInSeconds ?? Infinity;
  if (!(maxRuntime > 0)) throw new RangeError(`MaxRuntimeInSeconds must be > 0; got ${maxRuntime}`);
  const crit = c.TuningJobCompletionCriteria ?? {};
  if (crit.TargetObjectiveMetricValue !== undefined && !Number.isFinite(crit.TargetObjectiveMetricValue)) {
    throw new RangeError(`TargetObjectiveMetricValue must be a number; got ${crit.TargetObjectiveMetricValue}`);
  }
  const notImproving = crit.BestObjectiveNotImproving
    ? positiveInt(crit.BestObjectiveNotImproving.MaxNumberOfTrainingJobsNotImproving, 'MaxNumberOfTrainingJobsNotImproving', 1) : undefined;
  return {
    name: config.HyperParameterTuningJobName ?? 'tuning-job', estimator, space, strategyName, strategy, objective, sign,
    capacity: hyperband ? hyperband.schedule.plannedTrials : strategy.capacity,
    maxJobs, maxParallel, maxRuntime, earlyStopping, hyperband, fixed,
    ...(crit.TargetObjectiveMetricValue !== undefined ? { target: crit.TargetObjectiveMetricValue } : {}),
    ...(notImproving !== undefined ? { notImproving } : {}),
    prior, priorBest, notes,
  };
}
