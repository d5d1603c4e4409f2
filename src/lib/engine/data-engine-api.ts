import type { ColumnMissingTokens, DataFormat, LoadOptions, ProgressCallback, SemanticType } from '../data/types.ts';
import type { ColumnSchema, DatasetProfile } from '../profile/types.ts';
import type { TargetFacts } from '../profile/target-facts.ts';
import type { Task } from '../ml/prepare/types.ts';
import type { SharedTable } from '../data/shared-table.ts';

/**
 * A parsed dataset as it crosses the worker boundary: the table in shared memory (posted, not copied) where the
 * page is cross-origin isolated, else Arrow IPC stream bytes (transferred); plus facts.
 */
export interface LoadedDataset {
  name: string;
  format: DataFormat;
  rows: number;
  columns: number;
  bytes: number;
  warnings: string[];
  /** Per column with any, which texts were read as missing and how often (CSV/TSV); [] for typed formats. */
  missingTokens: ColumnMissingTokens[];
  /** Arrow IPC stream bytes; the receiver rebuilds the table with `tableFromIPC`. Empty when `shared` holds the table. */
  ipc: Uint8Array;
  /** The table in shared memory (rebuild it with `tableFromShared`), or null when `ipc` holds it. */
  shared: SharedTable | null;
  /** The table's size as an Arrow IPC stream: `ipc`'s length, or what it would be for a shared table. */
  ipcBytes: number;
  /** Seconds spent reading and parsing. */
  seconds: number;
  /** Where the worker's time went (benchmarks print it). */
  timings: LoadTimings;
}

/** Milliseconds per step of one load in the worker; the steps add up to `seconds`. */
export interface LoadTimings {
  /** When the worker began the load, in ms since the epoch (performance.timeOrigin + now), to line up with the page's clock. */
  startedAt: number;
  /** Waiting for the file's or the response's bytes. */
  readMs: number;
  /** Scanning text into columns as it arrives (CSV, TSV, JSON Lines; JSON only decodes), or gathering the bytes (Parquet, Arrow). */
  parseMs: number;
  /** Finishing the columns into an Arrow table (CSV, TSV, JSON Lines), parsing JSON, or decoding the whole file (Parquet, Arrow). */
  buildMs: number;
  /** Writing the table as Arrow IPC bytes for the page, or describing its shared memory. */
  ipcMs: number;
}

/** A table's identity for run records: the SHA-256 of its Arrow IPC stream bytes, and their count. */
export interface IpcDigest {
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  bytes: number;
}

/**
 * The data engine, exposed by workers/data.worker.ts through Comlink. One instance parses a file
 * (the UI runs each load in a fresh worker and cancels by terminating it, so the dataset loaded before
 * is never touched); another holds the current table and profiles it.
 */
export interface DataEngineApi {
  /** Parse a File or Blob; `name` is used in messages. Rejects with a DataError-shaped message. Call again with other options to re-read. */
  loadBlob(blob: Blob, name: string, options: LoadOptions, onProgress?: ProgressCallback): Promise<LoadedDataset>;
  /** Fetch and parse a same-origin URL (the page's CSP allows no other origin); an HTML page where data was expected is "not found". */
  loadUrl(url: string, name: string, options: LoadOptions, onProgress?: ProgressCallback): Promise<LoadedDataset>;
  /** Make `table` (IPC bytes, or a shared table: then no copy is made) the current table for profiling; returns its schema with inferred types. */
  setTable(table: Uint8Array | SharedTable): Promise<ColumnSchema[]>;
  /** Profile the current table with the given type overrides. */
  profile(overrides: Record<string, SemanticType>): Promise<DatasetProfile>;
  /** The SHA-256 (hex) and byte count of the table given to setTable as Arrow IPC stream bytes, hashed here so the page's thread never hashes the table. */
  digest(): Promise<IpcDigest>;
  /** What `target` (of semantic `type`) implies for `task` (inferred when null) in the current table; reads the whole column. */
  targetFacts(target: string, type: SemanticType, task: Task | null): Promise<TargetFacts>;
  /**
   * Parse a small synthetic CSV and drop it, so that this fresh worker's first real file runs in optimised code
   * (csv-warmup.ts); stops early when a load starts meanwhile. Resolves with the milliseconds it took.
   */
  warmUp(): Promise<number>;
}
