// Request bodies in SageMaker's shapes read into the model's input table, and the 400/415 sentences for
// bodies that do not fit. The body is untrusted: prototype keys, nested values and oversized rows.
import type { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parsePayload, PayloadError } from '../../../src/lib/deploy/payload.ts';
import type { DeployModelFacts } from '../../../src/lib/deploy/types.ts';

const facts: DeployModelFacts = {
  algorithm: 'linear-learner', kind: 'supervised', task: 'binary', classes: ['no', 'yes'],
  inputs: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }, { name: 'color', type: 'category', categories: ['blue', 'red'] }],
  fields: ['score', 'predicted_label'], defaultAccept: 'application/json',
};

function rows(t: Table): unknown[][] {
  return Array.from({ length: t.numRows }, (_, i) => t.schema.fields.map((f) => { const v = t.getChild(f.name)!.get(i); return typeof v === 'number' && Number.isNaN(v) ? null : v; }));
}

function fails(body: string, contentType: string, status: number, message: RegExp): void {
  let error: unknown;
  try { parsePayload({ body, contentType }, facts); } catch (e) { error = e; }
  expect(error, body).toBeInstanceOf(PayloadError);
  expect((error as PayloadError).status, body).toBe(status);
  expect((error as PayloadError).message, body).toMatch(message);
}

const WANT = [[1.5, 2, 'red'], [-3, null, 'blue, dark']];

describe('parsePayload: the shapes SageMaker containers take give the same table', () => {
  it('text/csv rows without a header, in input order, with quoted fields and a missing cell', () => {
    const t = parsePayload({ body: '1.5,2,red\r\n-3,,"blue, dark"\n', contentType: 'text/csv' }, facts);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['a', 'b', 'color']);
    expect(rows(t)).toEqual(WANT);
  });
  it('a first CSV line equal to the input names is a header, and the note says so', () => {
    const notes: string[] = [];
    const t = parsePayload({ body: 'a,b,color\n1.5,2,red\n-3,NA,"blue, dark"', contentType: 'text/csv; charset=utf-8' }, facts, (n) => notes.push(n));
    expect(rows(t)).toEqual(WANT);
    expect(notes).toEqual(['the first CSV line equals the input names, so it was read as a header and not scored']);
  });
  it('label_size=1 drops the leading label field of each CSV row', () => {
    expect(rows(parsePayload({ body: '1,1.5,2,red\n0,-3,,"blue, dark"\n', contentType: 'text/csv; label_size=1' }, facts))).toEqual(WANT);
  });
  it('application/json: features arrays, data.features.values, bare arrays and objects by name', () => {
    const bodies = [
      '{"instances": [{"features": [1.5, 2, "red"]}, {"features": [-3, null, "blue, dark"]}]}',
      '{"instances": [{"data": {"features": {"values": [1.5, 2, "red"]}}}, [-3, null, "blue, dark"]]}',
      '{"instances": [{"a": 1.5, "b": "2", "color": "red"}, {"a": -3, "color": "blue, dark"}]}',
    ];
    for (const body of bodies) expect(rows(parsePayload({ body, contentType: 'application/json' }, facts)), body).toEqual(WANT);
    expect(rows(parsePayload({ body: '{"features": [1.5, 2, "red"]}', contentType: 'application/json' }, facts))).toEqual([WANT[0]]);
  });
  it('application/jsonlines: one instance per line, blank lines skipped', () => {
    const body = '{"features": [1.5, 2, "red"]}\n\n{"data": {"features": {"values": [-3, null, "blue, dark"]}}}\n';
    expect(rows(parsePayload({ body, contentType: 'application/jsonlines' }, facts))).toEqual(WANT);
  });
  it('numeric inputs become float64 columns; text that is not a number stays text for the encoder to report', () => {
    const t = parsePayload({ body: '1,2,red\n3,x,blue\n', contentType: 'text/csv' }, facts);
    expect(t.getChild('a')!.type.toString()).toBe('Float64');
    expect(t.getChild('b')!.type.toString()).toBe('Dictionary<Int32, Utf8>');
  });
});

describe('parsePayload errors', () => {
  it('415 for another Content-Type, naming the supported ones', () => {
    fails('1,2,red', 'text/plain', 415, /^Content-Type "text\/plain" is not supported; send text\/csv, application\/json or application\/jsonlines$/);
    fails('1,2,red', '', 415, /^no Content-Type is not supported/);
  });
  it('400 for a CSV row with too few or too many fields, naming the row, line and counts', () => {
    fails('1,2,red\n1,2\n', 'text/csv', 400, /^CSV row 2 \(line 2\) has 2 fields; the model reads 3: a, b, color$/);
    fails('1,2,red,4\n', 'text/csv', 400, /^CSV row 1 \(line 1\) has 4 fields; the model reads 3: a, b, color$/);
    fails('1,2,red,4,5,6,7,8\n', 'text/csv', 400, /^CSV row 1 \(line 1\) has more than 3 fields/);
    fails('1,2,"red\n', 'text/csv', 400, /quoted field is never closed/);
  });
  it('400 for an empty body', () => {
    fails('', 'text/csv', 400, /^the request holds no rows; send at least one row of 3 values \(a, b, color\)$/);
    fails('{"instances": []}', 'application/json', 400, /holds no rows/);
  });
  it('400 for JSON that is not JSON or not one of the shapes', () => {
    fails('{"instances": [', 'application/json', 400, /^the request body is not valid JSON/);
    fails('[1, 2, 3]', 'application/json', 400, /none of the accepted shapes: \{"instances"/);
    fails('{"instances": {"a": 1}}', 'application/json', 400, /"instances" must be an array/);
    fails('{"instances": [[1, 2]]}', 'application/json', 400, /^instance 1 has 2 values; the model reads 3: a, b, color$/);
    fails('{"instances": [[1, {"x": 1}, "red"]]}', 'application/json', 400, /^instance 1: value 2 \(b\) must be a number, string, boolean or null, not an object$/);
    fails('{"instances": [{"data": {"values": [1, 2, "red"]}}]}', 'application/json', 400, /"data" must be \{"features": \{"values"/);
    fails('{"features": [1, 2, "red"]}\nnot json\n', 'application/jsonlines', 400, /^JSON Lines line 2 is not valid JSON/);
  });
  it('unknown keys, __proto__ included, are 400 naming them, and nothing is polluted', () => {
    fails('{"instances": [{"a": 1, "b": 2, "colour": "red"}]}', 'application/json', 400, /^instance 1 has key "colour" that is not an input of the model \(inputs: a, b, color\)/);
    fails('{"instances": [{"__proto__": {"polluted": 1}, "a": 1}]}', 'application/json', 400, /key "__proto__" that is not an input/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('an input named __proto__ is read as an ordinary column', () => {
    const f: DeployModelFacts = { ...facts, inputs: [{ name: '__proto__', type: 'number' }, { name: 'constructor', type: 'number' }] };
    const t = parsePayload({ body: '{"instances": [{"__proto__": 1, "constructor": 2}]}', contentType: 'application/json' }, f);
    expect(t.schema.fields.map((x) => x.name)).toEqual(['__proto__', 'constructor']);
    expect(rows(t)).toEqual([[1, 2]]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
  it('more than a million rows is refused', () => {
    const one: DeployModelFacts = { ...facts, inputs: [{ name: 'a', type: 'number' }] };
    let error: unknown;
    try { parsePayload({ body: '1\n'.repeat(1_000_001), contentType: 'text/csv' }, one); } catch (e) { error = e; }
    expect((error as PayloadError).status).toBe(400);
    expect((error as PayloadError).message).toMatch(/more than 1,000,000 rows; split it/);
  });
});
