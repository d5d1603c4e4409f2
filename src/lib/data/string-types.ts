// Text columns whose every distinct value is a boolean or a date (in one of the formats of
// date-formats.ts) get a real type. Only the distinct values are examined (the dictionary), so this costs
// nothing per row.
import { detectDateFormat, parseDates, readDates, type DateOrder } from './date-formats.ts';

/** What a column of distinct strings holds. */
export type StringKind = 'bool' | 'date' | 'timestamp' | 'string';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function dayMs(y: number, mo: number, d: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2023-02-30 over to March; a real date survives the round trip.
  const back = new Date(ms);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 ? (y < 100 ? NaN : ms) : NaN;
}

/** Epoch milliseconds of `YYYY-MM-DD`, or NaN. */
export function parseIsoDate(text: string): number {
  const m = DATE.exec(text.trim());
  return m ? dayMs(+m[1], +m[2], +m[3]) : NaN;
}

/**
 * Epoch milliseconds of `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±hh[:mm]]`, or NaN. A time without a zone
 * is read as UTC, so the same file gives the same instants on every machine.
 */
export function parseIsoDateTime(text: string): number {
  const m = DATETIME.exec(text.trim());
  if (!m) return NaN;
  const day = dayMs(+m[1], +m[2], +m[3]);
  const h = +m[4];
  const mi = +m[5];
  const s = m[6] ? +m[6] : 0;
  if (day !== day || h > 23 || mi > 59 || s > 60) return NaN;
  const ms = m[7] ? Math.floor(+`0.${m[7]}` * 1000 + 1e-6) : 0;
  let offset = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return NaN;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  return day + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset;
}

/** Whether `s` is `true` or `false` in any letter case. */
export function isBool(s: string): boolean {
  const t = s.trim().toLowerCase();
  return t === 'true' || t === 'false';
}

/** The most specific kind that every value satisfies; dates with a time of day anywhere are timestamps. */
export function classifyStrings(values: readonly string[]): StringKind {
  if (values.length === 0) return 'string';
  if (values.every(isBool)) return 'bool';
  const date = detectDateFormat(values);
  return date === null ? 'string' : date.hasTime ? 'timestamp' : 'date';
}

/**
 * Per-distinct-value numbers for a kind: 1/0 for booleans, epoch ms for dates and timestamps (read in
 * `order`, detected from `values` when absent).
 */
export function convertDistinct(values: readonly string[], kind: Exclude<StringKind, 'string'>, order?: DateOrder): Float64Array {
  if (kind !== 'bool') return readDates(values, order)?.ms ?? parseDates(values, order ?? 'ymd');
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i].trim().toLowerCase() === 'true' ? 1 : 0;
  return out;
}
