import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { loadStream } from '../data/index.ts';
import { DataError, type LoadOptions, type LoadResult, type ProgressCallback, type SemanticType } from '../data/types.ts';
import { applyOverrides, buildSchema, profileTable } from '../profile/index.ts';
import type { ColumnSchema, DatasetProfile } from '../profile/types.ts';
import type { DataEngineApi, LoadedDataset } from './data-engine-api.ts';
import { checkSameOrigin } from '../state/same-origin.ts';

/** Read a ReadableStream as an async iterable (not every runtime makes streams iterable yet). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.byteLength > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Bytes read from a Blob per step: large enough that per-chunk overhead vanishes, small enough for smooth progress. */
const BLOB_SLICE_BYTES = 4 << 20;

/** Read a Blob in large slices; `blob.stream()` hands out 64 KiB chunks, which costs a promise turn each. */
async function* slicesOf(blob: Blob): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += BLOB_SLICE_BYTES) {
    yield new Uint8Array(await blob.slice(at, at + BLOB_SLICE_BYTES).arrayBuffer());
  }
}

/** The origin the engine runs in (a worker's or the page's); null in Node, where every URL must be absolute. */
function ownOrigin(): string | null {
  const loc = (globalThis as { location?: { origin?: string } }).location;
  return loc?.origin && loc.origin !== 'null' ? loc.origin : null;
}

/** Content-Length as a byte count, or 0 when absent or when it counts compressed bytes. */
function bodyLength(res: Response): number {
  const encoding = res.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return 0;
  const n = Number(res.headers.get('content-length'));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Give unexpected failures (bugs, out-of-memory) a sentence that names the file, like a DataError. */
function asUserError(e: unknown, name: string): Error {
  if (e instanceof DataError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new Error(`${name}: could not be read (${detail}).`);
}

function toLoaded(result: LoadResult, name: string, started: number): LoadedDataset {
  const ipc = tableToIPC(result.table, 'stream');
  return {
    name,
    format: result.format,
    rows: result.table.numRows,
    columns: result.table.numCols,
    bytes: result.bytes,
    warnings: result.warnings,
    missingTokens: result.missingTokens,
    ipc,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The data engine behind workers/data.worker.ts: parses files and URLs to Arrow IPC bytes, and holds one
 * table to profile. Pure (no DOM): it runs in a worker and in Node alike.
 */
export function createDataEngine(): DataEngineApi {
  let table: Table | null = null;
  let schema: ColumnSchema[] = [];

  return {
    async loadBlob(blob: Blob, name: string, options: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadedDataset> {
      const started = performance.now();
      try {
        const result = await loadStream(name, slicesOf(blob), blob.size, options, onProgress);
        return toLoaded(result, name, started);
      } catch (e) {
        throw asUserError(e, name);
      }
    },

    async loadUrl(url: string, name: string, options: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadedDataset> {
      const started = performance.now();
      // The UI checks first; checking again here keeps the engine's promise true for every caller.
      const check = checkSameOrigin(url, ownOrigin());
      if (!check.ok) throw new DataError('network', name, check.reason);
      const target = check.url;
      let res: Response;
      try {
        res = await fetch(target, { credentials: 'same-origin' });
      } catch (e) {
        throw new DataError('network', name, `could not fetch ${target.pathname} (${e instanceof Error ? e.message : String(e)}).`);
      }
      if (!res.ok) throw new DataError('network', name, `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${target.pathname}.`);
      // Dev servers (Vite's among them) answer a missing file with the app's index.html and 200.
      const notFound = () => new DataError('network', name, `${target.pathname} was not found: the server sent a web page (HTML) instead of data. Check the URL.`);
      const type = (res.headers.get('content-type') ?? '').toLowerCase();
      if (/^\s*(text\/html|application\/xhtml\+xml)\b/.test(type) && options.format === undefined) {
        void res.body?.cancel().catch(() => {});
        throw notFound();
      }
      if (!res.body) throw new DataError('empty', name, 'the response has no body.');
      try {
        const result = await loadStream(name, chunksOf(res.body), bodyLength(res), options, onProgress);
        return toLoaded(result, name, started);
      } catch (e) {
        if (e instanceof DataError && e.code === 'html') throw notFound();
        throw asUserError(e, name);
      }
    },

    async setTable(ipc: Uint8Array): Promise<ColumnSchema[]> {
      table = tableFromIPC(ipc);
      schema = buildSchema(table);
      return schema;
    },

    async profile(overrides: Record<string, SemanticType>): Promise<DatasetProfile> {
      if (!table) throw new Error('No table to profile: call setTable first.');
      return profileTable(table, applyOverrides(schema, overrides));
    },
  };
}
