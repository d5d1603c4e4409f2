// Label, predicted label, facet and group columns → the 0/1 rows and codes the metrics count, following
// smclarify's report.py: positive values or a threshold interval for labels, sensitive values / a threshold /
// each category vs the rest for the facet.

import { categoricalIndex, codeValues } from './categorical.ts';
import {
  columnKind, isTextColumn, requireColumn, thresholdOf, toNumeric,
  type ColumnKind, type Threshold,
} from './column-type.ts';
import { pyFloatStr, pyIntStr, pyValueStr } from './py-format.ts';
import type { BiasColumn, BiasColumns, BiasConfig } from './types.ts';

/** Clarify's threshold interval (lo, hi]: pandas IntervalIndex.from_breaks(sorted([threshold, max])). */
export interface Interval {
  lo: number;
  hi: number;
  /** Both breaks are ints, so pandas prints them without ".0". */
  isInt: boolean;
  /** Clarify adds no break when |max| equals the threshold: no interval, no positive row. */
  empty: boolean;
}

export function intervalOf(values: Float64Array, t: Threshold, dataIsInt: boolean, param: string): Interval {
  let max = -Infinity;
  let any = false;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) { any = true; if (values[i] > max) max = values[i]; }
  if (!any) throw new Error(`${param}: the column has no values to compare with the threshold`);
  if (Math.abs(max) === t.value) return { lo: t.value, hi: t.value, isInt: t.isInt, empty: true };
  return { lo: Math.min(t.value, max), hi: Math.max(t.value, max), isInt: t.isInt && dataIsInt, empty: false };
}

export function intervalStr(iv: Interval): string {
  if (iv.empty) return '';
  const f = (x: number) => (iv.isInt ? pyIntStr(x) : pyFloatStr(x));
  return `(${f(iv.lo)}, ${f(iv.hi)}]`;
}

function inInterval(values: Float64Array, iv: Interval): Uint8Array {
  const out = new Uint8Array(values.length);
  if (!iv.empty) for (let i = 0; i < values.length; i++) out[i] = iv.lo < values[i] && values[i] <= iv.hi ? 1 : 0;
  return out;
}

function count(x: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) n += x[i];
  return n;
}

function sameLength(col: BiasColumn, n: number, param: string, name: string): void {
  if (col.length !== n) throw new Error(`${param} column '${name}' has ${col.length} rows, the label column has ${n}`);
}

/** A single number given for a text column that holds no such category: a threshold on a text column. */
function thresholdOnText(col: BiasColumn, values: (string | number)[], hits: number, param: string, name: string): void {
  if (hits === 0 && isTextColumn(col) && values.length === 1 && typeof values[0] === 'number') {
    throw new Error(`${param} [${values[0]}] is a numeric threshold, but column '${name}' holds text and no row is '${pyValueStr(values[0])}': give category values`);
  }
}

export interface BinaryLabel {
  positive: Uint8Array;
  /** Clarify's label_value_or_threshold. */
  valueOrThreshold: string;
  kind: ColumnKind;
  /** For a continuous label: the threshold, and whether the label column is int64 (the predicted label is cast to it). */
  threshold?: Threshold;
  isInt?: boolean;
  /** The label column's numbers (continuous label), used for the interval of the predicted label. */
  numbers?: Float64Array;
}

export function binarizeLabel(columns: BiasColumns, cfg: BiasConfig): BinaryLabel {
  const values = cfg.labelValuesOrThreshold;
  if (!Array.isArray(values) || values.length === 0) {
    throw new Error('labelValuesOrThreshold must hold the positive label values, or [threshold] for a numeric label');
  }
  const col = requireColumn(columns, cfg.label, 'label');
  const kind = columnKind(col, values);
  let out: BinaryLabel;
  if (kind === 'continuous') {
    const t = thresholdOf(values, 'labelValuesOrThreshold');
    const num = toNumeric(col);
    const iv = intervalOf(num.values, t, num.isInt, 'labelValuesOrThreshold');
    out = { positive: inInterval(num.values, iv), valueOrThreshold: intervalStr(iv), kind, threshold: t, isInt: num.isInt, numbers: num.values };
  } else {
    const positive = categoricalIndex(col, values, 'labelValuesOrThreshold');
    thresholdOnText(col, values, count(positive), 'labelValuesOrThreshold', cfg.label);
    out = { positive, valueOrThreshold: values.map(pyValueStr).join(','), kind };
  }
  if (count(out.positive) === 0) {
    throw new Error(`label column '${cfg.label}' has no positive rows for labelValuesOrThreshold ${JSON.stringify(values)}`);
  }
  return out;
}

/** Clarify's _positive_predicted_index: the predicted label, binarized with the label's values or threshold. */
export function binarizePredicted(columns: BiasColumns, cfg: BiasConfig, label: BinaryLabel): Uint8Array {
  const name = cfg.predictedLabel;
  const col = requireColumn(columns, name, 'predictedLabel');
  sameLength(col, label.positive.length, 'predictedLabel', name as string);
  const kind = columnKind(col, cfg.labelValuesOrThreshold);
  if (kind !== label.kind) {
    throw new Error(`predictedLabel column '${name}' is ${kind} but label column '${cfg.label}' is ${label.kind}: Predicted Label Column series datatype is not the same as Label Column series`);
  }
  let positive: Uint8Array;
  if (kind === 'continuous') {
    const num = toNumeric(col);
    let pred = num.values;
    if (label.isInt && !num.isInt) {
      // pandas astype(int64) truncates, and refuses missing values
      pred = Float64Array.from(num.values, (v) => {
        if (!Number.isFinite(v)) throw new Error(`predictedLabel column '${name}': Cannot convert non-finite values (NA or inf) to integer`);
        return Math.trunc(v);
      });
    }
    const both = new Float64Array(pred.length + (label.numbers as Float64Array).length);
    both.set(label.numbers as Float64Array);
    both.set(pred, (label.numbers as Float64Array).length);
    const iv = intervalOf(both, label.threshold as Threshold, label.isInt as boolean, 'labelValuesOrThreshold');
    positive = inInterval(pred, iv);
  } else {
    positive = categoricalIndex(col, cfg.labelValuesOrThreshold, 'labelValuesOrThreshold');
  }
  if (count(positive) === 0) {
    throw new Error(`predictedLabel column '${name}': No Label values are present in the predicted Label Column,Positive Predicted Index Series contains all False values`);
  }
  return positive;
}

/** One facet report entry: the codes that form the sensitive group d (the rest form a). */
export interface FacetSplit {
  valueOrThreshold: string;
  dCodes: number[];
}

/** Each row's facet code in [0, nCodes), and the splits Clarify reports, in its order. */
export interface FacetCoding {
  codes: Int32Array;
  nCodes: number;
  splits: FacetSplit[];
}

export function codeFacet(columns: BiasColumns, cfg: BiasConfig, nRows: number): FacetCoding {
  const col = requireColumn(columns, cfg.facet, 'facet');
  sameLength(col, nRows, 'facet', cfg.facet);
  const coded = codeValues(col);
  if (coded.levels.length < 2) {
    const only = coded.levels.length === 0 ? 'no values' : `the single value '${coded.levels[0]}'`;
    throw new Error(`facet column '${cfg.facet}' has ${only}: bias needs at least two facet groups`);
  }
  const values = cfg.facetValuesOrThreshold !== undefined && cfg.facetValuesOrThreshold.length > 0 ? cfg.facetValuesOrThreshold : undefined;
  const kind = columnKind(col, values);
  if (kind === 'continuous') {
    const t = thresholdOf(values, 'facetValuesOrThreshold');
    const num = toNumeric(col);
    const iv = intervalOf(num.values, t, num.isInt, 'facetValuesOrThreshold');
    return { codes: Int32Array.from(inInterval(num.values, iv)), nCodes: 2, splits: [{ valueOrThreshold: intervalStr(iv), dCodes: [1] }] };
  }
  if (values !== undefined) {
    const idx = categoricalIndex(col, values, 'facetValuesOrThreshold');
    thresholdOnText(col, values, count(idx), 'facetValuesOrThreshold', cfg.facet);
    return { codes: Int32Array.from(idx), nCodes: 2, splits: [{ valueOrThreshold: values.map(pyValueStr).join(','), dCodes: [1] }] };
  }
  // each category vs the rest, in order of appearance; missing values form pandas' "nan" category, which
  // selects no row (NaN == NaN is false) and so reports empty-facet errors, as Clarify does
  const nLevels = coded.levels.length;
  const codes = coded.codes.map((c) => (c < 0 ? nLevels : c));
  const splits: FacetSplit[] = coded.levels.map((v, c) => ({
    valueOrThreshold: typeof v === 'number' ? pyIntStr(v) : v,
    dCodes: [c],
  }));
  if (coded.missingAt >= 0) splits.splice(coded.missingAt, 0, { valueOrThreshold: 'nan', dCodes: [] });
  return { codes, nCodes: nLevels + (coded.missingAt >= 0 ? 1 : 0), splits };
}

/** Group codes for CDDL / CDDPL (-1 = missing, which joins no group), or null without a group variable. */
export function codeGroups(columns: BiasColumns, name: string | undefined, nRows: number): { codes: Int32Array; nGroups: number } | null {
  if (name === undefined) return null;
  const col = requireColumn(columns, name, 'group');
  sameLength(col, nRows, 'group', name);
  const coded = codeValues(col);
  return { codes: coded.codes, nGroups: coded.levels.length };
}
