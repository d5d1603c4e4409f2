// The data loading engine: files (CSV, TSV, JSON, JSON Lines, Parquet, Arrow IPC) to Arrow tables.
export { loadBytes, loadStream, detectFormat } from './load.ts';
export { looksBinary } from './detect-format.ts';
export * from './types.ts';
