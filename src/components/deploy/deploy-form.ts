// The Deploy view's forms as plain functions (tested without a browser): request bodies built from the
// model's inputs, the what-if slider steps, variant rows checked before Deploy, the roll-out policy and
// alarms read from their text fields, and a prediction in words.
import { csvLine } from '../../lib/deploy/csv-row.ts';
import type { DeployInput, DeployModelFacts, PredictionRecord, RequestContentType } from '../../lib/deploy/types.ts';
import type { Alarm, ShiftPolicy, VariantSpec } from '../../lib/engine/deploy-engine-api.ts';
import { formatNumber } from '../format.ts';

/** A field as a form holds it: text, or a number (what Svelte binds a number input to; null when empty). */
export type Typed = string | number | null;

/** A typed field as text ('' when empty). */
export const asText = (v: Typed | undefined): string => (v === null || v === undefined ? '' : String(v));

/** A cell of a what-if row: a number, a category, or missing. */
export type WhatIfValue = number | string | null;

/** The row `values` (by input name) as a request body of `contentType`, in the inputs' order. */
export function requestBody(inputs: readonly DeployInput[], values: Readonly<Record<string, WhatIfValue>>, contentType: RequestContentType): string {
  const row = inputs.map((i) => {
    const v = values[i.name];
    return v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
  });
  if (contentType === 'text/csv') return csvLine(row);
  if (contentType === 'application/json') return JSON.stringify({ instances: [{ features: row }] });
  return JSON.stringify({ features: row });
}

/** The first row of the dataset (a CSV line in the inputs' order) as the values by input name. */
export function valuesOfCsv(inputs: readonly DeployInput[], cells: readonly string[]): Record<string, WhatIfValue> {
  const out: Record<string, WhatIfValue> = {};
  inputs.forEach((inp, j) => {
    const t = cells[j] ?? '';
    if (t === '') out[inp.name] = null;
    else if (inp.type === 'number') {
      const x = Number(t);
      out[inp.name] = Number.isFinite(x) ? x : t;
    } else out[inp.name] = t;
  });
  return out;
}

/** A slider step for [min, max]: 1 for whole-number ranges of 2 or more, else about a 200th of the range rounded to 1, 2 or 5 × 10^k. */
export function sliderStep(min: number, max: number, integers: boolean): number {
  const span = max - min;
  if (!(span > 0)) return 1;
  if (integers && span >= 2) return Math.max(1, niceStep(span / 200));
  return niceStep(span / 200);
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** One row of the variants form. */
export interface VariantRow {
  modelId: string;
  /** Whether this model serves on the endpoint. */
  serve: boolean;
  name: string;
  /** The weight as typed. */
  weight: Typed;
}

const VARIANT_NAME = /^[A-Za-z0-9](-*[A-Za-z0-9]){0,62}$/;

/** The variants to deploy, or a sentence naming the row to fix. A zero weight everywhere is allowed (the endpoint answers why). */
export function variantSpecs(rows: readonly VariantRow[]): VariantSpec[] | string {
  const chosen = rows.filter((r) => r.serve);
  if (chosen.length === 0) return 'Tick at least one model to serve as a production variant.';
  const seen = new Set<string>();
  const out: VariantSpec[] = [];
  for (const r of chosen) {
    const name = r.name.trim();
    if (!VARIANT_NAME.test(name)) return `Variant name ${JSON.stringify(name)}: use letters, digits and hyphens (up to 63), as SageMaker's VariantName does.`;
    if (seen.has(name)) return `Two variants are called ${name}: give each its own name.`;
    seen.add(name);
    const typed = asText(r.weight);
    const weight = Number(typed);
    if (typed.trim() === '' || !Number.isFinite(weight) || weight < 0) return `The weight of ${name} must be a number ≥ 0; got ${JSON.stringify(typed)}.`;
    out.push({ name, modelId: r.modelId, weight });
  }
  return out;
}

/** The policy form's fields, as typed. */
export interface PolicyForm {
  type: ShiftPolicy['type'];
  canaryPercent: Typed;
  bakeRequests: Typed;
  stepPercent: Typed;
  stepRequests: Typed;
}

/** A whole number ≥ 0 typed as digits, else NaN. */
export const wholeNumber = (v: Typed): number => (/^\s*\d+\s*$/.test(asText(v)) ? Number(asText(v)) : NaN);

/** The traffic-shifting policy, or a sentence naming the field to fix. */
export function policyOf(f: PolicyForm): ShiftPolicy | string {
  if (f.type === 'all-at-once') return { type: 'all-at-once' };
  const pct = (v: Typed, what: string) => {
    const t = asText(v);
    const x = Number(t);
    return t.trim() !== '' && x > 0 && x < 100 ? x : `${what} must be a percentage above 0 and below 100; got ${JSON.stringify(t)}.`;
  };
  const count = (v: Typed, what: string) => {
    const x = wholeNumber(v);
    return x >= 1 ? x : `${what} must be a whole number of requests ≥ 1; got ${JSON.stringify(asText(v))}.`;
  };
  if (f.type === 'canary') {
    const p = pct(f.canaryPercent, 'The canary size');
    const b = count(f.bakeRequests, 'The baking period');
    if (typeof p === 'string') return p;
    if (typeof b === 'string') return b;
    return { type: 'canary', canaryPercent: p, bakeRequests: b };
  }
  const p = pct(f.stepPercent, 'The linear step');
  const b = count(f.stepRequests, 'The requests per step');
  if (typeof p === 'string') return p;
  if (typeof b === 'string') return b;
  return { type: 'linear', stepPercent: p, stepRequests: b };
}

/** One alarm row of the form. */
export interface AlarmRow {
  metric: Alarm['metric'];
  on: boolean;
  threshold: Typed;
  window: Typed;
}

/** What each alarm metric means, and which way it fires. */
export const ALARM_WORDS: Record<Alarm['metric'], { label: string; fires: string }> = {
  accuracy: { label: 'Accuracy', fires: 'below' },
  error_rate: { label: 'Error rate (share of 4xx/5xx)', fires: 'above' },
  latency_p99: { label: 'Latency p99 (ms)', fires: 'above' },
  rmse: { label: 'RMSE', fires: 'above' },
  monitor_violations: { label: 'Model Monitor violations (data quality vs the dataset)', fires: 'above' },
};

/** The alarms switched on, or a sentence naming the one to fix. */
export function alarmsOf(rows: readonly AlarmRow[], hasLabel: boolean): Alarm[] | string {
  const out: Alarm[] = [];
  for (const r of rows) {
    if (!r.on) continue;
    const words = ALARM_WORDS[r.metric].label;
    const t = asText(r.threshold);
    const threshold = Number(t);
    if (t.trim() === '' || !Number.isFinite(threshold)) return `${words} alarm: the threshold must be a number; got ${JSON.stringify(t)}.`;
    const window = wholeNumber(r.window);
    if (!(window >= 1)) return `${words} alarm: the window must be a whole number of requests ≥ 1; got ${JSON.stringify(asText(r.window))}.`;
    if ((r.metric === 'accuracy' || r.metric === 'rmse') && !hasLabel) return `${words} alarm: choose the label column, which it compares the predictions with.`;
    out.push({ name: r.metric, metric: r.metric, threshold, window });
  }
  return out;
}

/**
 * A prediction in a few words for the what-if form: the label with its score, the score, the cluster, the
 * projection. A binary classifier that answers with its score alone (SageMaker's XGBoost) says what the
 * score is the probability of, when `facts` give the target and classes.
 */
export function predictionWords(r: PredictionRecord | undefined, facts?: Pick<DeployModelFacts, 'task' | 'target' | 'classes'>): { main: string; detail: string } {
  if (!r) return { main: '—', detail: '' };
  if (r.predicted_label !== undefined) {
    const p = r.score;
    const detail = typeof p === 'number' ? `score ${formatNumber(p)}` : Array.isArray(p) ? `probability ${formatNumber(Math.max(...p))}` : '';
    return { main: String(r.predicted_label), detail };
  }
  if (r.closest_cluster !== undefined) return { main: `cluster ${r.closest_cluster}`, detail: r.distance_to_cluster !== undefined ? `distance ${formatNumber(r.distance_to_cluster)}` : '' };
  if (typeof r.score === 'number') {
    const positive = facts?.task === 'binary' ? facts.classes?.[1] : undefined;
    return { main: formatNumber(r.score), detail: positive !== undefined ? `score: probability that ${facts?.target ?? 'the target'} is ${positive}` : 'score' };
  }
  if (Array.isArray(r.score)) return { main: r.score.map((s) => formatNumber(s)).join(', '), detail: 'scores' };
  if (r.projection) return { main: r.projection.slice(0, 4).map((s) => formatNumber(s)).join(', ') + (r.projection.length > 4 ? ', …' : ''), detail: 'projection' };
  return { main: '—', detail: '' };
}
