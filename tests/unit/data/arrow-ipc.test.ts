import { describe, expect, it } from 'vitest';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { fixture, rejection, rows, types } from './helpers.ts';

describe('Arrow IPC', () => {
  const expected = [{ n: 1, x: 0.5, s: 'a' }, { n: null, x: 1.5, s: null }, { n: 3, x: null, s: 'c' }, { n: 4, x: 3.5, s: 'd' }];

  it('an Arrow IPC file keeps its schema, values and nulls', async () => {
    const { table, format } = await loadBytes('small.arrow', fixture('small.arrow'));
    expect(format).toBe('arrow');
    expect(types(table)).toEqual({ n: 'Int32', x: 'Float64', s: 'Utf8' });
    expect(rows(table)).toEqual(expected);
  });

  it('an Arrow IPC stream reads the same as the file', async () => {
    const { table } = await loadBytes('small.arrows', fixture('small.arrows'));
    expect(rows(table)).toEqual(expected);
  });

  it('a real Arrow file from vega-datasets (flights-200k.arrow) loads all 200,000 rows', async () => {
    const { readFileSync } = await import('node:fs');
    const { table } = await loadBytes('flights-200k.arrow', new Uint8Array(readFileSync('node_modules/vega-datasets/data/flights-200k.arrow')));
    expect(table.numRows).toBe(200_000);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['delay', 'distance', 'time']);
  });

  it('a truncated Arrow file is a DataError "invalid-arrow"', async () => {
    const bytes = fixture('small.arrow');
    const e = await rejection(loadBytes('cut.arrow', bytes.subarray(0, 300)));
    expect(e.code).toBe('invalid-arrow');
    expect(e.message).toMatch(/^cut\.arrow: this is not a readable Arrow IPC file or stream/);
  });

  it('text bytes named .arrow are a DataError "invalid-arrow"', async () => {
    const e = await rejection(loadBytes('fake.arrow', new TextEncoder().encode('a,b\n1,2\n')));
    expect(e.code).toBe('invalid-arrow');
  });

  it('tables from every reader survive the Arrow IPC round trip the worker uses to post them', async () => {
    for (const name of ['types.csv', 'records.json', 'types.parquet', 'codec-zstd.parquet', 'nested-list.parquet']) {
      const { table } = await loadBytes(name, fixture(name));
      const back = tableFromIPC(tableToIPC(table, 'stream'));
      expect(types(back), name).toEqual(types(table));
      expect(rows(back), name).toEqual(rows(table));
    }
  });
});
