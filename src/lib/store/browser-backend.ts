// The StoreBackend of the studio: records in IndexedDB (through `idb`), blobs in the Origin Private File System
// (or in IndexedDB where OPFS is missing), commits announced to other tabs on a BroadcastChannel.
//
// A commit writes its new blobs first, in full, then every record put and delete in ONE readwrite IndexedDB
// transaction. IndexedDB commits a transaction whole or not at all, so a tab closed mid-commit leaves the old
// records or the new ones; the blobs written before it are content-addressed orphans at worst (listBlobs and
// usage show them, deleteBlobs removes them). A full disk (QuotaExceededError from IndexedDB or OPFS) becomes
// StoreQuotaError after the blobs this commit added are removed again.
import { openDB } from 'idb';
import { BLOB_HASH, checkCollection, checkId, StoreArgumentError, StoreQuotaError, type StoreBackend, type StoreChange, type StoreEvent, type StoreUsage } from './backend.ts';
import { IdbBlobs, OpfsBlobs, type BlobPlace } from './blob-places.ts';
import { sha256Hex } from './hash.ts';
import { CURRENT_STORE_VERSION } from './memory-backend.ts';
import { BLOBS, BROWSER_STORE_VERSION, BY_COLLECTION, jsonBytes, RECORDS, runUpgrades, type AnyDb, type StoredRecord } from './idb-schema.ts';

/** Options of openBrowserStore. */
export interface BrowserStoreOptions {
  /** IndexedDB database name; blobs go to the OPFS folder `<name>-blobs`. Defaults to 'mlpad'. */
  name?: string;
  /** Keep blobs in IndexedDB even where OPFS works (tests of the fallback). Defaults to false. */
  blobsInIndexedDb?: boolean;
  /** Ask the browser once to keep this origin's storage under pressure (navigator.storage.persist). Defaults to true. */
  requestPersistence?: boolean;
}

/** The BroadcastChannel every browser store announces its commits on. */
export const STORE_CHANNEL = 'mlpad-store';

const STORE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Opens (creating or upgrading) the browser store. Throws StoreArgumentError with a sentence when it cannot. */
export async function openBrowserStore(options: BrowserStoreOptions = {}): Promise<BrowserBackend> {
  const name = options.name ?? 'mlpad';
  if (!STORE_NAME.test(name)) throw new StoreArgumentError(`options.name "${String(name).slice(0, 80)}" is not a valid store name: use 1 to 64 letters, digits, dashes or underscores`);
  if (typeof indexedDB === 'undefined') throw new StoreArgumentError('this browser gives mlpad no IndexedDB (a private window?): use the in-memory store and tell the user nothing will survive a reload');
  const store = new BrowserBackend(name);
  let db: AnyDb;
  try {
    db = await openDB(name, BROWSER_STORE_VERSION, {
      upgrade: (d, oldVersion, newVersion, tx) => runUpgrades(d, oldVersion, newVersion ?? BROWSER_STORE_VERSION, tx),
      // Another tab runs a newer mlpad and must upgrade: let it, and refuse further calls here.
      blocking: () => store.retire('another tab opened a newer version of mlpad\u2019s storage: reload this tab'),
      terminated: () => store.retire('the browser closed mlpad\u2019s storage unexpectedly: reload this tab'),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'VersionError') {
      throw new StoreArgumentError(`the stored data was written by a newer mlpad (schema above version ${BROWSER_STORE_VERSION}): reload the page to get the newer version`);
    }
    if (isQuota(e)) throw new StoreQuotaError();
    throw e;
  }
  const opfs = options.blobsInIndexedDb ? undefined : await OpfsBlobs.open(`${name}-blobs`);
  store.attach(db, opfs ?? new IdbBlobs(() => store.database()));
  if (options.requestPersistence !== false) void store.requestPersistence();
  return store;
}

function isQuota(e: unknown): boolean {
  return e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
}

export class BrowserBackend implements StoreBackend {
  readonly kind = 'browser';
  /** Where blobs live: 'opfs', or 'indexeddb' where the Origin Private File System is unavailable. */
  blobPlace: 'opfs' | 'indexeddb' = 'indexeddb';
  /** What navigator.storage.persist() answered; undefined until it answers or where it does not exist (workers). */
  persisted: boolean | undefined;
  private db: AnyDb | undefined;
  private blobs!: BlobPlace;
  private listeners = new Set<(event: StoreEvent) => void>();
  private channel: BroadcastChannel | undefined;
  private closedReason: string | undefined;

  /** Use openBrowserStore. */
  constructor(readonly name: string) {}

  /** @internal */
  attach(db: AnyDb, blobs: BlobPlace) {
    this.db = db;
    this.blobs = blobs;
    this.blobPlace = blobs.kind;
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(STORE_CHANNEL);
      this.channel.onmessage = (m: MessageEvent) => {
        const d = m.data as { store?: unknown; collections?: unknown };
        if (d?.store !== this.name || !Array.isArray(d.collections)) return;
        this.emit({ collections: d.collections.filter((c): c is string => typeof c === 'string'), remote: true });
      };
    }
  }

  /** @internal */
  database(): AnyDb {
    if (!this.db) throw new StoreArgumentError(`the store is closed: ${this.closedReason ?? 'open it again'}`);
    return this.db;
  }

  /** @internal Closes the connection so another tab's upgrade can proceed; later calls throw `reason`. */
  retire(reason: string) {
    this.closedReason = reason;
    this.db?.close();
    this.db = undefined;
  }

  /** @internal */
  async requestPersistence() {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (!storage || typeof storage.persist !== 'function') return;
    try { this.persisted = await storage.persist(); } catch { this.persisted = false; }
  }

  /** The record schema version (the same for every backend, so a workspace file moves between them). */
  async version() {
    this.database();
    return CURRENT_STORE_VERSION;
  }

  /** The IndexedDB layout version (BROWSER_STORE_VERSION once opened): how this backend lays records out, not what they mean. */
  get layoutVersion(): number {
    return this.database().version;
  }

  async get(collection: string, id: string) {
    checkCollection(collection); checkId(id);
    const r = (await this.database().get(RECORDS, [collection, id])) as StoredRecord | undefined;
    return r === undefined ? undefined : (JSON.parse(r.json) as unknown);
  }

  async list(collection: string) {
    checkCollection(collection);
    const rows = (await this.database().getAllFromIndex(RECORDS, BY_COLLECTION, collection)) as StoredRecord[];
    // The index orders by collection then primary key, so ids are sorted by IndexedDB's string order (code
    // units), the same order as JavaScript's default sort.
    return rows.map((r) => ({ id: r.id, value: JSON.parse(r.json) as unknown }));
  }

  async collections() {
    const out: string[] = [];
    // One step per collection: nextunique skips the rest of each collection's records.
    let cursor = await this.database().transaction(RECORDS).store.index(BY_COLLECTION).openKeyCursor(null, 'nextunique');
    while (cursor) {
      out.push(String(cursor.key));
      cursor = await cursor.continue();
    }
    return out;
  }

  async commit(change: StoreChange) {
    const db = this.database();
    // Check and serialise everything before writing, so a bad entry writes nothing.
    const puts: StoredRecord[] = (change.put ?? []).map((p) => {
      checkCollection(p.collection); checkId(p.id);
      const json = JSON.stringify(p.value);
      if (json === undefined) throw new StoreArgumentError(`record ${p.collection}/${p.id.slice(0, 80)} has no JSON value (undefined or a function)`);
      return { collection: p.collection, id: p.id, json, size: jsonBytes(json) };
    });
    const deletes = change.delete ?? [];
    for (const d of deletes) { checkCollection(d.collection); checkId(d.id); }
    const blobs = change.blobs ?? [];
    for (const b of blobs) {
      if (!BLOB_HASH.test(b.hash)) throw new StoreArgumentError(`blob hash "${String(b.hash).slice(0, 80)}" is not a lower-case hex SHA-256`);
      if (!(b.bytes instanceof Uint8Array)) throw new StoreArgumentError(`blob ${b.hash} must be a Uint8Array`);
      if ((await sha256Hex(b.bytes)) !== b.hash) throw new StoreArgumentError(`blob ${b.hash} does not match the SHA-256 of its bytes`);
    }

    // Blobs first: only those not stored yet, remembered so a failure can take them back.
    const fresh: { hash: string; bytes: Uint8Array }[] = [];
    for (const b of blobs) if (!fresh.some((f) => f.hash === b.hash) && !(await this.blobs.has(b.hash, b.bytes.length))) fresh.push(b);
    const written: string[] = [];
    try {
      if (this.blobs.write) {
        // Only the blobs this commit placed: a copy another commit wrote meanwhile stays if this one fails.
        for (const b of fresh) if (await this.blobs.write(b.hash, b.bytes)) written.push(b.hash);
      }
      const names = this.blobs.write ? [RECORDS] : [RECORDS, BLOBS];
      const tx = db.transaction(names, 'readwrite');
      // Requests are not awaited one by one (the transaction would idle); their failures surface in tx.done.
      const quiet = (p: Promise<unknown>) => { p.catch(() => undefined); };
      const records = tx.objectStore(RECORDS);
      for (const r of puts) quiet(records.put(r));
      for (const d of deletes) quiet(records.delete([d.collection, d.id]));
      if (!this.blobs.write) for (const b of fresh) quiet(tx.objectStore(BLOBS).put(b.bytes.slice(), b.hash));
      await tx.done;
    } catch (e) {
      if (written.length) await this.blobs.delete(written).catch(() => undefined);
      if (isQuota(e)) throw new StoreQuotaError();
      throw e;
    }

    const collections = [...new Set([...puts.map((p) => p.collection), ...deletes.map((d) => d.collection)])].sort();
    if (collections.length || blobs.length) {
      this.emit({ collections, remote: false });
      this.channel?.postMessage({ store: this.name, collections });
    }
  }

  async getBlob(hash: string) {
    this.database();
    return this.blobs.get(hash);
  }

  async listBlobs() {
    this.database();
    return this.blobs.list();
  }

  async deleteBlobs(hashes: string[]) {
    this.database();
    await this.blobs.delete(hashes.filter((h) => typeof h === 'string' && BLOB_HASH.test(h)));
  }

  async usage(): Promise<StoreUsage> {
    const records: Record<string, number> = {};
    let cursor = await this.database().transaction(RECORDS).store.openCursor();
    while (cursor) {
      const r = cursor.value as StoredRecord;
      records[r.collection] = (records[r.collection] ?? 0) + r.size;
      cursor = await cursor.continue();
    }
    const blobs: Record<string, number> = {};
    for (const b of await this.blobs.list()) blobs[b.hash] = b.size;
    let quota: number | undefined;
    try { quota = (await globalThis.navigator?.storage?.estimate?.())?.quota; } catch { quota = undefined; }
    return { records, blobs, quota };
  }

  subscribe(listener: (event: StoreEvent) => void) {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  async close() {
    this.listeners.clear();
    this.channel?.close();
    this.channel = undefined;
    this.retire('it was closed');
  }

  private emit(event: StoreEvent) {
    for (const l of [...this.listeners]) {
      try { l(event); } catch (e) { queueMicrotask(() => { throw e; }); }
    }
  }
}
