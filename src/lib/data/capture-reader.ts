// SageMaker data capture files (the JSON Lines an endpoint's DataCaptureConfig writes, and the Deploy
// view's capture download; layout in deploy/capture.ts) read as the table Model Monitor analyses: one row
// per captured input row, so a text/csv request of several rows gives several rows.
// Columns, in this order:
// - the inputs: a CSV payload or positional JSON (arrays, {"features": [...]}) gives the names the loader
//   gives a header-less CSV (generatedNames, column-names.ts), because Model Monitor reads the captured CSV
//   without a header and compares it by name with a baseline of the header-less training CSV; the two must
//   agree, so both come from one function. (Spark, and so SageMaker, calls these _c0, _c1, …; mlpad's
//   generatedNames decides.) JSON instances with named features ({"age": 3, …}) give those names.
// - inference_time: eventMetadata.inferenceTime, a timestamp column (ISO 8601 UTC), the time column for
//   `mlpad monitor timeline` and the Monitor view; event_id: eventMetadata.eventId.
// - the outputs, when captured: `_output` for a one-field CSV answer (`_output_1…` for several fields),
//   `_output_<field>` for JSON records (`_output_score`, `_output_predicted_label`; array fields such as class
//   probabilities spread over `_output_score_1…K`). The `_output` prefix keeps them apart from named inputs.
//   An answer that does not parse, or holds a different number of rows than its request, leaves the
//   event's outputs missing, with a note.
// Cells are typed by mlpad's CSV reader, with the load's missing-value and date options, so a captured
// column gets the type the same column of the training CSV gets. Each field's metadata carries its role
// under CAPTURE_ROLE_METADATA_KEY ('input', 'event' or 'output').
import { Field, RecordBatch, Schema, Table } from 'apache-arrow';
import { parseCaptureLines, type CaptureRecord } from '../deploy/capture.ts';
import { csvLine } from '../deploy/csv-row.ts';
import { captureInputRows, captureOutputRows, type InputRow } from './capture-rows.ts';
import { generatedNames } from './column-names.ts';
import { CsvReader } from './csv-reader.ts';
import type { MissingTokenOptions } from './missing-tokens.ts';
import { DataError, type ColumnDateFormat, type ColumnMissingTokens } from './types.ts';

/** Arrow field metadata key naming a capture column's role: 'input', 'event' (inference_time, event_id) or 'output'. */
export const CAPTURE_ROLE_METADATA_KEY = 'mlpad:data-capture';

/** The event columns every capture table has. */
export const CAPTURE_TIME_COLUMN = 'inference_time';
export const CAPTURE_EVENT_COLUMN = 'event_id';

/** Whether a parsed JSON Lines record is a data capture line: it has captureData.endpointInput. */
export function isCaptureRecord(value: unknown): boolean {
  const data = (value as { captureData?: { endpointInput?: unknown } } | null)?.captureData;
  return data !== null && typeof data === 'object' && data.endpointInput !== null && typeof data.endpointInput === 'object';
}

/** How captured cells are read; the load's options of the same names. */
export interface CaptureReaderOptions extends MissingTokenOptions {
  /** Column name → date format forcing how its dates are read (see LoadOptions.dateFormats); defaults to {}. */
  dateFormats?: Readonly<Record<string, string>>;
}

/** What the capture reader hands the loader. */
export interface CaptureRead {
  table: Table;
  warnings: string[];
  missingTokens: ColumnMissingTokens[];
  dateFormats: ColumnDateFormat[];
}

/** Rewrites parseCaptureLines' "line 1" (it saw one line) into a DataError naming the file's line. */
function lineError(file: string, line: number, e: unknown): DataError {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /^data capture: line \d+('s)?\s*(.*)$/.exec(msg);
  const detail = m ? `this SageMaker data capture line${m[1] ?? ''} ${m[2]}` : `this SageMaker data capture line: ${msg}`;
  return new DataError('invalid-json', file, detail, { line });
}

/** A data capture file read line by line; blank lines are skipped. */
export class CaptureReader {
  private carry = '';
  private line = 0;
  private events = 0;
  private inputRows: InputRow[] = [];
  private rowEvent: number[] = [];
  private times: string[] = [];
  private ids: string[] = [];
  private outputs: (Record<string, unknown> | undefined)[] = [];
  private width = -1;
  private widthLine = 0;
  private readonly named = new Map<string, true>();
  private readonly outputNames = new Map<string, true>();
  private unreadOutputs = 0;
  private firstUnreadLine = 0;

  constructor(private readonly file: string, private readonly options: CaptureReaderOptions = {}) {}

  /** Input rows read so far. */
  get rows(): number {
    return this.inputRows.length;
  }

  push(text: string): void {
    let i = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', i)) {
      const piece = text.slice(i, nl);
      this.record(this.carry ? this.carry + piece : piece);
      this.carry = '';
      i = nl + 1;
    }
    if (i < text.length) this.carry += text.slice(i);
  }

  private record(text: string): void {
    const line = ++this.line;
    if (text.trim() === '') return;
    let r: CaptureRecord;
    try {
      r = parseCaptureLines(text)[0];
    } catch (e) {
      throw lineError(this.file, line, e);
    }
    const input = r.captureData.endpointInput;
    if (input === undefined) throw new DataError('invalid-json', this.file, 'this SageMaker data capture line has no endpointInput; capture with CaptureOptions including Input to monitor the inputs.', { line });
    let rows: InputRow[];
    try {
      rows = captureInputRows(input);
    } catch (e) {
      throw lineError(this.file, line, new Error(`data capture: line ${line}'s ${e instanceof Error ? e.message : String(e)}`));
    }
    for (const row of rows) {
      if (Array.isArray(row)) {
        if (this.width < 0) {
          this.width = row.length;
          this.widthLine = line;
        } else if (row.length !== this.width) {
          throw new DataError('ragged', this.file, `this SageMaker data capture line holds an input row of ${row.length} values, but line ${this.widthLine}'s rows have ${this.width}; every captured request must send the same columns.`, { line });
        }
      } else {
        for (const key of Object.keys(row)) this.named.set(key, true);
      }
    }
    const meta = r.eventMetadata as Partial<CaptureRecord['eventMetadata']> | undefined;
    const event = this.events++;
    this.times[event] = typeof meta?.inferenceTime === 'string' ? meta.inferenceTime : '';
    this.ids[event] = typeof meta?.eventId === 'string' ? meta.eventId : '';
    const out = r.captureData.endpointOutput;
    const answers = out === undefined ? null : captureOutputRows(out);
    if (out !== undefined && (answers === null || answers.length !== rows.length)) {
      if (this.unreadOutputs++ === 0) this.firstUnreadLine = line;
    }
    const paired = answers !== null && answers.length === rows.length;
    rows.forEach((row, k) => {
      this.inputRows.push(row);
      this.rowEvent.push(event);
      const o = paired ? answers[k] : undefined;
      this.outputs.push(o);
      if (o) for (const key of Object.keys(o)) this.outputNames.set(key, true);
    });
  }

  finish(): CaptureRead {
    if (this.carry) this.record(this.carry);
    this.carry = '';
    if (this.inputRows.length === 0) throw new DataError('empty', this.file, 'this SageMaker data capture holds no input rows.');
    const positional = generatedNames(Math.max(0, this.width));
    const named = [...this.named.keys()].filter((k) => !positional.includes(k));
    const outputs = [...this.outputNames.keys()];
    const header = [...positional, ...named, CAPTURE_TIME_COLUMN, CAPTURE_EVENT_COLUMN, ...outputs];
    const lines = [csvLine(header)];
    const cell = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? String(v) : v);
    this.inputRows.forEach((row, i) => {
      const event = this.rowEvent[i];
      const inputs = Array.isArray(row)
        ? [...row, ...named.map(() => null)]
        : [...positional.map((n) => row[n]), ...named.map((n) => row[n])];
      const o = this.outputs[i];
      lines.push(csvLine([...inputs, this.times[event], this.ids[event], ...outputs.map((n) => o?.[n])].map(cell)));
    });
    const reader = new CsvReader(this.file, { ...this.options, header: true, delimiter: ',' });
    reader.push(lines.join('\n') + '\n');
    const read = reader.finish();
    const roles = [...positional.map(() => 'input'), ...named.map(() => 'input'), 'event', 'event', ...outputs.map(() => 'output')];
    const warnings = [`Read as SageMaker data capture: ${this.events} event${this.events === 1 ? '' : 's'}, ${this.inputRows.length} row${this.inputRows.length === 1 ? '' : 's'}.`];
    if (this.unreadOutputs > 0) {
      warnings.push(`${this.unreadOutputs} captured answer${this.unreadOutputs === 1 ? '' : 's'} could not be matched to ${this.unreadOutputs === 1 ? 'its' : 'their'} input rows (not CSV or JSON, or a different number of rows), so ${this.unreadOutputs === 1 ? 'its' : 'their'} output columns are missing; first at line ${this.firstUnreadLine}.`);
    }
    return { ...read, table: withRoles(read.table, roles), warnings: [...warnings, ...read.warnings] };
  }
}

/** The table with each field's capture role added to its metadata. */
function withRoles(table: Table, roles: readonly string[]): Table {
  const fields = table.schema.fields.map((f, j) => new Field(f.name, f.type, f.nullable, new Map([...f.metadata, [CAPTURE_ROLE_METADATA_KEY, roles[j]]])));
  const schema = new Schema(fields, table.schema.metadata);
  return new Table(schema, table.batches.map((b) => new RecordBatch(schema, b.data)));
}
