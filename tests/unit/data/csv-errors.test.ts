import { describe, expect, it } from 'vitest';
import { DataError, loadBytes, loadStream } from '../../../src/lib/data/index.ts';
import { loadText, pieces, rejection, rows, utf8 } from './helpers.ts';

describe('CSV errors and warnings', () => {
  it('an empty file is refused with DataError "empty"', async () => {
    const e = await rejection(loadBytes('empty.csv', new Uint8Array(0)));
    expect(e).toBeInstanceOf(DataError);
    expect(e.code).toBe('empty');
    expect(e.message).toBe('empty.csv: the file is empty (0 bytes).');
  });

  it('a file of only a BOM and blank lines is refused as empty', async () => {
    const e = await rejection(loadBytes('blank.csv', utf8('\ufeff \r\n\n  \n')));
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/^blank\.csv: the file holds only blank space/);
  });

  it('binary garbage named .csv is refused with DataError "binary" saying it does not look like text', async () => {
    const garbage = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256);
    const e = await rejection(loadBytes('garbage.csv', garbage));
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/^garbage\.csv: the file does not look like text/);
  });

  it('binary bytes are refused even when options.format forces CSV', async () => {
    const e = await rejection(loadBytes('x.bin', Uint8Array.of(0, 1, 2, 3, 0, 0), { format: 'csv' }));
    expect(e.code).toBe('binary');
  });

  it('a row with more fields than the header is a "ragged" DataError naming its physical line and both counts', async () => {
    const e = await rejection(loadText('a,b\n1,2\n3,4,5,6\n', 'ragged.csv'));
    expect(e.code).toBe('ragged');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^ragged\.csv \(line 3\): this row has 4 fields but the header row has 2\./);
  });

  it('the ragged message says the delimiter was guessed and names the options that fix it', async () => {
    const e = await rejection(loadText('a,b\n1,2\n3,4,5,6\n', 'ragged.csv'));
    expect(e.message).toBe('ragged.csv (line 3): this row has 4 fields but the header row has 2. The delimiter "," was guessed from the first rows; if that is wrong, set the delimiter (--delimiter in the CLI), else check for a value that contains it but is not quoted with ".');
  });

  it('with a delimiter set and no header, the ragged message says so: "as set" and "the first rows"', async () => {
    const e = await rejection(loadText('1;2\n'.repeat(60) + '3;4;5\n', 'semi.csv', { delimiter: ';', header: false }));
    expect(e.message).toBe('semi.csv (line 61): this row has 3 fields but the first rows have 2. The delimiter is ";", as set; check for a value that contains it but is not quoted with ", or set another delimiter.');
    const tab = await rejection(loadText('a\tb\n1\t2\t3\n', 't.tsv'));
    expect(tab.message).toMatch(/The delimiter is tab, as set;/);
  });

  it('the ragged line number counts the lines inside quoted fields and CRLF pairs once', async () => {
    const e = await rejection(loadText('a,b\r\n"x\ny\nz",1\r\n2,3\r\n4,5,6\r\n', 'r.csv'));
    expect(e.line).toBe(6);
  });

  it('the ragged line number is right when the file arrives in small chunks', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(500) + '1,2,3\n';
    const e = await rejection(loadStream('big.csv', pieces(utf8(text), 13), 0));
    expect(e.code).toBe('ragged');
    expect(e.line).toBe(502);
  });

  it('an unterminated quote is a DataError naming the line where the quote opened', async () => {
    const e = await rejection(loadText('a,b\n1,"oops\n2,3\n', 'quote.csv'));
    expect(e.code).toBe('unterminated-quote');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^quote\.csv \(line 2\): a quoted field starts here but its closing quote never comes/);
  });

  it('the unterminated quote is located after earlier multi-line quoted fields', async () => {
    const e = await rejection(loadStream('q.csv', pieces(utf8('a,b\n"1\n2",3\n4,5\n6,"7\n8\n'), 3), 0));
    expect(e.code).toBe('unterminated-quote');
    expect(e.line).toBe(5);
  });

  it('rows with fewer fields are padded with nulls and counted in one warning naming the first line', async () => {
    const head = 'a,b,c,d,e,f,g\n';
    const full = '1,2,3,4,5,6,7\n';
    const text = head + full.repeat(10) + '1,2\n' + full + '1\n1,2,3\n';
    const { table, warnings } = await loadText(text, 'short.csv');
    expect(table.numRows).toBe(14);
    expect(rows(table)[10]).toEqual({ a: 1, b: 2, c: null, d: null, e: null, f: null, g: null });
    expect(warnings).toEqual(['3 rows had fewer than 7 fields and were padded with missing values; first at line 12.']);
  });

  it('duplicate header names get pandas-style suffixes and empty ones column_N, both named in warnings', async () => {
    const { table, warnings } = await loadText('x,x,,y,x\n1,2,3,4,5\n', 'dups.csv');
    expect(table.schema.fields.map((f) => f.name)).toEqual(['x', 'x.1', 'column_3', 'y', 'x.2']);
    expect(warnings).toEqual([
      'Duplicate column names were renamed: "x" → "x.1" (column 2), "x" → "x.2" (column 5).',
      'Empty column names were filled in: column 3 → "column_3".',
    ]);
  });
});
