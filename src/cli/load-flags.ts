// The reading flags shared by every command that reads data (--na-values, --no-default-na, --delimiter,
// --quote, --no-header), turned into the loader's LoadOptions, so the CLI reads a file as the studio does
// with the same choices.
import { dateOrderOf } from '../lib/data/date-formats.ts';
import type { LoadOptions } from '../lib/data/types.ts';
import type { FlagSpec, ParsedFlags } from './args.ts';
import { UsageError } from './errors.ts';

/** Flags for how to read the data file(s); `what` says which files in the help text. */
export function loadFlagSpecs(what = 'the data file'): FlagSpec[] {
  return [
    { name: 'na-values', type: 'string', valueName: 'A,B', help: `more cell texts read as missing in ${what}, comma-separated (added to pandas' defaults)` },
    { name: 'no-default-na', type: 'boolean', help: "do not read pandas' default tokens (NA, None, null, NaN, ...) as missing; empty cells still are" },
    { name: 'delimiter', type: 'string', valueName: 'CHAR', help: 'CSV field delimiter, e.g. ";" or tab (default: guessed from the first rows)' },
    { name: 'quote', type: 'string', valueName: 'CHAR', help: 'CSV quote character (default ")' },
    { name: 'no-header', type: 'boolean', help: 'the first CSV row is data, not column names (default: guessed)' },
    { name: 'date-format', type: 'string', multiple: true, valueName: 'COLUMN=FORMAT', help: 'read a date column in this order, e.g. "Order Date=DD/MM/YYYY", or COLUMN=text to keep it text (default: found from the data; repeatable)' },
  ];
}

function oneChar(flags: ParsedFlags, name: string, hint: string): string | undefined {
  const raw = flags[name] as string | undefined;
  if (raw === undefined) return undefined;
  const c = raw === '\\t' || raw.toLowerCase() === 'tab' ? '\t' : raw;
  if (c.length !== 1 || c === '\n' || c === '\r') throw new UsageError(`--${name} must be one character (or "tab"), such as ";" or "|"; got ${JSON.stringify(raw)}`, hint);
  return c;
}

/**
 * `--date-format` values: COLUMN=FORMAT pairs. Repeats arrive joined by spaces, and column names and formats may
 * hold spaces ("Order Date=DD/MM/YYYY HH:mm"): words gather until one holds '=', and a word starting with H after
 * a pair continues its time.
 */
function parseDateFormats(text: string, hint: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pairs: string[] = [];
  let pending = '';
  for (const word of text.trim().split(/\s+/)) {
    if (!pending && pairs.length > 0 && /^[Hh]/.test(word) && !word.includes('=')) { pairs[pairs.length - 1] += ` ${word}`; continue; }
    pending = pending ? `${pending} ${word}` : word;
    if (pending.includes('=')) { pairs.push(pending); pending = ''; }
  }
  if (pending) pairs.push(pending);
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    const column = pair.slice(0, eq).trim(), format = pair.slice(eq + 1).trim();
    if (eq <= 0 || !column || (format !== 'text' && dateOrderOf(format) === null)) {
      throw new UsageError(`--date-format takes COLUMN=FORMAT with the day, month and year in order, e.g. "date=DD/MM/YYYY", or COLUMN=text to keep a date-shaped column as text; got ${JSON.stringify(pair)}`, hint);
    }
    out[column] = format;
  }
  return out;
}

/** LoadOptions from the flags of loadFlagSpecs(); `hint` is the command's help line for usage errors. */
export function loadOptionsFromFlags(flags: ParsedFlags, hint: string): LoadOptions {
  const o: LoadOptions = {};
  const na = flags['na-values'] as string | undefined;
  if (na !== undefined) o.naValues = na.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (flags['no-default-na'] === true) o.defaultNa = false;
  const delimiter = oneChar(flags, 'delimiter', hint);
  const quote = oneChar(flags, 'quote', hint);
  if (delimiter !== undefined && delimiter === (quote ?? '"')) throw new UsageError(`--delimiter and the quote character must differ; both are ${JSON.stringify(delimiter)}`, hint);
  if (delimiter !== undefined) o.delimiter = delimiter;
  if (quote !== undefined) o.quote = quote;
  if (flags['no-header'] === true) o.header = false;
  const dates = flags['date-format'] as string | undefined;
  if (dates !== undefined) o.dateFormats = parseDateFormats(dates, hint);
  return o;
}
