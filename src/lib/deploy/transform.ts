// Batch transform as SageMaker runs it, over a loaded table: input_filter picks the columns the model sees
// (matched to its inputs by name; a native model without feature names takes them by position), rows are
// scored in batches with progress and cancel, and each output row is the prediction alone or, with
// join_source Input, the whole input row joined to it (CSV: input fields then prediction fields; JSON Lines:
// the input record with the prediction under "SageMakerOutput", as SageMaker joins JSON), then output_filter
// picks the output columns. Missing inputs are scored as missing values and extra columns are reported, by
// name. A cell that is not a number in a numeric input fails only its own row (listed in the report).
//
// split_type: 'Line' scores every row as its own record. 'None' sends the whole file as one request; for
// text/csv and application/jsonlines that gives the same output (one line per row) and the report says so;
// for application/json it gives one response document for the file instead of one per line.
import { DataType, makeVector, Precision, Table, type Vector } from 'apache-arrow';
import { textData } from '../data/arrow-vectors.ts';
import { csvField } from '../engine/predictions-csv.ts';
import { isTextStorage, textColumn } from '../ml/prepare/column-values.ts';
import { numericColumn, parseDecimal } from '../profile/numeric-column.ts';
import { ModelDataError, score, type DeployModel } from './deploy-model.ts';
import { parseFilter, selectColumns } from './filters.ts';
import { csvLineAt, float32Number, float32Text, recordAt, recordCsvFields, recordCsvHeader, recordJson } from './response.ts';
import { responseListKey } from './response-shapes.ts';
import type { PredictionRecord, ResponseContentType, TransformOptions, TransformReport } from './types.ts';

/** Default rows per model call. */
export const DEFAULT_BATCH_ROWS = 65_536;
/** Row errors listed in a report; the rest are counted. */
const MAX_ROW_ERRORS = 100;
/** The key SageMaker joins a JSON prediction under. */
export const JOIN_KEY = 'SageMakerOutput';

/** Batch transform's options beyond SageMaker's. */
export interface TransformRunOptions extends TransformOptions {
  /** Whether a text/csv output starts with a header line naming its columns; defaults to true (SageMaker writes none). */
  header?: boolean;
}

/** Progress and cancellation. */
export interface TransformHooks {
  /** Called after each batch with rows done and rows in all; defaults to none. */
  onProgress?(done: number, total: number): void;
  /** Polled before each batch; true stops, keeping the rows done (the report says so); defaults to never. */
  shouldStop?(): boolean;
}

/** What batchTransform returns. */
export interface TransformResult {
  body: string;
  contentType: ResponseContentType;
  report: TransformReport;
}

/** Options that do not fit together or are out of range; the message names the option. */
export class TransformError extends Error {
  override name = 'TransformError';
}

function checkOptions(o: TransformRunOptions): Required<Omit<TransformRunOptions, 'inputFilter' | 'outputFilter'>> & { inputFilter: string; outputFilter: string } {
  const splitType = o.splitType ?? 'Line';
  if (splitType !== 'Line' && splitType !== 'None') throw new TransformError(`splitType must be 'Line' or 'None'; got ${JSON.stringify(o.splitType)}`);
  const accept = o.accept ?? 'text/csv';
  if (accept !== 'text/csv' && accept !== 'application/jsonlines' && accept !== 'application/json') {
    throw new TransformError(`accept must be text/csv, application/jsonlines or application/json; got ${JSON.stringify(o.accept)}`);
  }
  const joinSource = o.joinSource ?? 'None';
  if (joinSource !== 'Input' && joinSource !== 'None') throw new TransformError(`joinSource must be 'Input' or 'None'; got ${JSON.stringify(o.joinSource)}`);
  const batchRows = o.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 10_000_000) throw new TransformError(`batchRows must be a whole number from 1 to 10,000,000; got ${String(o.batchRows)}`);
  const outputFilter = o.outputFilter ?? '$';
  if (accept === 'application/json' && (joinSource === 'Input' || outputFilter.trim() !== '$')) {
    throw new TransformError('join_source Input and output_filter need a line-per-record output; use accept text/csv or application/jsonlines');
  }
  return { splitType, accept, joinSource, batchRows, inputFilter: o.inputFilter ?? '$', outputFilter, header: o.header ?? true };
}

function emptyColumn(n: number, numeric: boolean): Vector {
  return numeric ? makeVector(new Float64Array(n).fill(NaN)) : makeVector(textData(() => null, n));
}

/** Whether a vector holds float32 numbers (written with float32's shortest decimals, not float64 noise). */
function isFloat32(v: Vector): boolean {
  return DataType.isFloat(v.type) && v.type.precision === Precision.SINGLE;
}

/** The input cells of a batch as JSON values: numbers for numeric columns, text otherwise, null where missing. */
function jsonValues(v: Vector): (string | number | null)[] {
  if (isFloat32(v)) return Array.from(numericColumn(v), (x) => (Number.isNaN(x) ? null : float32Number(x)));
  if (DataType.isFloat(v.type) || DataType.isInt(v.type)) return Array.from(numericColumn(v), (x) => (Number.isNaN(x) ? null : x));
  return textColumn(v);
}

/** The input cells of a batch as CSV text ('' where missing). */
function csvTexts(v: Vector): string[] {
  if (isFloat32(v)) return Array.from(numericColumn(v), (x) => float32Text(x));
  return textColumn(v).map((t) => csvField(t ?? ''));
}

/** Runs a batch transform of `input` with model `m`. Throws ModelDataError when the data does not fit the model. */
export async function batchTransform(m: DeployModel, input: Table, options: TransformRunOptions = {}, hooks: TransformHooks = {}): Promise<TransformResult> {
  const t0 = globalThis.performance.now();
  if (!(input instanceof Table)) throw new TypeError('batchTransform: input must be an Arrow Table (load the file with loadBytes)');
  const o = checkOptions(options);
  const { facts } = m;
  const total = input.numRows;
  if (total === 0) throw new ModelDataError('the data has no rows to transform');
  const columns = input.schema.fields.map((f) => f.name);
  const selected = selectColumns(parseFilter(o.inputFilter, 'input_filter'), columns, 'input_filter');
  const notes: string[] = [];
  const modelColumns = Object.create(null) as Record<string, Vector>;
  let missingColumns: string[] = [];
  let extraColumns: string[] = [];
  if (m.positional) {
    if (selected.length !== facts.inputs.length) {
      throw new ModelDataError(`${m.file} has no feature names, so it reads ${facts.inputs.length} columns by position; the data${o.inputFilter !== '$' ? ' after input_filter' : ''} has ${selected.length} (${selected.map((j) => columns[j]).join(', ')}); use input_filter to pick ${facts.inputs.length}`);
    }
    facts.inputs.forEach((inp, j) => { modelColumns[inp.name] = input.getChildAt(selected[j])!; });
  } else {
    const names = new Set(selected.map((j) => columns[j]));
    const wanted = new Set(facts.inputs.map((i) => i.name));
    missingColumns = facts.inputs.filter((i) => !names.has(i.name)).map((i) => i.name);
    extraColumns = [...names].filter((n) => !wanted.has(n));
    if (missingColumns.length === facts.inputs.length) {
      throw new ModelDataError(`the data has none of the columns ${m.file} reads (${facts.inputs.slice(0, 12).map((i) => JSON.stringify(i.name)).join(', ')}${facts.inputs.length > 12 ? ', …' : ''}); its columns are ${[...names].slice(0, 12).map((n) => JSON.stringify(n)).join(', ')}`);
    }
    for (const inp of facts.inputs) modelColumns[inp.name] = names.has(inp.name) ? input.getChild(inp.name)! : emptyColumn(total, inp.type === 'number');
    if (missingColumns.length > 0) notes.push(`${missingColumns.length} input column${missingColumns.length > 1 ? 's are' : ' is'} missing from the data and scored as missing values: ${missingColumns.join(', ')}`);
    if (extraColumns.length > 0) {
      const many = extraColumns.length > 1;
      const fate = o.joinSource === 'Input' ? (many ? 'pass' : 'passes') + ' through to the output' : (many ? 'were' : 'was') + ' dropped';
      notes.push(`${extraColumns.length} column${many ? 's' : ''} the model does not read ${fate}: ${extraColumns.join(', ')}`);
    }
  }
  // Text that is not a number in a numeric input fails its own row, not the whole job.
  const bad = new Map<number, string>();
  const numericKinds = new Set(m.encoding ? m.encoding.columns.filter((c) => c.kind === 'numeric').map((c) => c.name) : facts.inputs.map((i) => i.name));
  for (const inp of facts.inputs) {
    const v = modelColumns[inp.name];
    if (!numericKinds.has(inp.name) || !isTextStorage(v)) continue;
    const text = textColumn(v);
    const values = new Float64Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const t = text[i];
      values[i] = t === null ? NaN : parseDecimal(t);
      if (t !== null && Number.isNaN(values[i]) && !bad.has(i)) bad.set(i, `column ${JSON.stringify(inp.name)}: ${JSON.stringify(t.slice(0, 60))} is not a number`);
    }
    modelColumns[inp.name] = makeVector(values);
  }
  const modelTable = new Table(modelColumns);
  const join = o.joinSource === 'Input';
  const csv = o.accept === 'text/csv';
  const chunks: string[] = [];
  let outSel: number[] | null = null;
  let outNames: string[] = [];
  const outputFilter = parseFilter(o.outputFilter, 'output_filter');
  const records: PredictionRecord[] = [];
  let done = 0;
  for (let start = 0; start < total; start += o.batchRows) {
    if (hooks.shouldStop?.()) { notes.push(`stopped after ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`); break; }
    const end = Math.min(total, start + o.batchRows);
    const inference = await score(m, modelTable.slice(start, end));
    const n = end - start;
    // CSV is written straight from the inference; records are built only where JSON needs them.
    const batch: PredictionRecord[] = csv ? [] : new Array(n);
    if (!csv) for (let i = 0; i < n; i++) batch[i] = bad.has(start + i) ? {} : recordAt(facts, inference, i);
    if (outSel === null) {
      let first = 0;
      while (first < n && bad.has(start + first)) first++;
      const sample = first < n ? recordAt(facts, inference, first) : undefined;
      outNames = csv ? [...(join ? columns : []), ...recordCsvHeader(facts, sample)] : join ? [...columns, JOIN_KEY] : [...facts.fields];
      outSel = selectColumns(outputFilter, outNames, 'output_filter');
      if (csv && o.header) chunks.push(`${outSel.map((j) => csvField(outNames[j])).join(',')}\n`);
    }
    const inputSlice = join ? input.slice(start, end) : null;
    const width = csv ? outNames.length - (join ? columns.length : 0) : 0;
    if (o.accept === 'application/json') {
      if (o.splitType === 'None') for (const r of batch) records.push(r);
      else chunks.push(batch.map((r) => `{"${responseListKey(facts.kind)}":[${recordJson(r)}]}\n`).join(''));
    } else if (csv) {
      const inputText = inputSlice ? columns.map((_, j) => csvTexts(inputSlice.getChildAt(j)!)) : [];
      const lines = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const failed = bad.has(start + i);
        if (!inputSlice && outputFilter.kind === 'all') { lines[i] = failed ? new Array<string>(width).fill('').join(',') : csvLineAt(facts, inference, i); continue; }
        const pred = failed ? new Array<string>(width).fill('') : recordCsvFields(facts, recordAt(facts, inference, i));
        const row = [...inputText.map((c) => c[i]), ...pred];
        lines[i] = outSel.map((j) => row[j] ?? '').join(',');
      }
      chunks.push(`${lines.join('\n')}\n`);
    } else {
      const inputJson = inputSlice ? columns.map((_, j) => jsonValues(inputSlice.getChildAt(j)!)) : [];
      const lines = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        let obj: Record<string, unknown>;
        if (join) {
          obj = Object.create(null) as Record<string, unknown>;
          columns.forEach((c, j) => { obj[c] = inputJson[j][i]; });
          obj[JOIN_KEY] = batch[i];
        } else obj = batch[i] as Record<string, unknown>;
        if (outputFilter.kind !== 'all') {
          const picked = Object.create(null) as Record<string, unknown>;
          for (const j of outSel) if (obj[outNames[j]] !== undefined) picked[outNames[j]] = obj[outNames[j]];
          obj = picked;
        }
        lines[i] = JSON.stringify(obj);
      }
      chunks.push(`${lines.join('\n')}\n`);
    }
    done = end;
    hooks.onProgress?.(done, total);
  }
  if (o.accept === 'application/json' && o.splitType === 'None') chunks.push(`{"${responseListKey(facts.kind)}":[${records.map(recordJson).join(',')}]}\n`);
  if (o.splitType === 'None') {
    notes.push(o.accept === 'application/json'
      ? 'split_type None: the whole file was scored as one request and answered as one JSON document'
      : 'split_type None: the whole file was scored as one request; the output has one line per row, as with Line');
  }
  if (join && columns.includes(JOIN_KEY) && !csv) notes.push(`the input column "${JOIN_KEY}" was replaced by the prediction in the joined output`);
  const rowErrors = [...bad.entries()].filter(([row]) => row < done).sort((a, b) => a[0] - b[0]).slice(0, MAX_ROW_ERRORS).map(([row, message]) => ({ row: row + 1, message }));
  const failed = [...bad.keys()].filter((row) => row < done).length;
  if (failed > 0) notes.push(`${failed.toLocaleString('en')} row${failed > 1 ? 's' : ''} could not be scored and ${failed > 1 ? 'have' : 'has'} an empty prediction${failed > MAX_ROW_ERRORS ? ` (the first ${MAX_ROW_ERRORS} are listed)` : ''}`);
  return {
    body: chunks.join(''),
    contentType: o.accept,
    report: { rows: done, missingColumns, extraColumns, rowErrors, notes, ms: globalThis.performance.now() - t0 },
  };
}
