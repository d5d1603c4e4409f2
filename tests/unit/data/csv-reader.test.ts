import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../../src/lib/data/csv-reader.ts';
import { loadBytes, loadStream } from '../../../src/lib/data/index.ts';
import { fixture, loadText, pieces, rows, types, utf8 } from './helpers.ts';

describe('CSV parsing', () => {
  it('quoted fields keep delimiters, doubled quotes and CRLF newlines; the BOM is dropped from the first name', async () => {
    const { table } = await loadText(new TextDecoder().decode(fixture('quoted-crlf-bom.csv')), 'quoted.csv');
    expect(table.schema.fields.map((f) => f.name)).toEqual(['name', 'comment', 'score']);
    expect(rows(table)).toEqual([
      { name: 'Smith, Jo', comment: 'said "hi"\r\nthen left', score: 1.5 },
      { name: 'Lee', comment: 'plain', score: null },
      { name: 'Ng', comment: null, score: 3 },
    ]);
  });

  it('the BOM bytes EF BB BF are stripped when the file is read from bytes', async () => {
    const { table } = await loadStream('bom.csv', pieces(fixture('quoted-crlf-bom.csv'), 1), 0);
    expect(table.schema.fields[0].name).toBe('name');
  });

  it('lone CR line endings (old Mac files) separate records', async () => {
    const { table } = await loadStream('cr.csv', pieces(fixture('lone-cr.csv'), 4), 0);
    expect(rows(table)).toEqual([{ x: 1, y: 2 }, { x: 3, y: 4 }]);
  });

  it('a file without a trailing newline keeps its last record, and blank lines are skipped', async () => {
    const { table } = await loadText('a,b\n1,2\n\n\n3,4');
    expect(rows(table)).toEqual([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
  });

  it('a quoted field may hold a newline that spans chunks of any size with the same result', async () => {
    const text = 'id,text,n\n1,"line one\nline two, with comma",10\n2,"say ""x""",20\r\n3,"é😀",30\n';
    const expected = rows((await loadText(text)).table);
    expect(expected[0].text).toBe('line one\nline two, with comma');
    expect(expected[2].text).toBe('é😀');
    for (const size of [1, 2, 3, 5, 7, 16]) {
      const { table } = await loadStream('chunks.csv', pieces(utf8(text), size), 0);
      expect(rows(table), `chunk size ${size}`).toEqual(expected);
    }
  });

  it('CsvReader gives the same table for any split of the text once sniffing is done', () => {
    const text = 'a,b,c\n' + Array.from({ length: 40 }, (_, i) => `${i},"q${i}\n${i % 3 ? 'x' : '""y""'}",${i % 5 === 0 ? 'NA' : i * 1.5}`).join('\r\n') + '\n';
    const read = (parts: string[]) => {
      const r = new CsvReader('split.csv', { sampleChars: 16 });
      for (const p of parts) r.push(p);
      return rows(r.finish().table);
    };
    const whole = read([text]);
    expect(whole).toHaveLength(40);
    for (let cut = 1; cut < text.length; cut += 7) expect(read([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    expect(read(text.split(''))).toEqual(whole);
  });

  it('default missing tokens (NA, N/A, null, -, empty …) are read as nulls after trimming', async () => {
    const { table } = await loadText('v\n1\n NA \nN/A\nnull\n-\n\n?\n""\n2\n');
    expect(rows(table).map((r) => r.v)).toEqual([1, null, null, null, null, null, null, 2]);
  });

  it('options.missingTokens replaces the defaults, so NA becomes text and -999 becomes null', async () => {
    const { table } = await loadText('v,w\nNA,-999\nb,3\n', 't.csv', { missingTokens: ['-999'] });
    expect(rows(table)).toEqual([{ v: 'NA', w: null }, { v: 'b', w: 3 }]);
  });

  it('values are typed per column: Int32, Float64, Bool, Date, Timestamp and dictionary-coded text', async () => {
    const { table } = await loadBytes('types.csv', fixture('types.csv'));
    expect(types(table)).toEqual({
      int: 'Int32', float: 'Float64', bool: 'Bool', date: 'Date64<MILLISECOND>', stamp: 'Timestamp<MILLISECOND>',
      cat: 'Dictionary<Int32, Utf8>', zip: 'Int32', mixed: 'Dictionary<Int32, Utf8>',
    });
    const r = rows(table);
    expect(r[1]).toMatchObject({ int: -2, float: 1.25, bool: true, date: Date.UTC(2024, 0, 2), stamp: Date.UTC(2024, 0, 1, 1, 30) });
    expect(r[0].bool).toBe(false);
    expect(r.map((x) => x.mixed).slice(8, 11)).toEqual(['8', null, 'ten']);
  });

  it('a numeric column that turns to text keeps the original spelling of its earlier numbers', async () => {
    const { table } = await loadText('code\n007\n1.50\n-0\n+3\n1e3\n 12 \n0.25\nA1\n');
    expect(rows(table).map((r) => r.code)).toEqual(['007', '1.50', '-0', '+3', '1e3', ' 12 ', '0.25', 'A1']);
  });

  it('integers beyond ±2^31 make the column Float64; hex and Infinity are text', async () => {
    expect(types((await loadText('n\n1\n3000000000\n')).table).n).toBe('Float64');
    expect(rows((await loadText('h\n0x1f\n')).table)[0].h).toBe('0x1f');
    expect(types((await loadText('i\nInfinity\n')).table).i).toBe('Dictionary<Int32, Utf8>');
  });

  it('ISO datetimes with offsets and spaces become UTC timestamps; dates mixed with datetimes too', async () => {
    const { table } = await loadText('t\n2024-03-01 10:00\n2024-03-01T12:00:00.250+02:00\n2024-03-02\n');
    expect(types(table).t).toBe('Timestamp<MILLISECOND>');
    expect(rows(table).map((r) => r.t)).toEqual([Date.UTC(2024, 2, 1, 10), Date.UTC(2024, 2, 1, 10, 0, 0, 250), Date.UTC(2024, 2, 2)]);
  });

  it('an impossible date such as 2023-02-30 keeps the column as text', async () => {
    expect(types((await loadText('d\n2023-02-28\n2023-02-30\n')).table).d).toBe('Dictionary<Int32, Utf8>');
  });

  it('a column with no values at all is an all-null Float64 column', async () => {
    const { table } = await loadText('a,b\n1,\n2,NA\n');
    expect(types(table).b).toBe('Float64');
    expect(table.getChild('b')!.nullCount).toBe(2);
  });

  it('column names and cells holding HTML such as <script> come back unchanged, as plain text', async () => {
    const evil = '<script>alert(1)</script>';
    const { table } = await loadText(`"${evil}",<img src=x onerror=alert(2)>\n"<b>bold</b>",1\n`);
    expect(table.schema.fields.map((f) => f.name)).toEqual([evil, '<img src=x onerror=alert(2)>']);
    expect(rows(table)[0][evil]).toBe('<b>bold</b>');
  });

  it('a column named __proto__ or constructor is kept as a real column', async () => {
    const { table } = await loadText('__proto__,constructor\n1,2\n');
    expect(table.schema.fields.map((f) => f.name)).toEqual(['__proto__', 'constructor']);
    expect(table.getChild('__proto__')!.get(0)).toBe(1);
  });

  it('a 10,000-row CSV loads into typed columns with exact values', async () => {
    const lines = ['i,x,c'];
    for (let i = 0; i < 10_000; i++) lines.push(`${i},${(i * 0.001).toFixed(3)},${i % 7 === 0 ? 'seven' : 'other'}`);
    const { table } = await loadText(lines.join('\n'));
    expect(table.numRows).toBe(10_000);
    const x = table.getChild('x')!;
    expect(x.get(1234)).toBe(1.234);
    expect(table.getChild('c')!.get(7)).toBe('seven');
  });
});
