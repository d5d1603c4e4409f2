// A datetime column as its calendar parts in UTC: year, month (1–12), day of month (1–31), day of week
// (0 = Sunday … 6) and hour (0–23), one feature each (`name.year` …). Only the parts that vary over the
// training rows are kept (a column of dates at midnight gets no hour); when none varies, the year alone.
// A missing or unreadable cell gives NaN in every part, imputed downstream as any feature is.
import type { Vector } from 'apache-arrow';
import { numericColumn } from '../../profile/numeric-column.ts';
import type { ColumnEncoding, DatePart } from './types.ts';

/** Every date part, in feature order. */
export const DATE_PARTS: readonly DatePart[] = ['year', 'month', 'day', 'weekday', 'hour'];

export type DatePartsEncoding = Extract<ColumnEncoding, { kind: 'date-parts' }>;

/** Milliseconds since 1970-01-01 UTC per cell (NaN = missing), as the datetime encoding reads a column. */
export function epochMs(column: Vector): Float64Array {
  return numericColumn(column, { parseStrings: 'datetime' });
}

/** Part `part` of the instant `ms` (whole milliseconds: floored); NaN for NaN. */
export function datePart(ms: number, part: DatePart): number {
  if (ms !== ms) return NaN;
  const d = new Date(Math.floor(ms));
  switch (part) {
    case 'year': return d.getUTCFullYear();
    case 'month': return d.getUTCMonth() + 1;
    case 'day': return d.getUTCDate();
    case 'weekday': return d.getUTCDay();
    case 'hour': return d.getUTCHours();
  }
}

/** The date-parts encoding of `name` from its instants `ms`, keeping the parts that vary over `rows`. */
export function fitDateParts(name: string, ms: Float64Array, rows: Uint32Array): DatePartsEncoding {
  const parts = DATE_PARTS.filter((part) => {
    let first = NaN;
    for (const r of rows) {
      const v = datePart(ms[r], part);
      if (v !== v) continue;
      if (first !== first) first = v;
      else if (v !== first) return true;
    }
    return false;
  });
  return { name, kind: 'date-parts', parts: parts.length > 0 ? parts : ['year'] };
}

/** Feature names of a date-parts encoding: `name.year`, `name.month` … */
export function datePartNames(enc: DatePartsEncoding): string[] {
  return enc.parts.map((p) => `${enc.name}.${p}`);
}

/** One float32 array per part of `enc`. */
export function encodeDateParts(ms: Float64Array, enc: DatePartsEncoding): Float32Array[] {
  return enc.parts.map((part) => Float32Array.from(ms, (v) => datePart(v, part)));
}
