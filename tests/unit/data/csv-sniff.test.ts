import { describe, expect, it } from 'vitest';
import { sniffDelimiter, sniffHeader, splitRecords } from '../../../src/lib/data/csv-sniff.ts';
import { missingTokens } from '../../../src/lib/data/missing-tokens.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { fixture, loadText, rows } from './helpers.ts';

const records = (text: string, d = ',') => splitRecords(text, d, 50, true);
const missing = missingTokens();

describe('CSV sniffing', () => {
  it('sniffDelimiter picks the delimiter that splits every line into the same number of fields', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n', true)).toBe(',');
    expect(sniffDelimiter('a;b\n1,5;2\n3,5;4\n', true)).toBe(';');
    expect(sniffDelimiter('a\tb\tc\nx y\t2\t3\n', true)).toBe('\t');
    expect(sniffDelimiter('k|v\na,b|1\nc|2\n', true)).toBe('|');
  });

  it('sniffDelimiter ignores delimiters inside quoted fields', () => {
    expect(sniffDelimiter('name;note\n"Smith, J";"a, b, c"\n"Doe, A";"d, e"\n', true)).toBe(';');
  });

  it('a single-column file falls back to the comma', () => {
    expect(sniffDelimiter('name\n"Smith, J"\n"Doe, A"\n', true)).toBe(',');
  });

  it('semicolon, pipe and tab files are read with their sniffed delimiter', async () => {
    expect(rows((await loadBytes('semicolon.csv', fixture('semicolon.csv'))).table)).toEqual([
      { a: 1, b: '2,5', c: 'x' }, { a: 3, b: '4,5', c: 'y' }, { a: 5, b: '6,5', c: 'z;w' },
    ]);
    expect(rows((await loadBytes('pipes.txt', fixture('pipes.txt'))).table)[1]).toEqual({ k: 'beta', v: 2 });
    expect(rows((await loadBytes('tabs.txt', fixture('tabs.tsv'))).table)[0]).toEqual({ city: 'Seattle', temp: 12.5, rain: true });
  });

  it('sniffHeader: a text first row over numeric columns is a header; a row with numbers is data', () => {
    expect(sniffHeader(records('id,price\n1,2.5\n2,3\n'), missing)).toBe(true);
    expect(sniffHeader(records('1,2.5\n2,3\n'), missing)).toBe(false);
    expect(sniffHeader(records('2024-01-01,x\n2024-01-02,y\n'), missing)).toBe(false);
  });

  it('sniffHeader: all-text files have a header unless a first-row value repeats below it', () => {
    expect(sniffHeader(records('name,city\nann,paris\nbo,rome\n'), missing)).toBe(true);
    expect(sniffHeader(records('yes,no\nno,yes\nyes,yes\n'), missing)).toBe(false);
  });

  it('a file whose first row holds numbers gets generated names column_1 … column_N', async () => {
    const { table } = await loadBytes('no-header.csv', fixture('no-header.csv'));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(table.numRows).toBe(6);
  });

  it('a header named like a missing token is still a header', async () => {
    const { table } = await loadText('NA,value\nx,1\ny,2\n');
    expect(table.schema.fields.map((f) => f.name)).toEqual(['NA', 'value']);
  });
});
