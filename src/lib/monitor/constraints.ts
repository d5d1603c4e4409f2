// constraints.json as Model Monitor's baseline job suggests it from the baseline statistics, following
// Deequ's suggestion rules: completeness as observed (CompleteIfComplete / RetainCompleteness keep the
// observed figure; Model Monitor writes it as is), is_non_negative when the minimum is ≥ 0
// (NonNegativeNumbersRule), and a domain for a String column whose histogram Deequ would compute (at most
// 120 distinct values, ColumnProfiler's low-cardinality threshold) and in which at most 10% of the
// categories were seen only once (CategoricalRangeRule), listed most frequent first.
import type { ConstraintsJson, FeatureConstraints, MonitoringConfig, StatisticsJson } from './types.ts';
import { validateStatistics } from './validate.ts';

/** The monitoring_config a baseline job writes (SDK test data; the guide adds the two categorical keys). */
export const DEFAULT_MONITORING_CONFIG: Readonly<MonitoringConfig> = Object.freeze({
  evaluate_constraints: 'Enabled',
  emit_metrics: 'Enabled',
  datatype_check_threshold: 1.0,
  domain_content_threshold: 1.0,
  distribution_constraints: Object.freeze({
    perform_comparison: 'Enabled',
    comparison_threshold: 0.1,
    comparison_method: 'Robust',
    categorical_comparison_threshold: 0.1,
    categorical_drift_method: 'LInfinity',
  }),
} as const);

/** Options for suggestConstraints. */
export interface SuggestOptions {
  /** Most distinct values a String feature may have to get a domain; defaults to 120 (Deequ's histogram threshold). */
  domainMaxDistinct?: number;
  /** Largest share of categories seen once for a domain to be suggested; defaults to 0.1 (Deequ's CategoricalRangeRule). */
  domainMaxUniqueRatio?: number;
}

/** constraints.json suggested from a baseline's statistics.json. */
export function suggestConstraints(stats: StatisticsJson, options: SuggestOptions = {}): ConstraintsJson {
  validateStatistics(stats, 'stats');
  const { domainMaxDistinct = 120, domainMaxUniqueRatio = 0.1 } = options;
  if (!Number.isInteger(domainMaxDistinct) || domainMaxDistinct < 1) {
    throw new RangeError(`suggestConstraints: options.domainMaxDistinct must be a positive integer, got ${domainMaxDistinct}.`);
  }
  if (!(domainMaxUniqueRatio >= 0 && domainMaxUniqueRatio <= 1)) {
    throw new RangeError(`suggestConstraints: options.domainMaxUniqueRatio must be in [0, 1], got ${domainMaxUniqueRatio}.`);
  }
  if (stats.dataset.item_count === 0) {
    throw new RangeError('suggestConstraints: stats.dataset.item_count is 0; a baseline needs at least one row.');
  }
  const features = stats.features.map((f): FeatureConstraints => {
    const common = (f.numerical_statistics ?? f.string_statistics)?.common;
    const present = common?.num_present ?? 0;
    const out: FeatureConstraints = { name: f.name, inferred_type: f.inferred_type, completeness: present / stats.dataset.item_count };
    if (f.numerical_statistics) out.num_constraints = { is_non_negative: f.numerical_statistics.min >= 0 };
    const s = f.string_statistics;
    if (f.inferred_type === 'String' && s && s.common.num_present > 0) {
      const buckets = s.distribution.categorical.buckets;
      const complete = buckets.length === s.distinct_count;
      const unique = buckets.filter((b) => b.count === 1).length;
      if (complete && s.distinct_count <= domainMaxDistinct && unique / buckets.length <= domainMaxUniqueRatio) {
        out.string_constraints = { domains: [...buckets].sort((a, b) => b.count - a.count).map((b) => b.value) };
      }
    }
    return out;
  });
  return {
    version: 0,
    features,
    monitoring_config: { ...DEFAULT_MONITORING_CONFIG, distribution_constraints: { ...DEFAULT_MONITORING_CONFIG.distribution_constraints } },
  };
}
