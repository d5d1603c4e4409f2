// A table of some of another table's rows, in the order given: for splitting data into time windows when
// its rows are not in time order (in order, Table.slice shares the buffers and is used instead). Built
// from typed arrays with makeData, never with Arrow's builders (vectorFromArray), which compile code with
// `new Function` and so fail under the studio's Content-Security-Policy (no 'unsafe-eval').
import { DataType, makeData, type Data, type Table, type Vector } from 'apache-arrow';
import { boolData, dateMsData, float64Data, packValidity, tableFromColumns, textData, timestampMsData } from './arrow-vectors.ts';

function takeColumn(type: DataType, source: Vector, rows: ArrayLike<number>): Data {
  const n = rows.length;
  const valid = new Uint8Array(n);
  const value = (k: number): unknown => {
    const v = source.get(rows[k]);
    if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) valid[k] = 1;
    return v;
  };
  if (DataType.isInt(type)) {
    // The same integer type, so an Integral column stays Integral.
    const ArrayType = (type as DataType & { ArrayType: new (n: number) => ArrayLike<number | bigint> & { [i: number]: number | bigint } }).ArrayType;
    const data = new ArrayType(n);
    const big = type.bitWidth === 64;
    for (let k = 0; k < n; k++) {
      const v = value(k);
      if (valid[k]) data[k] = big ? BigInt(v as bigint | number) : Number(v);
    }
    const { bitmap, nullCount } = packValidity(valid, n);
    return makeData({ type, length: n, nullCount, nullBitmap: bitmap, data: data as never });
  }
  if (DataType.isFloat(type) || DataType.isDecimal(type)) {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) { const v = value(k); out[k] = valid[k] ? Number(v) : 0; }
    return float64Data(out, valid, n);
  }
  if (DataType.isBool(type)) {
    const out = new Uint8Array(n);
    for (let k = 0; k < n; k++) out[k] = value(k) === true ? 1 : 0;
    return boolData(out, valid, n);
  }
  if (DataType.isDate(type) || DataType.isTimestamp(type)) {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) { const v = value(k); out[k] = valid[k] ? Number(v) : NaN; }
    return DataType.isDate(type) ? dateMsData(out, valid, n) : timestampMsData(out, valid, n);
  }
  // Text (plain or dictionary) and anything else: dictionary-coded strings.
  return textData((k) => {
    const v = value(k);
    return valid[k] ? v : null;
  }, n);
}

/** The rows of `table` at `rows`, keeping each column's kind (text comes back dictionary-coded) and field metadata. */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.schema.fields.map((field, j) => ({ name: field.name, data: takeColumn(field.type as DataType, table.getChildAt(j)!, rows), metadata: field.metadata }));
  return tableFromColumns(columns, rows.length);
}
