// A labelled file replayed as endpoint traffic: one request per row (or per `batch` rows), in the
// payloads SageMaker's built-in containers take, with the row's true label kept beside it for the
// shadow comparison and the roll-out alarms. text/csv: no header, the inputs in order, a field holding a
// comma, quote or line break quoted, a missing value empty. application/json: {"instances":
// [{"features": [...]}]}, missing as null. Numbers are written in JavaScript's shortest round-trip
// form, booleans as 1 / 0 (as DeployInput says a model reads them), dates and timestamps as ISO 8601.
import { DataType, type Data, type Table, type Vector } from 'apache-arrow';
import { chunkGetter, chunksOf, int64Reader, isValidAt, storageKind, validityOf } from '../profile/arrow-columns.ts';
import { csvLine } from './csv-row.ts';
import type { InferenceRequest } from './types.ts';

/** One replayed request. */
export interface ReplayItem {
  request: InferenceRequest;
  /** The label of the request's row (batch 1) or first row, when a label column is named and the cell is not missing. */
  label?: number | string;
  /** Every row's label (null when missing), when a label column is named. */
  labels?: (number | string | null)[];
  /** Index of the request's first row in the table. */
  row: number;
  /** Rows in the request. */
  rows: number;
}

export interface ReplayOptions {
  /** Column holding the true label; defaults to none. */
  label?: string;
  /** Request body format; defaults to 'text/csv'. */
  contentType?: 'text/csv' | 'application/json';
  /** Rows per request; defaults to 1. */
  batch?: number;
}

type Cell = number | string | null;

/** Cells of one chunk, read from its typed arrays where that is cheap and through Arrow's getter otherwise. */
function chunkCells(data: Data, out: Cell[]): void {
  const kind = storageKind(data.type);
  const bitmap = validityOf(data);
  const offset = data.offset;
  const n = data.length;
  if (kind === 'float' || kind === 'int' || kind === 'int64') {
    const values = data.values as ArrayLike<number>;
    const read = kind === 'int64' ? int64Reader(data.values as BigInt64Array | BigUint64Array) : (i: number) => values[i];
    for (let i = 0; i < n; i++) {
      const x = isValidAt(bitmap, offset, i) ? read(i) : NaN;
      out.push(Number.isNaN(x) ? null : x);
    }
    return;
  }
  if (kind === 'dictionary') {
    const dictionary = data.dictionary as Vector | undefined;
    const entries = dictionary ? Array.from({ length: dictionary.length }, (_, k) => dictionary.get(k) as unknown) : [];
    const codes = data.values as ArrayLike<number | bigint>;
    for (let i = 0; i < n; i++) {
      const v = isValidAt(bitmap, offset, i) ? entries[Number(codes[i])] : null;
      out.push(v === null || v === undefined ? null : String(v));
    }
    return;
  }
  const get = chunkGetter(data);
  for (let i = 0; i < n; i++) {
    const v = get(i);
    if (v === null || v === undefined) out.push(null);
    else if (kind === 'bool') out.push(v ? 1 : 0);
    else if (kind === 'date' || kind === 'timestamp') {
      const iso = new Date(Number(v)).toISOString();
      out.push(kind === 'date' && iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso);
    } else if (typeof v === 'number') out.push(Number.isNaN(v) ? null : v);
    else if (typeof v === 'bigint') out.push(Number(v));
    else out.push(String(v));
  }
}

/** A column's cells in row order. */
function columnCells(column: Vector): Cell[] {
  const out: Cell[] = [];
  for (const data of chunksOf(column)) chunkCells(data, out);
  return out;
}

function columnOf(fn: string, table: Table, name: string, what: string): Vector {
  const v = table.getChild(name);
  if (v === null) throw new RangeError(`${fn}: ${what} '${name}' is not a column of the table; its columns are ${table.schema.fields.map((f) => f.name).join(', ')}.`);
  return v as Vector;
}

/** One request per row (or per `batch` rows) of `table`, its `inputs` columns in order, labels beside. */
export function replayRequests(table: Table, inputs: readonly string[], options: ReplayOptions = {}): ReplayItem[] {
  const fn = 'replayRequests';
  if (table === null || typeof table !== 'object' || !Array.isArray(table.schema?.fields)) throw new TypeError(`${fn}: table must be an apache-arrow Table.`);
  if (!Array.isArray(inputs) || inputs.length === 0) throw new TypeError(`${fn}: inputs must be a non-empty array of column names, the model's inputs in order.`);
  const { label, contentType = 'text/csv', batch = 1 } = options;
  if (contentType !== 'text/csv' && contentType !== 'application/json') throw new RangeError(`${fn}: options.contentType must be 'text/csv' or 'application/json', got ${String(contentType)}.`);
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`${fn}: options.batch must be an integer ≥ 1, got ${batch}.`);
  const columns = inputs.map((name) => columnCells(columnOf(fn, table, name, 'input')));
  const labelColumn = label === undefined ? undefined : columnOf(fn, table, label, 'options.label');
  const labels = labelColumn ? columnCells(labelColumn) : undefined;
  // A label column read as text keeps its text ("1" stays "1"); a numeric one its numbers.
  const labelIsText = labelColumn !== undefined && !DataType.isInt(labelColumn.type) && !DataType.isFloat(labelColumn.type) && !DataType.isBool(labelColumn.type);
  const out: ReplayItem[] = [];
  const n = table.numRows;
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    const rows: Cell[][] = [];
    for (let r = start; r < end; r++) rows.push(columns.map((c) => c[r]));
    const body = contentType === 'text/csv'
      ? rows.map(csvLine).join('\n')
      : JSON.stringify({ instances: rows.map((features) => ({ features })) });
    const item: ReplayItem = { request: { body, contentType }, row: start, rows: end - start };
    if (labels) {
      item.labels = labels.slice(start, end).map((v) => (v === null || !labelIsText ? v : String(v)));
      const first = item.labels[0];
      if (first !== null) item.label = first;
    }
    out.push(item);
  }
  return out;
}
