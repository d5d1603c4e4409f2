// Argument checks for the public entry points: a wrong option is a programming error, so it gets a
// TypeError or RangeError that names the argument and what it accepts.
import type { DataFormat, LoadOptions } from './types.ts';

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
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1 || '"\r\n'.includes(o.delimiter))) {
    throw new RangeError(`${arg('delimiter')} must be a single character other than a quote or line break, such as ',' or '\\t', got ${show(o.delimiter)}.`);
  }
  if (o.header !== undefined && typeof o.header !== 'boolean' && o.header !== 'auto') {
    throw new TypeError(`${arg('header')} must be true, false or 'auto', got ${show(o.header)}.`);
  }
  if (o.missingTokens !== undefined && (!Array.isArray(o.missingTokens) || !o.missingTokens.every((t) => typeof t === 'string'))) {
    throw new TypeError(`${arg('missingTokens')} must be an array of strings, got ${show(o.missingTokens)}.`);
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
