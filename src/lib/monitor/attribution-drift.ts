// Feature attribution drift, as SageMaker Model Monitor's explainability job checks it: for each explained
// label, the nDCG of the window's global SHAP ranking against the baseline's, and a
// `feature_attribution_drift_check` violation when it falls below 0.9. The guide's formula
// ("Feature attribution drift for models in production"): F = features sorted by baseline attribution,
// F' = features sorted by the window's, a(f) = the baseline attribution of f;
//   nDCG = Σᵢ a(F'ᵢ)/log₂(i+1) / Σᵢ a(Fᵢ)/log₂(i+1).
// Its violations page names scikit-learn's ndcg_score as the computation, whose rule for equal window
// values is followed here: tied features share the mean of their gains over the positions they occupy.
import type { Table } from 'apache-arrow';
import type { AnalysisJson, ShapLabelResult } from '../clarify/analysis.ts';
import type { LoadedModel } from '../clarify/loaded-model.ts';
import { runShapJob, shapSection, type ShapJobConfig } from '../clarify/shap-job.ts';
import { takeRows } from '../data/take-rows.ts';

/** analysis.json's explanations section: per SHAP method, per label, global values and the expected value. */
export type Explanations = NonNullable<AnalysisJson['explanations']>;

/** Model Monitor's threshold: an nDCG below it is a violation. */
export const NDCG_THRESHOLD = 0.9;

/** Rows of a window explained at most, for Kernel SHAP (TreeSHAP explains every row); defaults to 200. */
export const KERNEL_MAX_ROWS = 200;

/** One entry of a feature attribution drift job's constraint_violations.json. */
export interface AttributionDriftViolation {
  label: string;
  metric_name: 'shap';
  constraint_check_type: 'feature_attribution_drift_check';
  description: string;
}

/**
 * nDCG of `current`'s ranking of the features with relevance from `baseline` (both: feature → global SHAP
 * value). Values are taken by magnitude (Clarify's mean_abs and mean_sq are never negative; a signed median
 * ranks by size). Both must name the same features. An all-zero baseline gives 0, as scikit-learn does.
 */
export function ndcg(baseline: Record<string, number>, current: Record<string, number>): number {
  const names = Object.keys(baseline);
  const missing = names.filter((f) => !Object.hasOwn(current, f));
  const extra = Object.keys(current).filter((f) => !Object.hasOwn(baseline, f));
  if (missing.length || extra.length) {
    throw new RangeError(`the window's attributions must name the baseline's features; ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `not in the baseline ${extra.join(', ')}` : ''}`);
  }
  for (const f of names) {
    if (!Number.isFinite(baseline[f]) || !Number.isFinite(current[f])) throw new RangeError(`attribution of ${JSON.stringify(f)} must be a finite number`);
  }
  const m = names.length;
  const discount = Float64Array.from({ length: m }, (_, i) => 1 / Math.log2(i + 2));
  const relevance = names.map((f) => Math.abs(baseline[f]));
  const ideal = [...relevance].sort((a, b) => b - a).reduce((s, r, i) => s + r * discount[i], 0);
  if (ideal === 0) return 0;
  const order = names.map((_, k) => k).sort((a, b) => Math.abs(current[names[b]]) - Math.abs(current[names[a]]));
  let dcg = 0;
  for (let start = 0; start < m;) {
    const score = Math.abs(current[names[order[start]]]);
    let end = start + 1;
    while (end < m && Math.abs(current[names[order[end]]]) === score) end++;
    let gain = 0, disc = 0;
    for (let i = start; i < end; i++) { gain += relevance[order[i]]; disc += discount[i]; }
    dcg += (gain / (end - start)) * disc;
    start = end;
  }
  return dcg / ideal;
}

/** The SHAP method both sections hold (tree_shap first), or an error naming what each holds. */
function commonMethod(baseline: Explanations, current: Explanations): 'tree_shap' | 'kernel_shap' {
  for (const k of ['tree_shap', 'kernel_shap'] as const) if (baseline[k] && current[k]) return k;
  const held = (e: Explanations) => Object.keys(e).filter((k) => k.endsWith('_shap')).join(', ') || 'none';
  throw new RangeError(`the baseline and the window were explained by different SHAP methods (baseline: ${held(baseline)}; window: ${held(current)}); explain both the same way`);
}

/**
 * Per label of the baseline, the window's nDCG, and a `feature_attribution_drift_check` violation for each
 * below `threshold` (defaults to 0.9). A label the window lacks is an error.
 */
export function attributionDrift(baseline: Explanations, current: Explanations, threshold = NDCG_THRESHOLD): { scores: Record<string, number>; violations: AttributionDriftViolation[] } {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1]; got ${threshold}`);
  const method = commonMethod(baseline, current);
  const base = baseline[method] as Record<string, ShapLabelResult>;
  const now = current[method] as Record<string, ShapLabelResult>;
  const scores: Record<string, number> = {};
  const violations: AttributionDriftViolation[] = [];
  for (const [label, b] of Object.entries(base)) {
    if (!now[label]) throw new RangeError(`the window has no explanation of label ${JSON.stringify(label)}; it explains ${Object.keys(now).join(', ')}`);
    const score = ndcg(b.global_shap_values, now[label].global_shap_values);
    scores[label] = score;
    if (score < threshold) {
      const top = (g: Record<string, number>) => Object.keys(g).sort((x, y) => Math.abs(g[y]) - Math.abs(g[x])).slice(0, 3).join(', ');
      violations.push({
        label, metric_name: 'shap', constraint_check_type: 'feature_attribution_drift_check',
        description:
          `Feature attribution drift ${score} exceeds threshold ${threshold}: the model now leans on different features for label ${label} ` +
          `(most important now: ${top(now[label].global_shap_values)}; in the baseline: ${top(b.global_shap_values)}). ` +
          'Check those features for data drift, and whether the model still fits the data it sees.',
      });
    }
  }
  return { scores, violations };
}

/** What the attribution drift analysis explains with: the model and Clarify's SHAP options. */
export interface AttributionConfig {
  model: LoadedModel;
  /** SHAP options (method, agg_method, Kernel SHAP's samples and baseline); defaults to Clarify's. */
  shap?: ShapJobConfig;
  /** Rows explained at most per window with Kernel SHAP, evenly spaced; defaults to 200. TreeSHAP explains all. */
  maxRows?: number;
  /** nDCG below this is a violation; defaults to 0.9. */
  threshold?: number;
}

const usesTree = (cfg: AttributionConfig) => (cfg.shap?.method ?? 'auto') !== 'kernel' && !!cfg.model.estimator.contributions && !cfg.shap?.featuresToExplain && !cfg.shap?.useLogit;

/** Evenly spaced row numbers: `cap` of `rows` (all of them when there are no more). */
export function spacedRows(rows: ArrayLike<number>, cap: number): number[] {
  if (rows.length <= cap) return Array.from(rows);
  return Array.from({ length: cap }, (_, k) => rows[Math.floor((k * rows.length) / cap)]);
}

/** The explanations section of some rows of `table` (all when `rows` is absent), capped for Kernel SHAP. */
export async function explainRows(table: Table, cfg: AttributionConfig, rows?: ArrayLike<number>): Promise<Explanations> {
  const cap = cfg.maxRows ?? KERNEL_MAX_ROWS;
  if (!(Number.isInteger(cap) && cap >= 1)) throw new RangeError(`maxRows must be a positive integer; got ${cap}`);
  const all = rows ?? Array.from({ length: table.numRows }, (_, i) => i);
  const picked = usesTree(cfg) ? all : spacedRows(all, cap);
  const sub = picked.length === table.numRows ? table : takeRows(table, picked);
  const r = await runShapJob(sub, cfg.model, { ...cfg.shap, maxRows: undefined });
  return { [r.method]: shapSection(r) };
}

/** The baseline's explanations section (the attribution drift job's constraints) of `table`. */
export function attributionBaseline(table: Table, cfg: AttributionConfig): Promise<Explanations> {
  return explainRows(table, cfg);
}
