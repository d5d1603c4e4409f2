// A StoreBackend in memory: for tests, and for a studio whose browser refuses IndexedDB (private windows in
// some browsers), where the user is told that nothing will survive a reload.
import { BLOB_HASH, checkCollection, checkId, StoreArgumentError, StoreQuotaError, type StoreBackend, type StoreChange, type StoreEvent, type StoreUsage } from './backend.ts';
import { sha256Hex } from './hash.ts';

/** The schema version a new store is written at. */
export const CURRENT_STORE_VERSION = 1;

const encoder = new TextEncoder();

export class MemoryBackend implements StoreBackend {
  readonly kind = 'memory';
  private records = new Map<string, Map<string, string>>();
  private blobs = new Map<string, Uint8Array>();
  private listeners = new Set<(event: StoreEvent) => void>();
  private closed = false;

  /** `quotaBytes` limits records plus blobs (tests of a full store); defaults to no limit. */
  constructor(private readonly quotaBytes = Infinity) {}

  async version() { return CURRENT_STORE_VERSION; }

  async get(collection: string, id: string) {
    this.open(); checkCollection(collection);
    const text = this.records.get(collection)?.get(id);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async list(collection: string) {
    this.open(); checkCollection(collection);
    const m = this.records.get(collection);
    if (!m) return [];
    return [...m.keys()].sort().map((id) => ({ id, value: JSON.parse(m.get(id)!) as unknown }));
  }

  async collections() {
    this.open();
    return [...this.records.entries()].filter(([, m]) => m.size > 0).map(([c]) => c).sort();
  }

  async commit(change: StoreChange) {
    this.open();
    // Check and serialise everything before touching the maps, so a bad entry writes nothing.
    const puts = (change.put ?? []).map((p) => { checkCollection(p.collection); checkId(p.id); return { ...p, text: JSON.stringify(p.value) }; });
    for (const d of change.delete ?? []) { checkCollection(d.collection); checkId(d.id); }
    const blobs = [];
    for (const b of change.blobs ?? []) {
      if (!BLOB_HASH.test(b.hash)) throw new StoreArgumentError(`blob hash "${String(b.hash).slice(0, 80)}" is not a lower-case hex SHA-256`);
      if ((await sha256Hex(b.bytes)) !== b.hash) throw new StoreArgumentError(`blob ${b.hash} does not match the SHA-256 of its bytes`);
      blobs.push(b);
    }
    let added = 0;
    for (const p of puts) added += encoder.encode(p.text).length - this.recordBytes(p.collection, p.id);
    for (const b of blobs) if (!this.blobs.has(b.hash)) added += b.bytes.length;
    if (added > 0 && this.used() + added > this.quotaBytes) {
      throw new StoreQuotaError();
    }
    for (const b of blobs) if (!this.blobs.has(b.hash)) this.blobs.set(b.hash, b.bytes.slice());
    for (const p of puts) {
      let m = this.records.get(p.collection);
      if (!m) this.records.set(p.collection, (m = new Map()));
      m.set(p.id, p.text);
    }
    for (const d of change.delete ?? []) this.records.get(d.collection)?.delete(d.id);
    const collections = [...new Set([...puts.map((p) => p.collection), ...(change.delete ?? []).map((d) => d.collection)])].sort();
    if (collections.length || blobs.length) for (const l of this.listeners) l({ collections, remote: false });
  }

  async getBlob(hash: string) {
    this.open();
    const b = this.blobs.get(hash);
    return b ? b.slice() : undefined;
  }

  async listBlobs() {
    this.open();
    return [...this.blobs.entries()].map(([hash, b]) => ({ hash, size: b.length })).sort((a, b) => (a.hash < b.hash ? -1 : 1));
  }

  async deleteBlobs(hashes: string[]) {
    this.open();
    for (const h of hashes) this.blobs.delete(h);
  }

  async usage(): Promise<StoreUsage> {
    this.open();
    const records: Record<string, number> = {};
    for (const [c, m] of this.records) { let n = 0; for (const t of m.values()) n += encoder.encode(t).length; if (m.size) records[c] = n; }
    const blobs: Record<string, number> = {};
    for (const [h, b] of this.blobs) blobs[h] = b.length;
    return { records, blobs, quota: Number.isFinite(this.quotaBytes) ? this.quotaBytes : undefined };
  }

  subscribe(listener: (event: StoreEvent) => void) {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  async close() { this.closed = true; this.listeners.clear(); }

  private open() { if (this.closed) throw new StoreArgumentError('the store is closed'); }

  private recordBytes(collection: string, id: string) {
    const t = this.records.get(collection)?.get(id);
    return t === undefined ? 0 : encoder.encode(t).length;
  }

  private used() {
    let n = 0;
    for (const m of this.records.values()) for (const t of m.values()) n += encoder.encode(t).length;
    for (const b of this.blobs.values()) n += b.length;
    return n;
  }
}
