// SageMaker data capture: each captured invocation is one JSON line, in the layout the developer guide
// shows under "Capture data from real-time endpoint → View Captured Data"
// (docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html):
//   {"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"…","encoding":"CSV"},
//                   "endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":"…","encoding":"CSV"}},
//    "eventMetadata":{"eventId":"…","inferenceTime":"2022-02-14T17:25:49Z"},"eventVersion":"0"}
// observedContentType is the Content-Type header as sent. The encoding follows DataCaptureConfig's
// CaptureContentTypeHeader: a media type listed in CsvContentTypes is kept as text with encoding CSV,
// one in JsonContentTypes as text with encoding JSON, anything else base64-encoded ("If no headers are
// specified SageMaker will by default base64 encode"); the SageMaker Python SDK's defaults list
// text/csv and application/json, so application/jsonlines is captured as BASE64. Parameters such as
// `; charset=utf-8` do not change the match (the guide's own sample captures "text/csv; charset=utf-8"
// as CSV). inferenceTime is ISO 8601 UTC to the second, as in the guide's samples.
// captureToTable rebuilds the captured inputs as a table so Model Monitor's data-quality checks
// (src/lib/monitor) run on what the endpoint saw.
import type { Table } from 'apache-arrow';
import { CsvReader } from '../data/csv-reader.ts';
import { csvLine, parseCsvRows } from './csv-row.ts';
import type { InvocationLogEntry } from './endpoint.ts';

/** How a payload's text is stored in a capture line. */
export type CaptureEncoding = 'CSV' | 'JSON' | 'BASE64';

/** One captured request or response body. */
export interface CapturedPayload {
  observedContentType: string;
  mode: 'INPUT' | 'OUTPUT';
  data: string;
  encoding: CaptureEncoding;
}

/** One line of a data capture file. */
export interface CaptureRecord {
  captureData: { endpointInput?: CapturedPayload; endpointOutput?: CapturedPayload };
  eventMetadata: { eventId: string; inferenceTime: string };
  eventVersion: '0';
}

/** How captured lines are written. */
export interface CaptureLineOptions {
  /** What each line holds; defaults to ['Input', 'Output']. */
  modes?: readonly ('Input' | 'Output')[];
  /** Media types written as text with encoding CSV; defaults to ['text/csv']. */
  csvContentTypes?: readonly string[];
  /** Media types written as text with encoding JSON; defaults to ['application/json']. */
  jsonContentTypes?: readonly string[];
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** The encoding SageMaker picks for a body of this Content-Type. */
export function captureEncoding(contentType: string, options: CaptureLineOptions = {}): CaptureEncoding {
  const type = mediaType(contentType);
  const csv = options.csvContentTypes ?? ['text/csv'];
  const json = options.jsonContentTypes ?? ['application/json'];
  if (csv.some((t) => mediaType(t) === type)) return 'CSV';
  if (json.some((t) => mediaType(t) === type)) return 'JSON';
  return 'BASE64';
}

/** UTF-8 text as base64 (btoa works on bytes as Latin-1 characters). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** base64 back to UTF-8 text. */
export function fromBase64(data: string): string {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Epoch milliseconds as ISO 8601 UTC to the second, e.g. 2022-02-14T17:25:49Z. */
export function inferenceTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function payload(body: string, contentType: string, mode: 'INPUT' | 'OUTPUT', options: CaptureLineOptions): CapturedPayload {
  const encoding = captureEncoding(contentType, options);
  return { observedContentType: contentType, mode, data: encoding === 'BASE64' ? toBase64(body) : body, encoding };
}

/** One logged invocation as a capture record. */
export function captureRecord(entry: InvocationLogEntry, options: CaptureLineOptions = {}): CaptureRecord {
  const modes = options.modes ?? ['Input', 'Output'];
  const captureData: CaptureRecord['captureData'] = {};
  if (modes.includes('Input')) captureData.endpointInput = payload(entry.request.body, entry.request.contentType, 'INPUT', options);
  if (modes.includes('Output')) captureData.endpointOutput = payload(entry.response.body, entry.response.contentType, 'OUTPUT', options);
  return { captureData, eventMetadata: { eventId: entry.id, inferenceTime: inferenceTime(entry.time) }, eventVersion: '0' };
}

/** Logged invocations as data capture JSON Lines, each line ending in a line break; '' for none. */
export function captureLines(entries: readonly InvocationLogEntry[], options: CaptureLineOptions = {}): string {
  let out = '';
  for (const e of entries) out += JSON.stringify(captureRecord(e, options)) + '\n';
  return out;
}

function checkPayload(p: unknown, where: string): CapturedPayload {
  const q = p as CapturedPayload;
  if (q === null || typeof q !== 'object' || typeof q.data !== 'string' || typeof q.observedContentType !== 'string'
    || !['CSV', 'JSON', 'BASE64'].includes(q.encoding)) {
    throw new RangeError(`data capture: ${where} must be { observedContentType, mode, data, encoding: CSV | JSON | BASE64 }.`);
  }
  return q;
}

/** Parses data capture JSON Lines (blank lines skipped), checking each line's layout; throws naming the line. */
export function parseCaptureLines(jsonl: string): CaptureRecord[] {
  if (typeof jsonl !== 'string') throw new TypeError('parseCaptureLines: jsonl must be the text of a data capture file.');
  const out: CaptureRecord[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let r: CaptureRecord;
    try {
      r = JSON.parse(line) as CaptureRecord;
    } catch {
      throw new RangeError(`data capture: line ${i + 1} is not JSON.`);
    }
    if (r === null || typeof r !== 'object' || r.captureData === null || typeof r.captureData !== 'object') {
      throw new RangeError(`data capture: line ${i + 1} has no captureData object.`);
    }
    if (r.captureData.endpointInput !== undefined) checkPayload(r.captureData.endpointInput, `line ${i + 1}'s endpointInput`);
    if (r.captureData.endpointOutput !== undefined) checkPayload(r.captureData.endpointOutput, `line ${i + 1}'s endpointOutput`);
    out.push(r);
  });
  return out;
}

/** A captured payload's body as text. */
export function payloadText(p: CapturedPayload): string {
  return p.encoding === 'BASE64' ? fromBase64(p.data) : p.data;
}

/** The rows of one JSON value: {"instances": [...]}, {"features": [...]}, an array of rows or one row. */
function jsonRows(value: unknown): unknown[][] {
  const row = (v: unknown): unknown[] => {
    if (Array.isArray(v)) return v;
    if (v !== null && typeof v === 'object' && Array.isArray((v as { features?: unknown }).features)) return (v as { features: unknown[] }).features;
    throw new RangeError('each instance must be an array of values or { "features": [...] }');
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { instances?: unknown; features?: unknown };
    if (Array.isArray(o.instances)) return o.instances.map(row);
    return [row(o)];
  }
  if (Array.isArray(value) && value.some((v) => Array.isArray(v) || (v !== null && typeof v === 'object'))) return value.map(row);
  return [row(value)];
}

/** The input rows of one captured request, as arrays of cells. */
function inputRows(p: CapturedPayload): unknown[][] {
  const text = payloadText(p);
  const type = mediaType(p.observedContentType);
  if (type === 'text/csv') return parseCsvRows(text);
  if (type === 'application/json') return jsonRows(JSON.parse(text));
  if (type === 'application/jsonlines' || type === 'application/x-jsonlines') {
    return text.split(/\r?\n/).filter((l) => l.trim() !== '').flatMap((l) => jsonRows(JSON.parse(l)));
  }
  throw new RangeError(`content type '${p.observedContentType}' holds no rows mlpad can read; captured inputs must be text/csv, application/json or application/jsonlines`);
}

/**
 * The captured inputs as a table with one column per name in `inputNames` (the model's inputs, in the
 * order a headerless CSV row gives them), typed by mlpad's CSV reader as a loaded file would be. Every
 * row of every captured request becomes a row. Throws naming the line when a line has no endpointInput
 * or a row has the wrong number of values.
 */
export function captureToTable(jsonl: string, inputNames: readonly string[]): Table {
  const fn = 'captureToTable';
  if (!Array.isArray(inputNames) || inputNames.length === 0 || inputNames.some((n) => typeof n !== 'string' || n === '')) {
    throw new TypeError(`${fn}: inputNames must be a non-empty array of column names, the model's inputs in order.`);
  }
  if (new Set(inputNames).size !== inputNames.length) throw new RangeError(`${fn}: inputNames must be unique.`);
  const records = parseCaptureLines(jsonl);
  if (records.length === 0) throw new RangeError(`${fn}: the capture holds no lines; invoke the endpoint with capture enabled first.`);
  const lines = [csvLine(inputNames)];
  records.forEach((r, i) => {
    const input = r.captureData.endpointInput;
    if (input === undefined) throw new RangeError(`${fn}: capture line ${i + 1} has no endpointInput; capture with modes including 'Input'.`);
    let rows: unknown[][];
    try {
      rows = inputRows(input);
    } catch (e) {
      throw new RangeError(`${fn}: capture line ${i + 1}: ${e instanceof Error ? e.message : String(e)}.`);
    }
    for (const row of rows) {
      if (row.length !== inputNames.length) {
        throw new RangeError(`${fn}: capture line ${i + 1} holds a row of ${row.length} values but inputNames names ${inputNames.length}; pass the model's input names in order.`);
      }
      lines.push(csvLine(row.map((v) => (typeof v === 'boolean' ? Number(v) : v))));
    }
  });
  const reader = new CsvReader('data capture', { header: true, delimiter: ',' });
  reader.push(lines.join('\n') + '\n');
  return reader.finish().table;
}
