import { DataType, type DataType as ArrowType } from 'apache-arrow';
import { format as d3format } from 'd3';

/** Missing values are drawn as this dim dash (never as an empty cell that looks like a rendering bug). */
export const MISSING = '—';

const grouped = d3format(',');
const sig4 = d3format(',.4~r');
const sci = d3format('.3~e');

/** A number for people: integers grouped, others to 4 significant digits, huge/tiny ones in e-notation. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return MISSING;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e15 || a < 1e-3)) return sci(v);
  return Number.isInteger(v) ? grouped(v) : sig4(v);
}

const sig3 = d3format(',.3~r');

/** A number in a tight spot (quantile rows): like formatNumber with 3 significant digits. */
export function formatShort(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return formatNumber(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e15 || a < 1e-3) ? sci(v) : sig3(v);
}

const compact = d3format('.4~s');

/** A number in a card: like formatNumber, but a million or more shortened ("760.2M", "3.1B"), so it fits. */
export function formatCompact(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v) || Math.abs(v) < 1e6 || Math.abs(v) >= 1e15) return formatNumber(v);
  return compact(v).replace('G', 'B').replace('−', '-').replace(/^-/, '−');
}

const si = d3format('.3~s');

/** `n` with the noun in the right number: plural(1, 'class', 'classes') is "1 class", plural(2, …) "2 classes". */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** An axis tick for counts: grouped below 10,000, SI prefixes above ("150k"), so labels stay short. */
export function formatTick(v: number): string {
  return Math.abs(v) < 10_000 ? formatNumber(v) : si(v);
}

/** Epoch milliseconds as a calendar date when a span of values is days or more wide, else as ISO date-time. */
export function formatDateIn(ms: number, spanMs: number): string {
  return spanMs >= 2 * 86_400_000 ? formatDate(ms).slice(0, 10) : formatDate(ms);
}

/** Epoch milliseconds as ISO 8601; midnight UTC is shown as a date only. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return MISSING;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/** Percentages with one decimal, "0%" and "100%" exact. */
export function formatPct(p: number): string {
  if (!Number.isFinite(p)) return MISSING;
  if (p === 0 || p === 100) return `${p}%`;
  return `${p < 0.1 ? '<0.1' : p > 99.9 && p < 100 ? '>99.9' : p.toFixed(1)}%`;
}

/** Byte counts in binary units as people say them ("MB" for MiB, like most file managers). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return MISSING;
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return MISSING;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  // Seven significant digits shows what a float32/CSV value was written as, without 0.1+0.2 noise.
  return String(Number(v.toPrecision(7)));
}

function formatOther(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return formatDate(v.getTime());
  if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
  try {
    const plain = (v as { toJSON?: () => unknown }).toJSON?.() ?? v;
    return JSON.stringify(plain, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
  } catch {
    return String(v);
  }
}

/** A cell formatter for an Arrow column type: returns the text to show, or null for a missing value. */
export function cellFormatter(type: ArrowType): (v: unknown) => string | null {
  const missing = (v: unknown) => v === null || v === undefined;
  if (DataType.isDate(type) || DataType.isTimestamp(type)) {
    return (v) => (missing(v) ? null : v instanceof Date ? formatDate(v.getTime()) : typeof v === 'number' ? formatDate(v) : formatOther(v));
  }
  if (DataType.isFloat(type) || DataType.isDecimal(type)) {
    return (v) => (missing(v) || (typeof v === 'number' && Number.isNaN(v)) ? null : typeof v === 'number' ? formatFloat(v) : formatOther(v));
  }
  if (DataType.isInt(type)) return (v) => (missing(v) ? null : String(v));
  return (v) => (missing(v) ? null : formatOther(v));
}

/** Whether a column's cells line up as numbers (right-aligned, tabular figures). */
export function isNumericType(type: ArrowType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}
