// Where the browser store keeps blobs: files in the Origin Private File System, or (where a browser has no
// OPFS, or no writable files in it) an IndexedDB object store. Blobs are named by their SHA-256, so writing
// one before the record transaction is safe: a crash leaves at most an orphan that listBlobs() shows and
// deleteBlobs() removes, never a record pointing at missing or partial bytes.
import { BLOB_HASH } from './backend.ts';
import { BLOBS, type AnyDb } from './idb-schema.ts';

export interface BlobPlace {
  readonly kind: 'opfs' | 'indexeddb';
  /** True when a complete copy of the blob is stored. */
  has(hash: string, size: number): Promise<boolean>;
  /**
   * Writes the blob in full before resolving (OPFS only; the IndexedDB place writes in the record transaction);
   * resolves to false when a complete copy was there already (another commit of the same bytes wrote it), so
   * that a commit that fails later removes only the blobs it placed itself.
   */
  write?(hash: string, bytes: Uint8Array): Promise<boolean>;
  get(hash: string): Promise<Uint8Array | undefined>;
  list(): Promise<{ hash: string; size: number }[]>;
  delete(hashes: string[]): Promise<void>;
}

const TEMP = /^\.tmp-[0-9a-f]{64}-/;

/**
 * Runs `fn` holding the Web Lock named after the blob (shared by this origin's tabs and workers), so two writers
 * of the same bytes take turns and the second finds the first one's complete copy; runs it unlocked where the
 * browser has no Web Locks.
 */
async function withBlobLock<T>(hash: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks && typeof locks.request === 'function' ? (await locks.request(`mlpad-blob-${hash}`, fn)) as T : fn();
}

/** Blobs as files `<hash>` in the OPFS folder `folder`, written under a temporary name and then renamed. */
export class OpfsBlobs implements BlobPlace {
  readonly kind = 'opfs' as const;
  private constructor(private readonly dir: FileSystemDirectoryHandle) {}

  /** The OPFS folder, or undefined where OPFS or writable files are missing (the caller falls back to IndexedDB). */
  static async open(folder: string): Promise<OpfsBlobs | undefined> {
    try {
      const storage = (globalThis.navigator as Navigator | undefined)?.storage;
      if (!storage || typeof storage.getDirectory !== 'function') return undefined;
      const root = await storage.getDirectory();
      const dir = await root.getDirectoryHandle(folder, { create: true });
      // Probe: private windows of some browsers hand out a directory whose files cannot be written.
      const probe = await dir.getFileHandle('.probe', { create: true });
      if (typeof probe.createWritable !== 'function') return undefined;
      const w = await probe.createWritable();
      await w.close();
      await dir.removeEntry('.probe');
      return new OpfsBlobs(dir);
    } catch {
      return undefined;
    }
  }

  async has(hash: string, size: number) {
    const file = await this.file(hash);
    return file !== undefined && file.size === size;
  }

  async write(hash: string, bytes: Uint8Array) {
    // A temporary name first: getFileHandle(create) makes an empty file at once, which must never carry the
    // blob's name. move() replaces the target atomically; the size check in has() covers browsers without it.
    // Blobs are named by their hash, so a complete file under the name is this blob, written by another commit
    // of the same bytes (the studio keeps a dataset and records a run that names it at the same moment): it is
    // never removed, or a page closed between the removal and the move would leave a record without its bytes.
    const temp = `.tmp-${hash}-${Math.random().toString(36).slice(2)}`;
    const handle = await this.dir.getFileHandle(temp, { create: true });
    try {
      const w = await handle.createWritable();
      try {
        await w.write(bytes as Uint8Array<ArrayBuffer>);
        await w.close();
      } catch (e) {
        await w.abort().catch(() => undefined);
        throw e;
      }
      const movable = handle as FileSystemFileHandle & { move?: (name: string) => Promise<void> };
      return await withBlobLock(hash, async () => {
        if (typeof movable.move === 'function') return this.moveInto(movable as FileSystemFileHandle & { move: (name: string) => Promise<void> }, hash, bytes.length);
        if (await this.has(hash, bytes.length)) return false;
        const target = await (await this.dir.getFileHandle(hash, { create: true })).createWritable();
        await target.write(bytes as Uint8Array<ArrayBuffer>);
        await target.close();
        return true;
      });
    } finally {
      await this.dir.removeEntry(temp).catch(() => undefined);
    }
  }

  /**
   * Moves the written temporary file to `hash`, unless a complete copy is already there; resolves to whether it
   * moved it. A move onto a name that another writer holds (Chromium: "cannot be moved to a destination which
   * is locked") waits for that writer and looks again; an incomplete file under the name (a browser whose move
   * does not replace) is removed first.
   */
  private async moveInto(handle: FileSystemFileHandle & { move: (name: string) => Promise<void> }, hash: string, size: number): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (await this.has(hash, size)) return false;
      try {
        await handle.move(hash);
        return true;
      } catch (e) {
        if (await this.has(hash, size)) return false;
        if (attempt >= 8) throw e;
        if (e instanceof DOMException && e.name === 'NoModificationAllowedError') await new Promise((r) => setTimeout(r, 5 << attempt));
        else await this.dir.removeEntry(hash).catch(() => undefined);
      }
    }
  }

  async get(hash: string) {
    // A File is a snapshot: if the blob's file is replaced (by a writer in a browser without Web Locks) between
    // getFile() and the read, the read fails with NotReadableError, and a fresh getFile() reads the new copy.
    for (let attempt = 0; ; attempt++) {
      const file = await this.file(hash);
      if (!file) return undefined;
      try {
        return new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        if (attempt >= 3 || !(e instanceof DOMException && e.name === 'NotReadableError')) throw e;
      }
    }
  }

  async list() {
    const out: { hash: string; size: number }[] = [];
    const entries = (this.dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
    // A file listed here may be removed (by a clean-up in this or another tab) before it is read: it is gone, not an error.
    const fileOf = (handle: FileSystemHandle) => (handle as FileSystemFileHandle).getFile().catch((e: unknown) => {
      if (e instanceof DOMException && e.name === 'NotFoundError') return null;
      throw e;
    });
    for await (const [name, handle] of entries) {
      if (handle.kind !== 'file') continue;
      if (BLOB_HASH.test(name)) {
        const f = await fileOf(handle);
        if (f) out.push({ hash: name, size: f.size });
      } else if (TEMP.test(name)) {
        // A temporary file older than an hour was left by a closed tab; a younger one may be another tab's write.
        const f = await fileOf(handle);
        if (f && Date.now() - f.lastModified > 3_600_000) await this.dir.removeEntry(name).catch(() => undefined);
      }
    }
    return out.sort((a, b) => (a.hash < b.hash ? -1 : 1));
  }

  async delete(hashes: string[]) {
    for (const h of hashes) if (BLOB_HASH.test(h)) await this.dir.removeEntry(h).catch(() => undefined);
  }

  private async file(hash: string): Promise<File | undefined> {
    if (!BLOB_HASH.test(hash)) return undefined;
    try {
      return await (await this.dir.getFileHandle(hash)).getFile();
    } catch {
      return undefined;
    }
  }
}

/** Blobs in the IndexedDB object store BLOBS (hash → Uint8Array); the browser store writes them in its record transaction. */
export class IdbBlobs implements BlobPlace {
  readonly kind = 'indexeddb' as const;
  constructor(private readonly db: () => AnyDb) {}

  async has(hash: string, size: number) {
    const b = (await this.db().get(BLOBS, hash)) as Uint8Array | undefined;
    return b !== undefined && b.length === size;
  }

  async get(hash: string) {
    if (!BLOB_HASH.test(hash)) return undefined;
    const b = (await this.db().get(BLOBS, hash)) as Uint8Array | undefined;
    return b ? new Uint8Array(b) : undefined;
  }

  async list() {
    const out: { hash: string; size: number }[] = [];
    let cursor = await this.db().transaction(BLOBS).store.openCursor();
    while (cursor) {
      out.push({ hash: String(cursor.key), size: (cursor.value as Uint8Array).length });
      cursor = await cursor.continue();
    }
    return out;
  }

  async delete(hashes: string[]) {
    const tx = this.db().transaction(BLOBS, 'readwrite');
    for (const h of hashes) void tx.store.delete(h).catch(() => undefined);
    await tx.done;
  }
}
