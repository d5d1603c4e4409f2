// What a column means to a modeller, guessed from its storage and values. The guess only picks a
// default: the user can override any column, so each rule prefers the reading that is cheap to correct.
import { DataType, type Vector } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { storageKind } from './arrow-columns.ts';
import { parseIsoDate } from './iso-date.ts';
import { NumericWindows, nonMissingInto } from './numeric-column.ts';
import { valueCounts } from './value-counts.ts';

/** Fewest non-missing text cells before an all-distinct column is read as an id; below it, "all distinct" is chance. */
export const MIN_ROWS_FOR_TEXT_ID = 20;

/** Share of distinct values among the non-missing text cells above which a column is an id or text, never a category. */
export const NEARLY_ALL_DISTINCT = 0.95;

// id, uuid, guid, key, and suffixes like customer_id, order-key, userId, UserID. Only the camelCase
// forms are case-sensitive so that words like "paid" or "monkey" do not match.
const ID_NAME = /^(?:id|uuid|guid|key)$|[_\s.-](?:id|uuid|guid|key)$/i;
const ID_CAMEL = /[a-z0-9](?:Id|ID|Uuid|UUID|Key)$/;

/** Whether a column name says it holds identifiers (id, *_id, *Id, uuid, key). */
export function looksLikeIdName(name: string): boolean {
  const n = name.trim();
  return ID_NAME.test(n) || ID_CAMEL.test(n);
}

// Spellings of a two-valued flag, mapped to their truth value.
const BOOLEAN_WORDS = new Map<string, boolean>([
  ['yes', true], ['no', false], ['y', true], ['n', false], ['t', true], ['f', false], ['true', true], ['false', false],
]);

function looksBoolean(values: Iterable<string>): boolean {
  const seen = new Set<boolean>();
  for (const v of values) {
    const truth = BOOLEAN_WORDS.get(v.trim().toLowerCase());
    // Two spellings of the same truth ("yes", "y") are two categories, not a flag.
    if (truth === undefined || seen.has(truth)) return false;
    seen.add(truth);
  }
  return seen.size > 0;
}

function allDistinctSorted(sorted: Float64Array): boolean {
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

/** Rows read per step while scanning a numeric column: the scan holds this many numbers, never a copy of the column. */
const SCAN_ROWS = 65_536;

/** Calls `each` with windows of the column's numbers (NaN = missing), as numericColumn would read them. */
function scanNumbers(column: Vector, each: (window: Float64Array) => void): void {
  const reader = new NumericWindows(column);
  const scratch = new Float64Array(Math.min(SCAN_ROWS, column.length));
  for (let start = 0; start < column.length; start += SCAN_ROWS) {
    const n = Math.min(SCAN_ROWS, column.length - start);
    each(reader.read(start, n === scratch.length ? scratch : scratch.subarray(0, n)));
  }
}

function inferNumeric(column: Vector, name: string, integerStorage: boolean): SemanticType {
  // One pass over windows of the column (a 10-million-row column is never copied): how many values there are,
  // whether each is whole, and whether they are only 0 and 1.
  let count = 0;
  let whole = true;
  let zero = false;
  let one = false;
  let other = false;
  scanNumbers(column, (w) => {
    for (let i = 0; i < w.length; i++) {
      const v = w[i];
      if (v !== v) continue;
      count++;
      if (whole && !Number.isInteger(v)) whole = false;
      if (v === 0) zero = true;
      else if (v === 1) one = true;
      else other = true;
    }
  });
  // Integer storage needs no scan; a float column is integer when every value is whole (CSV readers
  // often store 3.0 as a float). Non-finite values are not whole, so a column with Infinity is float.
  if (!integerStorage && (!whole || count === 0)) return 'float';
  if (looksLikeIdName(name) && count > 0) {
    // The name alone is not enough: store_id in a sales table repeats and is really a category, so the
    // values must also be unique.
    const values = new Float64Array(column.length);
    if (allDistinctSorted(values.subarray(0, nonMissingInto(column, values)).sort())) return 'id';
  }
  // A column of only 0 and 1 is a flag (survived, is_fraud, has_garage), as the Schema legend says. Read as
  // boolean, a model gets the same 0/1 feature, a target is a yes/no question rather than a regression, and
  // the profile counts the 1s instead of drawing a two-bar histogram; a count that happens to be 0/1 is one
  // override away.
  if (zero && one && !other) return 'boolean';
  return 'integer';
}

// Stops at the first value that is not a date, so a column of ids or words costs one parse.
function allIsoDates(size: number, valueAt: (i: number) => string): boolean {
  for (let i = 0; i < size; i++) if (Number.isNaN(parseIsoDate(valueAt(i)))) return false;
  return true;
}

function inferText(column: Vector): SemanticType {
  const counts = valueCounts(column);
  const present = column.length - counts.missing;
  const distinct = counts.counts.length;
  if (distinct === 0) return 'categorical';
  // Text flags (yes/no, Y/N, t/f) that the loader left as strings.
  if (distinct <= 2 && looksBoolean(Array.from({ length: distinct }, (_, i) => counts.valueAt(i)))) return 'boolean';
  // Dates the loader left as text (e.g. Utf8 columns from Arrow files). Every distinct value must parse,
  // so a free-text column with one date in it stays text.
  if (allIsoDates(distinct, counts.valueAt)) return 'datetime';
  const stats = counts.textStats();
  // Nearly every value unique: a model could only memorise it, so it is never a huge categorical. Short
  // single tokens are keys (order numbers, UUIDs, usernames); values with spaces are names and titles
  // (movies' Title), free text to a model.
  if (present >= MIN_ROWS_FOR_TEXT_ID && distinct >= NEARLY_ALL_DISTINCT * present) {
    return !stats.whitespace && stats.maxLength <= 64 ? 'id' : 'text';
  }
  // Few levels relative to the rows: a category a model can one-hot encode.
  if (distinct <= Math.max(20, 0.05 * present)) return 'categorical';
  // Long or wordy values are prose (reviews, descriptions), which wants text features, not one-hot.
  if (stats.chars / present > 30 || stats.spaces / present >= 3) return 'text';
  return 'categorical';
}

/** The semantic type of `column`, judged from its Arrow type, its values and its `name`. */
export function inferSemanticType(column: Vector, name: string): SemanticType {
  if (column === null || typeof column !== 'object' || !('type' in column)) {
    throw new TypeError(`inferSemanticType: column must be an Arrow Vector; got ${column === null ? 'null' : typeof column}`);
  }
  if (typeof name !== 'string') throw new TypeError(`inferSemanticType: name must be a string; got ${typeof name}`);
  switch (storageKind(column.type)) {
    case 'bool': return 'boolean';
    case 'date':
    case 'timestamp': return 'datetime';
    case 'int':
    case 'int64': return inferNumeric(column, name, true);
    case 'float': return inferNumeric(column, name, false);
    // Half floats have no typed-array kernel but are numbers all the same.
    default: return DataType.isFloat(column.type) ? inferNumeric(column, name, false) : inferText(column);
  }
}
