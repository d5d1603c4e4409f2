// Argument checks for the public entry points: a wrong option is a programming error, so it gets a
// TypeError or RangeError that names the argument and what it accepts.
import type { DataFormat, LoadOptions } from './types.ts';
import { dateOrderOf } from './date-formats.ts';

const FORMATS: readonly DataFormat[] = ['csv', 'tsv', 'parquet', 'arrow', 'json', 'jsonl'];

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? Object.prototype.toString.call(v) : String(v));

export function checkName(fn: string, name: unknown): asserts name is string {
  if (typeof name !== 'string') throw new TypeError(`Argument 'name' passed to ${fn} must be a string (the file name), got ${show(name)}.`);
}

export function checkOptions(fn: string, options: unknown): LoadOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`Argument 'options' passed to ${fn} must be an object, got ${show(options)}.`);
  const o = options as LoadOptions;
  const arg = (k: string) => `Argument 'options.${k}' passed to ${fn}`;
  if (o.format !== undefined && !FORMATS.includes(o.format)) {
    throw new RangeError(`${arg('format')} must be one of ${FORMATS.map((f) => `'${f}'`).join(', ')}, got ${show(o.format)}.`);
  }
  if (o.quote !== undefined && (typeof o.quote !== 'string' || o.quote.length !== 1 || '\r\n'.includes(o.quote))) {
    throw new RangeError(`${arg('quote')} must be a single character other than a line break, such as '"' or "'", got ${show(o.quote)}.`);
  }
  const quote = o.quote ?? '"';
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1 || '\r\n'.includes(o.delimiter) || o.delimiter === quote)) {
    throw new RangeError(`${arg('delimiter')} must be a single character other than the quote (${quote}) or a line break, such as ',' or '\\t', got ${show(o.delimiter)}.`);
  }
  if (o.header !== undefined && typeof o.header !== 'boolean' && o.header !== 'auto') {
    throw new TypeError(`${arg('header')} must be true, false or 'auto', got ${show(o.header)}.`);
  }
  const strings = (v: unknown) => Array.isArray(v) && v.every((t) => typeof t === 'string');
  if (o.naValues !== undefined && !strings(o.naValues)) {
    throw new TypeError(`${arg('naValues')} must be an array of strings (cell texts read as missing), got ${show(o.naValues)}.`);
  }
  if (o.defaultNa !== undefined && typeof o.defaultNa !== 'boolean') {
    throw new TypeError(`${arg('defaultNa')} must be true or false, got ${show(o.defaultNa)}.`);
  }
  if (o.naValuesByColumn !== undefined) {
    const by = o.naValuesByColumn as unknown;
    if (by === null || typeof by !== 'object' || Array.isArray(by)) {
      throw new TypeError(`${arg('naValuesByColumn')} must be an object mapping column names to arrays of strings, got ${show(by)}.`);
    }
    for (const [k, v] of Object.entries(by)) {
      if (!strings(v)) throw new TypeError(`${arg(`naValuesByColumn[${JSON.stringify(k)}]`)} must be an array of strings, got ${show(v)}.`);
    }
  }
  if (o.dateFormats !== undefined) {
    const by = o.dateFormats as unknown;
    if (by === null || typeof by !== 'object' || Array.isArray(by)) {
      throw new TypeError(`${arg('dateFormats')} must be an object mapping column names to date formats such as 'DD/MM/YYYY', got ${show(by)}.`);
    }
    for (const [k, v] of Object.entries(by)) {
      if (typeof v !== 'string' || (v !== 'text' && dateOrderOf(v) === null)) {
        throw new RangeError(`${arg(`dateFormats[${JSON.stringify(k)}]`)} must be a date format with year, month and day fields, such as 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD', 'MMM D YYYY' or 'D MMM YYYY', or 'text' to keep the column as text, got ${show(v)}.`);
      }
    }
  }
  if (o.maxBytes !== undefined && (typeof o.maxBytes !== 'number' || !(o.maxBytes > 0) || !Number.isFinite(o.maxBytes))) {
    throw new RangeError(`${arg('maxBytes')} must be a positive number of bytes, got ${show(o.maxBytes)}.`);
  }
  return o;
}

export function checkTotalBytes(fn: string, totalBytes: unknown): number {
  if (typeof totalBytes !== 'number' || !(totalBytes >= 0) || !Number.isFinite(totalBytes)) {
    throw new RangeError(`Argument 'totalBytes' passed to ${fn} must be a byte count >= 0 (0 when unknown), got ${show(totalBytes)}.`);
  }
  return totalBytes;
}
