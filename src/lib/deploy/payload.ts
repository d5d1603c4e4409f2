// A request body as SageMaker's inference containers take it, read into a table of the model's inputs:
// text/csv rows without a header in the model's input order (label_size=N drops N leading label fields),
// application/json `{"instances": [...]}` or `{"features": [...]}`, and application/jsonlines one instance
// per line. An instance is `{"features": [...]}`, `{"data": {"features": {"values": [...]}}}`, a bare array,
// or an object of input name → value. The body is untrusted: JSON.parse only (no eval), keys are read as own
// properties of the inputs' names (so `__proto__` is just an unknown key), and rows and fields are capped.
import { makeVector, Table, type Vector } from 'apache-arrow';
import { textData } from '../data/arrow-vectors.ts';
import { DEFAULT_MISSING_TOKENS } from '../data/types.ts';
import { parseDecimal } from '../profile/numeric-column.ts';
import { PayloadError } from './payload-error.ts';
import type { DeployModelFacts, InferenceRequest, RequestContentType } from './types.ts';

export { PayloadError } from './payload-error.ts';

/** Most rows one request may hold. */
export const MAX_REQUEST_ROWS = 1_000_000;

const MISSING = new Set(DEFAULT_MISSING_TOKENS);

type Cell = string | number | boolean | null;

const SHAPES = '{"instances": [{"features": [...]}, ...]}, {"features": [...]}, {"instances": [[...], ...]} or {"instances": [{"<input>": value, ...}, ...]}';

/** The media type of a Content-Type header and its parameters (lower-cased names). */
export function parseContentType(header: string): { type: string; params: Record<string, string> } {
  const [type, ...rest] = header.split(';');
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { type: type.trim().toLowerCase(), params };
}

/** The request type a Content-Type names; PayloadError 415 naming the supported ones otherwise. */
export function requestTypeOf(header: string): RequestContentType {
  const { type } = parseContentType(header);
  if (type === 'text/csv' || type === 'application/json' || type === 'application/jsonlines') return type;
  if (type === 'application/x-jsonlines' || type === 'application/jsonl') return 'application/jsonlines';
  const what = type === '' ? 'no Content-Type' : `Content-Type ${JSON.stringify(header.slice(0, 100))}`;
  throw new PayloadError(415, `${what} is not supported; send text/csv, application/json or application/jsonlines`);
}

/** CSV records of `text` (RFC 4180: quoted fields, doubled quotes, CRLF or LF); blank lines are skipped. */
function csvRecords(text: string, maxFields: number): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endRecord = () => {
    if (any || fields.length > 0 || field !== '') {
      fields.push(field);
      out.push({ fields, line: start });
      if (out.length > MAX_REQUEST_ROWS) throw new PayloadError(400, `the request holds more than ${MAX_REQUEST_ROWS.toLocaleString('en')} rows; split it into smaller requests`);
    }
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') { quoted = true; any = true; continue; }
    if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
      if (fields.length > maxFields) throw new PayloadError(400, `CSV row ${out.length + 1} (line ${start}) has more than ${maxFields} fields; the model reads ${maxFields}`);
      continue;
    }
    if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
      continue;
    }
    field += c;
  }
  if (quoted) throw new PayloadError(400, `CSV line ${start}: a quoted field is never closed; close it with a double quote`);
  endRecord();
  return out;
}

function readCsv(body: string, facts: DeployModelFacts, labelSize: number, onNote?: (note: string) => void): Cell[][] {
  const n = facts.inputs.length;
  const records = csvRecords(body, n + labelSize);
  if (records.length > 0 && labelSize === 0 && records[0].fields.length === n && records[0].fields.every((f, j) => f.trim() === facts.inputs[j].name)) {
    records.shift();
    onNote?.('the first CSV line equals the input names, so it was read as a header and not scored');
  }
  return records.map(({ fields, line }, r) => {
    if (fields.length !== n + labelSize) {
      const label = labelSize > 0 ? ` plus ${labelSize} label field${labelSize > 1 ? 's' : ''} (label_size=${labelSize})` : '';
      throw new PayloadError(400, `CSV row ${r + 1} (line ${line}) has ${fields.length} field${fields.length === 1 ? '' : 's'}; the model reads ${n}${label}: ${inputList(facts)}`);
    }
    return fields.slice(labelSize).map((f) => (MISSING.has(f.trim()) ? null : f));
  });
}

function inputList(facts: DeployModelFacts): string {
  const names = facts.inputs.map((i) => i.name);
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (${names.length} in all)` : names.join(', ');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function cellsOf(values: unknown[], facts: DeployModelFacts, where: string): Cell[] {
  const n = facts.inputs.length;
  if (values.length !== n) throw new PayloadError(400, `${where} has ${values.length} value${values.length === 1 ? '' : 's'}; the model reads ${n}: ${inputList(facts)}`);
  return values.map((v, j) => {
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    throw new PayloadError(400, `${where}: value ${j + 1} (${facts.inputs[j].name}) must be a number, string, boolean or null, not ${Array.isArray(v) ? 'an array' : 'an object'}`);
  });
}

/** One instance in any of SageMaker's shapes (or an object by input name) as the model's input cells. */
function instanceCells(inst: unknown, facts: DeployModelFacts, where: string): Cell[] {
  if (Array.isArray(inst)) return cellsOf(inst, facts, where);
  if (!isObject(inst)) throw new PayloadError(400, `${where} must be an array of values or an object; accepted shapes: ${SHAPES}`);
  const names = new Set(facts.inputs.map((i) => i.name));
  const features = own(inst, 'features');
  if (features !== undefined && !names.has('features')) {
    if (!Array.isArray(features)) throw new PayloadError(400, `${where}: "features" must be an array of ${facts.inputs.length} values`);
    return cellsOf(features, facts, `${where} "features"`);
  }
  const data = own(inst, 'data');
  if (data !== undefined && !names.has('data')) {
    const values = isObject(data) && isObject(own(data, 'features')) ? own(own(data, 'features') as Record<string, unknown>, 'values') : undefined;
    if (!Array.isArray(values)) throw new PayloadError(400, `${where}: "data" must be {"features": {"values": [...]}}`);
    return cellsOf(values, facts, `${where} "data.features.values"`);
  }
  const keys = Object.keys(inst);
  const unknown = keys.filter((k) => !names.has(k));
  if (unknown.length > 0) {
    throw new PayloadError(400, `${where} has ${unknown.length > 1 ? 'keys' : 'key'} ${unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 60))).join(', ')} that ${unknown.length > 1 ? 'are not inputs' : 'is not an input'} of the model (inputs: ${inputList(facts)}); or send {"features": [...]}`);
  }
  return cellsOf(facts.inputs.map((i) => (own(inst, i.name) === undefined ? null : own(inst, i.name))), facts, where);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PayloadError(400, `${what} is not valid JSON (${(e as Error).message})`);
  }
}

function readJson(body: string, facts: DeployModelFacts): Cell[][] {
  const root = parseJson(body, 'the request body');
  if (isObject(root)) {
    const instances = own(root, 'instances');
    if (Array.isArray(instances)) {
      if (instances.length > MAX_REQUEST_ROWS) throw new PayloadError(400, `the request holds more than ${MAX_REQUEST_ROWS.toLocaleString('en')} instances; split it into smaller requests`);
      return instances.map((inst, r) => instanceCells(inst, facts, `instance ${r + 1}`));
    }
    if (instances !== undefined) throw new PayloadError(400, '"instances" must be an array');
    if (own(root, 'features') !== undefined || own(root, 'data') !== undefined) return [instanceCells(root, facts, 'the request')];
  }
  throw new PayloadError(400, `the JSON request has none of the accepted shapes: ${SHAPES}`);
}

function readJsonLines(body: string, facts: DeployModelFacts): Cell[][] {
  const rows: Cell[][] = [];
  const lines = body.split(/\r?\n/);
  for (let l = 0; l < lines.length; l++) {
    if (lines[l].trim() === '') continue;
    if (rows.length >= MAX_REQUEST_ROWS) throw new PayloadError(400, `the request holds more than ${MAX_REQUEST_ROWS.toLocaleString('en')} lines; split it into smaller requests`);
    rows.push(instanceCells(parseJson(lines[l], `JSON Lines line ${l + 1}`), facts, `line ${l + 1}`));
  }
  return rows;
}

/** A column of cells: float64 when every present cell is a number, else text (the encoder parses and reports it). */
function columnOf(cells: Cell[], numeric: boolean): Vector {
  if (numeric) {
    const values = new Float64Array(cells.length);
    let ok = true;
    for (let i = 0; i < cells.length && ok; i++) {
      const c = cells[i];
      if (c === null) values[i] = NaN;
      else if (typeof c === 'number') values[i] = c;
      else if (typeof c === 'string') { const v = parseDecimal(c); values[i] = v; ok = !Number.isNaN(v); } else ok = false;
    }
    if (ok) return makeVector(values);
  }
  return makeVector(textData((k) => cells[k], cells.length));
}

/**
 * The request's rows as a table with one column per input of `facts` (named as the inputs), ready for
 * `score`. `onNote` hears sentences such as "the first CSV line … was read as a header". Throws PayloadError:
 * 415 for another Content-Type, 400 for a body that does not fit (naming the row and what was expected).
 */
export function parsePayload(req: Pick<InferenceRequest, 'body' | 'contentType'>, facts: DeployModelFacts, onNote?: (note: string) => void): Table {
  if (typeof req?.body !== 'string') throw new TypeError('parsePayload: req.body must be the request body as a string');
  const type = requestTypeOf(req.contentType ?? '');
  let rows: Cell[][];
  if (type === 'text/csv') {
    const labelSize = Number(parseContentType(req.contentType).params.label_size ?? 0);
    if (!Number.isInteger(labelSize) || labelSize < 0 || labelSize > 100) throw new PayloadError(400, 'label_size in the Content-Type must be a whole number from 0 to 100');
    rows = readCsv(req.body, facts, labelSize, onNote);
  } else if (type === 'application/json') rows = readJson(req.body, facts);
  else rows = readJsonLines(req.body, facts);
  if (rows.length === 0) throw new PayloadError(400, `the request holds no rows; send at least one row of ${facts.inputs.length} values (${inputList(facts)})`);
  // No prototype: an input named "__proto__" is a column like any other.
  const columns = Object.create(null) as Record<string, Vector>;
  facts.inputs.forEach((input, j) => {
    columns[input.name] = columnOf(rows.map((r) => r[j]), input.type === 'number');
  });
  return new Table(columns);
}
