// A StoreBackend in a folder (`.mlpad/` beside the data, or `--store DIR`), for `mlpad … --experiment` and
// `mlpad experiments`. Layout:
//   store.json                     { format: 'mlpad-store', version }
//   records/<collection>/<h>.json  { id, value }, h = SHA-256 of the id (any id is a safe file name)
//   blobs/<sha256>                 the bytes
//   journal.json                   present only while a commit is being applied
//   tmp/                           files of commits in flight
// A commit writes every new file under tmp/ and fsyncs it, then renames one journal into place (the commit
// point), then applies the journal's renames and unlinks and removes it. Opening the store (and the next call
// after a failed commit) replays a journal left by a crash and discards tmp/, so a crash leaves either the
// whole change or none of it. One process writes at a time: two concurrent writers are not supported.
import { createHash, randomBytes } from 'node:crypto';
import { open as openFile, mkdir, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BLOB_HASH, checkCollection, checkId, StoreArgumentError, StoreQuotaError, type StoreBackend, type StoreChange, type StoreEvent, type StoreUsage } from '../lib/store/backend.ts';
import { CURRENT_STORE_VERSION } from '../lib/store/memory-backend.ts';

/** The file operations the folder store uses; tests swap in one that fails at a chosen step. */
export interface FolderFs {
  /** Writes and fsyncs a whole file. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  /** Removes a file or folder tree; an absent one is not an error. */
  rm(path: string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  readdir(path: string): Promise<string[]>;
  size(path: string): Promise<number>;
  /** Flushes a folder's entries (renames) to disk; a no-op where the platform cannot. */
  syncDir(path: string): Promise<void>;
}

/** Node's file system, with fsync after each write. */
export const nodeFolderFs: FolderFs = {
  async writeFile(path, data) {
    const h = await openFile(path, 'w');
    try { await h.writeFile(data); await h.sync(); } finally { await h.close(); }
  },
  rename: (a, b) => rename(a, b),
  unlink: (p) => unlink(p),
  mkdir: async (p) => { await mkdir(p, { recursive: true }); },
  rm: (p) => rm(p, { recursive: true, force: true }),
  readFile: async (p) => { const b = await readFile(p); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); },
  readdir: (p) => readdir(p),
  size: async (p) => (await stat(p)).size,
  async syncDir(p) {
    try { const h = await openFile(p, 'r'); try { await h.sync(); } finally { await h.close(); } } catch { /* Windows cannot open a folder for fsync. */ }
  },
};

/** Options of FolderBackend.open. */
export interface FolderBackendOptions {
  /** Limit on records plus blobs in bytes (tests of a full store); defaults to no limit (the disk's). */
  quotaBytes?: number;
  /** The file operations; defaults to Node's. */
  fs?: FolderFs;
}

type JournalOp = { op: 'rename'; from: string; to: string } | { op: 'unlink'; path: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const code = (e: unknown) => (e as NodeJS.ErrnoException)?.code;
const idFile = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex') + '.json';
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class FolderBackend implements StoreBackend {
  readonly kind = 'folder';
  private listeners = new Set<(event: StoreEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private needsRecovery = true;
  private closed = false;

  private constructor(readonly dir: string, private readonly fs: FolderFs, private readonly quotaBytes: number) {}

  /** Opens (creating it when absent) the store in `dir`, finishing or discarding a commit a crash interrupted. */
  static async open(dir: string, options: FolderBackendOptions = {}): Promise<FolderBackend> {
    const s = new FolderBackend(dir, options.fs ?? nodeFolderFs, options.quotaBytes ?? Infinity);
    await s.serial(async () => {
      await s.fs.mkdir(dir);
      let meta: { format?: unknown; version?: unknown } | undefined;
      try { meta = JSON.parse(decoder.decode(await s.fs.readFile(join(dir, 'store.json')))); } catch (e) {
        if (code(e) !== 'ENOENT') throw new StoreArgumentError(`${join(dir, 'store.json')} is not an mlpad store file; give --store a folder of its own`);
      }
      if (meta === undefined) await s.fs.writeFile(join(dir, 'store.json'), encoder.encode(JSON.stringify({ format: 'mlpad-store', version: CURRENT_STORE_VERSION }) + '\n'));
      else if (meta.format !== 'mlpad-store') throw new StoreArgumentError(`${join(dir, 'store.json')} is not an mlpad store file; give --store a folder of its own`);
    });
    return s;
  }

  async version() {
    return this.serial(async () => {
      const meta = JSON.parse(decoder.decode(await this.fs.readFile(join(this.dir, 'store.json')))) as { version?: number };
      return typeof meta.version === 'number' ? meta.version : CURRENT_STORE_VERSION;
    });
  }

  async get(collection: string, id: string) {
    checkCollection(collection); checkId(id);
    return this.serial(async () => {
      try { return (JSON.parse(decoder.decode(await this.fs.readFile(join(this.dir, 'records', collection, idFile(id))))) as { value: unknown }).value; } catch (e) {
        if (code(e) === 'ENOENT') return undefined;
        throw e;
      }
    });
  }

  async list(collection: string) {
    checkCollection(collection);
    return this.serial(async () => {
      const folder = join(this.dir, 'records', collection);
      const out: { id: string; value: unknown }[] = [];
      for (const f of await this.names(folder)) if (f.endsWith('.json')) out.push(JSON.parse(decoder.decode(await this.fs.readFile(join(folder, f)))) as { id: string; value: unknown });
      return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => ({ id: r.id, value: r.value }));
    });
  }

  async collections() {
    return this.serial(async () => {
      const out: string[] = [];
      for (const c of await this.names(join(this.dir, 'records'))) {
        if ((await this.names(join(this.dir, 'records', c))).some((f) => f.endsWith('.json'))) out.push(c);
      }
      return out.sort();
    });
  }

  async commit(change: StoreChange) {
    // Check and serialise everything first, so a bad entry writes nothing.
    const puts = (change.put ?? []).map((p) => { checkCollection(p.collection); checkId(p.id); return { ...p, text: JSON.stringify({ id: p.id, value: p.value }) }; });
    const deletes = change.delete ?? [];
    for (const d of deletes) { checkCollection(d.collection); checkId(d.id); }
    for (const b of change.blobs ?? []) {
      if (!BLOB_HASH.test(b.hash)) throw new StoreArgumentError(`blob hash "${String(b.hash).slice(0, 80)}" is not a lower-case hex SHA-256`);
      if (hashOf(b.bytes) !== b.hash) throw new StoreArgumentError(`blob ${b.hash} does not match the SHA-256 of its bytes`);
    }
    await this.serial(async () => {
      const blobs: { hash: string; bytes: Uint8Array }[] = [];
      for (const b of change.blobs ?? []) if (!blobs.some((x) => x.hash === b.hash) && !(await this.exists(join(this.dir, 'blobs', b.hash)))) blobs.push(b);
      if (Number.isFinite(this.quotaBytes)) {
        let added = 0;
        for (const p of puts) added += encoder.encode(p.text).length - (await this.sizeOr0(join(this.dir, 'records', p.collection, idFile(p.id))));
        for (const b of blobs) added += b.bytes.length;
        if (added > 0 && (await this.used()) + added > this.quotaBytes) throw new StoreQuotaError('The store folder has no more room (its quota is reached). Nothing was saved; delete runs you no longer need and try again.');
      }
      const tx = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
      const txDir = join(this.dir, 'tmp', tx);
      const ops: JournalOp[] = [];
      try {
        await this.fs.mkdir(txDir);
        let n = 0;
        for (const b of blobs) {
          const from = join('tmp', tx, `b${n++}`);
          await this.fs.writeFile(join(this.dir, from), b.bytes);
          ops.push({ op: 'rename', from, to: join('blobs', b.hash) });
        }
        for (const p of puts) {
          const from = join('tmp', tx, `r${n++}.json`);
          await this.fs.writeFile(join(this.dir, from), encoder.encode(p.text));
          ops.push({ op: 'rename', from, to: join('records', p.collection, idFile(p.id)) });
        }
        for (const d of deletes) ops.push({ op: 'unlink', path: join('records', d.collection, idFile(d.id)) });
        for (const folder of new Set(ops.map((o) => (o.op === 'rename' ? o.to : o.path).split(/[\\/]/).slice(0, -1).join('/')))) await this.fs.mkdir(join(this.dir, folder));
        const pending = join(this.dir, 'tmp', `${tx}.journal`);
        await this.fs.writeFile(pending, encoder.encode(JSON.stringify({ tx, ops })));
        await this.fs.syncDir(txDir);
        await this.fs.rename(pending, join(this.dir, 'journal.json')); // the commit point
        await this.fs.syncDir(this.dir);
      } catch (e) {
        this.needsRecovery = true;
        if (code(e) === 'ENOSPC' || code(e) === 'EDQUOT') throw new StoreQuotaError('The disk holding the store folder is full. Nothing was saved; free some space and try again.');
        throw e;
      }
      this.needsRecovery = true;
      await this.recover();
    });
    const collections = [...new Set([...puts.map((p) => p.collection), ...deletes.map((d) => d.collection)])].sort();
    if (collections.length || (change.blobs ?? []).length) for (const l of this.listeners) l({ collections, remote: false });
  }

  async getBlob(hash: string) {
    if (!BLOB_HASH.test(hash)) return undefined;
    return this.serial(async () => {
      try { return await this.fs.readFile(join(this.dir, 'blobs', hash)); } catch (e) { if (code(e) === 'ENOENT') return undefined; throw e; }
    });
  }

  async listBlobs() {
    return this.serial(async () => {
      const out = [];
      for (const h of (await this.names(join(this.dir, 'blobs'))).filter((f) => BLOB_HASH.test(f)).sort()) out.push({ hash: h, size: await this.fs.size(join(this.dir, 'blobs', h)) });
      return out;
    });
  }

  async deleteBlobs(hashes: string[]) {
    await this.serial(async () => {
      for (const h of hashes) if (BLOB_HASH.test(h)) await this.unlinkIfThere(join(this.dir, 'blobs', h));
    });
  }

  async usage(): Promise<StoreUsage> {
    return this.serial(async () => {
      const records: Record<string, number> = {};
      for (const c of await this.names(join(this.dir, 'records'))) {
        let n = 0;
        const files = (await this.names(join(this.dir, 'records', c))).filter((f) => f.endsWith('.json'));
        for (const f of files) n += await this.fs.size(join(this.dir, 'records', c, f));
        if (files.length) records[c] = n;
      }
      const blobs: Record<string, number> = {};
      for (const h of (await this.names(join(this.dir, 'blobs'))).filter((f) => BLOB_HASH.test(f))) blobs[h] = await this.fs.size(join(this.dir, 'blobs', h));
      return { records, blobs, quota: Number.isFinite(this.quotaBytes) ? this.quotaBytes : undefined };
    });
  }

  subscribe(listener: (event: StoreEvent) => void) {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  async close() {
    await this.queue.catch(() => undefined);
    this.closed = true;
    this.listeners.clear();
  }

  /** Runs `fn` after every earlier call, recovering first when a commit was interrupted. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreArgumentError('the store is closed'));
    const run = this.queue.catch(() => undefined).then(async () => {
      if (this.needsRecovery) await this.recover();
      return fn();
    });
    this.queue = run;
    return run;
  }

  /** Applies a journal left in place (all of a commit) and discards tmp/ (none of one). */
  private async recover() {
    const journal = join(this.dir, 'journal.json');
    let text: Uint8Array | undefined;
    try { text = await this.fs.readFile(journal); } catch (e) { if (code(e) !== 'ENOENT') throw e; }
    if (text) {
      const { ops } = JSON.parse(decoder.decode(text)) as { ops: JournalOp[] };
      for (const o of ops) {
        if (o.op === 'unlink') { await this.unlinkIfThere(join(this.dir, o.path)); continue; }
        // A rename whose source is gone was applied before the crash.
        if (await this.exists(join(this.dir, o.from))) {
          await this.fs.mkdir(join(this.dir, o.to, '..'));
          await this.fs.rename(join(this.dir, o.from), join(this.dir, o.to));
        }
      }
      await this.fs.syncDir(this.dir);
      await this.fs.unlink(journal);
    }
    await this.fs.rm(join(this.dir, 'tmp'));
    this.needsRecovery = false;
  }

  private async names(folder: string): Promise<string[]> {
    try { return await this.fs.readdir(folder); } catch (e) { if (code(e) === 'ENOENT') return []; throw e; }
  }

  private async exists(path: string): Promise<boolean> {
    try { await this.fs.size(path); return true; } catch (e) { if (code(e) === 'ENOENT') return false; throw e; }
  }

  private async sizeOr0(path: string): Promise<number> {
    try { return await this.fs.size(path); } catch (e) { if (code(e) === 'ENOENT') return 0; throw e; }
  }

  private async unlinkIfThere(path: string) {
    try { await this.fs.unlink(path); } catch (e) { if (code(e) !== 'ENOENT') throw e; }
  }

  private async used(): Promise<number> {
    let n = 0;
    for (const c of await this.names(join(this.dir, 'records'))) for (const f of await this.names(join(this.dir, 'records', c))) n += await this.sizeOr0(join(this.dir, 'records', c, f));
    for (const h of await this.names(join(this.dir, 'blobs'))) n += await this.sizeOr0(join(this.dir, 'blobs', h));
    return n;
  }
}
