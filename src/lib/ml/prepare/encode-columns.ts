// Source columns to float32 model features, and the encoding that does it, so that prediction on new
// data encodes exactly as training did. Categories: one-hot up to MAX_ONE_HOT, else ordinal by frequency.
import type { Table, Vector } from 'apache-arrow';
import type { SemanticType } from '../../data/types.ts';
import type { FeatureMatrix } from '../matrix.ts';
import type { SparseRows } from '../sparse.ts';
import { encodeSparse, isSparseEncoding } from './encode-sparse.ts';
import { booleanValues, epochSeconds, isTextStorage, numericShare, parseNumbers, textCodes, textColumn } from './column-values.ts';
import { PrepareError } from './errors.ts';
import { datePartNames, encodeDateParts, epochMs } from './date-parts.ts';
import { encodeNgrams, ngramNames } from './hashed-ngrams.ts';
import { encodeScaled } from './scale.ts';
import { encodeTarget, targetFeatureNames } from './target-encoding.ts';
import type { ColumnEncoding, FeatureEncoding } from './types.ts';

/** Most categories a column may have and still be one-hot encoded; more become one ordinal feature. */
export const MAX_ONE_HOT = 32;

/** Share of a text column's cells that must parse as numbers for it to count as a numeric column with stray strings. */
export const NUMERIC_SHARE = 0.9;

/** What to do with text that does not parse in a numeric column. */
export type InvalidNumbers = 'missing' | 'error';

/** Options of encoding beyond the encoding itself. */
export interface EncodeOptions {
  /** 'missing' turns unparsable text in numeric columns into missing values and adds a note; 'error' throws; defaults to 'missing'. */
  invalidNumbers?: InvalidNumbers;
  /** Receives sentences for the user (e.g. how many cells became missing); defaults to none. */
  onNote?: (note: string) => void;
}

/** XGBoost refuses feature names containing [ ] or <. */
function safeName(name: string): string {
  return name.replace(/\[/g, '(').replace(/\]/g, ')').replace(/</g, 'lt');
}

/** The raw feature names of one column's encoding (before featureNamesOf makes them unique). */
function columnFeatureNames(c: ColumnEncoding): string[] {
  switch (c.kind) {
    case 'one-hot': return c.categories.map((v) => `${c.name}=${v}`);
    case 'target-encoding': return targetFeatureNames(c);
    case 'date-parts': return datePartNames(c);
    case 'hashed-ngrams': return ngramNames(c);
    default: return [c.name];
  }
}

/** How many features one column's encoding produces. */
export function featureCountOf(c: ColumnEncoding): number {
  switch (c.kind) {
    case 'one-hot': return c.categories.length;
    case 'target-encoding': return c.classes ? c.classes.length : 1;
    case 'date-parts': return c.parts.length;
    case 'hashed-ngrams': return c.buckets;
    default: return 1;
  }
}

/** The feature names an encoding produces, in matrix order, made unique and acceptable to XGBoost. */
export function featureNamesOf(columns: readonly ColumnEncoding[]): string[] {
  const raw = columns.flatMap((c) => columnFeatureNames(c));
  const seen = new Set<string>();
  return raw.map((n) => {
    let name = safeName(n);
    for (let k = 2; seen.has(name); k++) name = `${safeName(n)}_${k}`;
    seen.add(name);
    return name;
  });
}

/**
 * The encoding of one column with semantic type `type`. `typeGiven` says the user chose the type; only an
 * inferred categorical whose cells are nearly all numbers is read as numeric (a numeric column with strays).
 */
export function fitColumnEncoding(column: Vector, name: string, type: SemanticType, typeGiven: boolean, categorical?: 'one-hot'): ColumnEncoding {
  switch (type) {
    case 'integer': case 'float': return { name, kind: 'numeric' };
    case 'boolean': return { name, kind: 'boolean' };
    case 'datetime': return { name, kind: 'datetime' };
    default: break;
  }
  // Codes, not a string per row: a 10-million-row column is one Int32Array.
  const { texts, codes } = textCodes(column);
  const perText = new Float64Array(texts.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) perText[codes[i]]++;
  if (!typeGiven && isTextStorage(column) && numericShare(texts, perText) >= NUMERIC_SHARE) return { name, kind: 'numeric' };
  const counts = new Map<string, number>(texts.map((t, k) => [t, perText[k]]));
  if (categorical === 'one-hot') return { name, kind: 'one-hot', categories: [...counts.keys()].sort(), missingAsZero: true };
  if (counts.size <= MAX_ONE_HOT) return { name, kind: 'one-hot', categories: [...counts.keys()].sort() };
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { name, kind: 'ordinal', categories: byFrequency.map(([v]) => v) };
}

function toFloat32(v: Float64Array): Float32Array {
  return Float32Array.from(v);
}

/** A numeric column's values as float64 (NaN = missing); unparsable text is noted, or refused with invalidNumbers 'error'. */
export function numericValues(column: Vector, name: string, options: EncodeOptions): Float64Array {
  const parsed = parseNumbers(column);
  if (parsed.unparsable > 0 && parsed.example) {
    const what = `column ${JSON.stringify(name)} is numeric but ${parsed.unparsable} cell${parsed.unparsable > 1 ? 's are' : ' is'} not a number `
      + `(first: ${JSON.stringify(parsed.example.text)} in data row ${parsed.example.row + 1})`;
    if (options.invalidNumbers === 'error') {
      throw new PrepareError(`${what}; fix or blank those cells, or treat the column as categorical`);
    }
    options.onNote?.(`${what}; they were read as missing`);
  }
  return parsed.values;
}

/** The features column `enc` produces from `column` (one array, or one per category, class, part or bucket). */
export function encodeColumn(column: Vector, enc: ColumnEncoding, options: EncodeOptions = {}): Float32Array[] {
  switch (enc.kind) {
    case 'numeric': return [toFloat32(numericValues(column, enc.name, options))];
    case 'scaled': return [encodeScaled(numericValues(column, enc.name, options), enc)];
    case 'date-parts': return encodeDateParts(epochMs(column), enc);
    case 'hashed-ngrams': return encodeNgrams(textColumn(column), enc);
    case 'target-encoding': return encodeTarget(textColumn(column), enc);
    case 'boolean': return [toFloat32(booleanValues(column))];
    case 'datetime': return [toFloat32(epochSeconds(column))];
    case 'one-hot': {
      const codes = categoryCodes(column, enc.categories);
      return enc.categories.map((_, k) => oneHotFeature(codes, k, enc.missingAsZero === true));
    }
    case 'ordinal': {
      const codes = categoryCodes(column, enc.categories);
      const out = new Float32Array(codes.length);
      for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? NaN : codes[i];
      return [out];
    }
  }
}

/** Per row, the index of its category in `categories`: MISSING_CATEGORY where the cell is missing, UNSEEN_CATEGORY where its text is not listed. */
export function categoryCodes(column: Vector, categories: readonly string[]): Int32Array {
  const index = new Map(categories.map((c, k) => [c, k]));
  const { texts, codes } = textCodes(column);
  const category = Int32Array.from(texts, (t) => index.get(t) ?? UNSEEN_CATEGORY);
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? MISSING_CATEGORY : category[codes[i]];
  return out;
}

/** categoryCodes' code for a missing cell. */
export const MISSING_CATEGORY = -1;
/** categoryCodes' code for a text the categories do not list. */
export const UNSEEN_CATEGORY = -2;

/** One-hot feature `k` of categoryCodes `codes`: 1 for category k, else 0; a missing cell is NaN, or 0 with `missingAsZero`. */
export function oneHotFeature(codes: Int32Array, k: number, missingAsZero: boolean): Float32Array {
  const out = new Float32Array(codes.length);
  const missing = missingAsZero ? 0 : NaN;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    out[i] = c === k ? 1 : c === MISSING_CATEGORY ? missing : 0;
  }
  return out;
}

/**
 * The model's feature matrix for `table`, encoded as `encoding` says (for prediction on new data).
 * Throws PrepareError naming every feature column the table lacks.
 */
export function encodeFeatures(table: Table, encoding: FeatureEncoding, options: EncodeOptions = {}): FeatureMatrix {
  const names = new Set(table.schema.fields.map((f) => f.name));
  const missing = encoding.columns.filter((c) => !names.has(c.name)).map((c) => JSON.stringify(c.name));
  if (missing.length > 0) {
    throw new PrepareError(`the data lacks ${missing.length > 1 ? 'feature columns' : 'feature column'} ${missing.join(', ')} that the model was trained on`);
  }
  if (isSparseEncoding(encoding.columns)) {
    const sparse = encodeSparse(table, encoding.columns, options);
    if (encoding.impute) fillSparseMissing(sparse, encoding.impute);
    return { features: [], sparse, nRows: table.numRows, nCols: sparse.nCols, featureNames: [...encoding.featureNames] };
  }
  const features: Float32Array[] = [];
  for (const enc of encoding.columns) features.push(...encodeColumn(table.getChild(enc.name)!, enc, options));
  if (encoding.impute) fillMissing(features, encoding.impute);
  return { features, nRows: table.numRows, nCols: features.length, featureNames: [...encoding.featureNames] };
}

/** Replaces NaN entries of sparse rows by their column's `means[j]`, in place; returns the count filled per column. */
export function fillSparseMissing(s: SparseRows, means: readonly number[]): number[] {
  const counts = new Array<number>(s.nCols).fill(0);
  for (let e = 0; e < s.values.length; e++) {
    if (s.values[e] !== s.values[e]) { s.values[e] = means[s.indices[e]] ?? 0; counts[s.indices[e]]++; }
  }
  return counts;
}

/** Replaces NaN in each feature column by `means[j]`, in place; returns the count filled per column. */
export function fillMissing(features: Float32Array[], means: readonly number[]): number[] {
  return features.map((col, j) => {
    let filled = 0;
    const m = means[j] ?? 0;
    for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) { col[i] = m; filled++; }
    return filled;
  });
}
