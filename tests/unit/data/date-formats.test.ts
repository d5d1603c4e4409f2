import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { dateOrderOf, detectDateFormat, fullYear, parseDate } from '../../../src/lib/data/date-formats.ts';
import { dateFormatsOf } from '../../../src/lib/data/column-date-formats.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { loadText, types } from './helpers.ts';

const VEGA = resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data');
const vega = (name: string) => loadBytes(name, new Uint8Array(readFileSync(resolve(VEGA, name))));
const ms = (t: unknown) => Number(t);

describe('detectDateFormat: formats people write', () => {
  it('ISO dates and date-times with T or a space, optional seconds, fraction, Z or offset', () => {
    expect(detectDateFormat(['2024-01-31', '1999-12-01'])).toMatchObject({ order: 'ymd', format: 'YYYY-MM-DD', hasTime: false, ambiguous: false });
    expect(detectDateFormat(['2024-01-31T10:00:00Z', '2024-01-31T11:30:05.25+02:00'])).toMatchObject({ format: 'YYYY-MM-DDTHH:mm:ss.SSSZ', hasTime: true });
    expect(detectDateFormat(['2015-01-01 01:00', '2015-01-02 13:45'])?.format).toBe('YYYY-MM-DD HH:mm');
    expect(parseDate('2024-02-29T01:00-05:30', 'ymd')).toBe(Date.UTC(2024, 1, 29, 6, 30));
    expect(parseDate('2024-02-29T23:59:59.999Z', 'ymd')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
  });

  it('year first with slashes and a time: 2015/01/01 01:00:00', () => {
    expect(detectDateFormat(['2015/01/01 01:00:00', '2015/12/31 23:00:00'])).toMatchObject({ order: 'ymd', format: 'YYYY/MM/DD HH:mm:ss', hasTime: true });
    expect(parseDate('2015/01/01 01:00:00', 'ymd')).toBe(Date.UTC(2015, 0, 1, 1));
  });

  it('month names: Jun 12 1998, June 12, 1998 and 12 Jun 1998', () => {
    expect(detectDateFormat(['Jun 12 1998', 'Jan 1 2000'])).toMatchObject({ order: 'mon-d-y', format: 'MMM D YYYY' });
    expect(detectDateFormat(['June 12, 1998', 'September 3, 2001'])).toMatchObject({ order: 'mon-d-y', format: 'MMMM D, YYYY' });
    expect(detectDateFormat(['12 Jun 1998', '3 Sep 2001'])).toMatchObject({ order: 'd-mon-y', format: 'D MMM YYYY' });
    expect(parseDate('Jun 12 1998', 'mon-d-y')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDate('June 12, 1998', 'mon-d-y')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDate('12 Jun 1998', 'd-mon-y')).toBe(Date.UTC(1998, 5, 12));
    expect(detectDateFormat(['Foo 12 1998'])).toBeNull();
  });

  it('a first field above 12 anywhere in the column means day first', () => {
    const f = detectDateFormat(['12/06/1998', '25/06/1998']);
    expect(f).toMatchObject({ order: 'dmy', format: 'DD/MM/YYYY', ambiguous: false });
    expect(parseDate('12/06/1998', 'dmy')).toBe(Date.UTC(1998, 5, 12));
  });

  it('a second field above 12 anywhere in the column means month first', () => {
    expect(detectDateFormat(['06/12/1998', '06/25/1998'])).toMatchObject({ order: 'mdy', format: 'MM/DD/YYYY', ambiguous: false });
  });

  it('when every value fits both orders, month first (as pandas) is chosen and marked ambiguous', () => {
    expect(detectDateFormat(['12/06/1998', '01/02/2003'])).toMatchObject({ order: 'mdy', ambiguous: true });
    expect(parseDate('12/06/1998', 'mdy')).toBe(Date.UTC(1998, 11, 6));
  });

  it('fields above 12 in both places, or two ways of writing in one column, are not dates', () => {
    expect(detectDateFormat(['13/01/2000', '01/13/2000'])).toBeNull();
    expect(detectDateFormat(['2024-01-31', '31/01/2024'])).toBeNull();
    expect(detectDateFormat(['2024-01-31', '2024/01/31'])).toBeNull();
    expect(detectDateFormat(['02/30/2000'])).toBeNull();
    // Version numbers and codes are not dates.
    expect(detectDateFormat(['1.2.10', '1.3.0'])).toBeNull();
    expect(detectDateFormat(['hello'])).toBeNull();
  });

  it('two-digit years as pandas reads them: 69–99 are the 1900s, 00–68 the 2000s', () => {
    expect(fullYear(69, 2)).toBe(1969);
    expect(fullYear(99, 2)).toBe(1999);
    expect(fullYear(0, 2)).toBe(2000);
    expect(fullYear(68, 2)).toBe(2068);
    expect(detectDateFormat(['1/18/90 0:00', '12/31/68 23:59'])).toMatchObject({ order: 'mdy', format: 'MM/DD/YY HH:mm', hasTime: true });
    expect(parseDate('1/18/90 0:00', 'mdy')).toBe(Date.UTC(1990, 0, 18));
    expect(parseDate('12/31/68 23:59', 'mdy')).toBe(Date.UTC(2068, 11, 31, 23, 59));
  });

  it('times are read exactly in UTC: an hour across a daylight-saving change is 3,600,000 ms', () => {
    // 2023-03-12 02:30 does not exist in US local time and 2023-03-26 02:30 not in central Europe; in UTC both do.
    expect(parseDate('03/12/2023 02:30', 'mdy')).toBe(1678588200000);
    expect(parseDate('03/12/2023 03:30', 'mdy') - parseDate('03/12/2023 02:30', 'mdy')).toBe(3_600_000);
    expect(parseDate('26/03/2023 02:30', 'dmy')).toBe(Date.UTC(2023, 2, 26, 2, 30));
    expect(parseDate('Nov 5 2023 1:30 PM', 'mon-d-y')).toBe(Date.UTC(2023, 10, 5, 13, 30));
  });

  it('dateOrderOf reads the order of a format string, and null for one without year, month and day', () => {
    expect(dateOrderOf('DD/MM/YYYY')).toBe('dmy');
    expect(dateOrderOf('MM/DD/YY HH:mm')).toBe('mdy');
    expect(dateOrderOf('YYYY-MM-DDTHH:mm:ss')).toBe('ymd');
    expect(dateOrderOf('MMM D YYYY')).toBe('mon-d-y');
    expect(dateOrderOf('D MMMM YYYY')).toBe('d-mon-y');
    expect(dateOrderOf('banana')).toBeNull();
  });
});

describe('loading dates', () => {
  it('a CSV column of slashed dates becomes Date64 and reports its format with the load result', async () => {
    const r = await loadText('when,n\n25/12/2020,1\n01/02/2021,2\n');
    expect(types(r.table).when).toBe('Date64<MILLISECOND>');
    expect(r.dateFormats).toEqual([{ column: 'when', format: 'DD/MM/YYYY' }]);
    expect(ms(r.table.getChild('when')!.get(1))).toBe(Date.UTC(2021, 1, 1));
  });

  it('an ambiguous column is read month first and reported as ambiguous', async () => {
    const r = await loadText('when\n03/04/2024\n05/06/2024\n');
    expect(r.dateFormats).toEqual([{ column: 'when', format: 'MM/DD/YYYY', ambiguous: true }]);
    expect(ms(r.table.getChild('when')!.get(0))).toBe(Date.UTC(2024, 2, 4));
  });

  it('options.dateFormats forces day first, and is reported as given', async () => {
    const r = await loadText('when\n03/04/2024\n05/06/2024\n', 'test.csv', { dateFormats: { when: 'DD/MM/YYYY' } });
    expect(r.dateFormats).toEqual([{ column: 'when', format: 'DD/MM/YYYY', given: true }]);
    expect(ms(r.table.getChild('when')!.get(0))).toBe(Date.UTC(2024, 3, 3));
  });

  it('a forced format that some value does not fit leaves the column text, with a warning', async () => {
    const r = await loadText('when\n03/04/2024\n05/13/2024\n', 'test.csv', { dateFormats: { when: 'DD/MM/YYYY' } });
    expect(types(r.table).when).toBe('Dictionary<Int32, Utf8>');
    expect(r.dateFormats).toEqual([]);
    expect(r.warnings).toContain('Column "when" is not all dates in the format DD/MM/YYYY, so it was read as text.');
  });

  it('options.dateFormats with a format that names no day, month and year is refused with a sentence', async () => {
    await expect(loadText('a\n1\n', 'test.csv', { dateFormats: { a: 'banana' } })).rejects.toThrow(
      /Argument 'options\.dateFormats\["a"\]' passed to loadBytes must be a date format with year, month and day fields/,
    );
  });

  it('JSON strings are read as dates too, and the format travels in the Arrow field metadata through IPC', async () => {
    const r = await loadText('[{"d":"2015/01/01 01:00:00"},{"d":"2015/01/01 02:00:00"}]', 'x.json');
    expect(types(r.table).d).toBe('Timestamp<MILLISECOND>');
    expect(dateFormatsOf(tableFromIPC(tableToIPC(r.table, 'stream')))).toEqual([{ column: 'd', format: 'YYYY/MM/DD HH:mm:ss' }]);
  });

  it('vega-datasets: movies "Release Date" and stocks "date" (Jun 12 1998) are dates; github "time" is a timestamp', async () => {
    const movies = await vega('movies.json');
    expect(movies.dateFormats).toContainEqual({ column: 'Release Date', format: 'MMM D YYYY' });
    expect(ms(movies.table.getChild('Release Date')!.get(0))).toBe(Date.UTC(1998, 5, 12));
    const stocks = await vega('stocks.csv');
    expect(stocks.dateFormats).toEqual([{ column: 'date', format: 'MMM D YYYY' }]);
    expect(ms(stocks.table.getChild('date')!.get(0))).toBe(Date.UTC(2000, 0, 1));
    const github = await vega('github.csv');
    expect(types(github.table).time).toBe('Timestamp<MILLISECOND>');
    expect(github.dateFormats).toEqual([{ column: 'time', format: 'YYYY/MM/DD HH:mm:ss' }]);
    const birds = await vega('birdstrikes.csv');
    expect(birds.dateFormats).toEqual([{ column: 'Flight Date', format: 'YYYY-MM-DD' }]);
  });
});
