// A table of some of another table's rows, in the order given: for splitting data into time windows when
// its rows are not in time order (in order, Table.slice shares the buffers and is used instead).
import { vectorFromArray, type DataType, type Table } from 'apache-arrow';
import { tableFromColumns } from './arrow-vectors.ts';

/** The rows of `table` at `rows`, keeping each column's type and field metadata. */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.schema.fields.map((field, j) => {
    const source = table.getChildAt(j)!;
    const values = Array.from({ length: rows.length }, (_, k) => source.get(rows[k]));
    const data = vectorFromArray(values, field.type as DataType).data[0];
    return { name: field.name, data, metadata: field.metadata };
  });
  return tableFromColumns(columns, rows.length);
}
