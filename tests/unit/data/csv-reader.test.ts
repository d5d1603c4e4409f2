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

  it("default missing tokens are pandas' (NA, N/A, null, #N/A, <NA>, None, empty …), read as nulls after trimming", async () => {
    const { table } = await loadText('v\n1\n NA \nN/A\nnull\n#N/A\n<NA>\nNone\n-1.#IND\n\n""\n2\n');
    expect(rows(table).map((r) => r.v)).toEqual([1, null, null, null, null, null, null, null, null, 2]);
  });

  it('? and - are values, not missing, as in pandas (they used to be missing tokens)', async () => {
    const { table } = await loadText('v\n?\n-\nx\n');
    expect(rows(table).map((r) => r.v)).toEqual(['?', '-', 'x']);
  });

  it('options.naValues adds to the defaults; defaultNa: false drops them, so NA becomes text and -999 becomes null', async () => {
    expect(rows((await loadText('v,w\nNA,-999\nb,3\n', 't.csv', { naValues: ['-999'] })).table)).toEqual([{ v: null, w: null }, { v: 'b', w: 3 }]);
    const { table } = await loadText('v,w\nNA,-999\nb,3\n', 't.csv', { naValues: ['-999'], defaultNa: false });
    expect(rows(table)).toEqual([{ v: 'NA', w: null }, { v: 'b', w: 3 }]);
  });

  it('defaultNa: false with no naValues keeps every text, but an empty cell is still missing', async () => {
    const { table } = await loadText('v,w\nNone,\nNA,2\n', 't.csv', { defaultNa: false });
    expect(rows(table)).toEqual([{ v: 'None', w: null }, { v: 'NA', w: 2 }]);
  });

  it("options.naValuesByColumn replaces one column's list and leaves the others on the file's", async () => {
    const text = 'damage,cost\nNone,None\nMinor,5\nNone,3\n';
    const { table, missingTokens } = await loadText(text, 't.csv', { naValuesByColumn: { damage: [] } });
    expect(rows(table)).toEqual([{ damage: 'None', cost: null }, { damage: 'Minor', cost: 5 }, { damage: 'None', cost: 3 }]);
    expect(missingTokens).toEqual([{ column: 'cost', empty: 0, tokens: [{ token: 'None', count: 1, dominant: false }] }]);
    const own = await loadText('a,b\n-999,-999\n1,2\n', 't.csv', { naValuesByColumn: { b: ['-999'] } });
    expect(rows(own.table)).toEqual([{ a: -999, b: null }, { a: 1, b: 2 }]);
  });

  it('the result counts per column which tokens were read as missing, most frequent first, and blank cells apart', async () => {
    const { missingTokens, warnings } = await loadText('a,b,c\nNA,1,x\nnull,,y\nNA,3,z\n4,4,w\n5,5,v\n');
    expect(missingTokens).toEqual([
      { column: 'a', empty: 0, tokens: [{ token: 'NA', count: 2, dominant: false }, { token: 'null', count: 1, dominant: false }] },
      { column: 'b', empty: 1, tokens: [] },
    ]);
    expect(warnings).toEqual([]);
  });

  it('a token that is most of a column\'s non-empty cells is flagged with a warning sentence naming column, token and share', async () => {
    const { table, missingTokens, warnings } = await loadText('damage,n\nNone,1\nNone,2\nNone,3\nMinor,4\n,5\n');
    expect(rows(table).map((r) => r.damage)).toEqual([null, null, null, 'Minor', null]);
    expect(missingTokens[0]).toEqual({ column: 'damage', empty: 1, tokens: [{ token: 'None', count: 3, dominant: true }] });
    expect(warnings).toEqual(['damage: "None" is 60% of the column and was read as missing; if it is a value, remove it from the missing tokens.']);
  });

  it('token counts are exact when records are cut by chunk boundaries and scanned again', async () => {
    const text = 'a,b\n' + Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'NA,' : `${i},`) + (i % 2 ? 'None' : 'x')).join('\n') + '\n';
    for (const size of [1, 7, 64]) {
      const r = await loadStream('cut.csv', pieces(utf8(text), size), 0);
      expect(r.missingTokens, `chunks of ${size}`).toEqual([
        { column: 'a', empty: 0, tokens: [{ token: 'NA', count: 100, dominant: false }] },
        { column: 'b', empty: 0, tokens: [{ token: 'None', count: 150, dominant: false }] },
      ]);
    }
  });

  it('re-reading the same bytes with other options gives the other reading', async () => {
    const bytes = utf8('damage\nNone\nNone\nMinor\n');
    expect(rows((await loadBytes('d.csv', bytes)).table).map((r) => r.damage)).toEqual([null, null, 'Minor']);
    expect(rows((await loadBytes('d.csv', bytes, { naValuesByColumn: { damage: [] } })).table).map((r) => r.damage)).toEqual(['None', 'None', 'Minor']);
  });

  it('JSON values are typed, so no missing tokens are counted', async () => {
    const r = await loadText('[{"a":"None"},{"a":null}]', 'r.json');
    expect(r.missingTokens).toEqual([]);
    expect(rows(r.table).map((x) => x.a)).toEqual(['None', null]);
  });

  it("options.quote reads fields quoted with another character, doubled to escape, and the delimiter is sniffed around it", async () => {
    const { table } = await loadText("name,note\n'Smith, Jo','it''s'\nLee,\"x\"\n", 'q.csv', { quote: "'" });
    expect(rows(table)).toEqual([{ name: 'Smith, Jo', note: "it's" }, { name: 'Lee', note: '"x"' }]);
  });

  it('options.delimiter and options.header: false override the sniffer', async () => {
    const { table } = await loadText('a;b\nc;d\n', 't.csv', { delimiter: ';', header: false });
    expect(table.schema.fields.map((f) => f.name)).toEqual(['column_1', 'column_2']);
    expect(table.numRows).toBe(2);
    expect((await loadText('a;b\nc;d\n', 't.csv', { delimiter: ',' })).table.numCols).toBe(1);
  });

  it('values are typed per column: Int32, Float64, Bool, Date, Timestamp and dictionary-coded text', async () => {
    const { table } = await loadBytes('types.csv', fixture('types.csv'));
    expect(types(table)).toEqual({
      int: 'Int32', float: 'Float64', bool: 'Bool', date: 'Date64<MILLISECOND>', stamp: 'Timestamp<MILLISECOND>',
      cat: 'Dictionary<Int32, Utf8>', zip: 'Dictionary<Int32, Utf8>', mixed: 'Dictionary<Int32, Utf8>',
    });
    const r = rows(table);
    expect(r[1]).toMatchObject({ int: -2, float: 1.25, bool: true, date: Date.UTC(2024, 0, 2), stamp: Date.UTC(2024, 0, 1, 1, 30) });
    expect(r[0].bool).toBe(false);
    expect(r.map((x) => x.zip).slice(0, 3)).toEqual(['00000', '00007', '00014']);
    expect(r.map((x) => x.mixed).slice(8, 11)).toEqual(['8', null, 'ten']);
  });

  it('a numeric column that turns to text keeps the original spelling of its earlier numbers', async () => {
    const { table } = await loadText('code\n007\n1.50\n-0\n+3\n1e3\n 12 \n0.25\nA1\n');
    expect(rows(table).map((r) => r.code)).toEqual(['007', '1.50', '-0', '+3', '1e3', ' 12 ', '0.25', 'A1']);
  });

  it('a number written with a leading zero (00501, 007, -01, 01.5) makes its column text, keeping every character', async () => {
    for (const [text, want] of [['z\n12\n00501\n7\n', ['12', '00501', '7']], ['z\n007\n', ['007']], ['z\n5\n-01\n', ['5', '-01']], ['z\n1.5\n01.5\n', ['1.5', '01.5']]] as const) {
      const { table } = await loadText(text);
      expect(types(table).z, text).toBe('Dictionary<Int32, Utf8>');
      expect(rows(table).map((r) => r.z), text).toEqual(want);
    }
  });

  it('0, 0.5, -0.25 and .5 are numbers: a lone zero before the point is not a leading zero', async () => {
    const { table } = await loadText('v\n0\n0.5\n-0.25\n.5\n10\n');
    expect(types(table).v).toBe('Float64');
    expect(rows(table).map((r) => r.v)).toEqual([0, 0.5, -0.25, 0.5, 10]);
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
