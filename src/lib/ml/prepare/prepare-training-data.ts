// A loaded table to the matrices an estimator trains on: the target read as labels (rows without one
// dropped), feature columns encoded to float32, rows split into train / validation / test, and notes
// for the user about everything that was decided or repaired on the way.
import type { Table } from 'apache-arrow';
import { SEMANTIC_TYPES, type SemanticType } from '../../data/types.ts';
import { buildSchema } from '../../profile/schema.ts';
import type { FitData } from '../matrix.ts';
import { gatherSparseRows, type SparseRows } from '../sparse.ts';
import { encodeSparse } from './encode-sparse.ts';
import { epochSeconds, parseNumbers, textColumn } from './column-values.ts';
import { fitAutopilotEncoding, maybeScaled, type FitContext } from './autopilot-encoding.ts';
import { categoryCodes, encodeColumn, featureCountOf, featureNamesOf, fitColumnEncoding, MAX_ONE_HOT, oneHotFeature } from './encode-columns.ts';
import { MAX_NGRAM_BUCKETS } from './hashed-ngrams.ts';
import { outOfFoldTarget, TARGET_FOLDS } from './target-encoding.ts';
import { PrepareError } from './errors.ts';
import { fitTarget, inferTask } from './labels.ts';
import { splitRows, type SplitPlan } from './split.ts';
import { trainingType } from './training-type.ts';
import type { ColumnEncoding, FeatureEncoding, PrepareOptions, PreparedData, SplitMethod, Task } from './types.ts';

const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];
const METHODS: readonly SplitMethod[] = ['random', 'stratified', 'time'];

const q = (s: string) => JSON.stringify(s);

/** Most float32 feature cells a job encodes (1 GiB): past this a browser tab runs out of memory. */
export const MAX_CELLS = 268_000_000;

function checkFraction(value: unknown, name: string, dflt: number): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new PrepareError(`${name} must be a number in [0, 1); got ${JSON.stringify(value)}`);
  }
  return value;
}

function resolvePlan(options: PrepareOptions, task: Task | undefined, columns: Set<string>): SplitPlan & { timeColumn?: string } {
  const s = options.split ?? {};
  const method = s.method ?? (task === 'binary' || task === 'multiclass' ? 'stratified' : 'random');
  if (!METHODS.includes(method)) throw new PrepareError(`split.method must be one of ${METHODS.join(', ')}; got ${JSON.stringify(method)}`);
  if (method === 'stratified' && task === 'regression') throw new PrepareError('split.method "stratified" needs a classification target; use "random" or "time" for regression');
  if (method === 'stratified' && task === undefined) throw new PrepareError('split.method "stratified" needs a classification target; use "random" or "time" without a target');
  const validationFraction = checkFraction(s.validationFraction, 'split.validationFraction', 0.2);
  const testFraction = checkFraction(s.testFraction, 'split.testFraction', 0);
  if (validationFraction + testFraction >= 1) {
    throw new PrepareError(`split.validationFraction + split.testFraction must be below 1; got ${validationFraction} + ${testFraction}`);
  }
  const seed = s.seed ?? 0;
  if (!Number.isInteger(seed)) throw new PrepareError(`split.seed must be an integer; got ${JSON.stringify(seed)}`);
  if (method === 'time') {
    if (s.timeColumn === undefined) throw new PrepareError('split.timeColumn is required when split.method is "time"');
    if (!columns.has(s.timeColumn)) throw new PrepareError(`split.timeColumn ${q(s.timeColumn)} is not a column of the data`);
  }
  return { method, validationFraction, testFraction, seed, timeColumn: s.timeColumn };
}

function checkOptions(table: Table, options: PrepareOptions, columns: Set<string>): void {
  if (options === null || typeof options !== 'object') throw new PrepareError('options must be an object with at least { target }');
  if (options.target !== undefined && (typeof options.target !== 'string' || options.target === '')) throw new PrepareError('target must name a column of the data');
  if (options.target !== undefined && !columns.has(options.target)) {
    throw new PrepareError(`target ${q(options.target)} is not a column of the data; columns are ${[...columns].map(q).join(', ')}`);
  }
  if (table.numRows === 0) throw new PrepareError('the data has no rows');
  if (options.task !== undefined && options.target === undefined) throw new PrepareError('task needs a target column');
  if (options.task !== undefined && !TASKS.includes(options.task)) throw new PrepareError(`task must be one of ${TASKS.join(', ')}; got ${JSON.stringify(options.task)}`);
  for (const [name, type] of Object.entries(options.types ?? {})) {
    if (!columns.has(name)) throw new PrepareError(`types names column ${q(name)}, which is not in the data`);
    if (!SEMANTIC_TYPES.includes(type)) throw new PrepareError(`types[${q(name)}] must be one of ${SEMANTIC_TYPES.join(', ')}; got ${JSON.stringify(type)}`);
  }
  if (options.features !== undefined) {
    if (!Array.isArray(options.features) || options.features.length === 0) throw new PrepareError('features must be a non-empty array of column names');
    const unknown = options.features.filter((f) => !columns.has(f));
    if (unknown.length > 0) throw new PrepareError(`features names ${unknown.map(q).join(', ')}, not in the data`);
    if (options.target !== undefined && options.features.includes(options.target)) throw new PrepareError(`features must not include the target ${q(options.target)}`);
  }
  if (options.preprocessing !== undefined && options.preprocessing !== 'default' && options.preprocessing !== 'autopilot') {
    throw new PrepareError(`preprocessing must be "default" or "autopilot"; got ${JSON.stringify(options.preprocessing)}`);
  }
  if (options.scale !== undefined && typeof options.scale !== 'boolean') throw new PrepareError(`scale must be true or false; got ${JSON.stringify(options.scale)}`);
  if (options.ngramBuckets !== undefined && !(Number.isInteger(options.ngramBuckets) && options.ngramBuckets >= 1 && options.ngramBuckets <= MAX_NGRAM_BUCKETS)) {
    throw new PrepareError(`ngramBuckets must be an integer from 1 to ${MAX_NGRAM_BUCKETS}; got ${JSON.stringify(options.ngramBuckets)}`);
  }
  if (options.ngramTf !== undefined && typeof options.ngramTf !== 'boolean') throw new PrepareError(`ngramTf must be true or false; got ${JSON.stringify(options.ngramTf)}`);
  if (options.invalidNumbers !== undefined && options.invalidNumbers !== 'missing' && options.invalidNumbers !== 'error') {
    throw new PrepareError(`invalidNumbers must be "missing" or "error"; got ${JSON.stringify(options.invalidNumbers)}`);
  }
}

function gather(col: Float32Array, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]];
  return out;
}

function subset(features: Float32Array[] | SparseRows, labels: Float32Array | undefined, rows: Uint32Array, names: string[]): FitData {
  const lab = labels ? { labels: gather(labels, rows) } : {};
  if (!Array.isArray(features)) return { features: [], sparse: gatherSparseRows(features, rows), nRows: rows.length, nCols: features.nCols, featureNames: names, ...lab };
  return { features: features.map((c) => gather(c, rows)), nRows: rows.length, nCols: features.length, featureNames: names, ...lab };
}

/** Already-gathered feature columns of one split as FitData. */
function denseSplit(features: Float32Array[], labels: Float32Array | undefined, rows: Uint32Array, names: string[]): FitData {
  return { features, nRows: rows.length, nCols: features.length, featureNames: names, ...(labels ? { labels: gather(labels, rows) } : {}) };
}

/** A feature over the rows used: NaN when missing in every one, its value when constant, undefined when it varies. */
function constantValue(col: Float32Array, rows: Uint32Array): number | undefined {
  let first = NaN;
  for (const r of rows) {
    const v = col[r];
    if (v !== v) continue;
    if (first !== first) first = v;
    else if (v !== first) return undefined;
  }
  return first;
}

/** Indices of the rows whose label is present (all rows without labels), counted first so no growing array holds them. */
function rowsWithTarget(n: number, labels: Float32Array | undefined): Uint32Array {
  if (!labels) return Uint32Array.from({ length: n }, (_, i) => i);
  let count = 0;
  for (let i = 0; i < n; i++) if (labels[i] === labels[i]) count++;
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (labels[i] === labels[i]) rows[k++] = i;
  return rows;
}

/** Notes for features that cannot help: constant or entirely missing over the rows used. */
function constantNotes(constants: readonly (number | undefined)[], names: string[]): string[] {
  const notes: string[] = [];
  constants.forEach((first, j) => {
    if (first === undefined) return;
    if (first !== first) notes.push(`feature ${q(names[j])} is missing in every row; it is kept but cannot be used for splits`);
    else notes.push(`feature ${q(names[j])} is constant (${first}); it is kept but cannot be used for splits`);
  });
  return notes;
}

function describeEncoding(c: ColumnEncoding): string | undefined {
  if (c.kind === 'one-hot' && c.missingAsZero) return `column ${q(c.name)} is one-hot encoded (${c.categories.length} categories, one 0/1 feature each; a missing value sets none)`;
  if (c.kind === 'one-hot') return `column ${q(c.name)} is one-hot encoded (${c.categories.length} categories; ≤ ${MAX_ONE_HOT} get one 0/1 feature each)`;
  if (c.kind === 'ordinal') return `column ${q(c.name)} has ${c.categories.length} categories (more than ${MAX_ONE_HOT}); it is encoded as one feature holding each category's rank by frequency`;
  if (c.kind === 'datetime') return `column ${q(c.name)} is encoded as seconds since 1970-01-01 UTC`;
  if (c.kind === 'target-encoding') {
    return `column ${q(c.name)} has ${c.categories.length} categories in training (more than ${MAX_ONE_HOT}); it is target-encoded (m-estimate with m = ${c.smoothing} toward the training mean; training rows out of ${TARGET_FOLDS} folds; unseen or missing → the mean)`;
  }
  if (c.kind === 'date-parts') return `column ${q(c.name)} is encoded as its UTC ${c.parts.join(', ')}`;
  if (c.kind === 'hashed-ngrams') return `column ${q(c.name)} (text) is encoded as word 1- and 2-gram ${c.tf ? 'frequencies' : 'counts'} hashed into ${c.buckets} features`;
  if (c.kind === 'scaled') return `column ${q(c.name)} is standardized (mean ${Number(c.mean.toPrecision(4))}, standard deviation ${Number(c.std.toPrecision(4))})`;
  return undefined;
}

/**
 * Turns `table` into training (and validation / test) matrices for `options.target`, with the encoding
 * that prediction reuses. Throws PrepareError naming the argument or column at fault.
 */
export function prepareTrainingData(table: Table, options: PrepareOptions): PreparedData {
  const columns = new Set(table.schema.fields.map((f) => f.name));
  checkOptions(table, options, columns);
  const given = options.types ?? {};
  const types = new Map<string, SemanticType>(buildSchema(table).map((c) => [c.name, given[c.name] ?? trainingType(table.getChild(c.name)!, c.name, c.inferred)]));
  const target = options.target;
  const targetColumn = target === undefined ? undefined : table.getChild(target)!;
  const task = target === undefined ? undefined : options.task ?? inferTask(targetColumn!, types.get(target)!);
  const plan = resolvePlan(options, task, columns);
  const fitted = target === undefined || task === undefined ? undefined : fitTarget(targetColumn!, target, task, options.positiveLabel);
  const labels = fitted?.labels;
  const classes = fitted?.classes;
  const notes: string[] = [];

  const rows = rowsWithTarget(table.numRows, labels);
  const dropped = table.numRows - rows.length;
  if (dropped > 0) notes.push(`${dropped} row${dropped > 1 ? 's' : ''} with a missing target ${q(target!)} ${dropped > 1 ? 'were' : 'was'} dropped`);
  if (target !== undefined && options.task === undefined) notes.push(`task inferred from target ${q(target)}: ${task}${classes ? ` (${classes.length} classes)` : ''}`);

  const autopilot = options.preprocessing === 'autopilot';
  // The split comes first: what is fitted to the data (target statistics, date parts, scaling) sees the training rows only.
  const time = plan.method === 'time' && plan.timeColumn !== undefined ? timeValues(table, plan.timeColumn, types.get(plan.timeColumn)!) : undefined;
  const split = splitRows(rows, plan, classes ? labels : undefined, time);
  if (classes && labels) checkTrainingClasses(split.train, labels, classes, plan);

  let featureColumns = options.features;
  if (featureColumns === undefined) {
    featureColumns = [];
    for (const [name, type] of types) {
      if (name === target) continue;
      if (type === 'id' || (type === 'text' && !autopilot)) notes.push(`column ${q(name)} (${type}) is not used as a feature`);
      else featureColumns.push(name);
    }
    if (featureColumns.length === 0) {
      throw new PrepareError(target === undefined ? 'the data has no feature columns (id and text columns are left out)' : `the data has no feature columns besides the target ${q(target)} (id and text columns are left out)`);
    }
  }

  const encodings: ColumnEncoding[] = [];
  // Dense features go straight into their splits, one column at a time: the whole table's encoded column is
  // dropped once gathered, so a big job never holds every feature twice (all rows, then each split's rows).
  const dense = { train: [] as Float32Array[], validation: [] as Float32Array[], test: [] as Float32Array[] };
  const constants: (number | undefined)[] = [];
  let cells = 0;
  const sparse = options.categorical === 'one-hot';
  const onNote = (n: string) => notes.push(n);
  const ctx: FitContext = {
    rows: split.train, labels, ...(task !== undefined ? { target: { task, classes } } : {}), scale: options.scale,
    ngramBuckets: options.ngramBuckets, ngramTf: options.ngramTf, categorical: options.categorical,
  };
  for (const name of featureColumns) {
    const column = table.getChild(name)!;
    const typeGiven = Object.hasOwn(given, name);
    const enc = autopilot
      ? fitAutopilotEncoding(column, name, types.get(name)!, typeGiven, ctx)
      : maybeScaled(fitColumnEncoding(column, name, types.get(name)!, typeGiven, options.categorical), column, ctx);
    encodings.push(enc);
    // Sparse jobs hold one-hot columns as their non-zeros only.
    const width = enc.kind === 'one-hot' && sparse ? 1 : featureCountOf(enc);
    cells += table.numRows * width;
    if (cells > MAX_CELLS) {
      throw new PrepareError(`the encoded features would hold ${(cells / 1e6).toFixed(0)} million cells or more (column ${q(name)} has ${enc.kind === 'one-hot' ? `${enc.categories.length} categories, each a feature` : width > 1 ? `${width} features` : 'one feature'}), past the ${MAX_CELLS / 1e6} million this tab can hold; leave out high-cardinality columns or use fewer rows`);
    }
    if (!sparse) {
      const keep = (c: Float32Array) => {
        constants.push(constantValue(c, rows));
        dense.train.push(gather(c, split.train));
        if (split.validation.length > 0) dense.validation.push(gather(c, split.validation));
        if (split.test.length > 0) dense.test.push(gather(c, split.test));
      };
      if (enc.kind === 'one-hot') {
        // One category's whole-table feature at a time, not all of them at once.
        const codes = categoryCodes(column, enc.categories);
        enc.categories.forEach((_, k) => keep(oneHotFeature(codes, k, enc.missingAsZero === true)));
      } else {
        const encoded = encodeColumn(column, enc, { invalidNumbers: options.invalidNumbers, onNote });
        if (enc.kind === 'target-encoding') outOfFoldTarget(encoded, textColumn(column), labels!, split.train, enc, task!, plan.seed);
        encoded.forEach(keep);
      }
    }
    const how = describeEncoding(enc);
    if (how) notes.push(how);
  }
  const featureNames = featureNamesOf(encodings);
  const matrix = sparse ? encodeSparse(table, encodings, { invalidNumbers: options.invalidNumbers, onNote }) : null;
  if (!sparse) notes.push(...constantNotes(constants, featureNames));
  const part = (name: 'train' | 'validation' | 'test', at: Uint32Array): FitData =>
    matrix ? subset(matrix, labels, at, featureNames) : denseSplit(dense[name], labels, at, featureNames);

  const encoding: FeatureEncoding = { columns: encodings, featureNames, ...(target !== undefined ? { target, task } : {}), ...(classes ? { classes } : {}) };
  return {
    rows: { train: split.train, ...(split.validation.length > 0 ? { validation: split.validation } : {}), ...(split.test.length > 0 ? { test: split.test } : {}) },
    train: part('train', split.train),
    ...(split.validation.length > 0 ? { validation: part('validation', split.validation) } : {}),
    ...(split.test.length > 0 ? { test: part('test', split.test) } : {}),
    encoding,
    droppedMissingTarget: dropped,
    idColumns: [...types].filter(([name, type]) => type === 'id' && name !== target).map(([name]) => name),
    notes,
  };
}

/** A classifier needs every split's training rows to hold two classes; say so in the user's words when they do not. */
function checkTrainingClasses(train: Uint32Array, labels: Float32Array, classes: readonly string[], plan: SplitPlan): void {
  const seen = new Set<number>();
  for (const r of train) { seen.add(labels[r]); if (seen.size > 1) return; }
  const only = classes[[...seen][0] ?? 0];
  const held = plan.validationFraction + plan.testFraction > 0
    ? `; lower Validation % or Test % (now ${Math.round(plan.validationFraction * 100)}% and ${Math.round(plan.testFraction * 100)}%)${plan.method === 'time' ? ' or split at random' : ''}, or add rows of the other classes`
    : '; add rows of the other classes';
  throw new PrepareError(`the training split has only one class (${JSON.stringify(only)}) of ${classes.length}${held}`);
}

function timeValues(table: Table, name: string, type: SemanticType): Float64Array {
  const column = table.getChild(name)!;
  if (type === 'datetime') return epochSeconds(column);
  if (type !== 'integer' && type !== 'float') throw new PrepareError(`split.timeColumn ${q(name)} must be a datetime or numeric column; it is ${type}`);
  return parseNumbers(column).values;
}
