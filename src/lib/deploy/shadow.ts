// A shadow test's comparison, as SageMaker's shadow tests report it: the production and the shadow
// variant answered the same requests; how often do they disagree, how do their metrics compare on the
// requests whose true label is known, and how fast is each.
//
// Rows are compared pairwise (row i of the production answer with row i of the shadow's). They disagree
// when predicted_label differs (classifiers, knn; compared as text, so 1 and "1" agree), else when
// closest_cluster differs (kmeans), else when a score or projection differs by more than
// `tolerance × max(1, |production value|)`: relative to the production score's own size, with an
// absolute floor of `tolerance` so scores near 0 (anomaly scores, centred targets) are not held to an
// impossible relative bar. The default 1e-6 calls two copies of one model (float32 arithmetic aside)
// the same and any retrained model different.
import { binaryMetrics } from '../monitor/quality-binary.ts';
import { classesOf, multiclassMetrics, type Label } from '../monitor/quality-multiclass.ts';
import { regressionMetrics } from '../monitor/quality-regression.ts';
import type { InvocationLogEntry } from './endpoint.ts';
import { latencySummary, type LatencySummary } from './percentiles.ts';
import type { PredictionRecord } from './types.ts';

/** True labels by request id (InvocationLogEntry.id): one per request, or one per row of a multi-row request (null = unknown). */
export type RequestLabels = ReadonlyMap<string, Label | readonly (Label | null)[]>;

export interface ShadowOptions {
  /** Scores and projections disagree beyond tolerance × max(1, |production value|); defaults to 1e-6. */
  tolerance?: number;
  /** Which metrics to compute on labelled rows; defaults to 'classification' when the answers hold predicted_label, else 'regression' when they hold a numeric score. */
  task?: 'classification' | 'regression';
  /** The positive class of a binary classifier (for f1); defaults to 1 when the labels are 0 and 1, else the metric is weighted_f1 over all classes. */
  positiveLabel?: Label;
}

export interface ShadowStats {
  production: string;
  shadow: string;
  /** Requests answered by the production variant and copied to the shadow, whose shadow answer has come back. */
  requests: number;
  /** Of those, answers that were not 2xx. */
  errors: { production: number; shadow: number };
  /** Rows compared (both answers 2xx). */
  compared: number;
  disagreements: number;
  /** disagreements / compared; 0 when nothing was compared. */
  disagreementRate: number;
  /** Compared rows with a known label. */
  labelled: number;
  /** accuracy and f1 (binary, of the positive class) or weighted_f1 for classifiers; rmse and mae for regression. difference = shadow − production. */
  metrics: { name: string; production: number; shadow: number; difference: number }[];
  /** Over the compared requests; null when there are none. */
  latencyMs: { production: LatencySummary | null; shadow: LatencySummary | null };
}

function valuesDiffer(a: number | number[] | undefined, b: number | number[] | undefined, tolerance: number): boolean {
  if (a === undefined || b === undefined) return a !== b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return true;
    return a.some((x, i) => valuesDiffer(x, b[i], tolerance));
  }
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) !== Number.isNaN(b);
  return Math.abs(b - a) > tolerance * Math.max(1, Math.abs(a));
}

/** Whether two answers to one row disagree (see the file comment). */
export function recordsDisagree(p: PredictionRecord, s: PredictionRecord, tolerance = 1e-6): boolean {
  if (p.predicted_label !== undefined || s.predicted_label !== undefined) return String(p.predicted_label) !== String(s.predicted_label);
  if (p.closest_cluster !== undefined || s.closest_cluster !== undefined) return p.closest_cluster !== s.closest_cluster;
  if (p.score !== undefined || s.score !== undefined) return valuesDiffer(p.score, s.score, tolerance);
  if (p.projection !== undefined || s.projection !== undefined) return valuesDiffer(p.projection, s.projection, tolerance);
  return false;
}

const ok = (status: number) => status >= 200 && status < 300;

interface Labelled { actual: Label[]; production: PredictionRecord[]; shadow: PredictionRecord[] }

function classificationMetrics(l: Labelled, positiveLabel: Label | undefined): ShadowStats['metrics'] {
  const predP = l.production.map((r) => r.predicted_label as Label);
  const predS = l.shadow.map((r) => r.predicted_label as Label);
  const accuracy = (pred: Label[]) => pred.reduce<number>((n, p, i) => n + (String(p) === String(l.actual[i]) ? 1 : 0), 0) / pred.length;
  const out = [{ name: 'accuracy', production: accuracy(predP), shadow: accuracy(predS), difference: 0 }];
  const classes = classesOf(l.actual, [...predP, ...predS]);
  const positive = positiveLabel ?? (classes.every((c) => String(c) === '0' || String(c) === '1') ? 1 : undefined);
  if (positive !== undefined && classes.length <= 2) {
    const bin = (v: Label[]) => Float64Array.from(v, (x) => (String(x) === String(positive) ? 1 : 0));
    const actual = bin(l.actual);
    out.push({ name: 'f1', production: binaryMetrics(actual, bin(predP)).f1, shadow: binaryMetrics(actual, bin(predS)).f1, difference: 0 });
  } else {
    // classesOf turns a mix of numbers and text into text; the metrics look labels up either way.
    out.push({ name: 'weighted_f1', production: multiclassMetrics(l.actual, predP, classes).weighted_f1, shadow: multiclassMetrics(l.actual, predS, classes).weighted_f1, difference: 0 });
  }
  return out;
}

function regressionPair(l: Labelled): ShadowStats['metrics'] {
  const actual = Float64Array.from(l.actual, Number);
  const p = regressionMetrics(actual, Float64Array.from(l.production, (r) => r.score as number));
  const s = regressionMetrics(actual, Float64Array.from(l.shadow, (r) => r.score as number));
  return [{ name: 'rmse', production: p.rmse, shadow: s.rmse, difference: 0 }, { name: 'mae', production: p.mae, shadow: s.mae, difference: 0 }];
}

function labelOf(labels: RequestLabels | undefined, id: string, row: number): Label | null {
  const l = labels?.get(id);
  if (l === undefined || l === null) return null;
  if (Array.isArray(l)) return (l as (Label | null)[])[row] ?? null;
  return row === 0 ? (l as Label) : null;
}

/**
 * The comparison of `production` and `shadow` over logged invocations (entries of other variants, and
 * those whose shadow answer has not come back, are skipped).
 */
export function shadowStats(production: string, shadow: string, entries: readonly InvocationLogEntry[], labels?: RequestLabels, options: ShadowOptions = {}): ShadowStats {
  const { tolerance = 1e-6, task, positiveLabel } = options;
  if (!(tolerance >= 0)) throw new RangeError(`shadowStats: options.tolerance must be a number ≥ 0, got ${tolerance}.`);
  if (task !== undefined && task !== 'classification' && task !== 'regression') throw new RangeError(`shadowStats: options.task must be 'classification' or 'regression', got ${String(task)}.`);
  let requests = 0, errP = 0, errS = 0, compared = 0, disagreements = 0;
  const latP: number[] = [], latS: number[] = [];
  const l: Labelled = { actual: [], production: [], shadow: [] };
  for (const e of entries) {
    if (e.variant !== production || e.shadow === undefined || e.shadow.variant !== shadow) continue;
    requests++;
    if (!ok(e.status)) errP++;
    if (!ok(e.shadow.status)) errS++;
    if (!ok(e.status) || !ok(e.shadow.status)) continue;
    latP.push(e.latencyMs);
    latS.push(e.shadow.latencyMs);
    const rp = e.response.records, rs = e.shadow.response.records;
    const n = Math.max(rp.length, rs.length);
    for (let i = 0; i < n; i++) {
      compared++;
      if (i >= rp.length || i >= rs.length) { disagreements++; continue; }
      if (recordsDisagree(rp[i], rs[i], tolerance)) disagreements++;
      const label = labelOf(labels, e.id, i);
      if (label !== null) { l.actual.push(label); l.production.push(rp[i]); l.shadow.push(rs[i]); }
    }
  }
  const hasLabel = (r: PredictionRecord) => r.predicted_label !== undefined;
  const hasScore = (r: PredictionRecord) => typeof r.score === 'number';
  const kind = task ?? (l.production.length > 0 && l.production.every(hasLabel) && l.shadow.every(hasLabel) ? 'classification'
    : l.production.length > 0 && l.production.every(hasScore) && l.shadow.every(hasScore) && l.actual.every((a) => Number.isFinite(Number(a))) ? 'regression' : undefined);
  if (task === 'classification' && !(l.production.every(hasLabel) && l.shadow.every(hasLabel))) {
    throw new RangeError("shadowStats: options.task is 'classification' but some labelled answers hold no predicted_label.");
  }
  if (task === 'regression' && !(l.production.every(hasScore) && l.shadow.every(hasScore))) {
    throw new RangeError("shadowStats: options.task is 'regression' but some labelled answers hold no numeric score.");
  }
  let metrics: ShadowStats['metrics'] = [];
  if (l.actual.length > 0 && kind === 'classification') metrics = classificationMetrics(l, positiveLabel);
  if (l.actual.length > 0 && kind === 'regression') metrics = regressionPair(l);
  for (const m of metrics) m.difference = m.shadow - m.production;
  return {
    production, shadow, requests, errors: { production: errP, shadow: errS }, compared, disagreements,
    disagreementRate: compared === 0 ? 0 : disagreements / compared, labelled: l.actual.length, metrics,
    latencyMs: { production: latencySummary(latP), shadow: latencySummary(latS) },
  };
}
