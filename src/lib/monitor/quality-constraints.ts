// Model Monitor's model quality constraints.json, suggested from a baseline's statistics, and the check of
// a window's statistics against it. A suggested constraint's threshold is the baseline's value; metrics
// where higher is better are violated when the window falls below it (LessThanThreshold), error metrics
// (mae, mse, rmse, false positive and false negative rates) when it rises above it (GreaterThanThreshold).
// The confusion matrix and the best-constant-classifier values get no constraint. A violation names the
// metric, takes the operator as its constraint_check_type, and says the values in a sentence.
import { SECTION, type ComparisonOperator, type MetricConstraint, type MetricValue, type ModelQualityConstraints, type ModelQualityStatistics, type ModelQualityViolation, type ProblemType } from './quality-types.ts';

const LOWER_IS_BETTER = new Set(['mae', 'mse', 'rmse', 'false_positive_rate', 'false_negative_rate']);
const OPERATORS: ComparisonOperator[] = ['LessThanThreshold', 'LessThanOrEqualToThreshold', 'GreaterThanThreshold', 'GreaterThanOrEqualToThreshold'];

function problemOf(stats: ModelQualityStatistics, what: string): ProblemType {
  const found = (Object.keys(SECTION) as ProblemType[]).filter((p) => stats[SECTION[p].metrics] !== undefined);
  if (found.length !== 1) throw new Error(`${what} must hold exactly one of regression_metrics, binary_classification_metrics, multiclass_classification_metrics; it holds ${found.length}`);
  return found[0];
}

const isMetric = (v: unknown): v is MetricValue => typeof v === 'object' && v !== null && 'value' in v;

/** constraints.json suggested from a baseline's statistics.json (see the file comment). */
export function suggestModelQualityConstraints(baseline: ModelQualityStatistics): ModelQualityConstraints {
  const problem = problemOf(baseline, 'the baseline statistics');
  const out: Record<string, MetricConstraint> = {};
  for (const [name, m] of Object.entries(baseline[SECTION[problem].metrics] ?? {})) {
    if (!isMetric(m) || name.endsWith('_best_constant_classifier') || typeof m.value !== 'number') continue;
    out[name] = { threshold: m.value, comparison_operator: LOWER_IS_BETTER.has(name) ? 'GreaterThanThreshold' : 'LessThanThreshold' };
  }
  return { version: 0, [SECTION[problem].constraints]: out };
}

function violated(value: number, op: ComparisonOperator, threshold: number): boolean {
  switch (op) {
    case 'LessThanThreshold': return value < threshold;
    case 'LessThanOrEqualToThreshold': return value <= threshold;
    case 'GreaterThanThreshold': return value > threshold;
    case 'GreaterThanOrEqualToThreshold': return value >= threshold;
  }
}

/** constraint_violations.json of one window: every constraint its statistics break. */
export function checkModelQuality(constraints: ModelQualityConstraints, stats: ModelQualityStatistics): { violations: ModelQualityViolation[] } {
  const problem = problemOf(stats, 'the statistics');
  const section = constraints[SECTION[problem].constraints];
  if (section === undefined) {
    throw new Error(`the constraints have no ${SECTION[problem].constraints} for these ${problem} statistics; they hold ${Object.keys(constraints).filter((k) => k !== 'version').join(', ') || 'nothing'}`);
  }
  const metrics = stats[SECTION[problem].metrics] ?? {};
  const violations: ModelQualityViolation[] = [];
  for (const [name, c] of Object.entries(section)) {
    if (!OPERATORS.includes(c.comparison_operator)) throw new Error(`constraints: ${SECTION[problem].constraints}.${name}.comparison_operator must be one of ${OPERATORS.join(', ')}, got ${JSON.stringify(c.comparison_operator)}`);
    if (typeof c.threshold !== 'number' || !Number.isFinite(c.threshold)) throw new Error(`constraints: ${SECTION[problem].constraints}.${name}.threshold must be a number, got ${JSON.stringify(c.threshold)}`);
    const m = metrics[name];
    if (!isMetric(m) || typeof m.value !== 'number') {
      violations.push({ metric_name: name, constraint_check_type: c.comparison_operator, description: `Metric ${name} could not be computed for this window, so its constraint (${c.comparison_operator} ${c.threshold}) could not be checked.` });
      continue;
    }
    if (violated(m.value, c.comparison_operator, c.threshold)) {
      const sd = typeof m.standard_deviation === 'number' ? ` +/- ${m.standard_deviation}` : '';
      violations.push({ metric_name: name, constraint_check_type: c.comparison_operator, description: `Metric ${name} with ${m.value}${sd} was ${c.comparison_operator} '${c.threshold}'` });
    }
  }
  return { violations };
}
