import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { StoreQuotaError } from '../../../src/lib/store/backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { exportWorkspace, importWorkspace, inspectWorkspace, referencedBlobHashes, WorkspaceFileError } from '../../../src/lib/workspace/index.ts';
import { centralEntries, handMade, json, sampleStore, snapshot } from './fixtures.ts';

const createdAt = '2024-05-06T07:08:09.000Z';

describe('exportWorkspace → importWorkspace', () => {
  it('round-trips every collection and blob into a fresh store: identical list() and getBlob()', async () => {
    const { store } = await sampleStore();
    const bytes = await exportWorkspace(store, { createdAt });
    const fresh = new MemoryBackend();
    const summary = await importWorkspace(fresh, bytes);
    expect(await snapshot(fresh)).toEqual(await snapshot(store));
    expect(summary).toEqual({ added: { experiments: 2, 'model-package-groups': 1, runs: 3 }, replaced: {}, skipped: [], unchanged: 0, blobsAdded: 4, blobsPresent: 0 });
  });

  it('writes the documented layout: manifest first, then records/<collection>.json and blobs/<sha256>, sorted', async () => {
    const { store, hashes } = await sampleStore();
    const names = [...centralEntries(await exportWorkspace(store, { createdAt })).keys()];
    expect(names).toEqual(['mlpad-workspace.json', ...[...Object.values(hashes)].sort().map((h) => `blobs/${h}`),
      'records/experiments.json', 'records/model-package-groups.json', 'records/runs.json']);
  });

  it('is deterministic: the same store gives the same bytes, in any time zone', async () => {
    const { store } = await sampleStore();
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const a = await exportWorkspace(store, { createdAt });
      process.env.TZ = 'Pacific/Auckland';
      const b = await exportWorkspace(store, { createdAt });
      expect(await sha256Hex(b)).toBe(await sha256Hex(a));
      const { store: again } = await sampleStore();
      expect(await sha256Hex(await exportWorkspace(again, { createdAt }))).toBe(await sha256Hex(a));
    } finally {
      if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz;
    }
  });

  it('exports one experiment with a filter, carrying only the blobs its records reference', async () => {
    const { store, hashes } = await sampleStore();
    const progress: number[] = [];
    const bytes = await exportWorkspace(store, {
      filter: (_c, id, value) => id === 'iris' || (value as { experiment?: string }).experiment === 'iris',
      onProgress: (p) => progress.push(p.done / p.total),
      createdAt,
    });
    expect(progress.at(-1)).toBe(1);
    const fresh = new MemoryBackend();
    await importWorkspace(fresh, bytes);
    expect(await fresh.collections()).toEqual(['experiments', 'model-package-groups', 'runs']);
    expect((await fresh.list('runs')).map((r) => r.id)).toEqual(['iris-1', 'iris-2']);
    expect((await fresh.list('experiments')).map((r) => r.id)).toEqual(['iris']);
    // iris-1 names the model as "sha256:<hash>" and the data as an object key; housing's blobs stay behind.
    expect((await fresh.listBlobs()).map((b) => b.hash)).toEqual([hashes.model, hashes.data].sort());
    const all = new MemoryBackend();
    await importWorkspace(all, await exportWorkspace(store, { filter: (_c, id) => id === 'iris', blobs: 'all' }));
    expect((await all.listBlobs())).toHaveLength(4);
  });

  it('takes a referencedBlobs callback instead of the 64-hex rule', async () => {
    const { store, hashes } = await sampleStore();
    const bytes = await exportWorkspace(store, { filter: (c) => c === 'runs', referencedBlobs: (v) => ((v as { empty?: string }).empty ? [(v as { empty: string }).empty] : []) });
    const summary = await inspectWorkspace(bytes);
    expect(summary.records).toEqual({ runs: 3 });
    expect(summary.blobs).toBe(1);
    const fresh = new MemoryBackend();
    await importWorkspace(fresh, bytes);
    expect(await fresh.getBlob(hashes.empty)).toEqual(new Uint8Array(0));
  });

  it('referencedBlobHashes finds 64-hex runs in strings and keys, not inside longer hex runs', () => {
    const h = 'a'.repeat(63) + 'b', g = 'c'.repeat(64);
    expect(referencedBlobHashes({ x: [`sha256:${h}`, { [g]: 1 }], y: 'f' + h, z: h.toUpperCase(), n: 5 })).toEqual([h, g].sort());
  });

  it('refuses to export a collection larger than the import limit, naming the option to use', async () => {
    const { store } = await sampleStore();
    await expect(exportWorkspace(store, { limits: { maxJsonBytes: 200 } })).rejects.toThrow(/collection "runs" holds .* more than .*options\.filter/);
    await expect(exportWorkspace(store, { level: 11 })).rejects.toThrow(/options\.level must be an integer from 0 to 9/);
  });
});

describe('inspectWorkspace', () => {
  it('summarises counts and sizes without writing, and lists conflicts with a store', async () => {
    const { store } = await sampleStore();
    const bytes = await exportWorkspace(store, { createdAt });
    const s = await inspectWorkspace(bytes);
    expect(s).toMatchObject({ formatVersion: 1, createdAt, storeVersion: 1, records: { experiments: 2, 'model-package-groups': 1, runs: 3 }, blobs: 4, blobBytes: 108_000, fileBytes: bytes.length, conflicts: [], unchanged: 0 });
    expect(s.recordBytes).toBeGreaterThan(300);
    const target = new MemoryBackend();
    await target.commit({ put: [
      { collection: 'runs', id: 'iris-2', value: { experiment: 'iris', params: { eta: 0.5 } } },
      // Same value with its keys in another order: not a conflict.
      { collection: 'experiments', id: 'housing', value: { tags: [], name: 'housing' } },
    ] });
    const before = await snapshot(target);
    const t = await inspectWorkspace(bytes, { store: target });
    expect(t.conflicts).toEqual([{ collection: 'runs', id: 'iris-2' }]);
    expect(t.unchanged).toBe(1);
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('importWorkspace conflicts', () => {
  async function target() {
    const t = new MemoryBackend();
    await t.commit({ put: [{ collection: 'runs', id: 'iris-2', value: { mine: true } }, { collection: 'notes', id: 'n', value: 'kept' }] });
    return t;
  }

  it("'skip' (the default) keeps the store's record and reports it", async () => {
    const { store } = await sampleStore();
    const t = await target();
    const s = await importWorkspace(t, await exportWorkspace(store));
    expect(s.skipped).toEqual([{ collection: 'runs', id: 'iris-2' }]);
    expect(s.added.runs).toBe(2);
    expect(await t.get('runs', 'iris-2')).toEqual({ mine: true });
    expect(await t.get('notes', 'n')).toBe('kept');
  });

  it("'replace' takes the file's record", async () => {
    const { store } = await sampleStore();
    const t = await target();
    const s = await importWorkspace(t, await exportWorkspace(store), { onConflict: 'replace' });
    expect(s.replaced).toEqual({ runs: 1 });
    expect(await t.get('runs', 'iris-2')).toEqual(await store.get('runs', 'iris-2'));
  });

  it("'error' refuses the whole import and writes nothing", async () => {
    const { store } = await sampleStore();
    const t = await target();
    const before = await snapshot(t);
    const err = await importWorkspace(t, await exportWorkspace(store), { onConflict: 'error' }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkspaceFileError);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/1 record\(s\) .* differ .*runs\/"iris-2".*Nothing was imported/);
    expect(await snapshot(t)).toEqual(before);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const { store } = await sampleStore();
    const bytes = await exportWorkspace(store);
    const t = new MemoryBackend();
    await importWorkspace(t, bytes);
    const s = await importWorkspace(t, bytes);
    expect(s).toEqual({ added: {}, replaced: {}, skipped: [], unchanged: 6, blobsAdded: 0, blobsPresent: 4 });
  });

  it('a full store (StoreQuotaError) leaves it untouched', async () => {
    const { store } = await sampleStore();
    const small = new MemoryBackend(50_000);
    await small.commit({ put: [{ collection: 'notes', id: 'n', value: 'kept' }] });
    const before = await snapshot(small);
    await expect(importWorkspace(small, await exportWorkspace(store))).rejects.toBeInstanceOf(StoreQuotaError);
    expect(await snapshot(small)).toEqual(before);
  });

  it('does not pollute prototypes: __proto__ and constructor stay ordinary keys and names', async () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    const bytes = await handMade({ 'records/constructor.json': json([{ id: '__proto__', value }]) });
    const t = new MemoryBackend();
    const s = await importWorkspace(t, bytes);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(s.added, 'constructor')).toBe(true);
    expect(s.added.constructor).toBe(1);
    const back = (await t.get('constructor', '__proto__')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
    expect((await inspectWorkspace(bytes)).records).toEqual(JSON.parse('{"constructor": 1}'));
  });
});
