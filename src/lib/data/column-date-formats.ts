// The date formats of a table's columns, as the load result reports them and as they travel in the
// Arrow field metadata (so the UI learns them from the IPC bytes it already receives).
import type { Table } from 'apache-arrow';
import type { ColumnBuilder } from './column-builder.ts';
import { dateOrderOf, type DateFormat, type DateOrder } from './date-formats.ts';
import { DATE_FORMAT_METADATA_KEY, type ColumnDateFormat } from './types.ts';

/** The LoadOptions.dateFormats value that keeps a date-shaped column as text (a code such as 2019-01). */
export const KEEP_AS_TEXT = 'text';

/** The order forced for `column` by `dateFormats` (load option), 'text' to keep it text, or undefined to detect it. */
export function columnDateOrder(dateFormats: Readonly<Record<string, string>> | undefined, column: string): DateOrder | 'text' | undefined {
  const given = dateFormats && Object.hasOwn(dateFormats, column) ? dateFormats[column] : undefined;
  if (given === KEEP_AS_TEXT) return 'text';
  return given === undefined ? undefined : (dateOrderOf(given) ?? undefined);
}

/** The report entry of one column: its format found or given, or (found null, given) kept as text. */
export function dateFormatEntry(column: string, found: DateFormat | null, given: boolean): ColumnDateFormat {
  const entry: ColumnDateFormat = { column, format: found === null ? KEEP_AS_TEXT : found.format };
  if (given) entry.given = true;
  else if (found?.ambiguous) entry.ambiguous = true;
  return entry;
}

/** `entry` as the JSON carried under DATE_FORMAT_METADATA_KEY. */
export function dateFormatMetadata(entry: ColumnDateFormat): string {
  return JSON.stringify({ format: entry.format, ambiguous: entry.ambiguous, given: entry.given });
}

/** Per finished builder, its date format (given or found), the field metadata to carry it, and warnings for formats that did not fit. */
export function dateFormatReport(builders: readonly ColumnBuilder[], names: readonly string[], dateFormats: Readonly<Record<string, string>> | undefined) {
  const formats: ColumnDateFormat[] = [];
  const warnings: string[] = [];
  const metadata = builders.map((b, j): Map<string, string> | undefined => {
    const column = names[j];
    const given = dateFormats && Object.hasOwn(dateFormats, column) ? dateFormats[column] : undefined;
    if (b.dateOrderRefused) warnings.push(`Column ${JSON.stringify(column)} is not all dates in the format ${given}, so it was read as text.`);
    const found = b.dateFormat;
    if (found === null && given !== KEEP_AS_TEXT) return undefined;
    const entry = dateFormatEntry(column, found, given !== undefined);
    if (found !== null && given !== undefined) entry.format = given;
    formats.push(entry);
    return new Map([[DATE_FORMAT_METADATA_KEY, dateFormatMetadata(entry)]]);
  });
  return { formats, warnings, metadata };
}

/** The date formats carried in `table`'s field metadata, in column order. */
export function dateFormatsOf(table: Table): ColumnDateFormat[] {
  const out: ColumnDateFormat[] = [];
  for (const field of table.schema.fields) {
    const raw = field.metadata.get(DATE_FORMAT_METADATA_KEY);
    if (raw === undefined) continue;
    try {
      const parsed = JSON.parse(raw) as Partial<ColumnDateFormat>;
      if (typeof parsed.format !== 'string') continue;
      const entry: ColumnDateFormat = { column: field.name, format: parsed.format };
      if (parsed.ambiguous === true) entry.ambiguous = true;
      if (parsed.given === true) entry.given = true;
      out.push(entry);
    } catch {
      // Metadata written by another tool under the same key: not ours to read.
    }
  }
  return out;
}
