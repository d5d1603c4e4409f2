// Text columns of dates in typed files (Arrow IPC, Parquet): read them as dates the way CSV columns are
// read (the same formats, day/month order from the data, LoadOptions.dateFormats honoured), so a Parquet
// file written by a tool that kept "12/06/1998" as a string profiles and trains like its CSV twin.
import { DataType, DateMillisecond, Field, makeData, RecordBatch, Schema, Struct, Table, TimestampMillisecond, type Vector } from 'apache-arrow';
import { dateMsData, timestampMsData } from './arrow-vectors.ts';
import { columnDateOrder, dateFormatEntry, dateFormatMetadata } from './column-date-formats.ts';
import { readDates } from './date-formats.ts';
import { DATE_FORMAT_METADATA_KEY, type ColumnDateFormat } from './types.ts';

/** Rows looked at before a full pass: a column whose first values are not dates is left alone cheaply. */
const SAMPLE = 256;

function isText(type: DataType): boolean {
  return DataType.isUtf8(type) || DataType.isLargeUtf8(type) || (DataType.isDictionary(type) && (DataType.isUtf8(type.dictionary) || DataType.isLargeUtf8(type.dictionary)));
}

function sampleValues(v: Vector, limit: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < v.length && out.length < limit; i++) {
    const s = v.get(i) as string | null;
    if (s !== null && s !== '') out.push(s);
  }
  return out;
}

/**
 * `table` with its text columns of dates turned into Date (day precision) or Timestamp (with a time)
 * columns carrying their format in the field metadata, plus the formats found and warnings for
 * `dateFormats` entries that did not fit. Columns that are not all dates in one format are unchanged.
 */
export function readTextDates(table: Table, dateFormats: Readonly<Record<string, string>> | undefined): { table: Table; dateFormats: ColumnDateFormat[]; warnings: string[] } {
  const formats: ColumnDateFormat[] = [];
  const warnings: string[] = [];
  const refused = (name: string) => warnings.push(`Column ${JSON.stringify(name)} is not all dates in the format ${dateFormats![name]}, so it was read as text.`);
  // Per column: null to keep it, else its instants (epoch ms, NaN where missing) and kind.
  const replaced = table.schema.fields.map((field, j) => {
    if (!isText(field.type)) return null;
    const vector = table.getChildAt(j)!;
    const order = columnDateOrder(dateFormats, field.name);
    if (order === 'text') {
      formats.push(dateFormatEntry(field.name, null, true));
      return null;
    }
    const sample = sampleValues(vector, SAMPLE);
    if (sample.length === 0 || readDates(sample, order) === null) {
      if (order !== undefined && sample.length > 0) refused(field.name);
      return null;
    }
    // Distinct texts once, then one instant per distinct text.
    const index = new Map<string, number>();
    const codes = new Int32Array(vector.length).fill(-1);
    for (let i = 0; i < vector.length; i++) {
      const s = vector.get(i) as string | null;
      if (s === null || s === '') continue;
      let c = index.get(s);
      if (c === undefined) {
        c = index.size;
        index.set(s, c);
      }
      codes[i] = c;
    }
    const dates = readDates([...index.keys()], order);
    if (dates === null) {
      if (order !== undefined) refused(field.name);
      return null;
    }
    const ms = new Float64Array(vector.length);
    const valid = new Uint8Array(vector.length);
    for (let i = 0; i < ms.length; i++) {
      valid[i] = codes[i] >= 0 ? 1 : 0;
      ms[i] = valid[i] ? dates.ms[codes[i]] : NaN;
    }
    const entry = dateFormatEntry(field.name, dates.format, order !== undefined);
    formats.push(entry);
    return { ms, valid, time: dates.format.hasTime, metadata: formatMetadata(field.metadata, entry) };
  });
  if (replaced.every((r) => r === null)) return { table, dateFormats: formats, warnings };
  // Rebuild batch by batch, so the other columns keep their data as they are.
  const fields = table.schema.fields.map((f, j) => {
    const r = replaced[j];
    if (r === null) return f;
    return new Field(f.name, r.time ? new TimestampMillisecond() : new DateMillisecond(), true, r.metadata);
  });
  const schema = new Schema(fields, table.schema.metadata);
  let offset = 0;
  const batches = table.batches.map((batch) => {
    const n = batch.numRows;
    const children = batch.data.children.map((child, j) => {
      const r = replaced[j];
      if (r === null) return child;
      const ms = r.ms.subarray(offset, offset + n);
      const valid = r.valid.subarray(offset, offset + n);
      return r.time ? timestampMsData(ms, valid, n) : dateMsData(ms, valid, n);
    });
    offset += n;
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children }));
  });
  return { table: new Table(schema, batches), dateFormats: formats, warnings };
}

function formatMetadata(metadata: Map<string, string>, entry: ColumnDateFormat): Map<string, string> {
  const out = new Map(metadata);
  out.set(DATE_FORMAT_METADATA_KEY, dateFormatMetadata(entry));
  return out;
}
