// The IndexedDB layout of the browser store and the steps that bring an older database up to it. The IndexedDB
// database version IS the store's schema version: opening at BROWSER_STORE_VERSION runs, inside the one
// versionchange transaction, every upgrade step above the version found on disk, so a tab closed mid-upgrade
// leaves the old database untouched (IndexedDB aborts the whole versionchange transaction).
//
// Version 1 (the first layout): object store 'records' keyed by [collection, id] holding
//   { collection, id, value } with the value structured-cloned; object store 'meta' keyed by 'key'.
// Version 2 (current): records hold { collection, id, json, size }: the value as JSON text (what get() parses,
//   so every backend returns the same JSON copy) and its UTF-8 byte count (usage() without re-encoding); an
//   index 'by-collection' lists one collection without a scan; object store 'blobs' (hash → bytes) holds blobs
//   where the Origin Private File System is unavailable.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/** The schema version this code writes (the IndexedDB database version). */
export const BROWSER_STORE_VERSION = 2;

/** Object store names. */
export const RECORDS = 'records';
export const META = 'meta';
export const BLOBS = 'blobs';
/** Index of RECORDS on the collection name. */
export const BY_COLLECTION = 'by-collection';

/** A record as stored from version 2 on. */
export interface StoredRecord {
  collection: string;
  id: string;
  /** JSON.stringify of the value. */
  json: string;
  /** UTF-8 bytes of `json`. */
  size: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the schema changes across versions, so steps use untyped stores */
export type AnyDb = IDBPDatabase<any>;
export type UpgradeTx = IDBPTransaction<any, StoreNames<any>[], 'versionchange'>;
/* eslint-enable @typescript-eslint/no-explicit-any */

const encoder = new TextEncoder();

/** Bytes of `json` in UTF-8. */
export function jsonBytes(json: string): number {
  return encoder.encode(json).length;
}

/**
 * Step n creates version n from version n - 1 (step 1 from an empty database). Steps run synchronously inside
 * the versionchange transaction; a step that walks records returns the promise of that walk so that a failure
 * aborts the upgrade rather than leaving a half-converted store.
 */
export const upgrades: Record<number, (db: AnyDb, tx: UpgradeTx) => Promise<void> | void> = {
  1: (db) => {
    db.createObjectStore(RECORDS, { keyPath: ['collection', 'id'] });
    db.createObjectStore(META, { keyPath: 'key' });
  },
  2: async (db, tx) => {
    const records = tx.objectStore(RECORDS);
    records.createIndex(BY_COLLECTION, 'collection');
    db.createObjectStore(BLOBS);
    // Rewrite version-1 records ({collection, id, value}) as JSON text with their size.
    let cursor = await records.openCursor();
    while (cursor) {
      const old = cursor.value as { collection: string; id: string; value?: unknown; json?: string };
      if (old.json === undefined) {
        const json = JSON.stringify(old.value ?? null);
        await cursor.update({ collection: old.collection, id: old.id, json, size: jsonBytes(json) } satisfies StoredRecord);
      }
      cursor = await cursor.continue();
    }
  },
};

/** Runs the steps from `oldVersion` + 1 to `newVersion`; aborts the transaction when one fails. */
export function runUpgrades(db: AnyDb, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  let chain: Promise<void> = Promise.resolve();
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = upgrades[v];
    if (!step) throw new Error(`no upgrade step to schema version ${v}`);
    // Each step starts only when the previous one's requests are done; requests keep the transaction alive.
    chain = chain.then(() => step(db, tx));
  }
  chain = chain.then(() => { void tx.objectStore(META).put({ key: 'schema', version: newVersion, upgradedFrom: oldVersion }); });
  chain.catch(() => { try { tx.abort(); } catch { /* already finished */ } });
}
