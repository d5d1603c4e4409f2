// Dates as people write them: ISO (`2024-01-31`, `2024-01-31T10:00:00Z`), slashes in either order
// (`12/06/1998`, `1/18/90 0:00`), year first (`2015/01/01 01:00:00`) and month names (`Jun 12 1998`,
// `June 12, 1998`, `12 Jun 1998`). A column is read with one format, found from its distinct values: day
// and month order comes from the data (a first field above 12 means day first, a second above 12 month
// first), and when every value fits both, month first is chosen, as pandas does, and the choice is reported
// as ambiguous. Every instant is computed with Date.UTC, so no value moves with the machine's time zone.

/** The order of a date's fields; the time of day is optional in every order. */
export type DateOrder = 'ymd' | 'mdy' | 'dmy' | 'mon-d-y' | 'd-mon-y';

/** A column's date format: how its values were read. */
export interface DateFormat {
  order: DateOrder;
  /** Shown to the user, e.g. 'MM/DD/YYYY', 'YYYY-MM-DD HH:mm:ss', 'MMM D YYYY'. */
  format: string;
  /** Whether any value has a time of day (the column becomes a timestamp, else a date). */
  hasTime: boolean;
  /** Whether every value fits both day-first and month-first, so month first was a guess. */
  ambiguous: boolean;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap])?\.?(?:m\.?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?`;
// Numbers only: YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY, DD.MM.YYYY, M/D/YY, with a time after T or spaces.
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:(?:t|\s+)${TIME})?$`, 'i');
// Month name first: Jun 12 1998, June 12, 1998, Sept. 3rd 2001 10:00.
const NAME_FIRST = new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})(?:,?\s+${TIME})?$`, 'i');
// Day first: 12 Jun 1998, 12-Jun-98, 3rd June 2001.
const NAME_SECOND = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})(?:,?\s+${TIME})?$`, 'i');

const MONTHS = new Map<string, number>();
['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].forEach((m, i) => {
  MONTHS.set(m, i + 1);
  MONTHS.set(m.slice(0, 3), i + 1);
});
MONTHS.set('sept', 9);

/** A value split into fields before the order is known. */
interface Parts {
  shape: 'num' | 'mon-d-y' | 'd-mon-y';
  /** Fields in written order; for names, `b` is the month number. */
  a: number;
  b: number;
  c: number;
  sep: string;
  aDigits: number;
  cDigits: number;
  /** Milliseconds to add to the day (time of day less the zone offset); NaN when the time is impossible. */
  time: number;
  hasTime: boolean;
  seconds: boolean;
  fraction: boolean;
  zone: boolean;
  meridiem: boolean;
  longMonth: boolean;
  comma: boolean;
  /** Whether the time follows a `T` (ISO 8601's way) rather than spaces. */
  tee: boolean;
}

function timeMs(m: RegExpExecArray, at: number): number {
  if (m[at] === undefined) return 0;
  let h = +m[at];
  const mi = +m[at + 1];
  const s = m[at + 2] === undefined ? 0 : +m[at + 2];
  const ampm = m[at + 4]?.toLowerCase();
  if (ampm !== undefined) {
    if (h < 1 || h > 12) return NaN;
    h = (h % 12) + (ampm === 'p' ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 59) return NaN;
  // The first three fractional digits; finer ones cannot be held in epoch milliseconds.
  const ms = m[at + 3] === undefined ? 0 : +(m[at + 3] + '00').slice(0, 3);
  let offset = 0;
  const zone = m[at + 5];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return NaN;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return ((h * 60 + mi) * 60 + s) * 1000 + ms - offset;
}

/** Fills the time fields of `p` from the time groups of `m` starting at group `at`. */
function withTime(p: Parts, m: RegExpExecArray, at: number): Parts {
  p.time = timeMs(m, at);
  p.hasTime = m[at] !== undefined;
  p.seconds = m[at + 2] !== undefined;
  p.fraction = m[at + 3] !== undefined;
  p.meridiem = m[at + 4] !== undefined;
  p.zone = m[at + 5] !== undefined;
  return p;
}

const NO_TIME = { time: 0, hasTime: false, seconds: false, fraction: false, meridiem: false, zone: false };

function split(text: string): Parts | null {
  const t = text.trim();
  let m = NUMERIC.exec(t);
  if (m) {
    const aDigits = m[1].length;
    const cDigits = m[4].length;
    // Year first needs four digits; otherwise the year is last with two or four (1.2.3 is a version, not a date).
    if (aDigits === 4 ? cDigits > 2 : aDigits > 2 || (cDigits !== 2 && cDigits !== 4) || (m[2] === '.' && cDigits !== 4)) return null;
    return withTime({ shape: 'num', a: +m[1], b: +m[3], c: +m[4], sep: m[2], aDigits, cDigits, longMonth: false, comma: false, tee: /\d[Tt]\d/.test(t), ...NO_TIME }, m, 5);
  }
  m = NAME_FIRST.exec(t);
  if (m) {
    const month = MONTHS.get(m[1].toLowerCase());
    if (month === undefined) return null;
    return withTime({ shape: 'mon-d-y', a: +m[2], b: month, c: +m[3], sep: ' ', aDigits: m[2].length, cDigits: m[3].length, longMonth: m[1].length > 3, comma: t.includes(','), tee: false, ...NO_TIME }, m, 4);
  }
  m = NAME_SECOND.exec(t);
  if (m) {
    const month = MONTHS.get(m[2].toLowerCase());
    if (month === undefined) return null;
    return withTime({ shape: 'd-mon-y', a: +m[1], b: month, c: +m[3], sep: t.includes('-') ? '-' : ' ', aDigits: m[1].length, cDigits: m[3].length, longMonth: m[2].length > 3, comma: false, tee: false, ...NO_TIME }, m, 4);
  }
  return null;
}

/** A two-digit year as POSIX strptime and pandas read it: 69–99 are 1969–1999, 00–68 are 2000–2068. */
export function fullYear(y: number, digits: number): number {
  if (digits !== 2) return y;
  return y >= 69 ? 1900 + y : 2000 + y;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function dayMs(y: number, mo: number, d: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1])) return NaN;
  if (y >= 100) return Date.UTC(y, mo - 1, d);
  // setUTCFullYear, unlike Date.UTC, does not move years 0–99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getTime();
}

function instant(a: number, b: number, c: number, cDigits: number, time: number, order: DateOrder): number {
  if (order === 'ymd') return dayMs(a, b, c) + time;
  const y = fullYear(c, cDigits);
  return (order === 'mdy' ? dayMs(y, a, b) : dayMs(y, b, a)) + time;
}

function fits(p: Parts, order: DateOrder): boolean {
  if (order === 'mon-d-y' || order === 'd-mon-y') return p.shape === order;
  if (p.shape !== 'num') return false;
  return order === 'ymd' ? p.aDigits === 4 : p.aDigits <= 2;
}

/** The flags a value's parts carry that name a column's format when any value shows them. */
const FLAGS = ['hasTime', 'seconds', 'fraction', 'zone', 'meridiem', 'longMonth', 'comma', 'tee'] as const;

/** What the values of a column showed, for naming its format. */
type Seen = Pick<Parts, (typeof FLAGS)[number]> & { sep: string; twoDigitYears: boolean };

function describe(order: DateOrder, seen: Seen): string {
  const year = seen.twoDigitYears && order !== 'ymd' ? 'YY' : 'YYYY';
  const sep = seen.sep;
  let date: string;
  if (order === 'ymd') date = `YYYY${sep}MM${sep}DD`;
  else if (order === 'mdy') date = `MM${sep}DD${sep}${year}`;
  else if (order === 'dmy') date = `DD${sep}MM${sep}${year}`;
  else {
    const month = seen.longMonth ? 'MMMM' : 'MMM';
    date = order === 'mon-d-y' ? `${month} D${seen.comma ? ',' : ''} ${year}` : `D${sep}${month}${sep}${year}`;
  }
  if (!seen.hasTime) return date;
  let time = seen.meridiem ? 'h:mm' : 'HH:mm';
  if (seen.seconds) time += ':ss';
  if (seen.fraction) time += '.SSS';
  if (seen.meridiem) time += ' A';
  if (seen.zone) time += 'Z';
  return `${date}${seen.tee ? 'T' : ' '}${time}`;
}

/**
 * The one format every value of `values` (a column's distinct texts) is written in, with each value as
 * epoch milliseconds; null when they are not all dates in one format. With `order` given (an override),
 * that order is used when every value fits it. The day/month order of slashed dates is read from the
 * data; when nothing tells, month first.
 */
export function readDates(values: readonly string[], order?: DateOrder): { format: DateFormat; ms: Float64Array } | null {
  const n = values.length;
  if (n === 0) return null;
  const A = new Int32Array(n);
  const B = new Int32Array(n);
  const C = new Int32Array(n);
  const twoDigit = new Uint8Array(n);
  const time = new Float64Array(n);
  let first: Parts | null = null;
  let dayFirst = false;
  let monthFirst = false;
  const seen: Seen = { sep: '', twoDigitYears: true, hasTime: false, seconds: false, fraction: false, zone: false, meridiem: false, longMonth: false, comma: false, tee: false };
  for (let i = 0; i < n; i++) {
    const p = split(values[i]);
    if (p === null || p.time !== p.time) return null;
    if (first === null) {
      first = p;
      seen.sep = p.sep;
      if (order !== undefined && !fits(p, order)) return null;
    } else if (p.shape !== first.shape || p.sep !== first.sep || (p.shape === 'num' && (p.aDigits === 4) !== (first.aDigits === 4))) {
      // One column, one way of writing: a separator or shape that changes midway is text, not a date.
      return null;
    }
    A[i] = p.a;
    B[i] = p.b;
    C[i] = p.c;
    twoDigit[i] = p.cDigits === 2 ? 1 : 0;
    time[i] = p.time;
    if (p.a > 12) dayFirst = true;
    if (p.b > 12) monthFirst = true;
    if (p.cDigits !== 2) seen.twoDigitYears = false;
    for (const f of FLAGS) seen[f] ||= p[f];
  }
  let ambiguous = false;
  if (order === undefined) {
    if (first!.shape !== 'num') order = first!.shape;
    else if (first!.aDigits === 4) order = 'ymd';
    else {
      if (dayFirst && monthFirst) return null;
      order = dayFirst ? 'dmy' : 'mdy';
      ambiguous = !dayFirst && !monthFirst;
    }
  }
  // Month names were turned into numbers in the second field, so they read as day, month, year.
  const fieldOrder = order === 'mon-d-y' || order === 'd-mon-y' ? 'dmy' : order;
  const ms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = instant(A[i], B[i], C[i], twoDigit[i] ? 2 : 4, time[i], fieldOrder);
    if (t !== t) return null;
    ms[i] = t;
  }
  return { format: { order, format: describe(order, seen), hasTime: seen.hasTime, ambiguous }, ms };
}

/** The format of `values` as readDates finds it, without keeping the instants. */
export function detectDateFormat(values: readonly string[], order?: DateOrder): DateFormat | null {
  return readDates(values, order)?.format ?? null;
}

/** Epoch milliseconds of each of `values` read in `order` (NaN where one does not parse). */
export function parseDates(values: readonly string[], order: DateOrder): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = readDates([values[i]], order)?.ms[0] ?? NaN;
  return out;
}

/** Epoch milliseconds of one date text in `order`, or NaN. */
export function parseDate(text: string, order: DateOrder): number {
  return readDates([text], order)?.ms[0] ?? NaN;
}

/**
 * The order a format string names, from the order of its Y, M and D runs: 'DD/MM/YYYY' → 'dmy',
 * 'MMM D YYYY' → 'mon-d-y', 'YYYY-MM-DD HH:mm' → 'ymd'; null when it names none of them. Only the
 * order matters: separators, padding, year width and the time of day are read as they come.
 */
export function dateOrderOf(format: string): DateOrder | null {
  const date = format.replace(/[ T]+[Hh].*$/, '');
  const runs = date.match(/Y+|M+|D+/g)?.join(' ') ?? '';
  const key = runs.replace(/Y+/g, 'Y').replace(/MMM+/g, 'N').replace(/M+/g, 'M').replace(/D+/g, 'D');
  const orders: Record<string, DateOrder> = { 'Y M D': 'ymd', 'M D Y': 'mdy', 'D M Y': 'dmy', 'N D Y': 'mon-d-y', 'D N Y': 'd-mon-y' };
  return orders[key] ?? null;
}
