// Shared helpers for the data-loader tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Table } from 'apache-arrow';
import { loadBytes } from '../../../src/lib/data/index.ts';
import type { LoadOptions, LoadResult } from '../../../src/lib/data/index.ts';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/data');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** Load CSV text (or any text) through the public entry point. */
export function loadText(text: string, name = 'test.csv', options?: LoadOptions): Promise<LoadResult> {
  return loadBytes(name, utf8(text), options);
}

/** Rows as plain objects (Arrow's toJSON), for readable assertions. */
export function rows(table: Table): Record<string, unknown>[] {
  return table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** Column types as strings, e.g. { a: 'Int32', b: 'Dictionary<Int32, Utf8>' }. */
export function types(table: Table): Record<string, string> {
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
}

/** An async iterable over `bytes` cut into pieces of `size` bytes. */
export async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** The promise's rejection, so tests can inspect the error's fields. */
export async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; line?: number; column?: string | number }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to reject');
}
