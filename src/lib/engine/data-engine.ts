import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { loadStream } from '../data/index.ts';
import { DataError, type LoadOptions, type LoadResult, type ProgressCallback, type SemanticType } from '../data/types.ts';
import { applyOverrides, buildSchema, profileTable } from '../profile/index.ts';
import type { ColumnSchema, DatasetProfile } from '../profile/types.ts';
import { targetFacts, type TargetFacts } from '../profile/target-facts.ts';
import type { Task } from '../ml/prepare/types.ts';
import type { DataEngineApi, IpcDigest, LoadedDataset, LoadTimings } from './data-engine-api.ts';
import { sha256Hex } from '../store/hash.ts';
import { warmUpCsvReader } from '../data/csv-warmup.ts';
import { checkSameOrigin } from '../state/same-origin.ts';
import { isCrossOriginIsolated, setSharedColumns } from '../data/shared-memory.ts';
import { isSharedTable, shareTable, tableFromShared, type SharedTable } from '../data/shared-table.ts';
import { ipcChunks } from '../data/ipc-chunks.ts';
import { sha256Chunks } from '../data/sha256.ts';

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

/**
 * Bytes read from a Blob per step: large enough that per-chunk overhead vanishes, small enough for smooth
 * progress and for the renderer's memory. Measured on a 1 GB CSV in Chromium 156 (issue 13): 4 MiB slices
 * left about 0.35 GiB more resident at the end of the load than 1 MiB ones (peak 1.23–1.29 GiB against
 * 0.96–0.97 GiB), and 1 MiB read a 52 MB CSV no slower (0.48 s against 0.57 s, median of 5).
 */
const BLOB_SLICE_BYTES = 1 << 20;

/** The first slice, after which parsing starts while the next ones are being read. */
const FIRST_SLICE_BYTES = 1 << 20;

/**
 * Read a Blob in large slices, asking for the next slice before this one is parsed, so the browser can
 * fetch it meanwhile. Copying it in still takes this thread's turns (Chromium: 110–280 ms for 52 MB on a
 * busy 2-core machine, about the same as without reading ahead). `blob.stream()` hands out 64 KiB
 * chunks, which costs a promise turn each.
 */
async function* slicesOf(blob: Blob): AsyncGenerator<Uint8Array> {
  const read = (at: number, end: number) => {
    const p = blob.slice(at, end).arrayBuffer();
    p.catch(() => {}); // a read left pending when parsing fails must not be an unhandled rejection
    return p;
  };
  let at = 0;
  let end = Math.min(blob.size, FIRST_SLICE_BYTES);
  let next = at < end ? read(at, end) : null;
  while (next) {
    const current = next;
    at = end;
    end = Math.min(blob.size, at + BLOB_SLICE_BYTES);
    next = at < end ? read(at, end) : null;
    yield new Uint8Array(await current);
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

/**
 * Times one load's steps: how long the reader waited for bytes (`chunks` wraps the source), when the
 * text loader began building columns (its 'building columns' progress phase) or else when the last byte
 * arrived (Parquet and Arrow decode only then), and the IPC write.
 */
class LoadClock {
  readonly started = performance.now();
  private readonly startedAt = performance.timeOrigin + this.started;
  private readMs = 0;
  private building = 0;
  private inputEnded = 0;

  async *chunks(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const it = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const t = performance.now();
        const r = await it.next();
        this.readMs += performance.now() - t;
        if (r.done) {
          this.inputEnded = performance.now();
          return;
        }
        yield r.value;
      }
    } finally {
      await it.return?.(); // a load that stops early releases the source (a fetch body's reader)
    }
  }

  progress(onProgress?: ProgressCallback): ProgressCallback {
    return (p) => {
      if (!this.building && p.phase === 'building columns') this.building = performance.now();
      onProgress?.(p);
    };
  }

  timings(loaded: number, ipcDone: number): LoadTimings {
    const building = this.building || this.inputEnded || loaded;
    return {
      startedAt: this.startedAt,
      readMs: this.readMs,
      parseMs: Math.max(0, building - this.started - this.readMs),
      buildMs: loaded - building,
      ipcMs: ipcDone - loaded,
    };
  }
}

/** The table for the page: shared (no copy: the columns are already in shared memory), else Arrow IPC bytes. */
function toLoaded(result: LoadResult, name: string, clock: LoadClock, share: boolean): LoadedDataset {
  const loaded = performance.now();
  const shared = share ? shareTable(result.table) : null;
  const ipc = shared ? new Uint8Array(0) : tableToIPC(result.table, 'stream');
  const done = performance.now();
  return {
    name,
    format: result.format,
    rows: result.table.numRows,
    columns: result.table.numCols,
    bytes: result.bytes,
    warnings: result.warnings,
    missingTokens: result.missingTokens,
    ipc,
    shared,
    ipcBytes: shared ? shared.ipcBytes : ipc.byteLength,
    seconds: (done - clock.started) / 1000,
    timings: clock.timings(loaded, done),
  };
}

/** How a data engine hands tables over. */
export interface DataEngineOptions {
  /**
   * Build loaded tables in SharedArrayBuffer memory and hand them over as a SharedTable (no copy) rather than
   * as Arrow IPC bytes; defaults to whether this realm is cross-origin isolated (isCrossOriginIsolated()).
   */
  share?: boolean;
}

/** Run one load with its column arrays allocated in shared memory or not; restores the ordinary default after. */
async function withColumnMemory<T>(share: boolean, load: () => Promise<T>): Promise<T> {
  setSharedColumns(share);
  try {
    return await load();
  } finally {
    setSharedColumns(false);
  }
}

/**
 * The data engine behind workers/data.worker.ts: parses files and URLs to Arrow tables (shared memory where the
 * page is cross-origin isolated, else Arrow IPC bytes), and holds one table to profile. Pure (no DOM): it runs
 * in a worker and in Node alike.
 */
export function createDataEngine(options: DataEngineOptions = {}): DataEngineApi {
  const share = options.share ?? isCrossOriginIsolated();
  let table: Table | null = null;
  let schema: ColumnSchema[] = [];
  // The IPC bytes the table reads from (zero-copy) or its shared form, and their digest once asked for.
  let bytes: Uint8Array | null = null;
  let shared: SharedTable | null = null;
  let digest: Promise<IpcDigest> | null = null;

  return {
    async loadBlob(blob: Blob, name: string, options: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadedDataset> {
      const clock = new LoadClock();
      try {
        const result = await withColumnMemory(share, () => loadStream(name, clock.chunks(slicesOf(blob)), blob.size, options, clock.progress(onProgress)));
        return toLoaded(result, name, clock, share);
      } catch (e) {
        throw asUserError(e, name);
      }
    },

    async loadUrl(url: string, name: string, options: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadedDataset> {
      const clock = new LoadClock();
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
        const body = res.body;
        const result = await withColumnMemory(share, () => loadStream(name, clock.chunks(chunksOf(body)), bodyLength(res), options, clock.progress(onProgress)));
        return toLoaded(result, name, clock, share);
      } catch (e) {
        if (e instanceof DataError && e.code === 'html') throw notFound();
        throw asUserError(e, name);
      }
    },

    async setTable(input: Uint8Array | SharedTable): Promise<ColumnSchema[]> {
      if (isSharedTable(input)) {
        table = tableFromShared(input);
        shared = input;
        bytes = null;
      } else {
        table = tableFromIPC(input);
        bytes = input;
        shared = null;
      }
      digest = null;
      schema = buildSchema(table);
      return schema;
    },

    async profile(overrides: Record<string, SemanticType>): Promise<DatasetProfile> {
      if (!table) throw new Error('No table to profile: call setTable first.');
      return profileTable(table, applyOverrides(schema, overrides));
    },

    async digest(): Promise<IpcDigest> {
      const ipc = bytes;
      const sharedTable = shared;
      if (sharedTable && table) {
        // Web Crypto refuses shared memory: hash the IPC stream's chunks (views of the columns) as they are written.
        const t = table;
        digest ??= Promise.resolve().then(() => ({ sha256: sha256Chunks(ipcChunks(t)), bytes: sharedTable.ipcBytes }));
        return digest;
      }
      if (!ipc) throw new Error('No table to hash: call setTable first.');
      digest ??= sha256Hex(ipc).then((sha256) => ({ sha256, bytes: ipc.byteLength }));
      return digest;
    },

    async targetFacts(target: string, type: SemanticType, task: Task | null): Promise<TargetFacts> {
      if (!table) throw new Error('No table to read the target from: call setTable first.');
      if (typeof target !== 'string' || !target) throw new TypeError(`targetFacts: target must be a column name, got ${JSON.stringify(target)}.`);
      return targetFacts(table, target, type, task);
    },

    warmUp: () => warmUpCsvReader(),
  };
}
