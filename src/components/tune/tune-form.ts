// The Tune form as data: which hyperparameters can be tuned, a range row per chosen one, and how the form
// becomes SageMaker's tuning job config, with each problem worded by ranges.ts / tuning-plan.ts and
// placed beside the field it belongs to.
import type { DataFacts, Task } from '../../lib/ml/estimator.ts';
import type { HyperparameterSpec, RawHyperparameters } from '../../lib/ml/hyperparameters.ts';
import type { AnyEstimator } from '../../lib/ml/registry.ts';
import { resourceParameter } from '../../lib/tune/hyperband.ts';
import { defaultDirection, objectiveMetrics, type ObjectiveType } from '../../lib/tune/objective-metrics.ts';
import { searchSpace, type ParameterRanges, type ScalingType } from '../../lib/tune/ranges.ts';
import type { TuningJobConfig, TuningResult, TuningStrategy } from '../../lib/tune/tuning-job-api.ts';
import { planTuningJob } from '../../lib/tune/tuning-plan.ts';
import { presetRange } from './default-ranges.ts';

/** One tuned hyperparameter as the form holds it (numbers as typed). */
export interface RangeRow {
  name: string;
  kind: 'continuous' | 'integer' | 'categorical';
  min: string;
  max: string;
  scaling: ScalingType;
  /** Categorical: the values offered, and those ticked. */
  choices: string[];
  values: string[];
}

/** Everything the Tune form holds (numbers as typed, '' for "not set"). */
export interface TuneSetup {
  algorithm: string;
  target: string;
  /** "channel:metric"; '' picks the first the algorithm reports for the task. */
  objective: string;
  strategy: TuningStrategy;
  ranges: RangeRow[];
  maxJobs: string;
  maxParallel: string;
  earlyStopping: 'Off' | 'Auto';
  targetValue: string;
  notImproving: string;
  maxRuntime: string;
  seed: string;
  minResource: string;
  maxResource: string;
  /** Warm start from the previous job of this session: 'none', or SageMaker's WarmStartType. */
  warmStart: 'none' | 'IdenticalDataAndAlgorithm' | 'TransferLearning';
}

export const STRATEGIES: readonly TuningStrategy[] = ['Bayesian', 'Random', 'Grid', 'Hyperband'];
export const SCALINGS: readonly ScalingType[] = ['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic'];

/** Hyperparameters that can be tuned: numbers, enums and booleans, less the ones the data decides (objective, class counts) and lists. */
export function tunableSpecs(estimator: AnyEstimator, facts: DataFacts): HyperparameterSpec[] {
  const decided = new Set(Object.keys(estimator.taskDefaults(facts)));
  return estimator.schema.filter((s) => !decided.has(s.name) && !s.list && !(s.type === 'enum' && estimator.taskOf?.({ [s.name]: s.values?.[0] ?? '' }) !== undefined));
}

/** A fresh row for `spec`: the algorithm's preset range where it has one, else one around the default inside the valid range. */
export function rangeRow(estimator: AnyEstimator, spec: HyperparameterSpec): RangeRow {
  if (spec.type === 'enum' || spec.type === 'bool') {
    const choices = spec.type === 'bool' ? ['true', 'false'] : [...(spec.values ?? [])];
    return { name: spec.name, kind: 'categorical', min: '', max: '', scaling: 'Auto', choices, values: [...choices] };
  }
  const kind = spec.type === 'int' ? 'integer' : 'continuous';
  const preset = presetRange(estimator.name, spec.name);
  if (preset) return { name: spec.name, kind, min: String(preset.min), max: String(preset.max), scaling: preset.scaling, choices: [], values: [] };
  const d = typeof spec.default === 'number' ? spec.default : spec.type === 'int' ? Math.max(1, spec.min ?? 1) : 0.1;
  // An open bound is kept clear of by 1% of the valid span, so the rounded text stays inside.
  const span = spec.min !== undefined && spec.max !== undefined ? spec.max - spec.min : Math.max(1, Math.abs(d));
  const lowest = spec.min === undefined ? -Infinity : spec.minInclusive === false ? (spec.type === 'int' ? spec.min + 1 : spec.min + Math.min(0.01 * span, d > spec.min ? (d - spec.min) / 10 : 0.01 * span)) : spec.min;
  const highest = spec.max === undefined ? Infinity : spec.maxInclusive === false ? (spec.type === 'int' ? spec.max - 1 : spec.max - 0.01 * span) : spec.max;
  let lo = d > 0 ? d / 4 : d - 1, hi = d > 0 ? d * 4 : d + 1;
  if (spec.type === 'int') { lo = Math.floor(lo); hi = Math.ceil(hi); }
  lo = Math.max(lowest, lo);
  hi = Math.min(highest, hi);
  if (!(lo < hi)) { lo = Math.max(lowest, d - 1); hi = Math.min(highest, d + 1); }
  const scaling: ScalingType = lo > 0 && hi / lo >= 10 ? 'Logarithmic' : 'Linear';
  const text = (v: number) => String(spec.type === 'int' ? Math.round(v) : Number(v.toPrecision(3)));
  return { name: spec.name, kind, min: text(lo), max: text(hi), scaling, choices: [], values: [] };
}

/** The rows a new form starts with: the algorithm's preset ranges, else its first two numeric common parameters (any two tunable ones without). */
export function defaultRows(estimator: AnyEstimator, tunable: readonly HyperparameterSpec[], strategy: TuningStrategy): RangeRow[] {
  const names = tunable.filter((s) => presetRange(estimator.name, s.name)?.chosen).map((s) => s.name);
  const common = estimator.commonParameters.filter((n) => tunable.some((s) => s.name === n));
  const numeric = common.filter((n) => ['int', 'float'].includes(tunable.find((s) => s.name === n)!.type));
  const picked = names.length ? names : (numeric.length ? numeric : common.length ? common : tunable.map((s) => s.name)).slice(0, 2);
  const resource = strategy === 'Hyperband' ? resourceParameter(estimator, {})?.name : undefined;
  return picked.filter((n) => n !== resource).map((n) => rangeRow(estimator, tunable.find((s) => s.name === n)!));
}

/** The objective's name: the chosen one when the algorithm reports it on this task, else the first held-out one. */
export function objectiveOf(estimator: AnyEstimator, task: Task | null, chosen: string): { MetricName: string; Type: ObjectiveType } {
  const known = objectiveMetrics(estimator, task).filter((m) => !m.MetricName.startsWith('train:'));
  const m = known.find((k) => k.MetricName === chosen) ?? known[0];
  return { MetricName: m?.MetricName ?? chosen, Type: m?.Type ?? defaultDirection(chosen) };
}

/** SageMaker's ParameterRanges of the rows. */
export function parameterRanges(rows: readonly RangeRow[]): ParameterRanges {
  const num = (r: RangeRow) => ({ Name: r.name, MinValue: r.min, MaxValue: r.max, ScalingType: r.scaling });
  return {
    ContinuousParameterRanges: rows.filter((r) => r.kind === 'continuous').map(num),
    IntegerParameterRanges: rows.filter((r) => r.kind === 'integer').map(num),
    CategoricalParameterRanges: rows.filter((r) => r.kind === 'categorical').map((r) => ({ Name: r.name, Values: r.values })),
  };
}

/** Rows describing `ranges` (a job's config), for the charts of a job that ran. */
export function rowsOfRanges(ranges: ParameterRanges): RangeRow[] {
  const num = (kind: 'continuous' | 'integer') => (r: { Name: string; MinValue: number | string; MaxValue: number | string; ScalingType?: ScalingType }): RangeRow =>
    ({ name: r.Name, kind, min: String(r.MinValue), max: String(r.MaxValue), scaling: r.ScalingType ?? 'Auto', choices: [], values: [] });
  return [
    ...(ranges.ContinuousParameterRanges ?? []).map(num('continuous')),
    ...(ranges.IntegerParameterRanges ?? []).map(num('integer')),
    ...(ranges.CategoricalParameterRanges ?? []).map((r): RangeRow => ({ name: r.Name, kind: 'categorical', min: '', max: '', scaling: 'Auto', choices: [...r.Values], values: [...r.Values] })),
  ];
}

/** Problems by field: "range:<name>", maxJobs, maxParallel…, and "job" for what only the whole config shows. */
export type Problems = Record<string, string>;

function whole(text: string, field: string, label: string, min: number, problems: Problems): number | undefined {
  if (text.trim() === '') return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) problems[field] = `${label} must be a whole number ≥ ${min}; got ${JSON.stringify(text)}`;
  return v;
}

/** The tuning job config the form describes, or the problems that keep it from running. */
export function buildConfig(setup: TuneSetup, estimator: AnyEstimator, task: Task | null, statics: RawHyperparameters = {}, name = 'tuning-job', parent: TuningResult | null = null): { config: TuningJobConfig | null; problems: Problems } {
  const problems: Problems = {};
  for (const r of setup.ranges) {
    try { searchSpace(estimator.schema, parameterRanges([r])); } catch (e) { problems[`range:${r.name}`] = (e as Error).message; }
  }
  if (setup.ranges.length === 0) problems.ranges = 'Choose at least one hyperparameter to tune.';
  const maxJobs = whole(setup.maxJobs, 'maxJobs', 'Max training jobs', 1, problems);
  const maxParallel = whole(setup.maxParallel, 'maxParallel', 'Max parallel jobs', 1, problems);
  const notImproving = whole(setup.notImproving, 'notImproving', 'Jobs not improving', 1, problems);
  const seed = whole(setup.seed, 'seed', 'Seed', 0, problems);
  const minResource = whole(setup.minResource, 'minResource', 'Min resource', 1, problems);
  const maxResource = whole(setup.maxResource, 'maxResource', 'Max resource', 1, problems);
  const number = (text: string, field: string, label: string, positive: boolean) => {
    if (text.trim() === '') return undefined;
    const v = Number(text);
    if (!Number.isFinite(v) || (positive && !(v > 0))) problems[field] = `${label} must be a number${positive ? ' > 0' : ''}; got ${JSON.stringify(text)}`;
    return v;
  };
  const targetValue = number(setup.targetValue, 'targetValue', 'Target objective value', false);
  const maxRuntime = number(setup.maxRuntime, 'maxRuntime', 'Max runtime (seconds)', true);
  if (Object.keys(problems).length) return { config: null, problems };
  const objective = objectiveOf(estimator, task, setup.objective);
  const config: TuningJobConfig = {
    HyperParameterTuningJobName: name,
    Task: task,
    TrainingJobDefinition: { AlgorithmName: estimator.name, StaticHyperParameters: statics },
    HyperParameterTuningJobConfig: {
      Strategy: setup.strategy,
      HyperParameterTuningJobObjective: objective,
      ParameterRanges: parameterRanges(setup.ranges),
      ResourceLimits: {
        ...(maxJobs !== undefined ? { MaxNumberOfTrainingJobs: maxJobs } : {}),
        MaxParallelTrainingJobs: maxParallel ?? 1,
        ...(maxRuntime !== undefined ? { MaxRuntimeInSeconds: maxRuntime } : {}),
      },
      TrainingJobEarlyStoppingType: setup.strategy === 'Hyperband' ? 'Off' : setup.earlyStopping,
      TuningJobCompletionCriteria: {
        ...(targetValue !== undefined ? { TargetObjectiveMetricValue: targetValue } : {}),
        ...(notImproving !== undefined ? { BestObjectiveNotImproving: { MaxNumberOfTrainingJobsNotImproving: notImproving } } : {}),
      },
      ...(setup.strategy === 'Hyperband' ? { StrategyConfig: { HyperbandStrategyConfig: { ...(minResource !== undefined ? { MinResource: minResource } : {}), ...(maxResource !== undefined ? { MaxResource: maxResource } : {}) } } } : {}),
      RandomSeed: seed ?? 0,
    },
    ...(setup.warmStart !== 'none' && parent ? { WarmStartConfig: { ParentHyperParameterTuningJobs: [parent], WarmStartType: setup.warmStart } } : {}),
  };
  try {
    planTuningJob(config);
  } catch (e) {
    const message = (e as Error).message;
    const param = (e as { parameter?: string }).parameter;
    if (param && setup.ranges.some((r) => r.name === param)) problems[`range:${param}`] = message;
    else problems.job = message;
    return { config: null, problems };
  }
  return { config, problems };
}

/** Trials the job will run: Grid's combinations and Hyperband's plan when not given, else 10 (for the progress bar). */
export function plannedJobs(config: TuningJobConfig): number {
  try { return planTuningJob(config).maxJobs; } catch { return config.HyperParameterTuningJobConfig.ResourceLimits?.MaxNumberOfTrainingJobs ?? 10; }
}
