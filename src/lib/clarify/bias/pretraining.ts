// Pre-training bias metrics (smclarify metrics/pretraining.py) from a split's counts. As in Clarify's report,
// KL / JS / LP / TVD / KS compare the distributions of the *binarized* label (positive or not) in the two facet
// groups, keeping only the outcomes that occur in both (util.pdfs_aligned_nonzero) — so with one outcome
// missing from a group the remaining probabilities are not renormalized.

import { conditionalDemographicDisparity } from './common.ts';
import { FN, FP, TN, TP, total, type SplitCounts } from './counts.ts';

const NO_COMMON = 'No instance of common facet found, dataset may be too small';

const labelPos = (q: Float64Array) => q[FN] + q[TP];
const labelNeg = (q: Float64Array) => q[TN] + q[FP];

export function classImbalance(c: SplitCounts): number {
  const pos = total(c.d);
  const neg = total(c.a);
  if (neg === 0) throw new Error('CI: negated facet set is empty. Check that x[~facet] has non-zero length.');
  if (pos === 0) throw new Error('CI: facet set is empty. Check that x[facet] has non-zero length.');
  return (neg - pos) / (pos + neg);
}

/** common.DPL: qa − qd for a 0/1 outcome given as (negatives, positives) of each group. */
export function positiveProportionDifference(aNeg: number, aPos: number, dNeg: number, dPos: number): number {
  const na = aNeg + aPos;
  const nd = dNeg + dPos;
  if (na === 0) throw new Error('Negative facet set is empty.');
  if (nd === 0) throw new Error('Facet set is empty.');
  return aPos / na - dPos / nd;
}

export function dpl(c: SplitCounts): number {
  return positiveProportionDifference(labelNeg(c.a), labelPos(c.a), labelNeg(c.d), labelPos(c.d));
}

/** pdfs_aligned_nonzero over outcomes [negative, positive]: Pa, Pd on outcomes both groups have. */
function alignedPdfs(c: SplitCounts): [number[], number[]] {
  const na = total(c.a);
  const nd = total(c.d);
  const Pa: number[] = [];
  const Pd: number[] = [];
  const counts = [[labelNeg(c.a), labelNeg(c.d)], [labelPos(c.a), labelPos(c.d)]];
  for (const [ka, kd] of counts) {
    if (ka > 0 && kd > 0) {
      Pa.push(ka / na);
      Pd.push(kd / nd);
    }
  }
  if (Pa.length === 0) throw new Error(NO_COMMON);
  return [Pa, Pd];
}

export function kl(c: SplitCounts): number {
  const [Pa, Pd] = alignedPdfs(c);
  let s = 0;
  for (let i = 0; i < Pa.length; i++) s += Pa[i] * Math.log(Pa[i] / Pd[i]);
  return s;
}

export function js(c: SplitCounts): number {
  const [Pa, Pd] = alignedPdfs(c);
  let sa = 0;
  let sd = 0;
  for (let i = 0; i < Pa.length; i++) {
    const P = 0.5 * (Pa[i] + Pd[i]);
    sa += Pa[i] * Math.log(Pa[i] / P);
    sd += Pd[i] * Math.log(Pd[i] / P);
  }
  return 0.5 * (sa + sd);
}

/** numpy.linalg.norm(Pa − Pd, order) for order 1, 2, Infinity. */
function lpNorm(c: SplitCounts, order: 1 | 2 | typeof Infinity): number {
  const [Pa, Pd] = alignedPdfs(c);
  let s = 0;
  for (let i = 0; i < Pa.length; i++) {
    const d = Math.abs(Pa[i] - Pd[i]);
    if (order === 1) s += d;
    else if (order === 2) s += d * d;
    else s = Math.max(s, d);
  }
  return order === 2 ? Math.sqrt(s) : s;
}

export const lp = (c: SplitCounts) => lpNorm(c, 2);
export const tvd = (c: SplitCounts) => 0.5 * lpNorm(c, 1);
export const ks = (c: SplitCounts) => lpNorm(c, Infinity);

export function cddl(c: SplitCounts): number {
  const pos = labelPos(c.a) + labelPos(c.d);
  const neg = labelNeg(c.a) + labelNeg(c.d);
  return conditionalDemographicDisparity(c.groupLabel, c.nGroups, c.hasGroups, pos, neg);
}

/** Pre-training metrics by Clarify name. */
export const PRE_TRAINING_METRICS: Record<string, (c: SplitCounts) => number> = {
  CDDL: cddl, CI: classImbalance, DPL: dpl, JS: js, KL: kl, KS: ks, LP: lp, TVD: tvd,
};
