// Metric names and the descriptions Clarify writes for them: the first line of each smclarify metric's
// docstring (common.metric_description). Reports list metrics sorted by name, as bias_report does.

export const METRIC_DESCRIPTIONS: Readonly<Record<string, string>> = {
  CDDL: 'Conditional Demographic Disparity in Labels (CDDL)',
  CI: 'Class Imbalance (CI)',
  DPL: 'Difference in Positive Proportions in Labels (DPL)',
  JS: 'Jensen-Shannon Divergence (JS)',
  KL: 'Kullback-Liebler Divergence (KL)',
  KS: 'Kolmogorov-Smirnov Distance (KS)',
  LP: 'L-p Norm (LP)',
  TVD: 'Total Variation Distance (TVD)',
  AD: 'Accuracy Difference (AD)',
  CDDPL: 'Conditional Demographic Disparity in Predicted Labels (CDDPL)',
  DAR: 'Difference in Acceptance Rates (DAR)',
  DCA: 'Difference in Conditional Acceptance (DCA)',
  DCR: 'Difference in Conditional Rejection (DCR)',
  DI: 'Disparate Impact (DI)',
  DPPL: 'Difference in Positive Proportions in Predicted Labels (DPPL)',
  DRR: 'Difference in Rejection Rates (DRR)',
  FT: 'Flip Test (FT)',
  GE: 'Generalized Entropy (GE)',
  RD: 'Recall Difference (RD)',
  SD: 'Specificity Difference (SD)',
  TE: 'Treatment Equality (TE)',
};

/** Pre-training metric names, in report order. */
export const PRE_TRAINING_NAMES: readonly string[] = ['CDDL', 'CI', 'DPL', 'JS', 'KL', 'KS', 'LP', 'TVD'];

/** Post-training metric names, in report order. */
export const POST_TRAINING_NAMES: readonly string[] = [
  'AD', 'CDDPL', 'DAR', 'DCA', 'DCR', 'DI', 'DPPL', 'DRR', 'FT', 'GE', 'RD', 'SD', 'TE',
];

/**
 * The metrics to run: all of the stage by default, else `requested` (validated) in Clarify's order.
 * `param` names the option in error messages.
 */
export function selectMetrics(all: readonly string[], requested: string[] | undefined, param: string): string[] {
  if (requested === undefined) return [...all];
  const unknown = requested.filter((m) => !all.includes(m));
  if (unknown.length > 0) {
    throw new Error(`${param}: unknown metric ${unknown.map((m) => `'${m}'`).join(', ')}; metrics should be among ${all.join(', ')}`);
  }
  return all.filter((m) => requested.includes(m));
}
