import { describe, expect, it, vi } from 'vitest';
import { DataError, MAX_FILE_BYTES, loadBytes, loadStream, type LoadProgress } from '../../../src/lib/data/index.ts';
import { loadText, pieces, rejection, utf8 } from './helpers.ts';

const untouchable: AsyncIterable<Uint8Array> = {
  [Symbol.asyncIterator]() {
    throw new Error('the stream must not be read');
  },
};

describe('loadBytes and loadStream', () => {
  it('a file known to exceed options.maxBytes is refused as "too-large" before any chunk is read, naming size and limit in MB', async () => {
    const e = await rejection(loadStream('huge.csv', untouchable, 5 * 1024 * 1024, { maxBytes: 1024 * 1024 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('huge.csv: the file is 5.00 MB, more than the 1.00 MB this tab can hold. Use a smaller extract (fewer rows or columns) or raise maxBytes.');
  });

  it('loadBytes refuses bytes over options.maxBytes with "too-large"', async () => {
    const e = await rejection(loadBytes('x.csv', utf8('a,b\n1,2\n3,4\n'), { maxBytes: 8 }));
    expect(e.code).toBe('too-large');
  });

  it('a stream of unknown size is stopped as "too-large" once it passes options.maxBytes', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(10_000);
    const e = await rejection(loadStream('s.csv', pieces(utf8(text), 4096), 0, { maxBytes: 20_000 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/^s\.csv: the file is larger than the 0\.02 MB this tab can hold/);
  });

  it('the default size limit is MAX_FILE_BYTES (1.5 GiB)', async () => {
    const e = await rejection(loadStream('big.parquet', untouchable, MAX_FILE_BYTES + 1));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/more than the 1536 MB/);
  });

  it('running out of memory while reading (a RangeError from an allocation) becomes a "too-large" DataError', async () => {
    const failing: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        yield utf8('a,b\n1,2\n');
        throw new RangeError('Array buffer allocation failed');
      },
    };
    const e = await rejection(loadStream('oom.csv', failing, 0));
    expect(e).toBeInstanceOf(DataError);
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/^oom\.csv: ran out of memory while reading/);
  });

  it('progress reports bytes, rows and phase, starting at 0 and ending with every byte', async () => {
    const text = 'a,b\n' + '1,2\n'.repeat(50_000);
    const seen: LoadProgress[] = [];
    const result = await loadStream('p.csv', pieces(utf8(text), 64 * 1024), text.length, {}, (p) => seen.push(p));
    expect(seen[0]).toEqual({ bytesRead: 0, totalBytes: text.length, rows: 0, phase: 'reading' });
    expect(seen.at(-1)).toEqual({ bytesRead: text.length, totalBytes: text.length, rows: 50_000, phase: 'done' });
    expect(result.bytes).toBe(text.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytesRead).toBeGreaterThanOrEqual(seen[i - 1].bytesRead);
  });

  it('without a progress callback the loader still yields to the event loop only about every 100 ms, not per slice', async () => {
    const text = 'a,b\n' + '12345,67890\n'.repeat(400_000);
    const bytes = utf8(text);
    const slices = Math.ceil(bytes.length / 65536);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const started = performance.now();
      await loadBytes('quiet.csv', bytes);
      const beats = Math.ceil((performance.now() - started) / 100);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(Math.min(beats + 2, slices / 2));
    } finally {
      spy.mockRestore();
    }
  });

  it('an aborted signal stops the load with DataError "cancelled"', async () => {
    const controller = new AbortController();
    async function* slow() {
      yield utf8('a,b\n1,2\n');
      controller.abort();
      yield utf8('3,4\n');
    }
    const e = await rejection(loadStream('c.csv', slow(), 0, {}, undefined, controller.signal));
    expect(e.code).toBe('cancelled');
    expect(e.message).toBe('c.csv: loading was cancelled.');
  });

  it('loadStream also accepts a plain (sync) iterable of chunks', async () => {
    const { table } = await loadStream('sync.csv', [utf8('a,b\n1,'), utf8('2\n')] as unknown as AsyncIterable<Uint8Array>, 0);
    expect(table.numRows).toBe(1);
  });

  it('options.format, options.delimiter and options.header override sniffing', async () => {
    const { table, format } = await loadText('1;2\n3;4\n', 'data.txt', { format: 'csv', delimiter: ';', header: true });
    expect(format).toBe('csv');
    expect(table.schema.fields.map((f) => f.name)).toEqual(['1', '2']);
    expect(table.numRows).toBe(1);
    const noHeader = await loadText('name,city\nann,paris\n', 'n.csv', { header: false });
    expect(noHeader.table.schema.fields.map((f) => f.name)).toEqual(['column_1', 'column_2']);
  });

  it('bad arguments are TypeErrors or RangeErrors that name the argument and what it accepts', async () => {
    await expect(loadBytes(5 as unknown as string, new Uint8Array(1))).rejects.toThrow("Argument 'name' passed to loadBytes must be a string (the file name), got 5.");
    await expect(loadBytes('a.csv', 'text' as unknown as Uint8Array)).rejects.toThrow("Argument 'bytes' passed to loadBytes must be a Uint8Array, got [object String].");
    await expect(loadBytes('a.csv', new Uint8Array(1), { delimiter: ';;' })).rejects.toThrow(/Argument 'options\.delimiter' passed to loadBytes must be a single character other than the quote/);
    await expect(loadBytes('a.csv', new Uint8Array(1), { format: 'xlsx' as never })).rejects.toThrow(/Argument 'options\.format' passed to loadBytes must be one of 'csv', 'tsv', 'parquet', 'arrow', 'json', 'jsonl', got "xlsx"\./);
    await expect(loadBytes('a.csv', new Uint8Array(1), { maxBytes: -1 })).rejects.toThrow(/Argument 'options\.maxBytes' passed to loadBytes must be a positive number of bytes, got -1\./);
    await expect(loadBytes('a.csv', new Uint8Array(1), { header: 'yes' as never })).rejects.toThrow(/Argument 'options\.header' passed to loadBytes must be true, false or 'auto'/);
    await expect(loadBytes('a.csv', new Uint8Array(1), { naValues: 'NA' as never })).rejects.toThrow(/Argument 'options\.naValues' passed to loadBytes must be an array of strings/);
    await expect(loadBytes('a.csv', new Uint8Array(1), { defaultNa: 'no' as never })).rejects.toThrow(/Argument 'options\.defaultNa' passed to loadBytes must be true or false, got "no"\./);
    await expect(loadBytes('a.csv', new Uint8Array(1), { naValuesByColumn: { a: 'NA' } as never })).rejects.toThrow(/Argument 'options\.naValuesByColumn\["a"\]' passed to loadBytes must be an array of strings/);
    await expect(loadBytes('a.csv', new Uint8Array(1), { quote: '""' })).rejects.toThrow(/Argument 'options\.quote' passed to loadBytes must be a single character other than a line break/);
    await expect(loadBytes('a.csv', new Uint8Array(1), { quote: "'", delimiter: "'" })).rejects.toThrow(/Argument 'options\.delimiter' passed to loadBytes must be a single character other than the quote \(\'\)/);
    await expect(loadStream('a.csv', untouchable, -5)).rejects.toThrow(/Argument 'totalBytes' passed to loadStream must be a byte count >= 0/);
    await expect(loadStream('a.csv', 42 as never, 0)).rejects.toThrow(/Argument 'chunks' passed to loadStream must be an async iterable of Uint8Array chunks/);
  });
});
