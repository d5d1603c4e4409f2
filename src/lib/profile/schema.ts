// The schema a profile is computed against: one entry per column with the inferred meaning and the one
// in use. Overrides are applied to a copy so the inferred schema can be shown beside the user's choices.
import type { Table } from 'apache-arrow';
import { SEMANTIC_TYPES, type SemanticType } from '../data/types.ts';
import { inferSemanticType } from './infer-type.ts';
import type { ColumnSchema } from './types.ts';

/** One ColumnSchema per column of `table`, in table order, with `type` equal to the inferred type. */
export function buildSchema(table: Table): ColumnSchema[] {
  if (table === null || typeof table !== 'object' || !('schema' in table) || typeof table.getChildAt !== 'function') {
    throw new TypeError('buildSchema: table must be an Arrow Table');
  }
  return table.schema.fields.map((field, i) => {
    const inferred = inferSemanticType(table.getChildAt(i)!, field.name);
    return { name: field.name, arrowType: String(field.type), inferred, type: inferred };
  });
}

/**
 * A copy of `schema` with `type` set from `overrides` (column name → type); columns not named go back to
 * their inferred type, so passing {} resets every override.
 */
export function applyOverrides(schema: readonly ColumnSchema[], overrides: Readonly<Record<string, SemanticType>>): ColumnSchema[] {
  if (!Array.isArray(schema)) throw new TypeError('applyOverrides: schema must be an array of ColumnSchema');
  if (overrides === null || typeof overrides !== 'object') {
    throw new TypeError(`applyOverrides: overrides must be an object mapping column names to types; got ${overrides === null ? 'null' : typeof overrides}`);
  }
  const names = new Set(schema.map((c) => c.name));
  for (const [name, type] of Object.entries(overrides)) {
    if (!names.has(name)) {
      const known = [...names].map((n) => JSON.stringify(n)).join(', ');
      throw new RangeError(`applyOverrides: overrides names column ${JSON.stringify(name)}, which is not in the schema; columns are ${known}`);
    }
    if (!SEMANTIC_TYPES.includes(type)) {
      throw new RangeError(`applyOverrides: overrides[${JSON.stringify(name)}] must be one of ${SEMANTIC_TYPES.join(', ')}; got ${JSON.stringify(type)}`);
    }
  }
  return schema.map((c) => ({ ...c, type: Object.hasOwn(overrides, c.name) ? overrides[c.name] : c.inferred }));
}
