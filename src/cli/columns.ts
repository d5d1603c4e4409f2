// Columns named on the command line: that they exist (an error naming the flag and the data's columns), and
// values given for them (label values, facet values) as numbers when the column is numeric, as Clarify's
// analysis config holds typed values, text otherwise.
import { DataType, type Table } from 'apache-arrow';
import { CliError, UsageError } from './errors.ts';

/** Throws naming `flag`, `file` and the data's columns when `column` is not in `table`. */
export function requireColumn(table: Table, column: string, flag: string, file: string): void {
  if (!table.getChild(column)) {
    throw new CliError(`${file}: ${flag} names column ${JSON.stringify(column)}, which is not in the data; its columns are ${table.schema.fields.map((f) => JSON.stringify(f.name)).join(', ')}`);
  }
}

/** Whether `column` of `table` holds numbers (integer or float). */
export function isNumericColumn(table: Table, column: string): boolean {
  const f = table.schema.fields.find((x) => x.name === column);
  return !!f && (DataType.isInt(f.type) || DataType.isFloat(f.type));
}

/** Comma-separated `text` as values of `column`; `flag` and `hint` word the usage errors. */
export function columnValues(text: string, table: Table, column: string, flag: string, hint: string): (string | number)[] {
  const parts = text.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (parts.length === 0) throw new UsageError(`${flag} needs at least one value`, hint);
  if (!isNumericColumn(table, column)) return parts;
  return parts.map((v) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new UsageError(`${flag}: column ${JSON.stringify(column)} is numeric, so its values must be numbers; got ${JSON.stringify(v)}`, hint);
    return n;
  });
}
