// The loader's entry points: pick a reader from the first bytes, feed it the file chunk by chunk, and
// turn every failure into a DataError that names the file. Text formats (CSV, TSV, JSON Lines) are
// parsed as the chunks arrive; Parquet, Arrow and JSON need the whole file first.
import { readArrowIpc } from './arrow-ipc.ts';
import { ByteGatherer } from './byte-gatherer.ts';
import { CsvReader } from './csv-reader.ts';
import { detectFormat, HEAD_BYTES, looksBinary } from './detect-format.ts';
import { cancelledError, isOutOfMemory, megabytes, outOfMemoryError, tooLargeError } from './errors.ts';
import { readJson } from './json-reader.ts';
import { JsonLinesOrCaptureReader } from './json-lines-or-capture.ts';
import { checkName, checkOptions, checkTotalBytes } from './load-options.ts';
import { readParquet } from './parquet-reader.ts';
import { readTextDates } from './text-dates.ts';
import { ProgressThrottle } from './progress.ts';
import { DataError, MAX_FILE_BYTES, type ColumnDateFormat, type ColumnMissingTokens, type DataFormat, type LoadOptions, type LoadResult, type ProgressCallback } from './types.ts';
import { concatBytes } from './concat-bytes.ts';
import { YIELD_INTERVAL_MS, yieldNow } from './yield-now.ts';

export { detectFormat } from './detect-format.ts';

/** Text is decoded and parsed in slices of this many bytes, so progress and cancellation get a turn. */
const TEXT_SLICE_BYTES = 1 << 16;

const TEXT_FORMATS: readonly DataFormat[] = ['csv', 'tsv', 'json', 'jsonl'];

type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** What a reader hands back; only the CSV reader counts missing tokens. */
type Read = Omit<LoadResult, 'format' | 'bytes' | 'missingTokens' | 'dateFormats'> & { missingTokens?: ColumnMissingTokens[]; dateFormats?: ColumnDateFormat[] };

/**
 * Whether the head of a file is an HTML page: a server that answers a missing file with its index page
 * (as dev servers do) must not be read as a one-column CSV.
 */
export function looksLikeHtml(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().slice(0, 64).toLowerCase();
  return text.startsWith('<!doctype html') || text.startsWith('<html') || (text.startsWith('<head') && text.includes('>'));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Job {
  name: string;
  options: LoadOptions;
  totalBytes: number;
  limit: number;
  progress: ProgressThrottle;
  signal?: AbortSignal;
  bytesRead: number;
}

/** Count bytes as they arrive and refuse the file once it passes the limit (for streams of unknown size). */
function account(job: Job, n: number): void {
  job.bytesRead += n;
  if (job.bytesRead > job.limit) {
    throw new DataError('too-large', job.name, `the file is larger than the ${megabytes(job.limit)} this tab can hold (more than ${megabytes(job.bytesRead - n)} arrived). Use a smaller extract or raise maxBytes.`);
  }
  if (job.signal?.aborted) throw cancelledError(job.name);
}

async function readText(job: Job, format: DataFormat, chunks: AsyncIterable<Uint8Array>): Promise<Read> {
  const { name, options: o, progress } = job;
  const decoder = new TextDecoder('utf-8'); // drops a leading BOM
  const reader = format === 'json' ? null
    // A JSON Lines file whose first record is a SageMaker data capture line is read as the captured rows.
    : format === 'jsonl' ? new JsonLinesOrCaptureReader(name, { naValues: o.naValues, defaultNa: o.defaultNa, naValuesByColumn: o.naValuesByColumn, dateFormats: o.dateFormats })
    : new CsvReader(name, {
      delimiter: o.delimiter, quote: o.quote, header: o.header, naValues: o.naValues, defaultNa: o.defaultNa, naValuesByColumn: o.naValuesByColumn,
      dateFormats: o.dateFormats, format: format === 'tsv' ? 'tsv' : 'csv', sizeHint: job.totalBytes,
    });
  const parts: string[] = [];
  let blank = true;
  const take = (text: string) => {
    if (blank && /\S/.test(text)) blank = false;
    if (reader) reader.push(text);
    else parts.push(text);
  };
  // The CSV reader takes the bytes themselves; they are decoded here only until something not blank shows.
  const csv = reader instanceof CsvReader ? reader : null;
  const takeBytes = (piece: Uint8Array) => {
    if (blank && /\S/.test(decoder.decode(piece, { stream: true }))) blank = false;
    csv!.pushBytes(piece);
  };
  let yielded = performance.now();
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += TEXT_SLICE_BYTES) {
      const piece = chunk.subarray(at, at + TEXT_SLICE_BYTES);
      account(job, piece.length);
      if (csv) takeBytes(piece);
      else take(decoder.decode(piece, { stream: true }));
      if (progress.due()) {
        progress.report(job.bytesRead, reader?.rows ?? 0, 'parsing');
        await yieldToEventLoop();
        yielded = performance.now();
        if (job.signal?.aborted) throw cancelledError(name);
      } else if (performance.now() - yielded >= YIELD_INTERVAL_MS) {
        // Often, so that a Blob being read keeps arriving while this thread parses (yield-now.ts).
        await yieldNow();
        yielded = performance.now();
      }
    }
  }
  if (!csv) take(decoder.decode());
  else if (blank && /\S/.test(decoder.decode())) blank = false;
  if (blank) throw new DataError('empty', name, 'the file holds only blank space, no data.');
  progress.report(job.bytesRead, reader?.rows ?? 0, 'building columns', true);
  return reader ? reader.finish() : readJson(name, parts.join(''), o.dateFormats);
}

async function readBinary(job: Job, format: DataFormat, chunks: AsyncIterable<Uint8Array>): Promise<Read> {
  const gather = new ByteGatherer(job.totalBytes);
  for await (const chunk of chunks) {
    account(job, chunk.length);
    gather.push(chunk);
    job.progress.report(job.bytesRead, 0, 'reading');
  }
  const bytes = gather.bytes();
  let read: Read;
  if (format === 'arrow') {
    job.progress.report(job.bytesRead, 0, 'decoding Arrow', true);
    read = { table: readArrowIpc(job.name, bytes), warnings: [] };
  } else {
    read = await readParquet(job.name, bytes, (p) => job.progress.report(job.bytesRead, p.rows, `decoding row group ${p.rowGroup}/${p.rowGroups}`), job.signal);
  }
  const dates = readTextDates(read.table, job.options.dateFormats);
  return { ...read, table: dates.table, warnings: [...read.warnings, ...dates.warnings], dateFormats: dates.dateFormats };
}

async function load(fn: string, name: string, chunks: Chunks, totalBytes: number, options: LoadOptions, onProgress?: ProgressCallback, signal?: AbortSignal): Promise<LoadResult> {
  const limit = options.maxBytes ?? MAX_FILE_BYTES;
  if (totalBytes > limit) throw tooLargeError(name, totalBytes, limit);
  if (signal?.aborted) throw cancelledError(name);
  const job: Job = { name, options, totalBytes, limit, progress: new ProgressThrottle(onProgress, totalBytes), signal, bytesRead: 0 };
  job.progress.report(0, 0, 'reading', true);
  const source = (chunks as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]?.() ?? (async function* () { yield* chunks as Iterable<Uint8Array>; })();

  // The head decides the format; it is replayed to the reader before the rest of the stream.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD_BYTES) {
    const r = await source.next();
    if (r.done) {
      ended = true;
      break;
    }
    if (!(r.value instanceof Uint8Array)) throw new TypeError(`Argument 'chunks' passed to ${fn} must yield Uint8Array chunks, got ${Object.prototype.toString.call(r.value)}.`);
    if (r.value.length === 0) continue;
    head.push(r.value);
    headLength += r.value.length;
  }
  if (headLength === 0) throw new DataError('empty', name, 'the file is empty (0 bytes).');
  // A copy, as is the replay below: nothing here may keep a chunk alive through the load. Holding a view of a
  // Blob slice's first chunk for the whole load left dozens of 5 MiB mappings resident in Chromium 156's renderer
  // (a 1 GB CSV: peak 1.32–1.45 GiB against 0.99–1.01 GiB without; issue 13's scale check).
  const first = concatBytes(head, headLength).slice(0, HEAD_BYTES);
  const format = options.format ?? detectFormat(name, first);
  if (TEXT_FORMATS.includes(format) && looksLikeHtml(first)) {
    throw new DataError('html', name, 'this is a web page (HTML), not data; if it came from a URL, the file was probably not found there.');
  }
  if (options.format && TEXT_FORMATS.includes(format) && looksBinary(first)) {
    throw new DataError('binary', name, `the file does not look like text (it contains binary bytes), so it cannot be read as ${format.toUpperCase()}.`);
  }
  const all: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      // Each head chunk is let go once handed over.
      while (head.length > 0) yield head.shift()!;
      while (!ended) {
        const r = await source.next();
        if (r.done) break;
        yield r.value;
      }
    },
  };
  const result = TEXT_FORMATS.includes(format) ? await readText(job, format, all) : await readBinary(job, format, all);
  job.progress.report(job.bytesRead, result.table.numRows, 'done', true);
  return { ...result, missingTokens: result.missingTokens ?? [], dateFormats: result.dateFormats ?? [], format, bytes: job.bytesRead };
}

async function guarded(name: string, totalBytes: number, run: () => Promise<LoadResult>): Promise<LoadResult> {
  try {
    return await run();
  } catch (e) {
    if (isOutOfMemory(e)) throw outOfMemoryError(name, totalBytes);
    throw e;
  }
}

/**
 * Read a file held in memory into an Arrow table.
 * @param name the file's name, used to detect the format and to label errors
 * @throws DataError for anything wrong with the file; TypeError/RangeError for bad arguments
 */
export async function loadBytes(name: string, bytes: Uint8Array, options?: LoadOptions, onProgress?: ProgressCallback): Promise<LoadResult> {
  checkName('loadBytes', name);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`Argument 'bytes' passed to loadBytes must be a Uint8Array, got ${Object.prototype.toString.call(bytes)}.`);
  const o = checkOptions('loadBytes', options);
  return guarded(name, bytes.length, () => load('loadBytes', name, [bytes], bytes.length, o, onProgress));
}

/**
 * Read a file that arrives in chunks (a Blob's or a fetch body's stream) into an Arrow table. CSV, TSV
 * and JSON Lines are parsed as the chunks arrive.
 * @param totalBytes the expected size, or 0 when unknown; a file known to exceed options.maxBytes is refused before any chunk is read
 * @param signal aborting it stops the load with DataError 'cancelled'
 */
export async function loadStream(name: string, chunks: AsyncIterable<Uint8Array>, totalBytes: number, options?: LoadOptions, onProgress?: ProgressCallback, signal?: AbortSignal): Promise<LoadResult> {
  checkName('loadStream', name);
  const c = chunks as unknown as Record<symbol, unknown> | null;
  if (c === null || typeof c !== 'object' || (typeof c[Symbol.asyncIterator] !== 'function' && typeof c[Symbol.iterator] !== 'function')) {
    throw new TypeError(`Argument 'chunks' passed to loadStream must be an async iterable of Uint8Array chunks, got ${Object.prototype.toString.call(chunks)}.`);
  }
  const total = checkTotalBytes('loadStream', totalBytes);
  const o = checkOptions('loadStream', options);
  return guarded(name, total, () => load('loadStream', name, chunks, total, o, onProgress, signal));
}
