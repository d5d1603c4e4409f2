// Brings a workspace file into a store: every check of parseWorkspace first, then the conflict policy, then
// ONE store.commit, which the StoreBackend contract makes atomic, so a refused or failed import (bad file,
// conflict under 'error', full quota) leaves the store exactly as it was.
import type { RecordPut, StoreBackend } from '../store/backend.ts';
import { resolveLimits, WorkspaceFileError, type WorkspaceLimits } from './format.ts';
import { checkStoreVersion, planImport, type RecordKey } from './inspect-workspace.ts';
import { parseWorkspace } from './parse-workspace.ts';

/** Options of importWorkspace. */
export interface ImportWorkspaceOptions {
  /**
   * A record whose collection and id the store already holds with a different value: 'skip' keeps the store's,
   * 'replace' takes the file's, 'error' refuses the whole import. Defaults to 'skip': importing a class file
   * twice, or after editing what it brought, never overwrites the user's own work; the summary lists what was
   * skipped so the UI can offer 'replace'.
   */
  onConflict?: 'skip' | 'replace' | 'error';
  /** Limits on the untrusted file; defaults to DEFAULT_LIMITS. */
  limits?: WorkspaceLimits;
}

/** What an import changed. */
export interface ImportSummary {
  /** New records per collection. */
  added: Record<string, number>;
  /** Records overwritten per collection (onConflict 'replace'). */
  replaced: Record<string, number>;
  /** Clashing records left as the store had them (onConflict 'skip'). */
  skipped: RecordKey[];
  /** Records already present with the same value. */
  unchanged: number;
  /** Blobs written. */
  blobsAdded: number;
  /** Blobs the store already held. */
  blobsPresent: number;
}

const count = (keys: RecordKey[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k.collection, (m.get(k.collection) ?? 0) + 1);
  return Object.fromEntries(m);
};

/** Checks a workspace file, then writes its records and blobs into `store` in one atomic commit. Throws WorkspaceFileError (store untouched). */
export async function importWorkspace(store: StoreBackend, bytes: Uint8Array | ArrayBuffer, options: ImportWorkspaceOptions = {}): Promise<ImportSummary> {
  if (!store || typeof store.commit !== 'function') throw new TypeError('importWorkspace(store, bytes): store must be a StoreBackend');
  const onConflict = options.onConflict ?? 'skip';
  if (onConflict !== 'skip' && onConflict !== 'replace' && onConflict !== 'error') throw new RangeError(`options.onConflict must be 'skip', 'replace' or 'error', got ${String(onConflict)}`);
  const parsed = await parseWorkspace(bytes, resolveLimits(options.limits));
  await checkStoreVersion(parsed, store);
  const plan = await planImport(parsed, store);
  if (onConflict === 'error' && plan.conflicts.length) {
    const first = plan.conflicts[0];
    throw new WorkspaceFileError('conflict', `${plan.conflicts.length} record(s) in this workspace file differ from ones already in your workspace (the first is ${first.collection}/${JSON.stringify(first.id.slice(0, 80))}); import again choosing to keep yours or replace them. Nothing was imported.`);
  }
  const written = onConflict === 'replace' ? [...plan.fresh, ...plan.conflicts] : plan.fresh;
  const values = new Map([...parsed.records].map(([c, list]) => [c, new Map(list.map((r) => [r.id, r.value]))]));
  const put: RecordPut[] = written.map((k) => ({ collection: k.collection, id: k.id, value: values.get(k.collection)!.get(k.id) }));
  const blobs = [...parsed.blobs].filter(([h]) => !plan.blobsPresent.has(h)).map(([hash, data]) => ({ hash, bytes: data }));
  if (put.length || blobs.length) await store.commit({ put, blobs });
  return {
    added: count(plan.fresh),
    replaced: onConflict === 'replace' ? count(plan.conflicts) : {},
    skipped: onConflict === 'skip' ? plan.conflicts : [],
    unchanged: plan.unchanged,
    blobsAdded: blobs.length,
    blobsPresent: plan.blobsPresent.size,
  };
}
