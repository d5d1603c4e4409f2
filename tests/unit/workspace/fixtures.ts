// Stores and archives for the workspace tests: a small store with several collections and blobs, a way to
// build a workspace zip by hand (with a manifest that is right unless a test breaks it), and byte patches for
// archives fflate would never write.
import { expect } from 'vitest';
import { zipSync } from 'fflate';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import type { StoreBackend } from '../../../src/lib/store/backend.ts';
import { importWorkspace, inspectWorkspace, WorkspaceFileError, type ImportWorkspaceOptions, type WorkspaceErrorCode } from '../../../src/lib/workspace/index.ts';

export const enc = new TextEncoder();
export const json = (v: unknown) => enc.encode(JSON.stringify(v));

/** Deterministic pseudo-random bytes (LCG), so blobs do not compress to nothing. */
export function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = s >>> 24; }
  return out;
}

/** A store with two experiments, their runs, a registry collection and four blobs (one empty). */
export async function sampleStore() {
  const store = new MemoryBackend();
  const model = noise(100_000, 7), data = noise(5_000, 8), other = noise(3_000, 9), empty = new Uint8Array(0);
  const [hModel, hData, hOther, hEmpty] = await Promise.all([model, data, other, empty].map(sha256Hex));
  await store.commit({
    put: [
      { collection: 'experiments', id: 'iris', value: { name: 'iris', tags: ['class'], created: '2024-01-02T03:04:05Z' } },
      { collection: 'experiments', id: 'housing', value: { name: 'housing', tags: [] } },
      { collection: 'runs', id: 'iris-1', value: { experiment: 'iris', params: { eta: 0.3 }, metrics: [[1, 0.9], [2, 0.95]], model: `sha256:${hModel}`, inputs: { [hData]: 'train' } } },
      { collection: 'runs', id: 'iris-2', value: { experiment: 'iris', params: { eta: 0.1 }, metrics: [], note: 'ünïcödé ✓' } },
      { collection: 'runs', id: 'housing-1', value: { experiment: 'housing', model: hOther, empty: hEmpty } },
      { collection: 'model-package-groups', id: 'iris-models', value: { experiment: 'iris', versions: [{ v: 1, status: 'Approved', artifact: hModel }] } },
    ],
    blobs: [model, data, other, empty].map((bytes, i) => ({ hash: [hModel, hData, hOther, hEmpty][i], bytes })),
  });
  return { store, hashes: { model: hModel, data: hData, other: hOther, empty: hEmpty } };
}

/** Everything a store holds, for comparing two stores or one store before and after. */
export async function snapshot(store: StoreBackend) {
  const collections = await store.collections();
  const records = Object.fromEntries(await Promise.all(collections.map(async (c) => [c, await store.list(c)] as const)));
  const blobs = await store.listBlobs();
  // Each blob's bytes, by their SHA-256 (comparing 100 KB as arrays element by element is slow).
  const bytes = await Promise.all(blobs.map(async (b) => [b.hash, await sha256Hex((await store.getBlob(b.hash))!)] as const));
  return { collections, records, blobs, bytes };
}

/**
 * A workspace zip of `files` (path → bytes) with a correct manifest for them, then `patch` applied to the
 * manifest. `records/*.json` counts are read from the files when they parse.
 */
export async function handMade(files: Record<string, Uint8Array>, patch: (m: Record<string, unknown>) => void = () => {}, level: 0 | 6 = 6) {
  const paths = Object.keys(files).sort();
  const records: Record<string, number> = {};
  let blobs = 0;
  for (const p of paths) {
    const m = /^records\/(.+)\.json$/.exec(p);
    if (m) { try { records[m[1]] = (JSON.parse(new TextDecoder().decode(files[p])) as unknown[]).length; } catch { records[m[1]] = 1; } }
    if (p.startsWith('blobs/')) blobs++;
  }
  const manifest: Record<string, unknown> = {
    format: 'mlpad-workspace', formatVersion: 1, createdAt: '2024-01-01T00:00:00.000Z', mlpadVersion: '0.1.0', storeVersion: 1,
    counts: { records, blobs },
    entries: await Promise.all(paths.map(async (path) => ({ path, sha256: await sha256Hex(files[path]), size: files[path].length }))),
  };
  patch(manifest);
  return zipSync({ 'mlpad-workspace.json': json(manifest), ...files }, { level, mtime: new Date(1980, 0, 1) });
}

/** Byte offsets of every central-directory record, by name. */
export function centralEntries(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const out = new Map<string, { central: number; local: number }>();
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < view.getUint16(eocd + 10, true); i++) {
    const nameLen = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen));
    out.set(name, { central: at, local: view.getUint32(at + 42, true) });
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** A copy of `zip` with a 32-bit little-endian field of `name`'s central record (offset 20 csize, 24 usize) set. */
export function patchCentral(zip: Uint8Array, name: string, field: number, value: number) {
  const out = zip.slice();
  const e = centralEntries(out).get(name);
  if (!e) throw new Error(`no entry ${name}`);
  new DataView(out.buffer).setUint32(e.central + field, value, true);
  return out;
}

/** A copy of `zip` with every occurrence of the bytes of `from` replaced by `to` (same length). */
export function renameBytes(zip: Uint8Array, from: Uint8Array, to: Uint8Array) {
  expect(to.length).toBe(from.length);
  const out = zip.slice();
  let hits = 0;
  for (let i = 0; i + from.length <= out.length; i++) {
    let j = 0;
    while (j < from.length && out[i + j] === from[j]) j++;
    if (j === from.length) { out.set(to, i); hits++; }
  }
  expect(hits).toBeGreaterThanOrEqual(2); // the local header and the central directory
  return out;
}

/**
 * Asserts that both inspectWorkspace and importWorkspace refuse `bytes` with `code` and a message matching
 * `message`, and that a store holding the sample data is exactly as before.
 */
export async function expectRefused(bytes: Uint8Array, code: WorkspaceErrorCode, message: RegExp, options: ImportWorkspaceOptions = {}) {
  const { store } = await sampleStore();
  const before = await snapshot(store);
  const errors: unknown[] = [];
  await inspectWorkspace(bytes, { store, limits: options.limits }).catch((e) => errors.push(e));
  await importWorkspace(store, bytes, options).catch((e) => errors.push(e));
  expect(errors).toHaveLength(2);
  for (const e of errors) {
    expect(e).toBeInstanceOf(WorkspaceFileError);
    expect((e as WorkspaceFileError).code).toBe(code);
    expect((e as Error).message).toMatch(message);
  }
  expect(await snapshot(store)).toEqual(before);
  return errors[0] as WorkspaceFileError;
}
