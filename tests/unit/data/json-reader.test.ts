import { describe, expect, it } from 'vitest';
import { loadBytes, loadStream } from '../../../src/lib/data/index.ts';
import { fixture, loadText, pieces, rejection, rows, types } from './helpers.ts';

describe('JSON and JSON Lines', () => {
  it('a JSON array of records becomes columns in first-seen key order, with a late key null before it appears', async () => {
    const { table, format } = await loadBytes('records.json', fixture('records.json'));
    expect(format).toBe('json');
    expect(table.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'score', 'ok', 'extra']);
    expect(types(table)).toMatchObject({ id: 'Int32', name: 'Dictionary<Int32, Utf8>', score: 'Float64', ok: 'Bool', extra: 'Dictionary<Int32, Utf8>' });
    const r = rows(table);
    expect(r[0]).toEqual({ id: 0, name: r[0].name, score: null, ok: true, extra: null });
    expect(r[5].extra).toBe('{"deep":[1,2]}');
  });

  it('JSON Lines gives the same table as the JSON array, in any chunking', async () => {
    const json = rows((await loadBytes('records.json', fixture('records.json'))).table);
    for (const size of [1, 7, 1000]) {
      const { table, format } = await loadStream('records.jsonl', pieces(fixture('records.jsonl'), size), 0);
      expect(format).toBe('jsonl');
      expect(rows(table), `chunk size ${size}`).toEqual(json);
    }
  });

  it('mixed numbers and strings in one JSON column become text; JSON strings that look numeric stay text', async () => {
    const { table } = await loadText('[{"a":1,"b":"12"},{"a":"x","b":"13"},{"a":2.5,"b":null}]', 'm.json');
    expect(rows(table)).toEqual([{ a: '1', b: '12' }, { a: 'x', b: '13' }, { a: '2.5', b: null }]);
  });

  it('ISO date strings in JSON become a Date column', async () => {
    const { table } = await loadText('{"d":"2024-05-01"}\n{"d":"2024-05-02"}\n', 'd.jsonl');
    expect(types(table).d).toBe('Date64<MILLISECOND>');
  });

  it('an array of plain values becomes one column named value', async () => {
    const { table } = await loadText('[1, 2, null, 4]', 'v.json');
    expect(rows(table).map((r) => r.value)).toEqual([1, 2, null, 4]);
  });

  it('invalid JSON Lines is a DataError "invalid-json" naming the line', async () => {
    const e = await rejection(loadText('{"a":1}\n\n{"a":2,}\n', 'bad.jsonl'));
    expect(e.code).toBe('invalid-json');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^bad\.jsonl \(line 3, column 8\): this line is not valid JSON \(Expected double-quoted property name\)\.$/);
  });

  it('invalid JSON is a DataError "invalid-json" with the line, column and position of the mistake', async () => {
    const e = await rejection(loadText('[\n  {"a": 1},\n  {"a": }\n]', 'bad.json'));
    expect(e.code).toBe('invalid-json');
    expect(e.line).toBe(3);
    expect(e.column).toBe(9);
    expect(e.message).toMatch(/^bad\.json \(line 3, column 9\): this is not valid JSON \(Unexpected token '}' at position 22\)\.$/);
  });

  it('an empty JSON array, or records without fields, is a DataError "empty"', async () => {
    expect((await rejection(loadText('[]', 'none.json'))).message).toBe('none.json: the file holds no records.');
    expect((await rejection(loadText('{}\n{}\n', 'blank.jsonl'))).code).toBe('empty');
  });

  it('a JSON array mixing records and plain values is refused with the index of the odd element', async () => {
    const e = await rejection(loadText('[{"a":1}, 5]', 'mixed.json'));
    expect(e.code).toBe('invalid-json');
    expect(e.message).toMatch(/element 1 is 5/);
  });
});
