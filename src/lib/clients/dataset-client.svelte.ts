import * as Comlink from 'comlink';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { ColumnDateFormat, ColumnMissingTokens, DataFormat, LoadOptions, LoadProgress, SemanticType } from '../data/types.ts';
import type { DataEngineApi, IpcDigest, LoadedDataset } from '../engine/data-engine-api.ts';
import { dateFormatsOf, KEEP_AS_TEXT } from '../data/column-date-formats.ts';
import type { ColumnSchema, DatasetProfile } from '../profile/types.ts';
import type { TargetFacts } from '../profile/target-facts.ts';
import type { Task } from '../ml/prepare/types.ts';
import { Cancelled, jobEnds, messageOf } from './worker-job.ts';
import { tableFromShared, type SharedTable } from '../data/shared-table.ts';
import { copyChunks, ipcChunks, joinChunks } from '../data/ipc-chunks.ts';

/** Where the current dataset came from; only samples can be restored from a shared link. */
export type DatasetSource = { kind: 'sample'; id: string; title: string } | { kind: 'file' } | { kind: 'url'; url: string };

/** The dataset on screen: the Arrow table (read on the main thread by the grid) and facts about it. */
export interface Dataset {
  name: string;
  source: DatasetSource;
  format: DataFormat;
  rows: number;
  columns: number;
  bytes: number;
  seconds: number;
  table: Table;
  /** 1 for the first dataset adopted in this tab, then counting up: tells two loads of the same file apart. */
  loadId: number;
}

/** A load in flight. */
export interface LoadingState {
  name: string;
  source: DatasetSource;
  progress: LoadProgress;
}

/** Settings to apply to the dataset once it has loaded (e.g. from a shared link); unknown columns are dropped. */
export interface LoadSettings {
  target?: string | null;
  overrides?: Record<string, SemanticType>;
}

/** A data worker with its Comlink proxy: the two live together (dropping the proxy releases the worker's end). */
interface LoadWorker {
  worker: Worker;
  api: Comlink.Remote<DataEngineApi>;
}

type Run = (api: Comlink.Remote<DataEngineApi>, onProgress: (p: LoadProgress) => void) => Promise<LoadedDataset>;

// Vite bundles the worker only when the options are a static literal, so no per-load name here.
const newWorker = () => new Worker(new URL('../../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-data' });

/** Bytes copied per task when duplicating IPC for the profile worker: small enough to keep frames at 60 Hz. */
const COPY_SLICE_BYTES = 4 << 20;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Copy `src` a slice per task, so copying a large table never freezes the page for a quarter second. */
async function copyInSlices(src: Uint8Array): Promise<Uint8Array> {
  const out = new Uint8Array(src.byteLength);
  for (let at = 0; at < src.byteLength; at += COPY_SLICE_BYTES) {
    out.set(src.subarray(at, at + COPY_SLICE_BYTES), at);
    if (at + COPY_SLICE_BYTES < src.byteLength) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

/**
 * The Arrow IPC bytes each loaded table reads from: the one copy on this thread. Keyed by the table, so job
 * clients, which are handed a table, find its bytes without serialising it again (tableToIPC on this thread
 * took 0.3–1 s for 2 million rows, one long task).
 */
const loadedBytes = new WeakMap<Table, Uint8Array>();

/**
 * Where the page is cross-origin isolated, a loaded table lives in shared memory instead: the one copy that the
 * page, the profile worker and jobs all read (issue 13). Keyed by the table, like loadedBytes.
 */
const loadedShared = new WeakMap<Table, SharedTable>();

/**
 * The Arrow IPC stream bytes of a table a DatasetClient loaded, else null. For a table loaded as IPC bytes they
 * are the bytes it reads from: read them, never transfer or change them (hashing them is fine). For a table in
 * shared memory they are written now, in ordinary memory (Blob, OPFS and Web Crypto refuse shared views): a
 * copy of the table, so ask only to keep or hash a dataset, and check its size with datasetIpcLength first.
 */
export function datasetIpc(table: Table): Uint8Array | null {
  const bytes = loadedBytes.get(table);
  if (bytes) return bytes;
  return loadedShared.has(table) ? joinChunks(ipcChunks(table)) : null;
}

/**
 * datasetIpc without a long task: a table in shared memory is written a few MB per task (its bytes are a copy,
 * as there); a table loaded as IPC bytes gives those bytes themselves.
 */
export async function datasetIpcInSlices(table: Table): Promise<Uint8Array | null> {
  const bytes = loadedBytes.get(table);
  if (bytes) return bytes;
  return loadedShared.has(table) ? copyChunks(ipcChunks(table), nextTask) : null;
}

/** The size of datasetIpc(table) in bytes, without writing them; 0 for a table no DatasetClient loaded. */
export function datasetIpcLength(table: Table): number {
  return loadedBytes.get(table)?.byteLength ?? loadedShared.get(table)?.ipcBytes ?? 0;
}

/**
 * A fresh copy of `table`'s Arrow IPC stream bytes, to transfer to a job's worker. A loaded table's bytes are
 * copied a slice per task (no long task); any other table is serialised with tableToIPC on this thread.
 * Prefer jobTable: it hands a shared table over without a copy.
 */
export async function jobIpc(table: Table): Promise<Uint8Array> {
  const bytes = loadedBytes.get(table);
  if (bytes) return copyInSlices(bytes);
  return loadedShared.has(table) ? copyChunks(ipcChunks(table), nextTask) : tableToIPC(table, 'stream');
}

/** A table as a job's worker takes it: Arrow IPC bytes (its own copy, transferred) or a SharedTable (shared). */
export type JobTable = Uint8Array | SharedTable;

/**
 * `table` for a job's worker: the SharedTable itself when it lives in shared memory (no copy: the job reads the
 * page's memory and must not change it), else a fresh copy of its IPC bytes (jobIpc). Post it with jobTransfer.
 */
export async function jobTable(table: Table): Promise<JobTable> {
  return loadedShared.get(table) ?? jobIpc(table);
}

/**
 * `data` marked for posting: IPC bytes are transferred (moved), a SharedTable is posted as it is (shared). Never
 * pass a SharedTable to Comlink.transfer: Comlink keeps a transfer list per object for good, and every later post
 * of the same table would try to move those buffers again.
 */
export function jobTransfer<T extends JobTable>(data: T): T {
  return data instanceof Uint8Array ? Comlink.transfer(data, [data.buffer as ArrayBuffer]) : data;
}

/**
 * Owns the data workers. Each load runs in a fresh worker (started ahead, as a spare), so cancelling
 * terminates it and the dataset loaded before is never touched; one long-lived "profile" worker holds
 * the current table.
 */
export class DatasetClient {
  dataset = $state.raw<Dataset | null>(null);
  loading = $state.raw<LoadingState | null>(null);
  /** The last failed load, with the dataset that stayed loaded. */
  error = $state.raw<{ message: string; previous: string | null } | null>(null);
  /** Non-fatal notes from the last successful load; dismissable. */
  warnings = $state.raw<string[]>([]);
  /** Per column, the cells the loader read as missing and what they said (CSV and TSV). */
  missingTokens = $state.raw<ColumnMissingTokens[]>([]);
  /** Per text column read as dates, the format found or chosen (CSV, TSV, JSON); from the Arrow field metadata. */
  dateFormats = $state.raw<ColumnDateFormat[]>([]);
  /** The load options the current dataset was read with (missing-value tokens); {} for the defaults. */
  loadOptions = $state.raw<LoadOptions>({});
  /** A short status line (e.g. "Cancelled …"), announced politely. */
  notice = $state<string | null>(null);

  schema = $state.raw<ColumnSchema[]>([]);
  overrides = $state.raw<Record<string, SemanticType>>({});
  target = $state<string | null>(null);
  profile = $state.raw<DatasetProfile | null>(null);
  profiling = $state(false);
  profileError = $state<string | null>(null);

  #load: { worker: Worker; cancel: () => void } | null = null;
  /** A started, unused worker for the next load: starting one (thread, script, compile) costs 60–120 ms. */
  #spare: (LoadWorker & { failed: boolean }) | null = null;
  #profileWorker: Worker | null = null;
  #profileApi: Comlink.Remote<DataEngineApi> | null = null;
  #profileGeneration = 0;
  /** The current table's hand-over to the profile worker: its schema, or null when a newer dataset took over. */
  #tableSent: Promise<ColumnSchema[] | null> | null = null;
  #loads = 0;
  #disposed = false;
  /** How to read the current dataset again with other options. */
  #again: ((o: LoadOptions) => Run) | null = null;

  /** Columns in the schema with the type in use (override, else inferred). */
  get columns(): ColumnSchema[] {
    return this.schema.map((c) => ({ ...c, type: this.overrides[c.name] ?? c.inferred }));
  }

  loadSample(url: string, sample: { id: string; file: string; title: string }, settings?: LoadSettings): Promise<void> {
    return this.#start(sample.file, { kind: 'sample', id: sample.id, title: sample.title }, settings, {}, (o) => (api, p) => api.loadUrl(url, sample.file, o, p));
  }

  loadFile(file: File): Promise<void> {
    return this.#start(file.name, { kind: 'file' }, undefined, {}, (o) => (api, p) => api.loadBlob(file, file.name, o, p));
  }

  loadUrl(url: URL, name: string): Promise<void> {
    return this.#start(name, { kind: 'url', url: url.href }, undefined, {}, (o) => (api, p) => api.loadUrl(url.href, name, o, p));
  }

  /**
   * Read the current dataset again with other load options (missing-value tokens): the target and the type
   * overrides stay, and the view with them. A failed re-read leaves the dataset as it was.
   */
  reread(options: LoadOptions): Promise<void> {
    const again = this.#again;
    const ds = this.dataset;
    if (!again || !ds) return Promise.resolve();
    return this.#start(ds.name, ds.source, { target: this.target, overrides: this.overrides }, options, again);
  }

  #start(name: string, source: DatasetSource, settings: LoadSettings | undefined, options: LoadOptions, read: (o: LoadOptions) => Run): Promise<void> {
    return this.#run(name, source, settings, read(options), () => {
      this.#again = read;
      this.loadOptions = options;
    });
  }

  /** Report a problem found before any load started (e.g. a cross-origin URL), the same way a failed load is. */
  fail(message: string): void {
    this.error = { message, previous: this.dataset?.name ?? null };
  }

  /** Stop the load in flight: its worker is terminated, the current dataset is untouched. */
  cancel(): void {
    const load = this.#load;
    if (!load) return;
    const name = this.loading?.name ?? 'the file';
    load.cancel();
    this.notice = `Cancelled loading ${name}.${this.dataset ? ` ${this.dataset.name} is still loaded.` : ''}`;
  }

  dismissError(): void {
    this.error = null;
  }

  dismissWarnings(): void {
    this.warnings = [];
  }

  setTarget(column: string | null): void {
    const fields = this.dataset?.table.schema.fields ?? [];
    this.target = column && fields.some((f) => f.name === column) ? column : null;
  }

  /**
   * Override a column's semantic type (choosing the inferred type clears the override) and re-profile. A
   * column read as dates that becomes text, category or id is read again from its original text, and one
   * kept as text that becomes a datetime is read as dates again, so no choice of type loses characters.
   */
  setType(column: string, type: SemanticType): void {
    const col = this.schema.find((c) => c.name === column);
    if (!col) return;
    const next = { ...this.overrides };
    if (type === col.inferred) delete next[column];
    else next[column] = type;
    const date = this.dateFormats.find((f) => f.column === column);
    const textual = type === 'text' || type === 'categorical' || type === 'id';
    if (date && date.format !== KEEP_AS_TEXT && textual) {
      this.overrides = next;
      void this.reread({ ...this.loadOptions, dateFormats: { ...this.loadOptions.dateFormats, [column]: KEEP_AS_TEXT } });
      return;
    }
    if (date?.format === KEEP_AS_TEXT && type === 'datetime') {
      delete next[column];
      this.overrides = next;
      const dateFormats = { ...this.loadOptions.dateFormats };
      delete dateFormats[column];
      void this.reread({ ...this.loadOptions, dateFormats });
      return;
    }
    this.overrides = next;
    void this.#reprofile();
  }

  async #run(name: string, source: DatasetSource, settings: LoadSettings | undefined, run: Run, adopted?: () => void): Promise<void> {
    this.#load?.cancel();
    this.error = null;
    this.notice = null;
    // Marks on the page's timeline (benchmarks read them): start, IPC received (with the worker's timings and the
    // IPC byte count, the size of the one copy), table decoded.
    performance.mark('mlpad-data:start');
    const { worker, api } = this.#takeWorker();
    const { cancel, cancelled, failed } = jobEnds(worker, (reason) => `${name}: the data worker failed (${reason}).`);
    const load = { worker, cancel };
    this.#load = load;
    this.loading = { name, source, progress: { bytesRead: 0, totalBytes: 0, rows: 0, phase: 'starting' } };
    const onProgress = Comlink.proxy((p: LoadProgress) => {
      if (this.#load === load) this.loading = { name, source, progress: p };
    });
    try {
      const loaded = await Promise.race([run(api, onProgress), cancelled, failed]);
      if (this.#load !== load) return;
      // Done with the worker: end it before the profile starts, so that its heap (the parser's scratch, garbage
      // awaiting collection) can go before the profile worker allocates (issue 13's peak). The table stays: shared
      // memory lives while any thread holds it, and IPC bytes were transferred to this thread.
      worker.terminate();
      performance.mark('mlpad-data:received', { detail: { ...loaded.timings, ipcBytes: loaded.ipcBytes, shared: loaded.shared !== null } });
      this.#adopt(loaded, source, settings);
      adopted?.();
    } catch (e) {
      if (e instanceof Cancelled || this.#load !== load) return;
      this.error = { message: messageOf(e), previous: this.dataset?.name ?? null };
    } finally {
      if (this.#load === load) {
        this.#load = null;
        this.loading = null;
      }
      worker.terminate();
      this.#keepSpare();
    }
  }

  /** A worker for the next load: the spare when it started well, else a new one. Each load gets a fresh worker. */
  #takeWorker(): LoadWorker {
    const spare = this.#spare;
    this.#spare = null;
    if (spare && !spare.failed) return spare;
    spare?.worker.terminate();
    const worker = newWorker();
    return { worker, api: Comlink.wrap<DataEngineApi>(worker) };
  }

  /**
   * Start the next load's worker now, so that it skips worker start-up. Not a reused one: a worker that
   * parsed a file before parsed the next one 1.5× slower in Chromium (its optimised code fit the old file).
   */
  #keepSpare(): void {
    if (this.#spare || this.#disposed) return;
    const spare = { ...this.#takeWorker(), failed: false };
    // An error before the spare is used would be missed by the next load's listener: it starts a fresh worker then.
    spare.worker.addEventListener('error', () => (spare.failed = true));
    // Parse a small synthetic CSV while the user is away, so the next file runs in optimised code (csv-warmup.ts).
    spare.api.warmUp().catch(() => {});
    this.#spare = spare;
  }

  /** Make a freshly loaded dataset current: show it, hand it (shared, else a copy) to the profile worker, profile it. */
  #adopt(loaded: LoadedDataset, source: DatasetSource, settings: LoadSettings | undefined): void {
    const table = loaded.shared ? tableFromShared(loaded.shared) : tableFromIPC(loaded.ipc);
    if (loaded.shared) loadedShared.set(table, loaded.shared);
    else loadedBytes.set(table, loaded.ipc);
    performance.mark('mlpad-data:decoded');
    this.dataset = {
      name: loaded.name,
      source,
      format: loaded.format,
      rows: loaded.rows,
      columns: loaded.columns,
      bytes: loaded.bytes,
      seconds: loaded.seconds,
      table,
      loadId: ++this.#loads,
    };
    this.warnings = loaded.warnings;
    this.missingTokens = loaded.missingTokens;
    this.dateFormats = dateFormatsOf(table);
    this.profile = null;
    this.profileError = null;
    const names = table.schema.fields.map((f) => f.name);
    this.overrides = Object.fromEntries(Object.entries(settings?.overrides ?? {}).filter(([c]) => names.includes(c)));
    this.target = settings?.target && names.includes(settings.target) ? settings.target : null;
    this.schema = [];
    const sent = this.#sendTable(table, loaded.shared ?? loaded.ipc);
    this.#tableSent = sent;
    void this.#profileNew(loaded, sent);
  }

  /**
   * Hand `table` to the profile worker unless a newer dataset took over meanwhile (then null): shared, the same
   * memory; as IPC bytes, its own copy (the table on this thread reads from them).
   */
  async #sendTable(table: Table, data: Uint8Array | SharedTable): Promise<ColumnSchema[] | null> {
    const api = this.#ensureProfileWorker();
    if (!(data instanceof Uint8Array)) return this.dataset?.table === table ? api.setTable(data) : null;
    const copy = await copyInSlices(data);
    // Posted at once after the check, so the worker's last setTable is always the current dataset's.
    if (this.dataset?.table !== table) return null;
    return api.setTable(Comlink.transfer(copy, [copy.buffer]));
  }

  /**
   * What `target` (of semantic `type`) implies for `task` (inferred when null) in the current dataset,
   * computed in the profile worker: the whole column is read there, never on this thread.
   */
  async targetFacts(target: string, type: SemanticType, task: Task | null): Promise<TargetFacts> {
    const sent = this.#tableSent;
    const api = this.#profileApi;
    if (!sent || !api || !this.dataset) throw new Error('Load a dataset first.');
    if (!(await sent)) throw new Cancelled();
    return api.targetFacts(target, type, task);
  }

  /**
   * The current dataset's SHA-256 and byte count (of the IPC bytes datasetIpc returns), hashed in the profile
   * worker: Chromium's crypto.subtle.digest runs on the calling thread (0.15–0.35 s for 60 MB).
   */
  async digest(): Promise<IpcDigest> {
    const sent = this.#tableSent;
    const api = this.#profileApi;
    if (!sent || !api || !this.dataset) throw new Error('Load a dataset first.');
    if (!(await sent)) throw new Cancelled();
    return api.digest();
  }

  async #profileNew(loaded: LoadedDataset, sent: Promise<ColumnSchema[] | null>): Promise<void> {
    const generation = ++this.#profileGeneration;
    this.profiling = true;
    try {
      const schema = await sent;
      if (!schema || generation !== this.#profileGeneration) return;
      this.schema = schema;
      await this.#reprofile();
    } catch (e) {
      if (generation === this.#profileGeneration) {
        this.profileError = `Could not profile ${loaded.name}: ${messageOf(e)}`;
        this.profiling = false;
      }
    }
  }

  async #reprofile(): Promise<void> {
    const api = this.#profileApi;
    if (!api || !this.dataset) return;
    const generation = ++this.#profileGeneration;
    this.profiling = true;
    this.profileError = null;
    try {
      const profile = await api.profile({ ...this.overrides });
      if (generation === this.#profileGeneration) this.profile = profile;
    } catch (e) {
      if (generation === this.#profileGeneration) this.profileError = `Could not profile ${this.dataset?.name ?? 'the dataset'}: ${messageOf(e)}`;
    } finally {
      if (generation === this.#profileGeneration) this.profiling = false;
    }
  }

  #ensureProfileWorker(): Comlink.Remote<DataEngineApi> {
    if (!this.#profileApi) {
      this.#profileWorker = newWorker();
      this.#profileApi = Comlink.wrap<DataEngineApi>(this.#profileWorker);
    }
    return this.#profileApi;
  }

  dispose(): void {
    this.#disposed = true;
    this.#spare?.worker.terminate();
    this.#spare = null;
    this.#load?.cancel();
    this.#profileWorker?.terminate();
    this.#profileWorker = null;
    this.#profileApi = null;
    this.#tableSent = null;
  }
}
