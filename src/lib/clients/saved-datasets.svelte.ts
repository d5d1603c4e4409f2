// Keeps the user's own datasets in the studio's store, so a file opened once is still there after a reload: it
// watches the DatasetClient's dataset by load ($effect.root, as the JobRecorder does), so the data client knows
// nothing about storage. Every file or URL the user loads is kept automatically (samples are not: they reload from
// the site); the Data view lists them with Open and Delete. Automatic rather than a toggle: runs already keep the
// datasets they used (up to 5 MB) without asking, a file that silently was not kept is the surprise a reload would
// reveal too late, and Delete is one click away. Writes go through StoreClient.write, so a full quota becomes its
// one sentence and nothing saved before is touched.
import { tableToIPC } from 'apache-arrow';
import { untrack } from 'svelte';
import { DATASET_MEDIA_TYPE, deleteDataset, getDatasetBytes, listDatasets, saveDataset, touchDataset, type SavedDataset } from '../experiments/datasets.ts';
import { datasetIpc, datasetIpcInSlices, datasetIpcLength, type Dataset, type DatasetClient } from './dataset-client.svelte.ts';
import type { StoreClient } from './store-client.svelte.ts';
import { messageOf } from './worker-job.ts';

/**
 * The Arrow IPC stream bytes to keep for `ds`: the bytes it was loaded from (no second copy), or, for a table in
 * shared memory, an ordinary copy written now (OPFS and Web Crypto refuse shared views).
 */
export function datasetBytes(ds: Dataset): Uint8Array {
  return datasetIpc(ds.table) ?? tableToIPC(ds.table, 'stream');
}

/**
 * Datasets up to this size (Arrow bytes) are kept without asking. Keeping one hashes its bytes on this thread
 * (Web Crypto's digest runs on the caller; about 50 ms for 16 MB here), so a larger one waits for the user's
 * "Keep in this browser" rather than freezing the page unasked.
 */
export const AUTO_KEEP_BYTES = 16 * 1024 * 1024;

const ARROW_NAME = /\.(arrow|arrows|feather|ipc)$/i;

/** The file name a saved dataset reopens under: its own name, with '.arrow' added unless it already names Arrow data. */
export function reopenName(name: string): string {
  return ARROW_NAME.test(name) ? name : `${name}.arrow`;
}

/** The dataset this tab saved last, which a re-read of the same source replaces. */
interface Kept {
  id: string;
  name: string;
  source: string;
}

const sourceKey = (ds: Dataset) => (ds.source.kind === 'url' ? `url:${ds.source.url}` : ds.source.kind);

export class SavedDatasetsClient {
  /** The saved datasets, last opened first. */
  list = $state.raw<SavedDataset[]>([]);
  /** The id of the saved dataset on screen (saved or opened in this tab); null when none. */
  current = $state<string | null>(null);
  /** The name of the dataset being kept right now; null when none. */
  saving = $state<string | null>(null);
  /** The dataset on screen that is too large to keep unasked (see AUTO_KEEP_BYTES): its name and bytes; null when none. */
  offer = $state.raw<{ name: string; bytes: number; loadId: number } | null>(null);

  #stop: (() => void) | null = null;
  #seenLoad = 0;
  /** A dataset handed to the loader by open(): its load makes that record current instead of saving a copy. */
  #opening: { id: string; fileName: string } | null = null;
  #kept: Kept | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #listGeneration = 0;

  constructor(private readonly stores: StoreClient, private readonly data: DatasetClient) {}

  /** Starts watching the loaded dataset and the store; returns (and keeps) the function that stops. */
  start(): () => void {
    this.#stop?.();
    this.#stop = $effect.root(() => {
      $effect(() => {
        const ds = this.data.dataset;
        untrack(() => this.#loaded(ds));
      });
      $effect(() => {
        void this.stores.revision;
        if (this.stores.store) untrack(() => void this.refresh());
      });
    });
    return this.#stop;
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  /** Reads the list again from the store. */
  async refresh(): Promise<void> {
    const store = this.stores.store;
    if (!store) return;
    const generation = ++this.#listGeneration;
    try {
      const list = await listDatasets(store);
      if (generation === this.#listGeneration) this.list = list;
    } catch (e) {
      this.stores.error = `Could not read your saved datasets: ${messageOf(e)}`;
    }
  }

  /** The saved dataset as a File for the loader (Arrow IPC, named by reopenName); undefined when it cannot be read (the StoreClient's error says why). */
  async open(id: string): Promise<File | undefined> {
    const record = this.list.find((d) => d.DatasetId === id);
    const name = record?.DatasetName ?? 'the dataset';
    const bytes = await this.stores.write(`open ${name}`, (s) => getDatasetBytes(s, id));
    if (!bytes) return undefined;
    const fileName = reopenName(record?.DatasetName ?? `${id.slice(0, 12)}.arrow`);
    this.#opening = { id, fileName };
    return new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: DATASET_MEDIA_TYPE });
  }

  /**
   * Deletes a saved dataset; resolves to the bytes freed (0 when a run still names its data, which then stays with
   * the run), or undefined when it could not be deleted (the StoreClient's error says why).
   */
  async delete(id: string): Promise<number | undefined> {
    const name = this.list.find((d) => d.DatasetId === id)?.DatasetName ?? 'the dataset';
    const before = this.stores.usage;
    const out = await this.#enqueue(`delete ${name}`, (s) => deleteDataset(s, id));
    if (!out) return undefined;
    if (this.current === id) this.current = null;
    if (this.#kept?.id === id) this.#kept = null;
    // Blob deletion announces no record change, so the usage figures are read again here.
    await this.stores.refresh();
    await this.refresh();
    return out.deletedBlobs.reduce((n, h) => n + (before?.blobs[h] ?? 0), 0);
  }

  #enqueue<T>(what: string, job: (store: NonNullable<StoreClient['store']>) => Promise<T>): Promise<T | undefined> {
    const next = this.#queue.then(() => this.stores.write(what, job));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #loaded(ds: Dataset | null): void {
    if (!ds || ds.loadId === this.#seenLoad) return;
    this.#seenLoad = ds.loadId;
    const opening = this.#opening;
    this.#opening = null;
    if (ds.source.kind === 'sample') {
      this.current = null;
      return;
    }
    if (opening && ds.source.kind === 'file' && ds.name === opening.fileName) {
      this.current = opening.id;
      this.#kept = null;
      void this.#enqueue(`mark ${ds.name} as opened`, (s) => touchDataset(s, opening.id));
      return;
    }
    this.current = null;
    this.offer = null;
    // Counted, not written: a shared table's bytes are a copy made only when it is kept.
    const bytes = datasetIpcLength(ds.table) || datasetBytes(ds).length;
    if (bytes > AUTO_KEEP_BYTES) this.offer = { name: ds.name, bytes, loadId: ds.loadId };
    else void this.#keep(ds);
  }

  /** Keeps the dataset on screen that was offered (the user pressed "Keep in this browser"). */
  keepOffered(): void {
    const ds = this.data.dataset;
    if (!ds || this.offer?.loadId !== ds.loadId) return;
    this.offer = null;
    void this.#keep(ds);
  }

  async #keep(ds: Dataset): Promise<void> {
    await this.stores.open();
    // A memory-only store (the browser refuses IndexedDB) would hold a second copy of the table for nothing.
    if (this.stores.notKept) return;
    const previous = this.#kept;
    const replaces = previous && previous.name === ds.name && previous.source === sourceKey(ds) ? previous.id : undefined;
    this.saving = ds.name;
    const record = await this.#enqueue(`keep ${ds.name} in this browser`, async (s) => saveDataset(s, {
      name: ds.name,
      sourceKind: ds.source.kind === 'url' ? 'url' : 'file',
      ...(ds.source.kind === 'url' ? { sourceUrl: ds.source.url } : {}),
      format: ds.format,
      rows: ds.rows,
      columns: ds.columns,
      columnNames: ds.table.schema.fields.map((f) => f.name),
      sourceSize: ds.bytes,
      ...(replaces ? { replaces } : {}),
    }, (await datasetIpcInSlices(ds.table)) ?? datasetBytes(ds)));
    if (this.saving === ds.name) this.saving = null;
    if (!record) return;
    if (this.data.dataset?.loadId === ds.loadId) {
      this.current = record.DatasetId;
      this.#kept = { id: record.DatasetId, name: ds.name, source: sourceKey(ds) };
    }
  }
}
