// The reading flags shared by every command that reads data (--na-values, --no-default-na, --delimiter,
// --quote, --no-header), turned into the loader's LoadOptions, so the CLI reads a file as the studio does
// with the same choices.
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
  ];
}

function oneChar(flags: ParsedFlags, name: string, hint: string): string | undefined {
  const raw = flags[name] as string | undefined;
  if (raw === undefined) return undefined;
  const c = raw === '\\t' || raw.toLowerCase() === 'tab' ? '\t' : raw;
  if (c.length !== 1 || c === '\n' || c === '\r') throw new UsageError(`--${name} must be one character (or "tab"), such as ";" or "|"; got ${JSON.stringify(raw)}`, hint);
  return c;
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
  return o;
}
