// Pieces shared by pre- and post-training metrics, following smclarify metrics/common.py: its divide() (0/0 = 0,
// x/0 = ±INFINITY), conditional demographic disparity (CDDL / CDDPL), and how a metric is written into the report.

import type { MetricResult, MetricValue } from './types.ts';

/** Clarify's divide: 0/0 is 0, a/0 is ±Infinity. */
export function divide(a: number, b: number): number {
  if (b === 0 && a === 0) return 0;
  if (b === 0) return a < 0 ? -Infinity : Infinity;
  return a / b;
}

/**
 * Conditional demographic disparity (common.CDD) from group counts indexed (g*2 + s)*2 + v, where s = 1 marks
 * the sensitive facet and v = 1 a positive label (CDDL) or prediction (CDDPL).
 */
export function conditionalDemographicDisparity(groups: Float64Array, nGroups: number, hasGroups: boolean, positives: number, negatives: number): number {
  if (!hasGroups) throw new Error('Group variable is empty or not provided');
  if (positives === 0) throw new Error('No positive labels in set');
  if (negatives === 0) throw new Error('No negative labels in set');
  let weighted = 0;
  let sizes = 0;
  for (let g = 0; g < nGroups; g++) {
    const a0 = groups[g * 4];
    const a1 = groups[g * 4 + 1];
    const d0 = groups[g * 4 + 2];
    const d1 = groups[g * 4 + 3];
    const size = a0 + a1 + d0 + d1;
    const denomA = a1 + d1;
    const A = denomA !== 0 ? d1 / denomA : 0;
    const denomD = a0 + d0;
    const D = denomD !== 0 ? d0 / denomD : 0;
    weighted += size * (D - A);
    sizes += size;
  }
  return divide(weighted, sizes);
}

/** A number as analysis.json holds it: ±Infinity become the strings Clarify writes. */
export function metricValue(x: number): MetricValue {
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

/** Runs one metric; a thrown error becomes Clarify's MetricError entry (value null, the reason in `error`). */
export function runMetric(name: string, description: string, compute: () => number): MetricResult {
  try {
    const x = compute();
    if (Number.isNaN(x)) return { name, description, value: null, error: `${name} is undefined (NaN) for this data` };
    return { name, description, value: metricValue(x) };
  } catch (e) {
    return { name, description, value: null, error: e instanceof Error ? e.message : String(e) };
  }
}
