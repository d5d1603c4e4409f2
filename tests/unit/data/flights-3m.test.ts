import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { types } from './helpers.ts';

describe('flights-3m.parquet (ZSTD, dictionary-encoded, 11 row groups)', () => {
  it('flights-3m.parquet loads into 3,000,000 rows and 5 typed columns', async () => {
    const bytes = new Uint8Array(readFileSync('node_modules/vega-datasets/data/flights-3m.parquet'));
    const { table, warnings } = await loadBytes('flights-3m.parquet', bytes);
    expect(table.numRows).toBe(3_000_000);
    expect(table.numCols).toBe(5);
    expect(warnings).toEqual([]);
    expect(types(table)).toEqual({
      date: 'Timestamp<MILLISECOND>', delay: 'Float64', distance: 'Float64',
      origin: 'Dictionary<Int32, Utf8>', destination: 'Dictionary<Int32, Utf8>',
    });
    // First and last rows, as hyparquet's reference reader gives them.
    expect(table.get(0)!.toJSON()).toEqual({ date: Date.UTC(2001, 0, 1, 0, 1), delay: 33, distance: 2176, origin: 'LAS', destination: 'PHL' });
    expect(table.get(2_999_999)!.toJSON()).toMatchObject({ delay: 33, distance: 373, origin: 'ATL', destination: 'CVG' });
  });
});
