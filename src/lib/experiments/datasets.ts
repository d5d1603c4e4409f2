// The user's own datasets kept in a StoreBackend, so that a file opened in the studio survives a reload: one record
// per dataset in the 'datasets' collection (name, where it came from, shape, when saved and last opened) and its Arrow
// IPC stream bytes as a blob named by their SHA-256. The record's id is that hash, so saving the same bytes twice
// keeps one copy; a run that used the same table names the same blob, which collectGarbage keeps while either does.
import type { RecordDelete, StoreBackend } from '../store/backend.ts';
import { sha256Hex } from '../store/hash.ts';
import { collectGarbage } from './runs.ts';
import { checkHash, checkTime, ExperimentsError, NotFoundError } from './validate.ts';

/** The collection that holds saved datasets. */
export const DATASETS_COLLECTION = 'datasets';

/** The media type of a saved dataset's bytes: an Arrow IPC stream. */
export const DATASET_MEDIA_TYPE = 'application/vnd.apache.arrow.stream';

/** Column names kept in a record, at most: the list is for display, and a wide table should not bloat every record. */
export const MAX_COLUMN_NAMES = 1000;

/** Where a saved dataset was read from (samples are never saved: they reload from the site). */
export type DatasetSourceKind = 'file' | 'url';

/** A saved dataset's record (SageMaker-style field names). */
export interface SavedDataset {
  /** The record id: the SHA-256 of the bytes (same as DataHash). */
  DatasetId: string;
  /** The name the user knows it by: the file name, or the last part of the URL. */
  DatasetName: string;
  SourceKind: DatasetSourceKind;
  /** The URL it was read from (same-origin), for SourceKind 'url' only. */
  SourceUrl?: string;
  /** The format it was read from ('csv', 'parquet'…), when known. */
  Format?: string;
  Rows: number;
  Columns: number;
  /** The first MAX_COLUMN_NAMES column names, each cut to 256 characters. */
  ColumnNames: string[];
  /** Bytes of the kept Arrow IPC stream. */
  Size: number;
  /** Bytes of the file or download it was read from, when known. */
  SourceSize?: number;
  /** The lower-case hex SHA-256 of the Arrow IPC bytes: the blob's name. */
  DataHash: string;
  MediaType: string;
  /** When it was first saved (ISO 8601). */
  CreationTime: string;
  /** When it was last saved or opened (ISO 8601). */
  LastOpenedTime: string;
}

/** What saveDataset records besides the bytes. */
export interface SaveDatasetInput {
  /** The file name or URL's last part; 1 to 1024 characters. */
  name: string;
  sourceKind: DatasetSourceKind;
  /** The URL, for sourceKind 'url'; defaults to none. */
  sourceUrl?: string;
  /** The format it was read from; defaults to none. */
  format?: string;
  rows: number;
  columns: number;
  /** Column names to keep for display; defaults to none. */
  columnNames?: readonly string[];
  /** The source file's byte count; defaults to none. */
  sourceSize?: number;
  /** The save time (ISO 8601); defaults to now. */
  time?: string;
  /** The id of a saved dataset this one replaces (a re-read of the same file), removed in the same commit; defaults to none. */
  replaces?: string;
}

const count = (v: unknown, what: string) => {
  if (!Number.isInteger(v) || (v as number) < 0) throw new ExperimentsError(`${what} must be a whole number ≥ 0; got ${String(v)}`);
};

function checkInput(meta: SaveDatasetInput): void {
  if (typeof meta !== 'object' || meta === null) throw new ExperimentsError('saveDataset needs the dataset\u2019s facts as an object: { name, sourceKind, rows, columns }');
  if (typeof meta.name !== 'string' || meta.name.trim().length === 0 || meta.name.length > 1024) throw new ExperimentsError('name must be the dataset\u2019s file name: 1 to 1024 characters, not only spaces');
  if (meta.sourceKind !== 'file' && meta.sourceKind !== 'url') throw new ExperimentsError(`sourceKind must be 'file' or 'url' (samples are not saved); got ${JSON.stringify(meta.sourceKind)}`);
  if (meta.sourceUrl !== undefined && (typeof meta.sourceUrl !== 'string' || meta.sourceUrl.length > 2048)) throw new ExperimentsError('sourceUrl must be a URL of at most 2048 characters');
  count(meta.rows, 'rows');
  count(meta.columns, 'columns');
  if (meta.sourceSize !== undefined) count(meta.sourceSize, 'sourceSize');
  if (meta.columnNames !== undefined && (!Array.isArray(meta.columnNames) || meta.columnNames.some((c) => typeof c !== 'string'))) throw new ExperimentsError('columnNames must be a list of strings');
  if (meta.replaces !== undefined) checkHash(meta.replaces, 'replaces (the DatasetId of the dataset this one replaces)');
}

/**
 * Saves a dataset's Arrow IPC bytes and its record in one atomic commit; resolves to the record. Saving bytes
 * already saved updates that record's name and LastOpenedTime (its CreationTime stays). Throws StoreQuotaError
 * (nothing written) when the store is full.
 */
export async function saveDataset(store: StoreBackend, meta: SaveDatasetInput, ipcBytes: Uint8Array): Promise<SavedDataset> {
  checkInput(meta);
  if (!(ipcBytes instanceof Uint8Array) || ipcBytes.length === 0) throw new ExperimentsError('ipcBytes must be the dataset\u2019s Arrow IPC stream bytes (a non-empty Uint8Array)');
  const time = meta.time === undefined ? new Date().toISOString() : checkTime(meta.time, 'time');
  const hash = await sha256Hex(ipcBytes);
  const before = (await store.get(DATASETS_COLLECTION, hash)) as SavedDataset | undefined;
  const record: SavedDataset = {
    DatasetId: hash,
    DatasetName: meta.name,
    SourceKind: meta.sourceKind,
    ...(meta.sourceKind === 'url' && meta.sourceUrl ? { SourceUrl: meta.sourceUrl } : {}),
    ...(meta.format ? { Format: String(meta.format).slice(0, 32) } : {}),
    Rows: meta.rows,
    Columns: meta.columns,
    ColumnNames: (meta.columnNames ?? []).slice(0, MAX_COLUMN_NAMES).map((c) => c.slice(0, 256)),
    Size: ipcBytes.length,
    ...(meta.sourceSize !== undefined ? { SourceSize: meta.sourceSize } : {}),
    DataHash: hash,
    MediaType: DATASET_MEDIA_TYPE,
    CreationTime: before?.CreationTime ?? time,
    LastOpenedTime: time,
  };
  const del: RecordDelete[] = meta.replaces && meta.replaces !== hash ? [{ collection: DATASETS_COLLECTION, id: meta.replaces }] : [];
  await store.commit({ put: [{ collection: DATASETS_COLLECTION, id: hash, value: record }], delete: del, blobs: [{ hash, bytes: ipcBytes }] });
  // The replaced dataset's bytes go unless a run still names them.
  if (del.length) await collectGarbage(store);
  return record;
}

/** Every saved dataset, last opened first. */
export async function listDatasets(store: StoreBackend): Promise<SavedDataset[]> {
  const all = (await store.list(DATASETS_COLLECTION)).map((r) => r.value as SavedDataset);
  return all.sort((a, b) => (a.LastOpenedTime < b.LastOpenedTime ? 1 : a.LastOpenedTime > b.LastOpenedTime ? -1 : a.DatasetName.localeCompare(b.DatasetName)));
}

/** The saved dataset, or undefined. */
export async function getDataset(store: StoreBackend, id: string): Promise<SavedDataset | undefined> {
  checkHash(id, 'dataset id');
  return (await store.get(DATASETS_COLLECTION, id)) as SavedDataset | undefined;
}

async function mustGet(store: StoreBackend, id: string): Promise<SavedDataset> {
  const record = await getDataset(store, id);
  if (!record) throw new NotFoundError(`no saved dataset has id ${id} (deleted in another tab?); 'listDatasets' shows the saved ones`);
  return record;
}

/** The dataset's Arrow IPC stream bytes; throws NotFoundError when the record or its bytes are gone. */
export async function getDatasetBytes(store: StoreBackend, id: string): Promise<Uint8Array> {
  const record = await mustGet(store, id);
  const bytes = await store.getBlob(record.DataHash);
  if (!bytes) throw new NotFoundError(`the bytes of ${record.DatasetName} are missing from the store (cleared by the browser?); delete it and open the file again`);
  return bytes;
}

/** Marks the dataset as opened at `time` (ISO 8601; defaults to now); resolves to the updated record. */
export async function touchDataset(store: StoreBackend, id: string, time?: string): Promise<SavedDataset> {
  const record = await mustGet(store, id);
  const next = { ...record, LastOpenedTime: time === undefined ? new Date().toISOString() : checkTime(time, 'time') };
  await store.commit({ put: [{ collection: DATASETS_COLLECTION, id, value: next }] });
  return next;
}

/** Deletes the dataset's record, then blobs no record names (its bytes stay while a run names them); resolves to the deleted blobs. */
export async function deleteDataset(store: StoreBackend, id: string): Promise<{ deletedBlobs: string[] }> {
  await mustGet(store, id);
  await store.commit({ delete: [{ collection: DATASETS_COLLECTION, id }] });
  return { deletedBlobs: await collectGarbage(store) };
}
