// Clarify's _categorical_data_idx: rows whose value is one of `values`. When nothing matches, Clarify converts
// the values to the column's element type (convert_positive_label_values) and tries again, so [1] finds the
// text label "1" and ["2"] finds the integer facet 2.

import { isTextColumn, numericIsInt, parsePyFloat, parsePyInt } from './column-type.ts';
import { pyValueStr } from './py-format.ts';
import type { BiasColumn } from './types.ts';

function matchInto(col: BiasColumn, values: (string | number)[], out: Uint8Array): number {
  let hits = 0;
  if (isTextColumn(col)) {
    const set = new Set(values.filter((v): v is string => typeof v === 'string'));
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      out[i] = v !== null && set.has(v) ? 1 : 0;
      hits += out[i];
    }
  } else {
    const set = new Set(values.filter((v): v is number => typeof v === 'number'));
    for (let i = 0; i < col.length; i++) {
      out[i] = set.has(col[i]) ? 1 : 0;
      hits += out[i];
    }
  }
  return hits;
}

/** The values converted to the column's element type as Clarify does, or null when it keeps them as they are. */
export function convertValues(col: BiasColumn, values: (string | number)[], param: string): (string | number)[] | null {
  if (isTextColumn(col)) {
    if (typeof values[0] === 'string') return null; // isinstance(values[0], str): no conversion
    return values.map(pyValueStr);
  }
  const toFloat = (v: string | number): number => {
    if (typeof v === 'number') return v;
    const f = parsePyFloat(v);
    if (f === null) throw new Error(`${param}: could not convert string to float: '${v}'`);
    return f;
  };
  if (!numericIsInt(col)) {
    return values.map((v) => {
      const f = typeof v === 'number' ? v : parsePyFloat(v);
      if (f === null) {
        throw new Error(`${param}: '${v}' matches no row; the column holds numbers (Clarify: 'label' has not positive elements)`);
      }
      return f;
    });
  }
  // numpy int64(x): numbers truncate; a string that is not an int literal sends the whole list through float()
  if (values.every((v) => typeof v === 'number' || parsePyInt(v) !== null)) {
    return values.map((v) => (typeof v === 'number' ? Math.trunc(v) : (parsePyInt(v) as number)));
  }
  return values.map(toFloat);
}

/** 1 where the row's value is one of `values` (after Clarify's type conversion when nothing matched). */
export function categoricalIndex(col: BiasColumn, values: (string | number)[], param: string): Uint8Array {
  const out = new Uint8Array(col.length);
  if (matchInto(col, values, out) > 0) return out;
  const converted = convertValues(col, values, param);
  if (converted !== null) matchInto(col, converted, out);
  return out;
}

/**
 * Distinct present values in order of first appearance and each row's code (-1 for missing); `missingAt` is
 * how many levels had appeared before the first missing value (where pandas' unique() lists NaN), or -1.
 */
export function codeValues(col: BiasColumn): { codes: Int32Array; levels: (string | number)[]; missingAt: number } {
  const codes = new Int32Array(col.length);
  const map = new Map<string | number, number>();
  const levels: (string | number)[] = [];
  let missingAt = -1;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
      codes[i] = -1;
      if (missingAt < 0) missingAt = levels.length;
      continue;
    }
    let c = map.get(v);
    if (c === undefined) {
      c = levels.length;
      map.set(v, c);
      levels.push(v);
    }
    codes[i] = c;
  }
  return { codes, levels, missingAt };
}
