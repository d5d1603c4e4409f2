// Post-training bias metrics (smclarify metrics/posttraining.py and the DCO / DLR / DLA / GE helpers of
// common.py) from a split's counts, with Clarify's error texts and its rule that a difference of two infinite
// rates is 0. FT needs the feature rows and lives in flip-test.ts.

import { conditionalDemographicDisparity, divide } from './common.ts';
import { FN, FP, TN, TP, total, type SplitCounts } from './counts.ts';
import { positiveProportionDifference } from './pretraining.ts';

const predPos = (q: Float64Array) => q[FP] + q[TP];
const predNeg = (q: Float64Array) => q[TN] + q[FN];
const labelPos = (q: Float64Array) => q[FN] + q[TP];
const labelNeg = (q: Float64Array) => q[TN] + q[FP];

function requireGroups(c: SplitCounts, prefix: string): void {
  if (total(c.d) === 0) throw new Error(`${prefix}Facet set is empty`);
  if (total(c.a) === 0) throw new Error(`${prefix}Negated Facet set is empty`);
}

/** x − y, but 0 when both are +Infinity (Clarify's guard). */
function diff(x: number, y: number): number {
  return x === y && x === Infinity ? 0 : x - y;
}

export function dppl(c: SplitCounts): number {
  return positiveProportionDifference(predNeg(c.a), predPos(c.a), predNeg(c.d), predPos(c.d));
}

export function di(c: SplitCounts): number {
  const na = total(c.a);
  if (na === 0) throw new Error('Negated facet set is empty');
  const qa = predPos(c.a) / na;
  const nd = total(c.d);
  if (nd === 0) throw new Error('Facet set is empty');
  return divide(predPos(c.d) / nd, qa);
}

export function dca(c: SplitCounts): number {
  requireGroups(c, 'DCO: ');
  return diff(divide(labelPos(c.a), predPos(c.a)), divide(labelPos(c.d), predPos(c.d)));
}

export function dcr(c: SplitCounts): number {
  requireGroups(c, 'DCO: ');
  const rrA = divide(labelNeg(c.a), predNeg(c.a));
  const rrD = divide(labelNeg(c.d), predNeg(c.d));
  return rrA === rrD && rrA === Infinity ? 0 : rrD - rrA;
}

export function dar(c: SplitCounts): number {
  requireGroups(c, 'DLR: ');
  return diff(divide(c.a[TP], predPos(c.a)), divide(c.d[TP], predPos(c.d)));
}

export function drr(c: SplitCounts): number {
  requireGroups(c, 'DLR: ');
  const rrA = divide(c.a[TN], predNeg(c.a));
  const rrD = divide(c.d[TN], predNeg(c.d));
  return rrA === rrD && rrA === Infinity ? 0 : rrD - rrA;
}

export function rd(c: SplitCounts): number {
  requireGroups(c, 'DLA: ');
  return diff(divide(c.a[TP], c.a[TP] + c.a[FN]), divide(c.d[TP], c.d[TP] + c.d[FN]));
}

export function sd(c: SplitCounts): number {
  requireGroups(c, 'DLA: ');
  const spA = divide(c.a[TN], c.a[TN] + c.a[FP]);
  const spD = divide(c.d[TN], c.d[TN] + c.d[FP]);
  return spA === spD && spA === Infinity ? 0 : spD - spA;
}

export function ad(c: SplitCounts): number {
  requireGroups(c, '');
  return diff(divide(c.a[TP] + c.a[TN], total(c.a)), divide(c.d[TP] + c.d[TN], total(c.d)));
}

export function te(c: SplitCounts): number {
  requireGroups(c, '');
  const tauA = divide(c.a[FN], c.a[FP]);
  const tauD = divide(c.d[FN], c.d[FP]);
  return tauA === tauD && tauA === Infinity ? 0 : tauD - tauA;
}

export function cddpl(c: SplitCounts): number {
  const pos = predPos(c.a) + predPos(c.d);
  const neg = predNeg(c.a) + predNeg(c.d);
  return conditionalDemographicDisparity(c.groupPred, c.nGroups, c.hasGroups, pos, neg);
}

/**
 * Generalized entropy with alpha = 2 over all rows, benefit b = pred − label + 1 ∈ {0, 1, 2}:
 * Σ((b/mean)² − 1) / (2N).
 */
export function ge(c: SplitCounts): number {
  const n = total(c.a) + total(c.d);
  if (n === 0) throw new Error('dataset must be non-empty');
  const b0 = c.a[FN] + c.d[FN];
  const b1 = c.a[TP] + c.a[TN] + c.d[TP] + c.d[TN];
  const b2 = c.a[FP] + c.d[FP];
  const mean = (b1 + 2 * b2) / n;
  if (mean === 0) {
    throw new Error('All predicted labels are false negatives. There should be at least one prediction that is not false negative.');
  }
  const r1 = 1 / mean;
  const r2 = 2 / mean;
  return (b0 * -1 + b1 * (r1 * r1 - 1) + b2 * (r2 * r2 - 1)) / (n * 2 * (2 - 1));
}

/** Post-training metrics computed from counts, by Clarify name (FT is separate). */
export const POST_TRAINING_COUNT_METRICS: Record<string, (c: SplitCounts) => number> = {
  AD: ad, CDDPL: cddpl, DAR: dar, DCA: dca, DCR: dcr, DI: di, DPPL: dppl, DRR: drr, GE: ge, RD: rd, SD: sd, TE: te,
};
