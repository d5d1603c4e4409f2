// Writes a store, or the part of it a filter keeps, as one workspace zip (layout in format.ts). The bytes are
// a function of the store alone: entries sorted, one fixed timestamp, fixed deflate level, and `createdAt`
// the only field that varies by default, so a teacher who passes `createdAt` gets a file that hashes the same
// every time.
import { zipSync, type ZipOptions, type Zippable } from 'fflate';
import packageJson from '../../../package.json' with { type: 'json' };
import type { StoreBackend } from '../store/backend.ts';
import { sha256Hex } from '../store/hash.ts';
import { formatBytes, MANIFEST_PATH, resolveLimits, WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, type ManifestEntry, type WorkspaceLimits, type WorkspaceManifest } from './format.ts';
import { referencedBlobHashes } from './referenced-blobs.ts';

/** Options of exportWorkspace. */
export interface ExportWorkspaceOptions {
  /** Keeps a record when it returns true (for example the records of one experiment); defaults to keeping every record. */
  filter?: (collection: string, id: string, value: unknown) => boolean;
  /** 'referenced': only blobs some kept record names (see referencedBlobs); 'all': every stored blob. Defaults to 'all' without a filter, 'referenced' with one. */
  blobs?: 'referenced' | 'all';
  /** The blob hashes a record value refers to; defaults to referencedBlobHashes (every 64-hex run in its strings and keys). */
  referencedBlobs?: (value: unknown) => Iterable<string>;
  /** Called after each collection and each blob is read, with steps done of total; defaults to none. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Export time written into the manifest (ISO 8601); defaults to now. Pass a fixed value for byte-identical files. */
  createdAt?: string;
  /** Deflate level, 0 (store) to 9; defaults to 6. */
  level?: number;
  /** The limits the file must stay within so that an import with the same limits accepts it; defaults to DEFAULT_LIMITS. */
  limits?: WorkspaceLimits;
}

/** Zip timestamps are local time; constructing from local fields gives the same bytes in every time zone. */
const FIXED_MTIME = () => new Date(1980, 0, 1, 0, 0, 0);

const encoder = new TextEncoder();

/** The store (or its filtered part) as a workspace zip: mlpad-workspace.json, records/<collection>.json, blobs/<sha256>. */
export async function exportWorkspace(store: StoreBackend, options: ExportWorkspaceOptions = {}): Promise<Uint8Array> {
  if (!store || typeof store.list !== 'function') throw new TypeError('exportWorkspace(store): store must be a StoreBackend');
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new RangeError(`options.level must be an integer from 0 to 9, got ${String(level)}`);
  const blobMode = options.blobs ?? (options.filter ? 'referenced' : 'all');
  if (blobMode !== 'all' && blobMode !== 'referenced') throw new RangeError(`options.blobs must be 'referenced' or 'all', got ${String(blobMode)}`);
  const createdAt = options.createdAt ?? new Date().toISOString();
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw new RangeError(`options.createdAt must be an ISO 8601 time, got ${String(createdAt)}`);
  const limits = resolveLimits(options.limits);
  const refs = options.referencedBlobs ?? referencedBlobHashes;

  const collections = await store.collections();
  const stored = await store.listBlobs();
  const storedSet = new Set(stored.map((b) => b.hash));
  const total = collections.length + stored.length;
  let done = 0;

  const files = new Map<string, Uint8Array>();
  const recordCounts: Record<string, number> = {};
  const wanted = new Set<string>();
  for (const collection of collections) {
    const kept = (await store.list(collection)).filter((r) => !options.filter || options.filter(collection, r.id, r.value));
    options.onProgress?.({ done: ++done, total });
    if (!kept.length) continue;
    const bytes = encoder.encode(JSON.stringify(kept.map((r) => ({ id: r.id, value: r.value }))));
    if (bytes.length > limits.maxJsonBytes) throw new RangeError(`collection "${collection}" holds ${formatBytes(bytes.length)} of records, more than the ${formatBytes(limits.maxJsonBytes)} a workspace file carries per collection; export fewer records with options.filter`);
    files.set(`records/${collection}.json`, bytes);
    recordCounts[collection] = kept.length; // a COLLECTION_NAME is never '__proto__'
    if (blobMode === 'referenced') for (const r of kept) for (const h of refs(r.value)) if (storedSet.has(h)) wanted.add(h);
  }

  let blobCount = 0;
  for (const { hash } of stored) {
    if (blobMode === 'all' || wanted.has(hash)) {
      const bytes = await store.getBlob(hash);
      if (!bytes) throw new Error(`blob ${hash} was listed by the store but could not be read; the store may be changing during the export, so try again`);
      if (bytes.length > limits.maxBlobBytes) throw new RangeError(`blob ${hash} is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.maxBlobBytes)} a workspace file carries per blob; leave it out with options.filter or raise options.limits.maxBlobBytes (the importer must raise it too)`);
      files.set(`blobs/${hash}`, bytes);
      blobCount++;
    }
    options.onProgress?.({ done: ++done, total });
  }

  const paths = [...files.keys()].sort();
  const entries: ManifestEntry[] = [];
  let size = 0;
  for (const path of paths) {
    const bytes = files.get(path)!;
    size += bytes.length;
    entries.push({ path, sha256: await sha256Hex(bytes), size: bytes.length });
  }
  if (size > limits.maxTotalBytes) throw new RangeError(`the export would hold ${formatBytes(size)}, more than the ${formatBytes(limits.maxTotalBytes)} an import accepts; export one experiment at a time with options.filter`);
  const manifest: WorkspaceManifest = {
    format: WORKSPACE_FORMAT,
    formatVersion: WORKSPACE_FORMAT_VERSION,
    createdAt,
    mlpadVersion: packageJson.version,
    storeVersion: await store.version(),
    counts: { records: recordCounts, blobs: blobCount },
    entries,
  };
  const zippable: Zippable = {};
  zippable[MANIFEST_PATH] = encoder.encode(JSON.stringify(manifest, null, 2));
  for (const path of paths) zippable[path] = files.get(path)!;
  return zipSync(zippable, { level: level as ZipOptions['level'], mtime: FIXED_MTIME() });
}
