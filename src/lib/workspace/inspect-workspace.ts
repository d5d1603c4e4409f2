// Reads a workspace file without writing anything, so the UI can say "3 experiments, 12 runs, 4 models
// (18 MB); import?" and list the records that would clash with what the user already has.
import type { StoreBackend } from '../store/backend.ts';
import { resolveLimits, WorkspaceFileError, type WorkspaceLimits } from './format.ts';
import { parseWorkspace, type ParsedWorkspace } from './parse-workspace.ts';

/** Options of inspectWorkspace. */
export interface InspectWorkspaceOptions {
  /** A store to compare with (conflicts, unchanged, blobsPresent); defaults to none, which leaves those empty. */
  store?: StoreBackend;
  /** Limits on the untrusted file; defaults to DEFAULT_LIMITS. */
  limits?: WorkspaceLimits;
}

/** One record, by where it lives. */
export interface RecordKey { collection: string; id: string }

/** What a workspace file holds, and how it meets a store. */
export interface WorkspaceSummary {
  formatVersion: number;
  createdAt: string;
  mlpadVersion: string;
  storeVersion: number;
  /** Records per collection. */
  records: Record<string, number>;
  /** Number of blobs. */
  blobs: number;
  /** Uncompressed bytes of the record JSON. */
  recordBytes: number;
  /** Bytes of the blobs. */
  blobBytes: number;
  /** Size of the file itself. */
  fileBytes: number;
  /** Records the store already holds under the same collection and id with a different value. */
  conflicts: RecordKey[];
  /** Records the store already holds with the same value. */
  unchanged: number;
  /** Blobs the store already holds. */
  blobsPresent: number;
}

/** How each record of a parsed file meets a store. */
export interface ImportPlan { fresh: RecordKey[]; conflicts: RecordKey[]; unchanged: number; blobsPresent: Set<string> }

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys were stored in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Refuses a file whose records were written by a newer store schema than `store` reads. */
export async function checkStoreVersion(parsed: ParsedWorkspace, store: StoreBackend): Promise<void> {
  const mine = await store.version();
  if (parsed.manifest.storeVersion > mine) {
    throw new WorkspaceFileError('version', `This workspace file was made by a newer mlpad (store schema ${parsed.manifest.storeVersion}; this one reads up to ${mine}); update mlpad and import it again. Nothing was imported.`);
  }
}

/** Sorts the file's records into new, clashing and already-present ones against `store`. */
export async function planImport(parsed: ParsedWorkspace, store: StoreBackend): Promise<ImportPlan> {
  const plan: ImportPlan = { fresh: [], conflicts: [], unchanged: 0, blobsPresent: new Set() };
  for (const [collection, list] of parsed.records) {
    const existing = new Map((await store.list(collection)).map((r) => [r.id, r.value]));
    for (const r of list) {
      if (!existing.has(r.id)) plan.fresh.push({ collection, id: r.id });
      else if (canonical(existing.get(r.id)) === canonical(r.value)) plan.unchanged++;
      else plan.conflicts.push({ collection, id: r.id });
    }
  }
  const stored = new Set((await store.listBlobs()).map((b) => b.hash));
  for (const h of parsed.blobs.keys()) if (stored.has(h)) plan.blobsPresent.add(h);
  return plan;
}

/** Checks a workspace file and summarises it (and its clashes with `options.store`) without writing. Throws WorkspaceFileError. */
export async function inspectWorkspace(bytes: Uint8Array | ArrayBuffer, options: InspectWorkspaceOptions = {}): Promise<WorkspaceSummary> {
  const parsed = await parseWorkspace(bytes, resolveLimits(options.limits));
  const { manifest } = parsed;
  let recordBytes = 0, blobBytes = 0;
  for (const e of manifest.entries) if (e.path.startsWith('blobs/')) blobBytes += e.size; else recordBytes += e.size;
  const summary: WorkspaceSummary = {
    formatVersion: manifest.formatVersion,
    createdAt: manifest.createdAt,
    mlpadVersion: manifest.mlpadVersion,
    storeVersion: manifest.storeVersion,
    records: Object.fromEntries([...parsed.records].map(([c, list]) => [c, list.length])),
    blobs: parsed.blobs.size,
    recordBytes,
    blobBytes,
    fileBytes: bytes.byteLength,
    conflicts: [],
    unchanged: 0,
    blobsPresent: 0,
  };
  if (options.store) {
    await checkStoreVersion(parsed, options.store);
    const plan = await planImport(parsed, options.store);
    summary.conflicts = plan.conflicts;
    summary.unchanged = plan.unchanged;
    summary.blobsPresent = plan.blobsPresent.size;
  }
  return summary;
}
