// The workspace file: one zip that carries a whole store (or a chosen part of it) from one browser to another.
// Layout, fixed and checked on import (nothing else may appear in the archive):
//   mlpad-workspace.json          the manifest (WorkspaceManifest): format, version, counts, SHA-256 and size per entry
//   records/<collection>.json     a JSON array of { id, value }, sorted by id
//   blobs/<sha256>                a blob's bytes, named by their lower-case hex SHA-256
// The file is untrusted on import: every limit and check here exists because a hand-made archive can break it.

/** The manifest's path inside the archive. */
export const MANIFEST_PATH = 'mlpad-workspace.json';

/** The value of the manifest's `format` field. */
export const WORKSPACE_FORMAT = 'mlpad-workspace';

/** The format version this build writes and the newest it reads. */
export const WORKSPACE_FORMAT_VERSION = 1;

/** `records/<collection>.json`; the collection group follows backend.ts's COLLECTION_NAME. */
export const RECORDS_PATH = /^records\/([a-z][a-z0-9-]{0,63})\.json$/;

/** `blobs/<sha256>`. */
export const BLOB_PATH = /^blobs\/([0-9a-f]{64})$/;

/** One file of the archive as the manifest describes it. */
export interface ManifestEntry {
  path: string;
  /** Lower-case hex SHA-256 of the entry's uncompressed bytes. */
  sha256: string;
  /** Uncompressed size in bytes. */
  size: number;
}

/** What `mlpad-workspace.json` holds. */
export interface WorkspaceManifest {
  format: typeof WORKSPACE_FORMAT;
  formatVersion: number;
  /** ISO 8601 time of the export. */
  createdAt: string;
  /** The mlpad version that wrote the file. */
  mlpadVersion: string;
  /** The schema version of the store it was exported from (StoreBackend.version()). */
  storeVersion: number;
  /** Records per collection, and the number of blobs. */
  counts: { records: Record<string, number>; blobs: number };
  /** Every other file of the archive, sorted by path. */
  entries: ManifestEntry[];
}

/** Limits an import enforces before and while it inflates; each guards against a crafted archive. */
export interface WorkspaceLimits {
  /** Largest total uncompressed size of all entries; defaults to 2 GiB. */
  maxTotalBytes?: number;
  /** Largest uncompressed blob; defaults to 512 MiB. */
  maxBlobBytes?: number;
  /** Largest uncompressed JSON file (manifest or one collection); defaults to 64 MiB. */
  maxJsonBytes?: number;
  /** Most entries in the archive; defaults to 100 000. */
  maxEntries?: number;
  /** Deepest nesting of arrays and objects inside a record value; defaults to 256. */
  maxDepth?: number;
}

export const DEFAULT_LIMITS: Required<WorkspaceLimits> = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxBlobBytes: 512 * 1024 ** 2,
  maxJsonBytes: 64 * 1024 ** 2,
  maxEntries: 100_000,
  maxDepth: 256,
};

/** Why a workspace file was refused; `code` lets the UI group messages, `message` is a sentence for the user. */
export type WorkspaceErrorCode =
  | 'corrupt' | 'too-large' | 'unsafe-name' | 'layout' | 'duplicate'
  | 'json' | 'shape' | 'version' | 'hash' | 'conflict';

/** Thrown by inspectWorkspace and importWorkspace when the file is refused; the store is left untouched. */
export class WorkspaceFileError extends Error {
  override name = 'WorkspaceFileError';
  constructor(readonly code: WorkspaceErrorCode, message: string) {
    super(message);
  }
}

/** Merges caller limits over the defaults, checking each is a positive number. */
export function resolveLimits(limits: WorkspaceLimits | undefined): Required<WorkspaceLimits> {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof WorkspaceLimits)[]) {
    const v = limits?.[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v > 0)) throw new RangeError(`limits.${key} must be a positive number of ${key === 'maxEntries' ? 'entries' : key === 'maxDepth' ? 'levels' : 'bytes'}, got ${String(v)}`);
    out[key] = v;
  }
  return out;
}

/** A byte count for messages: "18.0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
