// A table column as the drift statistics read it: numbers (NaN = missing) for integer, float, decimal, date
// and timestamp columns (dates as milliseconds since the epoch), text (null = missing) for everything else,
// booleans included ('true' / 'false').
import { DataType, type Table } from 'apache-arrow';

export type DriftColumn = { kind: 'numeric'; values: Float64Array } | { kind: 'categorical'; values: (string | null)[] };

/** The column called `name`, or null when the table has none. */
export function driftColumn(table: Table, name: string): DriftColumn | null {
  const field = table.schema.fields.find((f) => f.name === name);
  const vector = table.getChild(name);
  if (!field || !vector) return null;
  const t = field.type;
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t) || DataType.isDate(t) || DataType.isTimestamp(t)) {
    const values = new Float64Array(vector.length);
    for (let i = 0; i < values.length; i++) {
      const v: unknown = vector.get(i);
      values[i] = v === null || v === undefined ? NaN : v instanceof Date ? v.getTime() : Number(v);
    }
    return { kind: 'numeric', values };
  }
  const values: (string | null)[] = new Array(vector.length);
  for (let i = 0; i < values.length; i++) {
    const v: unknown = vector.get(i);
    values[i] = v === null || v === undefined ? null : String(v);
  }
  return { kind: 'categorical', values };
}
