// Shapes of mlpad's bias analysis: the inputs (columns by name, a config) and the analysis.json sections that
// SageMaker Clarify writes (`{label, label_value_or_threshold, facets: {FACET: [{value_or_threshold, metrics}]}}`).

/** A column: numbers (NaN = missing) or text (null = missing). */
export type BiasColumn = Float64Array | Float32Array | (string | null)[];

/** The dataset, column by column, all of one length. */
export type BiasColumns = Record<string, BiasColumn>;

/** Numeric feature columns for the flip test (FT); a text column makes FT report an error, as Clarify does. */
export type FeatureColumns = Record<string, BiasColumn>;

export interface BiasConfig {
  /** Column holding the observed label. Required. */
  label: string;
  /** Positive label values, or `[threshold]` for a numeric label (positive = above the threshold). Required, non-empty. */
  labelValuesOrThreshold: (string | number)[];
  /** Column holding the facet (sensitive attribute). Required. */
  facet: string;
  /** Sensitive facet values, or `[threshold]` for a numeric facet; absent or empty: each category vs the rest. */
  facetValuesOrThreshold?: (string | number)[];
  /** Group variable for CDDL / CDDPL; absent: those two report Clarify's "Group variable is empty" error. */
  group?: string;
  /** Column of predicted labels, in the label's own values; required for post-training metrics. */
  predictedLabel?: string;
  /** Metric names to compute (e.g. `['CI', 'DPL']`); default: every metric of the stage. */
  metrics?: string[];
}

/**
 * A metric's value as Clarify's analysis.json holds it: a number, the strings `'Infinity'` / `'-Infinity'`
 * for division by zero, or `null` when the metric failed (then `error` says why). Never NaN.
 */
export type MetricValue = number | 'Infinity' | '-Infinity' | null;

export interface MetricResult {
  /** Clarify's metric name, e.g. `DPL`. */
  name: string;
  /** First line of the metric's docstring in smclarify, e.g. `Class Imbalance (CI)`. */
  description: string;
  value: MetricValue;
  /** Why the metric is undefined (Clarify's exception text); present only when `value` is null. */
  error?: string;
}

export interface FacetResult {
  /** The sensitive values joined with `,`, one category, or the interval such as `(40.0, 79.83]`. */
  value_or_threshold: string;
  metrics: MetricResult[];
}

export interface BiasSection {
  label: string;
  /** The positive label values joined with `,`, or the label interval such as `(60.0, 104.336]`. */
  label_value_or_threshold: string;
  facets: Record<string, FacetResult[]>;
}
