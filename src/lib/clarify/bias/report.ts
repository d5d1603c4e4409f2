// The public entry: pre- and post-training bias sections of analysis.json, as SageMaker Clarify writes them
// (smclarify bias.report.bias_report), from mlpad's columns.

import { runMetric } from './common.ts';
import { countRows, createCountTable, createSplitCounts, splitCounts, type CountTable, type SplitCounts } from './counts.ts';
import { METRIC_DESCRIPTIONS, POST_TRAINING_NAMES, PRE_TRAINING_NAMES, selectMetrics } from './descriptions.ts';
import { flipTest } from './flip-test.ts';
import { POST_TRAINING_COUNT_METRICS } from './posttraining.ts';
import { PRE_TRAINING_METRICS } from './pretraining.ts';
import { binarizeLabel, binarizePredicted, codeFacet, codeGroups, type FacetSplit } from './series.ts';
import type { BiasColumns, BiasConfig, BiasSection, FacetResult, FeatureColumns, MetricResult } from './types.ts';

const COUNT_METRICS: Record<string, (c: SplitCounts) => number> = { ...PRE_TRAINING_METRICS, ...POST_TRAINING_COUNT_METRICS };

/**
 * One FacetResult per split, computing `names` from the counts; `special` supplies metrics that need more
 * than counts (FT), given the split.
 */
export function facetResults(
  table: CountTable, splits: FacetSplit[], names: string[], hasGroups: boolean,
  special?: Record<string, (split: FacetSplit) => number>,
): FacetResult[] {
  const counts = createSplitCounts(table.nGroups, hasGroups);
  return splits.map((split) => {
    splitCounts(table, split.dCodes, counts);
    const metrics: MetricResult[] = names.map((name) => {
      const fn = special?.[name];
      return runMetric(name, METRIC_DESCRIPTIONS[name], fn ? () => fn(split) : () => COUNT_METRICS[name](counts));
    });
    return { value_or_threshold: split.valueOrThreshold, metrics };
  });
}

function checkConfig(cfg: BiasConfig): void {
  if (cfg === null || typeof cfg !== 'object') throw new Error('bias config must be an object');
  if (cfg.metrics !== undefined && !Array.isArray(cfg.metrics)) throw new Error('metrics must be an array of metric names');
}

/**
 * Pre-training bias (CDDL, CI, DPL, JS, KL, KS, LP, TVD): one FacetResult per sensitive value set, threshold
 * interval, or category (each vs the rest). Metrics that Clarify cannot compute carry `value: null` and its
 * error text. Throws, naming the parameter, for missing columns, a facet with one value, a label without
 * positive rows, a numeric threshold on a text column, unknown metric names.
 */
export function preTrainingBias(columns: BiasColumns, cfg: BiasConfig): BiasSection {
  checkConfig(cfg);
  const names = selectMetrics(PRE_TRAINING_NAMES, cfg.metrics, 'metrics');
  const label = binarizeLabel(columns, cfg);
  const n = label.positive.length;
  const facet = codeFacet(columns, cfg, n);
  const groups = codeGroups(columns, cfg.group, n);
  const table = createCountTable(facet.nCodes, groups?.nGroups ?? 0);
  countRows(table, label.positive, null, facet.codes, groups?.codes ?? null);
  return {
    label: cfg.label,
    label_value_or_threshold: label.valueOrThreshold,
    facets: { [cfg.facet]: facetResults(table, facet.splits, names, groups !== null) },
  };
}

/**
 * Post-training bias (AD, CDDPL, DAR, DCA, DCR, DI, DPPL, DRR, FT, GE, RD, SD, TE) of the predicted label
 * column `cfg.predictedLabel`. FT uses `features` (numeric columns; without them FT reports an error).
 * Throws as preTrainingBias does, and when no prediction is positive (Clarify's report fails then too).
 */
export function postTrainingBias(columns: BiasColumns, cfg: BiasConfig, features?: FeatureColumns): BiasSection {
  checkConfig(cfg);
  const names = selectMetrics(POST_TRAINING_NAMES, cfg.metrics, 'metrics');
  if (cfg.predictedLabel === undefined) throw new Error('predictedLabel must name the predicted label column for post-training bias');
  const label = binarizeLabel(columns, cfg);
  const n = label.positive.length;
  const predicted = binarizePredicted(columns, cfg, label);
  const facet = codeFacet(columns, cfg, n);
  const groups = codeGroups(columns, cfg.group, n);
  const table = createCountTable(facet.nCodes, groups?.nGroups ?? 0);
  countRows(table, label.positive, predicted, facet.codes, groups?.codes ?? null);
  const ft = (split: FacetSplit): number => {
    const sensitive = new Uint8Array(n);
    for (let i = 0; i < n; i++) sensitive[i] = split.dCodes.includes(facet.codes[i]) ? 1 : 0;
    return flipTest(features, sensitive, predicted);
  };
  return {
    label: cfg.label,
    label_value_or_threshold: label.valueOrThreshold,
    facets: { [cfg.facet]: facetResults(table, facet.splits, names, groups !== null, { FT: ft }) },
  };
}
