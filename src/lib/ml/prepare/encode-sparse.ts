// A table encoded straight into compressed sparse rows, for estimators that one-hot encode every category
// (factorization machines): a one-hot column contributes one entry per row (none when missing or unseen),
// any other column each of its features' values where not zero. No dense one-hot column is ever allocated.
import type { Table } from 'apache-arrow';
import { sparseFromParts, type SparseRows } from '../sparse.ts';
import { encodeColumn, type EncodeOptions } from './encode-columns.ts';
import { textColumn } from './column-values.ts';
import type { ColumnEncoding } from './types.ts';

/** Whether an encoding is meant to be sparse (its one-hot columns read a missing cell as no category). */
export function isSparseEncoding(columns: readonly ColumnEncoding[]): boolean {
  return columns.some((c) => c.kind === 'one-hot' && c.missingAsZero === true);
}

/** The rows of `table` under `columns`, as sparse rows. */
export function encodeSparse(table: Table, columns: readonly ColumnEncoding[], options: EncodeOptions = {}): SparseRows {
  const n = table.numRows;
  const widths: number[] = [];
  const parts: ((row: number, emit: (col: number, value: number) => void) => void)[] = [];
  for (const enc of columns) {
    const vector = table.getChild(enc.name)!;
    if (enc.kind === 'one-hot') {
      const index = new Map(enc.categories.map((c, k) => [c, k]));
      const codes = Int32Array.from(textColumn(vector), (t) => (t === null ? -1 : index.get(t) ?? -1));
      widths.push(enc.categories.length);
      parts.push((i, emit) => { if (codes[i] >= 0) emit(codes[i], 1); });
    } else {
      // One array per feature (date parts, n-gram buckets, …): each non-zero cell is an entry.
      const values = encodeColumn(vector, enc, options);
      widths.push(values.length);
      parts.push((i, emit) => { for (let k = 0; k < values.length; k++) if (values[k][i] !== 0) emit(k, values[k][i]); });
    }
  }
  return sparseFromParts(n, widths, parts);
}
