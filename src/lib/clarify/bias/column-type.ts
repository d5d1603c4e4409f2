// How Clarify decides whether a label / facet / predicted-label column is categorical or continuous
// (smclarify common.series_datatype + ensure_series_data_type), over mlpad's columns. A numeric column is
// treated as pandas would read it from CSV: int64 when every value is a whole number and none is missing,
// float64 otherwise.

import type { BiasColumn, BiasColumns } from './types.ts';

/** Clarify's UNIQUENESS_THRESHOLD: an integer column with at least 5% distinct values is continuous. */
export const UNIQUENESS_THRESHOLD = 0.05;

export type ColumnKind = 'categorical' | 'continuous';

export function isTextColumn(col: BiasColumn): col is (string | null)[] {
  return Array.isArray(col);
}

/** The column called `name`, or an Error naming the parameter that referred to it. */
export function requireColumn(columns: BiasColumns, name: string | undefined, param: string): BiasColumn {
  if (typeof name !== 'string' || name === '') throw new Error(`${param} must name a column`);
  const col = columns[name];
  if (col === undefined) {
    throw new Error(`${param} column '${name}' is not in the dataset (columns: ${Object.keys(columns).join(', ')})`);
  }
  return col;
}

/** Whether pandas would hold this numeric column as int64: no missing value, every value whole. */
export function numericIsInt(col: Float64Array | Float32Array): boolean {
  for (let i = 0; i < col.length; i++) if (!Number.isInteger(col[i])) return false;
  return true;
}

const INT_LITERAL = /^\s*[+-]?\d+\s*$/;

/** Whether `astype('int64')` succeeds on a text column: every value present and an integer literal. */
function textCastsToInt(col: (string | null)[]): boolean {
  for (const v of col) if (v === null || !INT_LITERAL.test(v)) return false;
  return col.length > 0;
}

/** nunique / count, both over present values (pandas drops NaN / None). */
function uniqueness(col: BiasColumn): number {
  const seen = new Set<string | number>();
  let count = 0;
  if (isTextColumn(col)) {
    for (const v of col) if (v !== null) { seen.add(v); count++; }
  } else {
    for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) { seen.add(col[i]); count++; }
  }
  return count === 0 ? 0 : seen.size / count;
}

/** Clarify's series_datatype: more than one value → categorical; floats → continuous; ints by uniqueness. */
export function columnKind(col: BiasColumn, values: (string | number)[] | undefined): ColumnKind {
  if (values !== undefined && values.length > 1) return 'categorical';
  if (isTextColumn(col)) {
    return textCastsToInt(col) && uniqueness(col) >= UNIQUENESS_THRESHOLD ? 'continuous' : 'categorical';
  }
  if (!numericIsInt(col)) return 'continuous';
  return uniqueness(col) >= UNIQUENESS_THRESHOLD ? 'continuous' : 'categorical';
}

/** A continuous column as numbers (pd.to_numeric), and whether pandas holds them as int64. */
export interface NumericData {
  values: Float64Array;
  isInt: boolean;
}

export function toNumeric(col: BiasColumn): NumericData {
  if (isTextColumn(col)) {
    // only text that casts to int is ever continuous
    return { values: Float64Array.from(col, (v) => (v === null ? NaN : Number(v))), isInt: true };
  }
  return { values: col instanceof Float64Array ? col : Float64Array.from(col), isInt: numericIsInt(col) };
}

/** A threshold as Clarify holds it after ensure_series_data_type: a number, int or float. */
export interface Threshold {
  value: number;
  isInt: boolean;
}

/**
 * The threshold of a continuous column: `values[0]`; a string is converted with float() as Clarify does.
 * Thrown errors name `param`.
 */
export function thresholdOf(values: (string | number)[] | undefined, param: string): Threshold {
  if (values === undefined || values.length === 0) {
    throw new Error(`${param}: threshold values must be provided for continuous features (give [threshold])`);
  }
  const v = values[0];
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new Error(`${param}: the threshold must be a number, got NaN`);
    return { value: v, isInt: Number.isInteger(v) };
  }
  const parsed = parsePyFloat(v);
  if (parsed === null) {
    throw new Error(`${param}: value provided must be a single numeric threshold for continuous data, got '${v}'`);
  }
  return { value: parsed, isInt: false };
}

/** Python float() of a string, or null when it raises. */
export function parsePyFloat(s: string): number | null {
  const t = s.trim().toLowerCase().replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Python int() of a string, or null when it raises. */
export function parsePyInt(s: string): number | null {
  return INT_LITERAL.test(s) ? Number(s.trim()) : null;
}
