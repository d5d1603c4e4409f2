import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { applyOverrides, buildSchema } from '../../../src/lib/profile/schema.ts';

const table = () => tableFromArrays({ id: Int32Array.from([1, 2, 3]), score: Float64Array.from([0.5, 1, 2]), city: ['a', 'b', 'a'] });

describe('buildSchema', () => {
  it('buildSchema(table) lists each column with its Arrow type and inferred type in table order', () => {
    expect(buildSchema(table())).toEqual([
      { name: 'id', arrowType: 'Int32', inferred: 'id', type: 'id' },
      { name: 'score', arrowType: 'Float64', inferred: 'float', type: 'float' },
      { name: 'city', arrowType: 'Dictionary<Int32, Utf8>', inferred: 'categorical', type: 'categorical' },
    ]);
  });

  it('buildSchema rejects something that is not a table', () => {
    // @ts-expect-error deliberately invalid
    expect(() => buildSchema({})).toThrow(/table must be an Arrow Table/);
  });
});

describe('applyOverrides', () => {
  it('applyOverrides sets type from the overrides and keeps inferred, leaving the input untouched', () => {
    const schema = buildSchema(table());
    const out = applyOverrides(schema, { id: 'integer' });
    expect(out[0]).toEqual({ name: 'id', arrowType: 'Int32', inferred: 'id', type: 'integer' });
    expect(schema[0].type).toBe('id');
  });

  it('applyOverrides({}) resets earlier overrides to the inferred types', () => {
    const overridden = applyOverrides(buildSchema(table()), { city: 'text' });
    expect(applyOverrides(overridden, {}).map((c) => c.type)).toEqual(['id', 'float', 'categorical']);
  });

  it('applyOverrides rejects an unknown column and an unknown type with messages naming them', () => {
    const schema = buildSchema(table());
    expect(() => applyOverrides(schema, { town: 'text' })).toThrow(/overrides names column "town", which is not in the schema; columns are "id", "score", "city"/);
    // @ts-expect-error deliberately invalid
    expect(() => applyOverrides(schema, { city: 'string' })).toThrow(/overrides\["city"\] must be one of integer, float, boolean, categorical, datetime, text, id; got "string"/);
  });
});
