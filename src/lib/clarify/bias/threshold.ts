// The studio's live threshold slider: label, facet and group are binarized once; each evaluate() makes one
// pass over the scores (predicted positive = score > threshold), filling preallocated counts, and derives every
// post-training metric except FT (which needs a k-NN search) from them. It agrees with postTrainingBias run on
// the predicted column `score > threshold`.

import { createCountTable } from './counts.ts';
import { METRIC_DESCRIPTIONS, POST_TRAINING_NAMES, selectMetrics } from './descriptions.ts';
import { facetResults } from './report.ts';
import { binarizeLabel, codeFacet, codeGroups } from './series.ts';
import type { BiasColumns, BiasConfig, BiasSection } from './types.ts';

/** Post-training metrics the threshold path computes: all but FT. */
export const THRESHOLD_METRICS: readonly string[] = POST_TRAINING_NAMES.filter((m) => m !== 'FT');

const ALL_NEGATIVE = 'No Label values are present in the predicted Label Column,Positive Predicted Index Series contains all False values';

export interface ThresholdBias {
  /** How many scores evaluate() expects. */
  readonly nRows: number;
  /**
   * Post-training bias for predicted positive = `scores[i] > threshold`. When no score is above the threshold,
   * every metric carries Clarify's "No Label values are present in the predicted Label Column" error.
   */
  evaluate(scores: Float32Array | Float64Array, threshold: number): BiasSection;
}

/** Prepares the threshold path; `cfg.predictedLabel` is ignored, `cfg.metrics` may not ask for FT. */
export function thresholdBias(columns: BiasColumns, cfg: BiasConfig): ThresholdBias {
  const names = selectMetrics(THRESHOLD_METRICS, cfg.metrics, 'metrics (the threshold path computes all but FT)');
  const binarized = binarizeLabel(columns, cfg);
  const label = binarized.positive;
  const nRows = label.length;
  const facet = codeFacet(columns, cfg, nRows);
  const groups = codeGroups(columns, cfg.group, nRows);
  const nGroups = groups?.nGroups ?? 0;
  const table = createCountTable(facet.nCodes, nGroups);
  const codes = facet.codes;
  const groupCodes = groups?.codes ?? new Int32Array(nRows).fill(-1);

  return {
    nRows,
    evaluate(scores, threshold) {
      if (scores.length !== nRows) throw new Error(`scores has ${scores.length} values, the dataset has ${nRows} rows`);
      if (typeof threshold !== 'number' || Number.isNaN(threshold)) throw new Error(`threshold must be a number, got ${threshold}`);
      const { cell, groupLabel, groupPred, nCodes } = table;
      cell.fill(0);
      groupLabel.fill(0);
      groupPred.fill(0);
      let positives = 0;
      for (let i = 0; i < nRows; i++) {
        const c = codes[i];
        const l = label[i];
        const p = scores[i] > threshold ? 1 : 0;
        positives += p;
        cell[c * 4 + l * 2 + p]++;
        const g = groupCodes[i];
        if (g >= 0) {
          const base = (g * nCodes + c) * 2;
          groupLabel[base + l]++;
          groupPred[base + p]++;
        }
      }
      const results = positives > 0
        ? facetResults(table, facet.splits, names, groups !== null)
        : facet.splits.map((s) => ({
          value_or_threshold: s.valueOrThreshold,
          metrics: names.map((name) => ({ name, description: METRIC_DESCRIPTIONS[name], value: null, error: ALL_NEGATIVE })),
        }));
      return {
        label: cfg.label,
        label_value_or_threshold: binarized.valueOrThreshold,
        facets: { [cfg.facet]: results },
      };
    },
  };
}
