// JSON (an array of records) and JSON Lines (one record per line). Records are spread into column
// builders as they are parsed; the union of keys in first-seen order becomes the columns.
import type { Table } from 'apache-arrow';
import { ColumnBuilder } from './column-builder.ts';
import { uniqueColumnNames } from './column-names.ts';
import { tableFromColumns } from './arrow-vectors.ts';
import { jsonErrorPosition, lineAndColumn } from './json-error-position.ts';
import { DataError, type ColumnDateFormat } from './types.ts';
import { columnDateOrder, dateFormatReport } from './column-date-formats.ts';

/** A JSON document read into a table, with notes and the date formats of its text columns. */
export type JsonRead = { table: Table; warnings: string[]; dateFormats: ColumnDateFormat[] };

/** Columns filled record by record; a key absent from a record leaves a missing cell. */
class RecordColumns {
  private index = new Map<string, number>();
  private keys: string[] = [];
  private builders: ColumnBuilder[] = [];
  rows = 0;

  /** `dateFormats`: column name → date format forcing how its dates are read; defaults to {}. */
  constructor(private readonly dateFormats?: Readonly<Record<string, string>>) {}

  add(record: unknown): void {
    const row = this.rows++;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      this.cell('value', record, row);
      return;
    }
    for (const key of Object.keys(record)) this.cell(key, (record as Record<string, unknown>)[key], row);
  }

  private cell(key: string, v: unknown, row: number): void {
    let j = this.index.get(key);
    if (j === undefined) {
      j = this.keys.length;
      this.index.set(key, j);
      this.keys.push(key);
      this.builders.push(new ColumnBuilder(Math.max(1024, row + 1), null, columnDateOrder(this.dateFormats, key)));
    }
    const b = this.builders[j];
    if (typeof v === 'number') b.addNumber(v, row);
    else if (typeof v === 'string') b.addString(v, row);
    else if (typeof v === 'boolean') b.addBool(v, row);
    else if (v === null || v === undefined) b.setNull(row);
    // Nested values stay readable as their JSON text.
    else b.addString(JSON.stringify(v), row);
  }

  finish(file: string): JsonRead {
    if (this.keys.length === 0) throw new DataError('empty', file, this.rows === 0 ? 'the file holds no records.' : 'the records have no fields, so there are no columns to show.');
    const { names, warnings } = uniqueColumnNames(this.keys);
    const data = this.builders.map((b) => b.finish(this.rows));
    const dates = dateFormatReport(this.builders, names, this.dateFormats);
    const columns = data.map((d, j) => ({ name: names[j], data: d, metadata: dates.metadata[j] }));
    return { table: tableFromColumns(columns, this.rows), warnings: [...warnings, ...dates.warnings], dateFormats: dates.formats };
  }
}

function syntaxDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // V8 quotes the whole offending text in some messages; keep the sentence short.
  return msg.replace(/,\s*(\.\.\.)?"[\s\S]*$/, '').replace(/ in JSON at position \d+[\s\S]*$/, '');
}

/** Read a whole JSON document: an array of records (or of plain values), or a single record. */
export function readJson(file: string, text: string, dateFormats?: Readonly<Record<string, string>>): JsonRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) throw e;
    const pos = jsonErrorPosition(text);
    const where = pos >= 0 ? lineAndColumn(text, pos) : undefined;
    throw new DataError('invalid-json', file, `this is not valid JSON (${syntaxDetail(e)}${pos >= 0 ? ` at position ${pos}` : ''}).`, where ? { line: where.line, column: where.column } : {});
  }
  const rows = Array.isArray(doc) ? doc : [doc];
  const objects = rows.filter((r) => r !== null && typeof r === 'object' && !Array.isArray(r)).length;
  if (objects > 0 && objects < rows.length) {
    const bad = rows.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
    throw new DataError('invalid-json', file, `expected every element of the top-level array to be an object, but element ${bad} is ${Array.isArray(rows[bad]) ? 'an array' : JSON.stringify(rows[bad])}.`);
  }
  const columns = new RecordColumns(dateFormats);
  for (const r of rows) columns.add(r);
  return columns.finish(file);
}

/** JSON Lines read piece by piece; blank lines are skipped. */
export class JsonLinesReader {
  private carry = '';
  private line = 0;
  private readonly columns: RecordColumns;

  /** `dateFormats`: column name → date format forcing how its dates are read; defaults to {}. */
  constructor(private readonly file: string, dateFormats?: Readonly<Record<string, string>>) {
    this.columns = new RecordColumns(dateFormats);
  }

  get rows(): number {
    return this.columns.rows;
  }

  push(text: string): void {
    let i = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', i)) {
      // Only the new text is searched for line breaks, so a very long line costs no rescans.
      const piece = text.slice(i, nl);
      this.record(this.carry ? this.carry + piece : piece);
      this.carry = '';
      i = nl + 1;
    }
    if (i < text.length) this.carry += text.slice(i);
  }

  private record(line: string): void {
    this.line++;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      const pos = jsonErrorPosition(line);
      throw new DataError('invalid-json', this.file, `this line is not valid JSON (${syntaxDetail(e)}).`, pos >= 0 ? { line: this.line, column: pos + 1 } : { line: this.line });
    }
    this.columns.add(value);
  }

  finish(): JsonRead {
    if (this.carry) this.record(this.carry);
    this.carry = '';
    return this.columns.finish(this.file);
  }
}
