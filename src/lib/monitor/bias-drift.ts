// Bias drift, as SageMaker Model Monitor's bias drift job checks it: Clarify's post-training bias metrics of a
// window (analysis.json's post_training_bias_metrics) against the baseline's, and a `bias_drift_check`
// violation for each metric that is worse than the baseline's value. The baseline job's analysis.json is
// itself the constraints file (there is no separate threshold): the guide's rule ("Bias drift violations") is
// that a metric whose value is farther from balance than its value in the baseline is a violation; its own
// example: baseline DPPL 0.2, window 0.1 passes, window -0.3 violates. "Balance" is 0 for every metric but DI,
// a ratio whose balanced value is 1 (the guide's "close to zero" cannot mean DI: DI = 0 is total disparity).
import { DataType, type Table } from 'apache-arrow';
import { biasColumn } from '../clarify/bias-job.ts';
import { METRIC_DESCRIPTIONS, postTrainingBias } from '../clarify/bias/index.ts';
import type { BiasColumn, BiasColumns, BiasSection, FeatureColumns, MetricValue } from '../clarify/bias/types.ts';
import { modelInputs, type LoadedModel } from '../clarify/loaded-model.ts';

/** What the bias drift job analyses: Clarify's bias config for post-training metrics. */
export interface BiasDriftConfig {
  /** Column holding the observed label. Required. */
  label: string;
  /** Positive label values, or `[threshold]` for a numeric label. Required, non-empty. */
  labelValuesOrThreshold: (string | number)[];
  /** Column holding the facet (sensitive attribute). Required. */
  facet: string;
  /** Sensitive facet values, or `[threshold]` for a numeric facet; defaults to each category against the rest. */
  facetValuesOrThreshold?: (string | number)[];
  /** Column of predicted labels, in the label's values; defaults to none (then `predictions` must be given). */
  predictedLabel?: string;
  /** Predicted labels per row of the table (e.g. a model's), instead of a column; defaults to none. */
  predictions?: BiasColumn;
  /** Group variable for CDDPL; defaults to none (CDDPL then reports Clarify's error). */
  group?: string;
  /** Post-training metric names to compute; defaults to all of them. */
  metrics?: string[];
}

/** One entry of a bias drift job's constraint_violations.json. */
export interface BiasDriftViolation {
  facet: string;
  facet_value: string;
  metric_name: string;
  constraint_check_type: 'bias_drift_check';
  description: string;
}

/** The name under which `predictions` join the columns. */
const PREDICTED = 'mlpad_predicted_label';

/** Every column the analysis reads, once for the whole table, so windows take rows of them without re-reading. */
export interface BiasInputs {
  columns: BiasColumns;
  /** Numeric columns other than label, facet, group and prediction, for the flip test (FT). */
  features: FeatureColumns;
  config: BiasDriftConfig & { predictedLabel: string };
}

/** Reads the columns of `table` that `cfg` names; throws naming a missing column or option. */
export function biasInputs(table: Table, cfg: BiasDriftConfig): BiasInputs {
  if (cfg.predictedLabel === undefined && cfg.predictions === undefined) throw new Error('bias drift needs predicted labels: give predictedLabel (a column) or predictions');
  if (cfg.predictedLabel !== undefined && cfg.predictions !== undefined) throw new Error('give predictedLabel or predictions for bias drift, not both');
  if (cfg.predictions && cfg.predictions.length !== table.numRows) throw new Error(`predictions has ${cfg.predictions.length} values; the data has ${table.numRows} rows`);
  const columns: BiasColumns = {};
  for (const name of [cfg.label, cfg.facet, cfg.group, cfg.predictedLabel]) if (name !== undefined && !columns[name]) columns[name] = biasColumn(table, name);
  const predictedLabel = cfg.predictedLabel ?? PREDICTED;
  if (cfg.predictions) columns[PREDICTED] = cfg.predictions;
  const skip = new Set([cfg.label, cfg.facet, cfg.group, predictedLabel]);
  const features: FeatureColumns = {};
  for (const f of table.schema.fields) if ((DataType.isInt(f.type) || DataType.isFloat(f.type)) && !skip.has(f.name)) features[f.name] = biasColumn(table, f.name);
  return { columns, features, config: { ...cfg, predictedLabel, predictions: undefined } };
}

function take(col: BiasColumn, rows: ArrayLike<number>): BiasColumn {
  if (Array.isArray(col)) return Array.from(rows, (i) => col[i]);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
  return out;
}

function takeAll<T extends Record<string, BiasColumn>>(cols: T, rows: ArrayLike<number>): T {
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, take(v, rows)])) as T;
}

/**
 * Clarify's post-training bias section of some rows (all when `rows` is absent). Missing feature cells are
 * filled with the column's mean over those rows, as Clarify's k-NN flip test cannot take them.
 */
export function biasSection(inputs: BiasInputs, rows?: ArrayLike<number>): BiasSection {
  const columns = rows ? takeAll(inputs.columns, rows) : inputs.columns;
  const raw = rows ? takeAll(inputs.features, rows) : inputs.features;
  const features: FeatureColumns = {};
  for (const [name, col] of Object.entries(raw)) {
    let sum = 0, n = 0;
    for (let i = 0; i < col.length; i++) if (col[i] === col[i]) { sum += col[i] as number; n++; }
    const mean = n ? sum / n : 0;
    features[name] = Float64Array.from(col as Float64Array, (v) => (v === v ? v : mean));
  }
  return postTrainingBias(columns, inputs.config, features);
}

/** A classifier's predicted label per row of `table`, in `label`'s values (numbers when that column is numeric). */
export async function predictedLabels(table: Table, model: LoadedModel, label: string): Promise<BiasColumn> {
  const numeric = !Array.isArray(biasColumn(table, label));
  const inf = await model.estimator.infer(model.model, modelInputs(model, table, 'the data').x);
  if (inf.kind !== 'classification') throw new Error(`bias drift needs a model that predicts labels; this ${model.estimator.name} model makes ${inf.kind} outputs`);
  const classes = model.classes ?? Array.from({ length: inf.classes }, (_, k) => String(k));
  const names = Array.from(inf.predictedLabel.subarray(0, table.numRows), (k) => classes[k]);
  return numeric ? Float64Array.from(names, Number) : names;
}

/** The baseline's post-training bias section (the bias drift job's constraints) of `table`. */
export function biasBaseline(table: Table, cfg: BiasDriftConfig): BiasSection {
  return biasSection(biasInputs(table, cfg));
}

/** The value a metric has when the groups are treated alike: 1 for the ratio DI, 0 for the others. */
export const balancedValue = (metric: string): number => (metric === 'DI' ? 1 : 0);

/** How far a metric value is from balance; an infinite value is infinitely far; null when the metric failed. */
function distance(metric: string, v: MetricValue): number | null {
  if (v === null) return null;
  if (v === 'Infinity' || v === '-Infinity') return Infinity;
  return Math.abs(v - balancedValue(metric));
}

const show = (v: MetricValue) => String(v);

/**
 * The `bias_drift_check` violations of `current` against `baseline` (both analysis.json bias sections of
 * the same facet): one per facet value and metric whose value is farther from balance than the baseline's.
 * A metric that failed (value null) on either side, or a facet value the baseline lacks, is not compared.
 * Facet values are matched by their value_or_threshold text, or, for a threshold facet whose interval
 * text moves with the window's maximum, by position when both sides hold one split.
 */
export function biasDriftViolations(baseline: BiasSection, current: BiasSection): BiasDriftViolation[] {
  const out: BiasDriftViolation[] = [];
  for (const [facet, results] of Object.entries(current.facets)) {
    const base = baseline.facets[facet];
    if (!base) continue;
    for (const r of results) {
      const b = base.find((x) => x.value_or_threshold === r.value_or_threshold) ?? (base.length === 1 && results.length === 1 ? base[0] : undefined);
      if (!b) continue;
      for (const m of r.metrics) {
        const bm = b.metrics.find((x) => x.name === m.name);
        if (!bm) continue;
        const dNow = distance(m.name, m.value);
        const dBase = distance(m.name, bm.value);
        if (dNow === null || dBase === null || !(dNow > dBase)) continue;
        const balance = balancedValue(m.name);
        out.push({
          facet,
          facet_value: r.value_or_threshold,
          metric_name: m.name,
          constraint_check_type: 'bias_drift_check',
          description:
            `Value ${show(m.value)} does not meet the constraint requirement: ${METRIC_DESCRIPTIONS[m.name] ?? m.name} for ${facet} = ${r.value_or_threshold} ` +
            `is farther from its balanced value ${balance} than the baseline's ${show(bm.value)}. The model now treats this group less evenly ` +
            `than it did on the baseline data; compare the group's predicted-positive rate and errors with the baseline's, and retrain or ` +
            `re-baseline if the change is real.`,
        });
      }
    }
  }
  return out;
}
