// The Schema view's date-format choices as load options: force a column's day/month order, or go back
// to detection.
import type { ColumnDateFormat, LoadOptions } from '../../lib/data/types.ts';

/** The line under a date column's Arrow type, e.g. "format: MM/DD/YYYY (ambiguous: read month first)". */
export function dateFormatLine(f: ColumnDateFormat): string {
  if (f.format === 'text') return 'dates kept as text (chosen)';
  if (f.given) return `format: ${f.format} (chosen)`;
  return f.ambiguous ? `format: ${f.format} (ambiguous: read month first)` : `format: ${f.format}`;
}

/** `format` with its month and day fields swapped: 'MM/DD/YYYY HH:mm' → 'DD/MM/YYYY HH:mm'. */
export function swapDayMonth(format: string): string {
  return format.replace(/^(MM|DD)([/.-])(MM|DD)/, (_, a: string, sep: string, b: string) => `${b}${sep}${a}`);
}

/** `options` with `column` read in `format`. */
export function withDateFormat(options: LoadOptions, column: string, format: string): LoadOptions {
  return { ...options, dateFormats: { ...options.dateFormats, [column]: format } };
}

/** `options` with `column`'s date format detected again. */
export function detectDates(options: LoadOptions, column: string): LoadOptions {
  const by = { ...options.dateFormats };
  delete by[column];
  return { ...options, dateFormats: by };
}
