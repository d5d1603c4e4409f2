// Parquet to Arrow. Flat columns (the common case) are decoded page by page straight into typed arrays
// (parquet-pages.ts); nested ones (lists, structs, maps) go through hyparquet's row assembly and are
// kept as their JSON text. hyparquet's general path builds a JS value per cell, which took ~7 s on
// flights-3m.parquet; the flat path takes well under one.
import type { Data } from 'apache-arrow';
import { parquetMetadata, parquetRead, parquetSchema, type Compressors, type FileMetaData, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js';
import { tableFromColumns, type NamedData } from './arrow-vectors.ts';
import { ColumnBuilder } from './column-builder.ts';
import { isOutOfMemory } from './errors.ts';
import { readColumnChunk } from './parquet-pages.ts';
import { makeSink, type PageSink } from './parquet-sinks.ts';
import { planColumn, type ColumnDecoder } from './parquet-values.ts';
import { DataError, type LoadResult } from './types.ts';

/** Codecs that hyparquet (Snappy) and hyparquet-compressors (the rest) can decompress. */
const CODECS: Compressors = compressors;
const SUPPORTED = new Set(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'ZSTD', 'LZ4', 'LZ4_RAW']);
const CODEC_NAMES = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'];

export interface ParquetProgress {
  rowGroup: number;
  rowGroups: number;
  rows: number;
}

/** The raw codec id of each column chunk, read from the footer again: hyparquet maps unknown ids to undefined. */
function rawCodecId(bytes: Uint8Array, group: number, column: number): number | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const len = view.getUint32(bytes.length - 8, true);
    const meta = deserializeTCompactProtocol({ view, offset: bytes.length - 8 - len });
    return meta.field_4?.[group]?.field_1?.[column]?.field_3?.field_4;
  } catch {
    return undefined;
  }
}

function checkCodecs(file: string, bytes: Uint8Array, md: FileMetaData): void {
  md.row_groups.forEach((g, gi) => g.columns.forEach((c, ci) => {
    if (!c.meta_data) return; // reported as invalid when the chunk is read
    const codec = c.meta_data.codec;
    if (codec !== undefined && SUPPORTED.has(codec)) return;
    const column = c.meta_data.path_in_schema.join('.');
    const id = rawCodecId(bytes, gi, ci);
    const name = codec ?? (id !== undefined && CODEC_NAMES[id] ? CODEC_NAMES[id] : `unknown codec id ${id ?? '?'}`);
    throw new DataError('unsupported-codec', file, `this column is compressed with ${name}, which this reader cannot decompress (supported: Snappy, GZIP, ZSTD, Brotli, LZ4, LZ4_RAW and uncompressed). Re-save the file with one of those codecs.`, { column });
  }));
}

function isFlat(node: SchemaTree): boolean {
  return node.children.length === 0 && node.element.repetition_type !== 'REPEATED';
}

/** Nested columns through hyparquet's assembly, kept as JSON text. */
async function readNested(buffer: ArrayBuffer, md: FileMetaData, name: string, rows: number): Promise<Data> {
  const builder = new ColumnBuilder(rows, null);
  await parquetRead({
    file: buffer, metadata: md, columns: [name], compressors: CODECS,
    onChunk: ({ columnData, rowStart }) => {
      for (let i = 0; i < columnData.length; i++) {
        const v = columnData[i];
        if (v === null || v === undefined) builder.setNull(rowStart + i);
        else builder.addString(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)), rowStart + i);
      }
    },
  });
  return builder.finish(rows);
}

function invalid(file: string, e: unknown, where = ''): DataError {
  const msg = e instanceof Error ? e.message : String(e);
  return new DataError('invalid-parquet', file, `this is not a readable Parquet file${where} (${msg.replace(/^parquet /, '')}). It may be truncated or corrupt.`);
}

/**
 * Read a whole Parquet file into one Arrow record batch. Yields to the event loop between row groups
 * so that progress is delivered and `signal` can cancel.
 */
export async function readParquet(file: string, bytes: Uint8Array, onProgress?: (p: ParquetProgress) => void, signal?: AbortSignal): Promise<Omit<LoadResult, 'format' | 'bytes' | 'missingTokens' | 'dateFormats'>> {
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'PAR1' || String.fromCharCode(...bytes.subarray(bytes.length - 4)) !== 'PAR1') {
    throw new DataError('invalid-parquet', file, 'this is not a Parquet file, or it is truncated: it should begin and end with the bytes "PAR1".');
  }
  let md: FileMetaData;
  let tree: SchemaTree;
  try {
    md = parquetMetadata(bytes);
    tree = parquetSchema(md);
  } catch (e) {
    throw invalid(file, e);
  }
  checkCodecs(file, bytes, md);
  const rows = Number(md.num_rows);
  const leaves = new Map<string, number>(); // top-level flat column name -> physical column index
  let physical = 0;
  const walk = (n: SchemaTree, top: SchemaTree) => {
    if (n.children.length === 0) {
      if (n === top && isFlat(n)) leaves.set(n.element.name, physical);
      physical++;
    } else for (const c of n.children) walk(c, top);
  };
  for (const top of tree.children) walk(top, top);

  const sinks = new Map<string, { sink: PageSink; decoder: ColumnDecoder; maxDef: number }>();
  for (const top of tree.children) {
    if (!leaves.has(top.element.name)) continue;
    const e = top.element;
    const decoder: ColumnDecoder = { pathInSchema: [e.name], type: e.type!, element: e, schemaPath: [tree, top], codec: 'UNCOMPRESSED', parsers: DEFAULT_PARSERS, compressors: CODECS, utf8: true };
    const maxDef = e.repetition_type === 'REQUIRED' ? 0 : 1;
    sinks.set(e.name, { sink: makeSink(planColumn(e), rows, decoder), decoder, maxDef });
  }

  let rowStart = 0;
  for (let g = 0; g < md.row_groups.length; g++) {
    if (signal?.aborted) throw new DataError('cancelled', file, 'loading was cancelled.');
    const group = md.row_groups[g];
    const groupRows = Number(group.num_rows);
    for (const [name, { sink, decoder, maxDef }] of sinks) {
      const chunk = group.columns[leaves.get(name)!];
      try {
        const got = readColumnChunk(bytes, chunk, { ...decoder, codec: chunk.meta_data!.codec }, maxDef, rowStart, groupRows, sink);
        if (got < groupRows) throw new Error(`row group ${g + 1} holds ${groupRows} rows but its pages hold ${got}`);
      } catch (e) {
        if (isOutOfMemory(e) || e instanceof DataError) throw e;
        throw invalid(file, e, ` (column ${JSON.stringify(name)}, row group ${g + 1} of ${md.row_groups.length})`);
      }
    }
    rowStart += groupRows;
    onProgress?.({ rowGroup: g + 1, rowGroups: md.row_groups.length, rows: rowStart });
    await new Promise((r) => setTimeout(r, 0));
  }

  const columns: NamedData[] = [];
  const warnings: string[] = [];
  for (const top of tree.children) {
    const name = top.element.name;
    const entry = sinks.get(name);
    if (entry) {
      columns.push({ name, data: entry.sink.finish() });
      continue;
    }
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    try {
      columns.push({ name, data: await readNested(buffer, md, name, rows) });
    } catch (e) {
      if (isOutOfMemory(e)) throw e;
      throw invalid(file, e, ` (nested column ${JSON.stringify(name)})`);
    }
    warnings.push(`Nested column ${JSON.stringify(name)} (a list, map or struct) is shown as JSON text.`);
  }
  return { table: tableFromColumns(columns, rows), warnings };
}
