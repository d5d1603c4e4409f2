// Every metric except FT is a function of a few counts: label × prediction per facet group, and the same per
// group variable value for CDDL / CDDPL. One pass over the rows fills a CountTable; each facet split then sums
// the codes that form its sensitive group d (a = all − d).

/** Counts per facet code: cell[c*4 + label*2 + pred]; per group g: lab/pred[(g*nCodes + c)*2 + 0|1]. */
export interface CountTable {
  nCodes: number;
  nGroups: number;
  cell: Float64Array;
  groupLabel: Float64Array;
  groupPred: Float64Array;
}

export function createCountTable(nCodes: number, nGroups: number): CountTable {
  return {
    nCodes, nGroups,
    cell: new Float64Array(nCodes * 4),
    groupLabel: new Float64Array(nGroups * nCodes * 2),
    groupPred: new Float64Array(nGroups * nCodes * 2),
  };
}

/** Fills `t` (zeroed first) from 0/1 labels, 0/1 predictions (null before training) and codes. */
export function countRows(
  t: CountTable, label: Uint8Array, pred: Uint8Array | null, codes: Int32Array, groups: Int32Array | null,
): void {
  t.cell.fill(0);
  t.groupLabel.fill(0);
  t.groupPred.fill(0);
  const { cell, groupLabel, groupPred, nCodes } = t;
  const n = label.length;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const l = label[i];
    const p = pred === null ? 0 : pred[i];
    cell[c * 4 + l * 2 + p]++;
    if (groups !== null) {
      const g = groups[i];
      if (g >= 0) {
        const base = (g * nCodes + c) * 2;
        groupLabel[base + l]++;
        groupPred[base + p]++;
      }
    }
  }
}

/**
 * The counts of one facet split. Quads are indexed label*2 + pred: [TN, FP, FN, TP].
 * Group arrays are indexed (g*2 + s)*2 + v with s = 1 for d, v the label or the prediction.
 */
export interface SplitCounts {
  a: Float64Array;
  d: Float64Array;
  nGroups: number;
  groupLabel: Float64Array;
  groupPred: Float64Array;
  /** Whether a group variable was given. */
  hasGroups: boolean;
}

export function createSplitCounts(nGroups: number, hasGroups: boolean): SplitCounts {
  return {
    a: new Float64Array(4), d: new Float64Array(4), nGroups, hasGroups,
    groupLabel: new Float64Array(nGroups * 4), groupPred: new Float64Array(nGroups * 4),
  };
}

/** Sums the table into `out` for the split whose sensitive group is `dCodes`. */
export function splitCounts(t: CountTable, dCodes: number[], out: SplitCounts): SplitCounts {
  const { nCodes, cell } = t;
  out.a.fill(0);
  out.d.fill(0);
  for (let c = 0; c < nCodes; c++) {
    const target = dCodes.includes(c) ? out.d : out.a;
    for (let k = 0; k < 4; k++) target[k] += cell[c * 4 + k];
  }
  out.groupLabel.fill(0);
  out.groupPred.fill(0);
  for (let g = 0; g < t.nGroups; g++) {
    for (let c = 0; c < nCodes; c++) {
      const s = dCodes.includes(c) ? 1 : 0;
      const src = (g * nCodes + c) * 2;
      const dst = (g * 2 + s) * 2;
      out.groupLabel[dst] += t.groupLabel[src];
      out.groupLabel[dst + 1] += t.groupLabel[src + 1];
      out.groupPred[dst] += t.groupPred[src];
      out.groupPred[dst + 1] += t.groupPred[src + 1];
    }
  }
  return out;
}

export const TN = 0;
export const FP = 1;
export const FN = 2;
export const TP = 3;

export function total(q: Float64Array): number {
  return q[0] + q[1] + q[2] + q[3];
}
