// metrics.json: one layout for every algorithm, written by `mlpad train` and downloadable in the studio.
// `train`, `validation` and `test` hold each split's metrics (null for a split that was not there), then the
// timings, the rounds, the hyperparameters as they ran, the feature importance and the notes.
import type { FeatureImportance } from '../ml/estimator.ts';
import type { SplitEvaluation, SplitName, TrainResult } from './train-engine-api.ts';

type MetricValue = number | (number | null)[] | null;

function clean(v: number | number[]): MetricValue {
  if (Array.isArray(v)) return v.map((x) => (Number.isFinite(x) ? x : null));
  return Number.isFinite(v) ? v : null;
}

/** A split's metrics as metrics.json holds them: NaN becomes null, and `rows` comes last. */
export function splitMetrics(e: SplitEvaluation | undefined): Record<string, MetricValue> | null {
  if (!e) return null;
  const out: Record<string, MetricValue> = {};
  for (const [k, v] of Object.entries(e.metrics)) out[k] = clean(v);
  out.rows = e.rows;
  return out;
}

/** Importance as a list of `{ feature, <kind>: value… }`, features with any non-zero value, sorted by the first kind. */
export function importanceList(imp: FeatureImportance | undefined): Record<string, string | number>[] | undefined {
  if (!imp) return undefined;
  const kinds = Object.keys(imp.values);
  const rows = imp.names.map((feature, j) => {
    const row: Record<string, string | number> = { feature };
    for (const k of kinds) row[k] = imp.values[k][j];
    return row;
  }).filter((r) => kinds.some((k) => r[k] !== 0));
  const first = kinds[0];
  return first ? rows.sort((a, b) => (b[first] as number) - (a[first] as number) || (a.feature < b.feature ? -1 : 1)) : rows;
}

/** The metrics.json object for a finished job; `extra` (e.g. the model path) is appended. */
export function metricsFile(r: Omit<TrainResult, 'metricsJson'>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const of = (s: SplitName) => splitMetrics(r.evaluations.find((e) => e.split === s));
  const enc = r.encoding;
  const importance = importanceList(r.importance);
  return {
    algorithm: r.algorithm,
    kind: r.kind,
    task: r.task,
    ...(enc.target !== undefined ? { target: enc.target } : {}),
    ...(enc.classes ? { classes: enc.classes } : {}),
    ...(r.task === 'binary' && enc.classes ? { positive_label: enc.classes[1] } : {}),
    train: of('train'),
    validation: of('validation'),
    test: of('test'),
    load_seconds: r.prepareSeconds,
    train_seconds: r.trainSeconds,
    rounds: r.rounds,
    ...(r.bestIteration !== undefined ? { best_iteration: r.bestIteration, metrics_use_rounds: r.bestIteration + 1 } : {}),
    hyperparameters: r.hyperparameters,
    compute: r.compute,
    ...(r.summary.explainedVarianceRatio ? { explained_variance_ratio: r.summary.explainedVarianceRatio } : {}),
    ...(r.summary.scoreThreshold !== undefined ? { score_threshold: r.summary.scoreThreshold } : {}),
    ...(r.summary.decisionThreshold !== undefined ? { decision_threshold: r.summary.decisionThreshold } : {}),
    ...(importance ? { feature_importance: importance } : {}),
    notes: r.notes,
    ...extra,
  };
}
