// The three files of SageMaker Model Monitor's data-quality jobs, as its prebuilt container writes them
// (developer guide: "Schema for Statistics", "Schema for Constraints", "Schema for Violations"; real files
// under tests/fixtures/monitor/). Field names are snake_case because they are the files' own keys.

/** The column type Model Monitor infers; Deequ's Boolean is written as String, all-missing as Unknown. */
export type InferredType = 'Integral' | 'Fractional' | 'String' | 'Unknown';

/** 'Enabled' or 'Disabled', as the files spell switches. */
export type Switch = 'Enabled' | 'Disabled';

/** Counts every feature carries. */
export interface CommonStatistics {
  /** Cells holding a value (not null, not NaN). */
  num_present: number;
  /** Null or NaN cells. */
  num_missing: number;
}

/** One of the equal-width buckets materialised from the KLL sketch between min and max. */
export interface KllBucket {
  /** Left edge: min + (max − min)·i / buckets. */
  lower_bound: number;
  /** Right edge; the last bucket includes it. */
  upper_bound: number;
  /** Sketch weight (estimated count) of the values in the bucket. */
  count: number;
}

/** A serialised Deequ KLL sketch. */
export interface KllSketchJson {
  /** c: the shrinking factor (0.64); k: the sketch size (2048). */
  parameters: { c: number; k: number };
  /** The compactors from level 0 up; an item on level h stands for 2^h values. */
  data: number[][];
}

/** Numeric distribution: 10 buckets and the sketch they came from. */
export interface KllDistribution {
  /** Equal-width buckets between min and max (10, as Model Monitor writes). */
  buckets: KllBucket[];
  /** The sketch itself, so a later job can compare distributions. */
  sketch: KllSketchJson;
}

/** Statistics of an Integral or Fractional feature. */
export interface NumericalStatistics {
  /** Present and missing counts. */
  common: CommonStatistics;
  /** Arithmetic mean of the present values. */
  mean: number;
  /** Sum of the present values. */
  sum: number;
  /** Population standard deviation (Deequ's stddev_pop: divides by n). */
  std_dev: number;
  /** Smallest present value. */
  min: number;
  /** Largest present value. */
  max: number;
  /** The KLL sketch and its buckets. */
  distribution: { kll: KllDistribution };
}

/** One category and how often it occurs. */
export interface CategoricalBucket {
  /** The category as text. */
  value: string;
  /** Its number of occurrences. */
  count: number;
}

/** Statistics of a String (or Unknown) feature. */
export interface StringStatistics {
  /** Present and missing counts. */
  common: CommonStatistics;
  /** Number of distinct present values (exact here; Deequ's is an HLL estimate). */
  distinct_count: number;
  /** The most frequent categories, most frequent first. */
  distribution: { categorical: { buckets: CategoricalBucket[] } };
}

/** One column of statistics.json. */
export interface FeatureStatistics {
  /** Column name. */
  name: string;
  /** Type as Deequ infers it. */
  inferred_type: InferredType;
  /** Present for Integral and Fractional features. */
  numerical_statistics?: NumericalStatistics;
  /** Present for String and Unknown features. */
  string_statistics?: StringStatistics;
}

/** statistics.json. */
export interface StatisticsJson {
  /** Always 0. */
  version: number;
  /** Dataset-level counts. */
  dataset: { item_count: number };
  /** One entry per column, in table order. */
  features: FeatureStatistics[];
}

/** Per-feature switches that override monitoring_config. */
export interface MonitoringConfigOverrides {
  /** Whether this feature's constraints are evaluated. */
  evaluate_constraints?: Switch;
  /** Whether metrics are emitted for this feature. */
  emit_metrics?: Switch;
}

/** One column of constraints.json. */
export interface FeatureConstraints {
  /** Column name. */
  name: string;
  /** The type the current data must keep. */
  inferred_type: InferredType;
  /** Fraction of non-missing cells seen in the baseline; less in new data is a completeness_check violation. */
  completeness: number;
  /** Numeric features: whether the baseline had no negative values. */
  num_constraints?: { is_non_negative: boolean };
  /** String features with a small, repeated set of values: that set, most frequent first. */
  string_constraints?: { domains: string[]; monitoring_config_overrides?: MonitoringConfigOverrides };
  /** Per-feature overrides (the guide's spelling). */
  monitoringConfigOverrides?: MonitoringConfigOverrides;
}

/** How distributions are compared. */
export interface DistributionConstraints {
  /** Whether baseline_drift_check runs. */
  perform_comparison: Switch;
  /** Numeric drift above this distance is a violation (0.1). */
  comparison_threshold: number;
  /** Simple: the L-infinity distance of the CDFs; Robust: minus 1.8·√((n+m)/(n·m)), floored at 0. */
  comparison_method: 'Simple' | 'Robust';
  /** Categorical drift above this distance (for ChiSquared, a p-value below it) is a violation; defaults to 0.1 (older files lack it). */
  categorical_comparison_threshold?: number;
  /** LInfinity: largest gap between category frequencies; ChiSquared: Pearson's test p-value; defaults to LInfinity. */
  categorical_drift_method?: 'LInfinity' | 'ChiSquared';
}

/** Options of the monitoring job. */
export interface MonitoringConfig {
  /** Whether constraints are checked at all. */
  evaluate_constraints: Switch;
  /** Whether CloudWatch metrics are emitted (recorded, no effect offline). */
  emit_metrics: Switch;
  /** Fraction of present values that must have the baseline type (1.0 from a baseline job). */
  datatype_check_threshold: number;
  /** Fraction of present values that must lie in the baseline domain (1.0 from a baseline job). */
  domain_content_threshold: number;
  /** Drift comparison settings. */
  distribution_constraints: DistributionConstraints;
}

/** constraints.json. */
export interface ConstraintsJson {
  /** Always 0. */
  version: number;
  /** One entry per baseline column. */
  features: FeatureConstraints[];
  /** Job-wide options. */
  monitoring_config: MonitoringConfig;
}

/** The six checks of a data-quality monitoring run. */
export type ConstraintCheckType =
  | 'data_type_check'
  | 'completeness_check'
  | 'baseline_drift_check'
  | 'missing_column_check'
  | 'extra_column_check'
  | 'categorical_values_check';

/** One failed check. */
export interface Violation {
  /** The column concerned. */
  feature_name: string;
  /** Which check failed. */
  constraint_check_type: ConstraintCheckType;
  /** A sentence naming the feature, the value seen and the threshold. */
  description: string;
}

/** constraint_violations.json. */
export interface ConstraintViolationsJson {
  /** Empty when the data meets every constraint. */
  violations: Violation[];
}
