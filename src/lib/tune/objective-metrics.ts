// The objective metrics a training job can report, in SageMaker's "channel:metric" form
// (validation:auc, validation:rmse, test:msd…), with each one's natural direction; the final value of each
// from a finished job's evaluations, and its value per round from the metrics the algorithm streams.
import type { MetricValues, Task } from '../ml/estimator.ts';
import type { HyperparameterSpec, RawHyperparameters } from '../ml/hyperparameters.ts';
import type { AnyEstimator } from '../ml/registry.ts';
import type { SplitEvaluation } from '../engine/train-engine-api.ts';

/** Whether larger (Maximize) or smaller (Minimize) is better. */
export type ObjectiveType = 'Maximize' | 'Minimize';

/** SageMaker's HyperParameterTuningJobObjective. */
export interface TuningObjective {
  Type: ObjectiveType;
  /** "channel:metric", e.g. "validation:auc". */
  MetricName: string;
}

const MAXIMIZE = new Set(['auc', 'accuracy', 'f1', 'precision', 'recall', 'r2', 'explained_variance']);

/** Metrics by what the job evaluates. */
const CLASSIFICATION = ['auc', 'accuracy', 'error', 'logloss', 'f1', 'precision', 'recall'];
const REGRESSION = ['rmse', 'mse', 'mae', 'r2'];
const BY_KIND = { clustering: ['msd', 'ssd'], decomposition: ['explained_variance'], anomaly: ['f1', 'precision', 'recall', 'accuracy', 'auc'] };

/** The channels a job can report on: held-out sets first. */
const CHANNELS = ['validation', 'test', 'train'] as const;

/** The natural direction of metric `name` ("validation:auc" → Maximize). */
export function defaultDirection(metricName: string): ObjectiveType {
  return MAXIMIZE.has(metricName.slice(metricName.indexOf(':') + 1)) ? 'Maximize' : 'Minimize';
}

/** The objective metrics `estimator` can report on a target of `task` (every task it trains when undefined), each with its natural direction. */
export function objectiveMetrics(estimator: AnyEstimator, task?: Task | null): TuningObjective[] {
  let names: string[];
  if (estimator.kind === 'supervised') {
    const tasks = task ? [task] : estimator.tasks;
    names = [...new Set(tasks.flatMap((t) => (t === 'regression' ? REGRESSION : CLASSIFICATION)))];
  } else names = BY_KIND[estimator.kind];
  return CHANNELS.flatMap((c) => names.map((m) => ({ MetricName: `${c}:${m}`, Type: defaultDirection(m) })));
}

/** Checks that `estimator` can report `objective`; throws naming the metrics it can. */
export function checkObjective(estimator: AnyEstimator, objective: TuningObjective, task?: Task | null): void {
  if (objective.Type !== 'Maximize' && objective.Type !== 'Minimize') {
    throw new RangeError(`the objective's Type must be Maximize or Minimize; got ${JSON.stringify(objective.Type)}`);
  }
  const known = objectiveMetrics(estimator, task);
  if (!known.some((m) => m.MetricName === objective.MetricName)) {
    const held = known.filter((m) => !m.MetricName.startsWith('train:')).map((m) => m.MetricName);
    throw new RangeError(`${estimator.name}${task ? ` on a ${task} target` : ''} does not report ${JSON.stringify(objective.MetricName)}; choose one of ${held.join(', ')} (or the same on train:)`);
  }
}

/** Every metric of a finished job's evaluations as "channel:metric", with derived ones (mse, error, f1…). */
export function finalMetrics(evaluations: readonly SplitEvaluation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of evaluations) {
    const put = (k: string, v: number) => { if (Number.isFinite(v)) out[`${e.split}:${k}`] = v; };
    for (const [k, v] of Object.entries(e.metrics)) {
      if (typeof v === 'number') put(k, v);
      else if (k === 'explained_variance_ratio') put('explained_variance', v.reduce((a, b) => a + b, 0));
    }
    const m = e.metrics;
    if (typeof m.rmse === 'number') put('mse', m.rmse * m.rmse);
    if (typeof m.accuracy === 'number' && e.perClass) put('error', 1 - m.accuracy);
    if (e.perClass && m.f1 === undefined) {
      // Binary: the positive class (index 1); multiclass: the unweighted mean over classes (F1macro).
      const binary = e.perClass.f1.length === 2 && e.roc !== undefined;
      put('f1', binary ? e.perClass.f1[1] : e.perClass.macro.f1);
      put('precision', binary ? e.perClass.precision[1] : e.perClass.macro.precision);
      put('recall', binary ? e.perClass.recall[1] : e.perClass.macro.recall);
    }
  }
  return out;
}

/** Names an algorithm may stream a metric under per round; "1-x" means one minus x, "x^2" x squared. */
function streamedAs(metric: string, task?: Task | null): string[] {
  const binary = task !== 'multiclass', multi = task !== 'binary';
  switch (metric) {
    case 'accuracy': return ['accuracy', ...(binary ? ['binary_classification_accuracy', '1-error'] : []), ...(multi ? ['1-merror'] : [])];
    case 'error': return [...(binary ? ['error'] : []), ...(multi ? ['merror'] : []), '1-accuracy', ...(binary ? ['1-binary_classification_accuracy'] : [])];
    case 'logloss': return [...(binary ? ['logloss', 'binary_classification_cross_entropy'] : []), ...(multi ? ['mlogloss'] : [])];
    case 'f1': return ['f1', 'binary_f_beta'];
    case 'mse': return ['mse', 'rmse^2'];
    default: return [metric];
  }
}

/** The objective `metricName` from one round's streamed metrics, or undefined when the round lacks it. */
export function roundObjective(metricName: string, round: { train?: MetricValues; validation?: MetricValues }, task?: Task | null): number | undefined {
  const [channel, metric] = metricName.split(':');
  const values = channel === 'train' ? round.train : channel === 'validation' ? round.validation : undefined;
  if (!values) return undefined;
  for (const name of streamedAs(metric, task)) {
    if (name.startsWith('1-')) { const v = values[name.slice(2)]; if (v !== undefined) return 1 - v; }
    else if (name.endsWith('^2')) { const v = values[name.slice(0, -2)]; if (v !== undefined) return v * v; }
    else if (values[name] !== undefined) return values[name];
  }
  return undefined;
}

/** The spec of the algorithm's per-round metric list (SageMaker's eval_metric / eval_metrics), if it has one. */
function metricListSpec(estimator: AnyEstimator): HyperparameterSpec | undefined {
  return estimator.schema.find((s) => (s.name === 'eval_metric' || s.name === 'eval_metrics') && s.type === 'enum' && s.list);
}

/**
 * Hyperparameters that make the algorithm stream the objective each round (eval_metric=auc for
 * validation:auc), so early stopping and Hyperband can follow it; {} when the user set the list or none fits.
 */
export function streamObjective(estimator: AnyEstimator, metricName: string, given: RawHyperparameters, task?: Task | null): RawHyperparameters {
  const spec = metricListSpec(estimator);
  if (!spec || Object.keys(given).some((k) => k === spec.name || spec.aliases?.includes(k))) return {};
  const metric = metricName.slice(metricName.indexOf(':') + 1);
  const plain = streamedAs(metric, task).map((n) => n.replace(/^1-|\^2$/g, ''));
  const pick = plain.find((n) => spec.values?.includes(n));
  return pick ? { [spec.name]: pick } : {};
}
