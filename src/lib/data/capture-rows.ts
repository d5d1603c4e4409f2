// The rows inside one captured payload of a SageMaker data capture line: the request's input rows and the
// response's records, as the loader's capture reader spreads them into columns. Payload text (BASE64
// decoded) and media types come from deploy/capture.ts, CSV fields from deploy/csv-row.ts, so a capture is
// read with the same parsing that wrote it.
import { mediaType, payloadText, type CapturedPayload } from '../deploy/capture.ts';
import { parseCsvRows } from '../deploy/csv-row.ts';

/** One input row: positional cells (CSV, arrays, `{"features": [...]}`) or named features (`{"age": 3, …}`). */
export type InputRow = unknown[] | Record<string, unknown>;

/** Media types whose bodies hold one JSON value per line. */
const JSON_LINES = new Set(['application/jsonlines', 'application/x-jsonlines', 'application/jsonl']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON instance as a row: an array, `{"features": [...]}`, an object of named features, or one value. */
function jsonRow(v: unknown): InputRow {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Array.isArray(v.features) ? v.features : v;
  return [v];
}

/**
 * The rows of one JSON request body, in the shapes SageMaker's containers take: `{"instances": [...]}`,
 * an array of instances, a single instance, or a flat array of values (one row).
 */
function jsonRows(value: unknown): InputRow[] {
  if (isObject(value)) return Array.isArray(value.instances) ? value.instances.map(jsonRow) : [jsonRow(value)];
  if (Array.isArray(value) && value.some((v) => Array.isArray(v) || isObject(v))) return value.map(jsonRow);
  return [jsonRow(value)];
}

function jsonLinesValues(text: string): unknown[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
}

/**
 * The input rows of a captured request. Throws (an Error whose message the caller puts after the line
 * number) when the body is not text/csv, JSON or JSON Lines, or does not parse.
 */
export function captureInputRows(p: CapturedPayload): InputRow[] {
  const text = payloadText(p);
  const type = mediaType(p.observedContentType);
  if (type === 'text/csv') return parseCsvRows(text);
  if (type === 'application/json') return jsonRows(JSON.parse(text));
  if (JSON_LINES.has(type)) return jsonLinesValues(text).flatMap(jsonRows);
  throw new RangeError(`endpointInput is '${p.observedContentType}', which holds no rows mlpad can read; captured inputs must be text/csv, application/json or application/jsonlines`);
}

/** Output column names: `_output_` and the response field, with `_1…K` for array fields (class probabilities). */
function outputCells(record: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  if (!isObject(record)) {
    if (Array.isArray(record)) record.forEach((v, k) => { into[`_output_${k + 1}`] = v; });
    else into._output = record;
    return into;
  }
  for (const [key, v] of Object.entries(record)) {
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) v.forEach((x, k) => { into[`_output_${key}_${k + 1}`] = x; });
    else into[`_output_${key}`] = v;
  }
  return into;
}

/** The records of a JSON response: `{"predictions"|"scores"|"projections"|…: [...]}` (one array key), an array, or one record. */
function jsonRecords(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1 && Object.keys(value).length === 1) return arrays[0];
  }
  return [value];
}

/**
 * The output cells of a captured response, one object per answered row, keyed by column name: `_output`
 * for a one-field CSV answer (`_output_1…` for several fields), `_output_<field>` for JSON records
 * (`_output_score`, `_output_predicted_label`). Null when the body is not CSV, JSON or JSON Lines, or does
 * not parse (an error message, say).
 */
export function captureOutputRows(p: CapturedPayload): Record<string, unknown>[] | null {
  try {
    const text = payloadText(p);
    const type = mediaType(p.observedContentType);
    if (type === 'text/csv') return parseCsvRows(text).map((fields) => (fields.length === 1 ? { _output: fields[0] } : outputCells(fields)));
    if (type === 'application/json') return jsonRecords(JSON.parse(text)).map((r) => outputCells(r));
    if (JSON_LINES.has(type)) return jsonLinesValues(text).map((r) => outputCells(r));
    return null;
  } catch {
    return null;
  }
}
