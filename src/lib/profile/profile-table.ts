// A whole-table profile: per-column summaries chosen by each column's semantic type, plus the correlation
// matrix of the numeric columns. A numeric column's non-missing values are read into one scratch buffer that
// every column reuses (moments in row order, then sorted in place for the order statistics); other columns
// become value counts. The correlation then reads the numeric columns again, a window of rows at a time, so
// profiling holds one column's worth of numbers beside the table, never a copy of every numeric column.
import type { Table, Vector } from 'apache-arrow';
import { MAX_CORRELATION_COLUMNS, pearsonWindows } from './correlation.ts';
import { distinctSorted } from './distinct.ts';
import { histogramSorted } from './histogram.ts';
import { moments } from './moments.ts';
import { NumericWindows, nonMissingInto, type NumericColumnOptions } from './numeric-column.ts';
import { PROFILE_QUANTILES, quantileSorted } from './quantile.ts';
import { topK } from './top-k.ts';
import type { ColumnProfile, ColumnSchema, DatasetProfile } from './types.ts';
import { countsBySorting, valueCounts } from './value-counts.ts';

/** Values listed in a categorical column's topK. */
export const TOP_K = 10;

type Base = Pick<ColumnProfile, 'name' | 'type' | 'inferred' | 'arrowType' | 'count'>;

function withMissing(base: Base, missing: number): Pick<ColumnProfile, keyof Base | 'missing' | 'missingPct'> {
  return { ...base, missing, missingPct: base.count === 0 ? 0 : (100 * missing) / base.count };
}

/** Profiles the non-missing `values` (in row order; sorted in place here) of a column of base.count rows. */
function profileNumeric(base: Base, values: Float64Array): ColumnProfile {
  const head = withMissing(base, base.count - values.length);
  if (values.length === 0) return { ...head, distinct: 0, histogram: [] };
  // Moments in row order (as pandas sums), then sort the same copy in place for the order statistics.
  const { mean, std } = moments(values);
  values.sort();
  return {
    ...head,
    distinct: distinctSorted(values),
    numeric: {
      min: values[0],
      max: values[values.length - 1],
      mean,
      std,
      quantiles: PROFILE_QUANTILES.map((p) => ({ p, value: quantileSorted(values, p) })),
    },
    // Nice widths suit measurements; for epoch milliseconds they would be arbitrary, so datetimes get
    // plain equal-width bins.
    histogram: histogramSorted(values, { integer: base.type === 'integer', nice: base.type !== 'datetime' }),
  };
}

function profileCategorical(vector: Vector, base: Base, scratch: () => Float64Array): ColumnProfile {
  // Numbers are counted by sorting them in the profile's one scratch buffer (a 0/1 flag stored as integers).
  const { counts, missing, valueAt } = valueCounts(vector, countsBySorting(vector) ? scratch() : undefined);
  const top = topK(counts, valueAt, TOP_K);
  return { ...withMissing(base, missing), distinct: counts.length, topK: top.entries, otherCount: top.otherCount };
}

function checkSchema(table: Table, schema: readonly ColumnSchema[]): void {
  if (table === null || typeof table !== 'object' || typeof table.getChildAt !== 'function') {
    throw new TypeError('profileTable: table must be an Arrow Table');
  }
  if (!Array.isArray(schema)) throw new TypeError('profileTable: schema must be an array of ColumnSchema (see buildSchema)');
  const fields = table.schema.fields;
  if (schema.length !== fields.length) {
    throw new RangeError(`profileTable: schema has ${schema.length} columns but the table has ${fields.length}; build it with buildSchema(table)`);
  }
  schema.forEach((c, i) => {
    if (c.name !== fields[i].name) {
      throw new RangeError(`profileTable: schema[${i}] is for column ${JSON.stringify(c.name)} but the table's column ${i} is ${JSON.stringify(fields[i].name)}; build it with buildSchema(table)`);
    }
  });
}

/**
 * Profile every column of `table` as `schema` (from buildSchema, possibly with applyOverrides) says, and
 * correlate the first MAX_CORRELATION_COLUMNS integer and float columns.
 */
export function profileTable(table: Table, schema: readonly ColumnSchema[]): DatasetProfile {
  checkSchema(table, schema);
  const rows = table.numRows;
  const columns: ColumnProfile[] = [];
  const corrNames: string[] = [];
  const corrColumns: NumericWindows[] = [];
  const corrComplete: boolean[] = [];
  let scratch: Float64Array | null = null;
  schema.forEach((c, i) => {
    const vector = table.getChildAt(i)!;
    const base: Base = { name: c.name, type: c.type, inferred: c.inferred, arrowType: c.arrowType, count: rows };
    if (c.type === 'integer' || c.type === 'float' || c.type === 'datetime') {
      const options: NumericColumnOptions = { parseStrings: c.type === 'datetime' ? 'datetime' : 'number' };
      scratch ??= new Float64Array(rows);
      const kept = nonMissingInto(vector, scratch, options);
      columns.push(profileNumeric(base, scratch.subarray(0, kept)));
      if (c.type !== 'datetime' && corrColumns.length < MAX_CORRELATION_COLUMNS) {
        corrNames.push(c.name);
        corrColumns.push(new NumericWindows(vector, options));
        corrComplete.push(kept === rows);
      }
    } else {
      columns.push(profileCategorical(vector, base, () => (scratch ??= new Float64Array(rows))));
    }
  });
  scratch = null;
  const values = pearsonWindows(corrColumns.length, rows, corrComplete, (j, start, window) => corrColumns[j].read(start, window));
  return { rows, columns, correlation: { columns: corrNames, values } };
}
