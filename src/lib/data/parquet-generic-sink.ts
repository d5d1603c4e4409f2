// Parquet types without a typed-array path (UUID, INTERVAL, BSON, geometry …): hyparquet converts them
// to JS values, and a ColumnBuilder types those as it would JSON values.
import type { Data } from 'apache-arrow';
import type { DecodedArray } from 'hyparquet';
import { convert } from 'hyparquet/src/convert.js';
import { ColumnBuilder } from './column-builder.ts';
import type { PageSink } from './parquet-sinks.ts';
import type { ColumnDecoder } from './parquet-values.ts';

function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x instanceof Uint8Array ? Array.from(x) : x));
}

export class GenericSink implements PageSink {
  private readonly builder: ColumnBuilder;
  private dict: DecodedArray = [];
  constructor(private readonly rows: number, private readonly decoder: ColumnDecoder) {
    this.builder = new ColumnBuilder(rows, null);
  }
  private put(v: unknown, row: number): void {
    const b = this.builder;
    if (v === null || v === undefined) b.setNull(row);
    else if (typeof v === 'number') b.addNumber(v, row);
    else if (typeof v === 'bigint') b.addNumber(Number(v), row);
    else if (typeof v === 'boolean') b.addBool(v, row);
    else if (typeof v === 'string') b.addString(v, row);
    else if (v instanceof Date) b.addString(v.toISOString(), row);
    else if (v instanceof Uint8Array) b.addString(Array.from(v, (x) => x.toString(16).padStart(2, '0')).join(''), row);
    else b.addString(jsonText(v), row);
  }
  dictionary(raw: DecodedArray): void {
    this.dict = convert(raw, this.decoder);
  }
  plain(raw: DecodedArray, row: number, n: number, present: Uint8Array | null): void {
    const values = convert(raw, this.decoder);
    for (let k = 0, v = 0; k < n; k++) this.put(present === null || present[k] ? values[v++] : null, row + k);
  }
  indices(idx: Int32Array, row: number, n: number, present: Uint8Array | null): void {
    for (let k = 0, v = 0; k < n; k++) this.put(present === null || present[k] ? this.dict[idx[v++]] : null, row + k);
  }
  finish(): Data {
    return this.builder.finish(this.rows);
  }
}
