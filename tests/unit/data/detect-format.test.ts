import { describe, expect, it } from 'vitest';
import { DataError, detectFormat, looksBinary } from '../../../src/lib/data/index.ts';
import { fixture, utf8 } from './helpers.ts';

describe('detectFormat', () => {
  it('detectFormat trusts Parquet and Arrow magic bytes over the file name', () => {
    expect(detectFormat('misnamed.csv', fixture('types.parquet'))).toBe('parquet');
    expect(detectFormat('data.bin', fixture('small.arrow'))).toBe('arrow');
    expect(detectFormat('data', fixture('small.arrows'))).toBe('arrow');
  });

  it('detectFormat reads a leading [ as JSON and a leading { line as JSON Lines', () => {
    expect(detectFormat('x.txt', utf8('  [{"a":1}]'))).toBe('json');
    expect(detectFormat('x.json', utf8('{"a":1}\n{"a":2}\n'))).toBe('jsonl');
    expect(detectFormat('x.json', utf8('{\n  "a": 1\n}\n'))).toBe('json');
    expect(detectFormat('x', utf8('\ufeff[1,2]'))).toBe('json');
  });

  it('detectFormat falls back to the extension, and to CSV for unknown text', () => {
    expect(detectFormat('a.tsv', utf8('x\ty\n'))).toBe('tsv');
    expect(detectFormat('a.ndjson', utf8('1\n2\n'))).toBe('jsonl');
    expect(detectFormat('a.TXT', utf8('x,y\n'))).toBe('csv');
    expect(detectFormat('a.dat', utf8('x;y\n'))).toBe('csv');
    expect(detectFormat('dir.v2/a.CSV', utf8('[x],y\n'))).toBe('csv');
    expect(detectFormat('a.feather', new Uint8Array([1, 2, 3]))).toBe('arrow');
  });

  it('detectFormat refuses binary garbage named .csv with a "does not look like text" DataError', () => {
    const garbage = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256);
    let error: unknown;
    try {
      detectFormat('garbage.csv', garbage);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).code).toBe('binary');
    expect((error as DataError).message).toMatch(/^garbage\.csv: the file does not look like text/);
  });

  it('a UTF-16 file is refused with a sentence that says to save it as UTF-8', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from('a,b\n1,2\n').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(() => detectFormat('excel.csv', utf16)).toThrow('excel.csv: the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 and open it again.');
  });

  it('looksBinary accepts UTF-8 text with accents and emoji and rejects NUL bytes and control noise', () => {
    expect(looksBinary(utf8('name,city\nZoë,Zürich 東京 ☕\n'))).toBe(false);
    expect(looksBinary(Uint8Array.of(0x61, 0x00, 0x62))).toBe(true);
    expect(looksBinary(Uint8Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65)))).toBe(true);
  });

  it('detectFormat names its arguments when they have the wrong type', () => {
    expect(() => detectFormat(42 as unknown as string, new Uint8Array())).toThrow(/Argument 'name' passed to detectFormat must be a string/);
    expect(() => detectFormat('a.csv', 'text' as unknown as Uint8Array)).toThrow(/Argument 'head' passed to detectFormat must be a Uint8Array/);
  });
});
