// Shapes of Model Monitor's model quality files: statistics.json (`{version, dataset: {item_count},
// <problem>_metrics: {metric: {value, standard_deviation}}}`), constraints.json (`{version,
// <problem>_constraints: {metric: {threshold, comparison_operator}}}`) and the violations of a check.

export type ProblemType = 'Regression' | 'BinaryClassification' | 'MulticlassClassification';

/** A number as Model Monitor writes it: NaN as the string "NaN". */
export type JsonNumber = number | 'NaN';

/** One metric: its value and the standard deviation over five 80% subsamples ("NaN" below 200 rows). */
export interface MetricValue {
  value: JsonNumber;
  standard_deviation: JsonNumber;
}

/** confusion_matrix[actual][predicted] = count, every pair of classes present. */
export type ConfusionMatrix = Record<string, Record<string, number>>;

export type MetricsSection = Record<string, MetricValue | ConfusionMatrix>;

export interface ModelQualityStatistics {
  version: 0;
  dataset: { item_count: number };
  regression_metrics?: MetricsSection;
  binary_classification_metrics?: MetricsSection;
  multiclass_classification_metrics?: MetricsSection;
}

export type ComparisonOperator = 'LessThanThreshold' | 'LessThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';

export interface MetricConstraint {
  threshold: number;
  comparison_operator: ComparisonOperator;
}

export interface ModelQualityConstraints {
  version: 0;
  regression_constraints?: Record<string, MetricConstraint>;
  binary_classification_constraints?: Record<string, MetricConstraint>;
  multiclass_classification_constraints?: Record<string, MetricConstraint>;
}

export interface ModelQualityViolation {
  metric_name: string;
  /** The constraint's comparison operator, as Model Monitor names the check. */
  constraint_check_type: ComparisonOperator;
  description: string;
}

/** Point metrics of one sample, before standard deviations are attached. */
export type PointMetrics = Record<string, number>;

export const SECTION: Record<ProblemType, { metrics: 'regression_metrics' | 'binary_classification_metrics' | 'multiclass_classification_metrics'; constraints: 'regression_constraints' | 'binary_classification_constraints' | 'multiclass_classification_constraints' }> = {
  Regression: { metrics: 'regression_metrics', constraints: 'regression_constraints' },
  BinaryClassification: { metrics: 'binary_classification_metrics', constraints: 'binary_classification_constraints' },
  MulticlassClassification: { metrics: 'multiclass_classification_metrics', constraints: 'multiclass_classification_constraints' },
};

/** F-beta from precision and recall; 0 when both are 0 (scikit-learn's zero_division=0). */
export function fBeta(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const den = b2 * precision + recall;
  return den === 0 ? 0 : ((1 + b2) * precision * recall) / den;
}

/** Throws unless `x` is array-like with `n` entries (n > 0 when `n` is undefined), naming the argument. */
export function checkLength(fn: string, name: string, x: ArrayLike<unknown> | undefined, n?: number): number {
  if (x === null || x === undefined || typeof x.length !== 'number') throw new TypeError(`${fn}: '${name}' must be an array`);
  if (n === undefined && x.length === 0) throw new RangeError(`${fn}: '${name}' is empty`);
  if (n !== undefined && x.length !== n) throw new RangeError(`${fn}: '${name}' has ${x.length} values but 'actual' has ${n}`);
  return x.length;
}
