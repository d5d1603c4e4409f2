import { describe, expect, it } from 'vitest';
import { tableToIPC, vectorFromArray, Utf8, Dictionary, Int32, Table } from 'apache-arrow';
import { writeParquet } from '../../../scripts/fixtures/parquet-writer.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { dateFormatsOf } from '../../../src/lib/data/column-date-formats.ts';
import { loadText, rows, types } from './helpers.ts';

const UTF8 = 0;
const iso = (ms: unknown) => new Date(Number(ms)).toISOString().slice(0, 10);

function arrowBytes(columns: Record<string, (string | null)[]>): Uint8Array {
  const vectors = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, vectorFromArray(v, new Utf8())]));
  return tableToIPC(new Table(vectors), 'file');
}

describe('text dates in Arrow and Parquet files', () => {
  it('an Arrow Utf8 column of 12/06/1998-style dates becomes a Date column, day first found from the data', async () => {
    const bytes = arrowBytes({ when: ['12/06/1998', '25/06/1998', null, '01/07/1998'], code: ['a', 'b', 'c', 'd'] });
    const r = await loadBytes('t.arrow', bytes);
    expect(types(r.table)).toEqual({ when: 'Date64<MILLISECOND>', code: 'Utf8' });
    expect(rows(r.table).map((x) => (x.when === null ? null : iso(x.when)))).toEqual(['1998-06-12', '1998-06-25', null, '1998-07-01']);
    expect(r.dateFormats).toEqual([{ column: 'when', format: 'DD/MM/YYYY' }]);
    // The format travels in the field metadata, as for CSV.
    expect(dateFormatsOf(r.table)).toEqual([{ column: 'when', format: 'DD/MM/YYYY' }]);
  });

  it('a dictionary-encoded Parquet string column of "Jun 12 1998" dates becomes a Date column', async () => {
    const when = ['Jun 12 1998', 'Jul 4 1999', null, 'Jun 12 1998', 'Dec 31 2001'];
    const bytes = writeParquet([
      { name: 'when', type: 'BYTE_ARRAY', convertedType: UTF8, dictionary: true, values: when },
      { name: 'n', type: 'INT32', values: [1, 2, 3, 4, 5] },
    ], { codec: 'UNCOMPRESSED' });
    const r = await loadBytes('t.parquet', bytes);
    expect(types(r.table).when).toBe('Date64<MILLISECOND>');
    expect(rows(r.table).map((x) => (x.when === null ? null : iso(x.when)))).toEqual(['1998-06-12', '1999-07-04', null, '1998-06-12', '2001-12-31']);
    expect(r.dateFormats[0]).toMatchObject({ column: 'when', format: 'MMM D YYYY' });
  });

  it('date-times with a time become Timestamp columns; text that is not all dates stays text', async () => {
    const bytes = arrowBytes({ at: ['2015/01/01 01:00:00', '2015/01/01 02:30:00'], mixed: ['2015-01-01', 'soon'] });
    const r = await loadBytes('t.arrow', bytes);
    expect(types(r.table)).toEqual({ at: 'Timestamp<MILLISECOND>', mixed: 'Utf8' });
    expect(new Date(Number(rows(r.table)[1].at)).toISOString()).toBe('2015-01-01T02:30:00.000Z');
  });

  it('dateFormats forces the order, and "text" keeps a date-shaped column as text', async () => {
    const bytes = arrowBytes({ when: ['03/04/2024', '05/06/2024'], code: ['2019-01-01', '2019-02-01'] });
    const r = await loadBytes('t.arrow', bytes, { dateFormats: { when: 'DD/MM/YYYY', code: 'text' } });
    expect(iso(rows(r.table)[0].when)).toBe('2024-04-03');
    expect(types(r.table).code).toBe('Utf8');
    expect(rows(r.table)[0].code).toBe('2019-01-01');
    expect(r.dateFormats).toEqual([{ column: 'when', format: 'DD/MM/YYYY', given: true }, { column: 'code', format: 'text', given: true }]);
  });

  it('a forced format that does not fit leaves the column as text, with a warning', async () => {
    const bytes = arrowBytes({ when: ['2024-01-31', '2024-02-28'] });
    const r = await loadBytes('t.arrow', bytes, { dateFormats: { when: 'DD/MM/YYYY' } });
    expect(types(r.table).when).toBe('Utf8');
    expect(r.warnings.join(' ')).toContain('is not all dates in the format DD/MM/YYYY');
  });

  it('a table of several record batches keeps every row when a column becomes dates', async () => {
    const batch1 = new Table({ when: vectorFromArray(['01/02/2020', '13/02/2020'], new Utf8()), k: vectorFromArray(['x', 'y'], new Dictionary(new Utf8(), new Int32())) });
    const batch2 = new Table({ when: vectorFromArray(['28/02/2020', null], new Utf8()), k: vectorFromArray(['z', 'x'], new Dictionary(new Utf8(), new Int32())) });
    const bytes = tableToIPC(batch1.concat(batch2), 'stream');
    const r = await loadBytes('t.arrows', bytes);
    expect(r.table.numRows).toBe(4);
    expect(rows(r.table).map((x) => [x.when === null ? null : iso(x.when), x.k])).toEqual([['2020-02-01', 'x'], ['2020-02-13', 'y'], ['2020-02-28', 'z'], [null, 'x']]);
  });
});

describe('keeping a date-shaped CSV column as text', () => {
  it('dateFormats { col: "text" } keeps the original text and reports the choice', async () => {
    const r = await loadText('code,v\n2019-01-01,1\n2019-02-01,2\n', 'c.csv', { dateFormats: { code: 'text' } });
    expect(types(r.table).code).toBe('Dictionary<Int32, Utf8>');
    expect(rows(r.table).map((x) => x.code)).toEqual(['2019-01-01', '2019-02-01']);
    expect(r.dateFormats).toEqual([{ column: 'code', format: 'text', given: true }]);
    expect(dateFormatsOf(r.table)).toEqual([{ column: 'code', format: 'text', given: true }]);
  });

  it('without it the same column is read as dates', async () => {
    const r = await loadText('code,v\n2019-01-01,1\n2019-02-01,2\n', 'c.csv');
    expect(types(r.table).code).toBe('Date64<MILLISECOND>');
  });
});
