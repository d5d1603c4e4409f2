import { describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { fixture, rejection, rows, types } from './helpers.ts';

/** hyparquet's own (slow, row-by-row) reader as the reference, with its values in Arrow's JSON form. */
async function reference(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const objects = await parquetReadObjects({ file, compressors });
  return objects.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k,
    v === undefined ? null : typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : v])));
}

/** Values equal within 1e-12 relative, or timestamps equal to the millisecond (Arrow floors sub-ms). */
function expectSameRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const got = actual[i][k];
      if (typeof v === 'number' && typeof got === 'number') expect(Math.abs(got - v), `row ${i} ${k}`).toBeLessThanOrEqual(Math.max(1e-12 * Math.abs(v), 1 - 1e-9));
      else expect(got, `row ${i} ${k}`).toEqual(v);
    }
  });
}

describe('Parquet', () => {
  for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4-raw']) {
    it(`a ${codec.toUpperCase()} file with 3 row groups and several pages per chunk matches hyparquet's reader`, async () => {
      const bytes = fixture(`codec-${codec}.parquet`);
      const { table, format } = await loadBytes(`codec-${codec}.parquet`, bytes);
      expect(format).toBe('parquet');
      expect(table.numRows).toBe(150);
      expect(types(table)).toEqual({ id: 'Int32', value: 'Float64', label: 'Dictionary<Int32, Utf8>', when: 'Timestamp<MILLISECOND>' });
      expectSameRows(rows(table), await reference(bytes));
      expect(table.getChild('value')!.nullCount).toBe(12);
    });
  }

  it('data pages v2 (ZSTD) with dictionary and nullable columns match hyparquet', async () => {
    const bytes = fixture('pages-v2-zstd.parquet');
    expectSameRows(rows((await loadBytes('v2.parquet', bytes)).table), await reference(bytes));
  });

  it('every supported type maps to its Arrow type: ints, int64, float, double, bool, strings, date, timestamps (INT96 too), decimals, UUID, FLOAT16', async () => {
    const bytes = fixture('types.parquet');
    const { table } = await loadBytes('types.parquet', bytes);
    expect(types(table)).toEqual({
      id: 'Int32', count64: 'Float64', price: 'Float64', ratio: 'Float64', flag: 'Bool',
      city: 'Dictionary<Int32, Utf8>', note: 'Dictionary<Int32, Utf8>', day: 'Date64<MILLISECOND>',
      ts: 'Timestamp<MILLISECOND>', ts_ms: 'Timestamp<MILLISECOND>', amount: 'Float64', small_dec: 'Float64',
      fixed_dec: 'Float64', tiny: 'Int32', level: 'Float64', uuid: 'Dictionary<Int32, Utf8>', half: 'Float64',
      legacy_ts: 'Timestamp<MILLISECOND>',
    });
    const r = rows(table);
    expect(r[1]).toMatchObject({ id: 2, count64: 2 ** 40 + 1000, ratio: 0.125, flag: false, note: 'note 1', amount: -876.54, small_dec: -1.875, fixed_dec: -376.5433, tiny: -19, level: 10 });
    expect(r[0]).toMatchObject({ note: 'café ☕ 0', day: Date.UTC(2022, 0, 8), ts: 1_700_000_000_000 });
    expect(r[5].count64).toBeNull();
    expect(r[1]).toMatchObject({ uuid: '10111213-1415-1617-1819-1a1b1c1d1e1f', half: 1.25, legacy_ts: Date.UTC(2023, 1, 25, 1) });
    expectSameRows(r, await reference(bytes));
  });

  it('nullable columns carry their nulls: a dictionary column, a boolean and a fixed-length decimal', async () => {
    const { table } = await loadBytes('types.parquet', fixture('types.parquet'));
    expect(table.getChild('city')!.nullCount).toBe(4);
    expect(table.getChild('flag')!.nullCount).toBe(8);
    expect(table.getChild('fixed_dec')!.nullCount).toBe(3);
    expect(table.getChild('id')!.nullCount).toBe(0);
  });

  it('a nested LIST column is read through hyparquet and kept as JSON text, with a warning', async () => {
    const bytes = fixture('nested-list.parquet');
    const { table, warnings } = await loadBytes('nested.parquet', bytes);
    expect(rows(table).map((r) => r.tags)).toEqual(['["a","b"]', '[]', null, '["c",null]', '["<i>d</i>"]', '["e"]']);
    expect(rows(table).map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(warnings).toEqual(['Nested column "tags" (a list, map or struct) is shown as JSON text.']);
    const ref = await reference(bytes);
    expect(ref[0].tags).toEqual(['a', 'b']);
  });

  it('a column compressed with LZO is a DataError "unsupported-codec" naming the codec and column', async () => {
    const e = await rejection(loadBytes('lzo.parquet', fixture('codec-lzo.parquet')));
    expect(e.code).toBe('unsupported-codec');
    expect(e.column).toBe('id');
    expect(e.message).toMatch(/^lzo\.parquet \(column "id"\): this column is compressed with LZO, which this reader cannot decompress/);
  });

  it('an unknown codec id is a DataError "unsupported-codec" that quotes the id', async () => {
    const e = await rejection(loadBytes('odd.parquet', fixture('codec-unknown.parquet')));
    expect(e.code).toBe('unsupported-codec');
    expect(e.message).toMatch(/compressed with unknown codec id 9/);
  });

  it('a truncated Parquet file is a DataError "invalid-parquet" at any cut point', async () => {
    const bytes = fixture('codec-gzip.parquet');
    for (const cut of [3, 4, 100, 1000, bytes.length - 5, bytes.length - 1]) {
      const e = await rejection(loadBytes('cut.parquet', bytes.subarray(0, cut)));
      expect(e.code, `cut at ${cut}`).toBe('invalid-parquet');
    }
  });

  it('a file with PAR1 at both ends but garbage between is a DataError "invalid-parquet"', async () => {
    const junk = new Uint8Array([...new TextEncoder().encode('PAR1'), ...new Uint8Array(64).fill(7), ...new TextEncoder().encode('PAR1')]);
    const e = await rejection(loadBytes('broken.parquet', junk));
    expect(e.code).toBe('invalid-parquet');
    expect(e.message).toMatch(/^broken\.parquet: this is not a readable Parquet file/);
  });

  it('corrupt page bytes inside a column chunk give "invalid-parquet" naming the column and row group', async () => {
    const bytes = fixture('codec-uncompressed.parquet').slice();
    bytes.fill(0xff, 4, 40);
    const e = await rejection(loadBytes('corrupt.parquet', bytes));
    expect(e.code).toBe('invalid-parquet');
    expect(e.message).toMatch(/column "id", row group 1 of 3/);
  });
});
