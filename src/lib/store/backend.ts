// The storage contract every place mlpad keeps things implements: the browser (IndexedDB records, OPFS blobs),
// a folder beside the data (`mlpad … --experiment`, `.mlpad/`), and memory (tests). Records are small JSON
// documents in named collections; large artifacts (model files, Arrow data, reports) are blobs named by their
// SHA-256, so the same bytes are stored once and a record refers to them by hash. The domain (experiments,
// registry, lineage, workspace files) is written once against this interface.

/** A collection name: lower-case letters, digits and dashes, starting with a letter (for example 'runs'). */
export const COLLECTION_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** A blob's name: the lower-case hex SHA-256 of its bytes. */
export const BLOB_HASH = /^[0-9a-f]{64}$/;

/** One record to write. */
export interface RecordPut {
  collection: string;
  id: string;
  /** Any JSON value (structured-clonable, no functions, no cycles). */
  value: unknown;
}

/** One record to remove; removing an absent record is not an error. */
export interface RecordDelete {
  collection: string;
  id: string;
}

/** A set of writes that land together or not at all. */
export interface StoreChange {
  /** Records to create or replace; defaults to none. */
  put?: RecordPut[];
  /** Records to remove; defaults to none. */
  delete?: RecordDelete[];
  /** Blobs to store, each under the SHA-256 of its bytes (checked); storing a blob that exists is a no-op. Defaults to none. */
  blobs?: { hash: string; bytes: Uint8Array }[];
}

/** What changed, as announced to listeners (another tab, another view). */
export interface StoreEvent {
  /** Collections whose records changed. */
  collections: string[];
  /** True when the event came from another tab or process. */
  remote: boolean;
}

/** Space used, in bytes. */
export interface StoreUsage {
  /** Bytes of record JSON, by collection. */
  records: Record<string, number>;
  /** Bytes of blobs, by hash. */
  blobs: Record<string, number>;
  /** What the browser grants this origin (navigator.storage.estimate().quota); undefined where unknown. */
  quota?: number;
}

/** Thrown when the storage is full; nothing of the failed change was written. */
export class StoreQuotaError extends Error {
  override name = 'StoreQuotaError';
  constructor(message = 'The browser has no more room for mlpad\u2019s storage. Nothing was saved; delete runs, models or datasets you no longer need (Storage in the Experiments view) and try again.') {
    super(message);
  }
}

/** Thrown on a malformed argument (collection name, blob hash that does not match its bytes…). */
export class StoreArgumentError extends Error {
  override name = 'StoreArgumentError';
}

/** A place to keep records and blobs. Every method may be called from a worker or the main thread alike. */
export interface StoreBackend {
  /** 'memory', 'folder' or 'browser'. */
  readonly kind: string;
  /** The schema version of what is stored (see migrations); a new store reports the current version. */
  version(): Promise<number>;
  /** One record, or undefined. */
  get(collection: string, id: string): Promise<unknown>;
  /** Every record of a collection, sorted by id. */
  list(collection: string): Promise<{ id: string; value: unknown }[]>;
  /** The collections that hold at least one record, sorted. */
  collections(): Promise<string[]>;
  /** Applies `change` atomically: after a crash, either all of it or none of it is visible. Throws StoreQuotaError when full. */
  commit(change: StoreChange): Promise<void>;
  /** A blob's bytes, or undefined. */
  getBlob(hash: string): Promise<Uint8Array | undefined>;
  /** Every stored blob's hash and size. */
  listBlobs(): Promise<{ hash: string; size: number }[]>;
  /** Removes blobs (records that still name them are the caller's business); absent ones are ignored. */
  deleteBlobs(hashes: string[]): Promise<void>;
  /** Bytes used by records and blobs. */
  usage(): Promise<StoreUsage>;
  /** Calls `listener` after each commit here or (where the backend can tell) in another tab; returns the unsubscribe. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Releases handles; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Throws StoreArgumentError unless `name` is a valid collection name. */
export function checkCollection(name: string): void {
  if (!COLLECTION_NAME.test(name)) throw new StoreArgumentError(`collection "${name.slice(0, 80)}" is not a valid name: use lower-case letters, digits and dashes, starting with a letter`);
}

/** Throws StoreArgumentError unless `id` is a non-empty string of at most 512 characters. */
export function checkId(id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 512) throw new StoreArgumentError('a record id must be a non-empty string of at most 512 characters');
}
