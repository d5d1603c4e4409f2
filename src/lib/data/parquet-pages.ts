// The pages of one flat column chunk: headers and codecs through hyparquet's own functions, levels and
// dictionary indices through the fast hybrid decoder, values into the column's sink.
import type { ColumnChunk, DecodedArray, PageHeader } from 'hyparquet';
import type { ColumnDecoder } from './parquet-values.ts';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { deltaBinaryUnpack, deltaByteArray, deltaLengthByteArray } from 'hyparquet/src/delta.js';
import { byteStreamSplit } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { decodeHybrid } from './parquet-hybrid.ts';
import type { PageSink } from './parquet-sinks.ts';

function u32(b: Uint8Array, pos: number): number {
  return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
}

/**
 * Per-page scratch arrays, reused across pages and columns: a fresh array per page would touch
 * tens of MB of new memory on a large file, which costs more than the decoding itself.
 */
let indexScratch = new Int32Array(0);
let levelScratch = new Uint8Array(0);

function scratchIndices(n: number): Int32Array {
  if (indexScratch.length < n) indexScratch = new Int32Array(Math.max(n, indexScratch.length * 2));
  return indexScratch.subarray(0, n);
}

function scratchLevels(n: number): Uint8Array {
  if (levelScratch.length < n) levelScratch = new Uint8Array(Math.max(n, levelScratch.length * 2));
  return levelScratch.subarray(0, n);
}

function count(present: Uint8Array, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) k += present[i];
  return k;
}

/** Decode `m` values written with `encoding` at `page[pos…]` and hand them to the sink. */
function values(page: Uint8Array, pos: number, encoding: string, m: number, d: ColumnDecoder, sink: PageSink, row: number, n: number, present: Uint8Array | null): void {
  const reader = () => ({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: pos });
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    const idx = scratchIndices(m);
    if (m > 0) decodeHybrid(page, pos + 1, page.length, page[pos], idx, m);
    return sink.indices(idx, row, n, present);
  }
  let raw: DecodedArray;
  if (m === 0) raw = [];
  else if (encoding === 'PLAIN') raw = readPlain(reader(), d.type, m, d.element.type_length);
  else if (encoding === 'RLE' && d.type === 'BOOLEAN') {
    raw = new Uint8Array(m);
    decodeHybrid(page, pos + 4, pos + 4 + u32(page, pos), 1, raw, m);
  } else if (encoding === 'DELTA_BINARY_PACKED') {
    raw = d.type === 'INT32' ? new Int32Array(m) : new BigInt64Array(m);
    deltaBinaryUnpack(reader(), m, raw as Int32Array | BigInt64Array);
  } else if (encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    raw = new Array<Uint8Array>(m);
    deltaLengthByteArray(reader(), m, raw as Uint8Array[]);
  } else if (encoding === 'DELTA_BYTE_ARRAY') {
    raw = new Array<Uint8Array>(m);
    deltaByteArray(reader(), m, raw as Uint8Array[]);
  } else if (encoding === 'BYTE_STREAM_SPLIT') raw = byteStreamSplit(reader(), m, d.type, d.element.type_length);
  else throw new Error(`the ${encoding} encoding is not supported`);
  sink.plain(raw, row, n, present);
}

/**
 * Read every page of a flat column chunk (`maxDef` is 0 or 1) whose rows start at `rowStart`.
 * @returns the number of rows decoded
 */
export function readColumnChunk(file: Uint8Array, chunk: ColumnChunk, d: ColumnDecoder, maxDef: number, rowStart: number, groupRows: number, sink: PageSink): number {
  const md = chunk.meta_data;
  if (!md) throw new Error('the column chunk has no metadata (external column files are not supported)');
  const dictOffset = md.dictionary_page_offset !== undefined && md.dictionary_page_offset > 0n ? Number(md.dictionary_page_offset) : Infinity;
  const start = Math.min(dictOffset, Number(md.data_page_offset));
  const end = start + Number(md.total_compressed_size);
  if (end > file.length) throw new Error('the file is truncated (a column chunk runs past its end)');
  const reader = { view: new DataView(file.buffer, file.byteOffset + start, end - start), offset: 0 };
  let row = rowStart;
  const last = rowStart + groupRows;
  while (row < last && reader.offset < end - start) {
    const header: PageHeader = parquetHeader(reader);
    const body = new Uint8Array(file.buffer, file.byteOffset + start + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(body, header.uncompressed_page_size, d.codec, d.compressors);
      const n = header.dictionary_page_header?.num_values ?? 0;
      sink.dictionary(readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, d.type, n, d.element.type_length));
    } else if (header.type === 'DATA_PAGE') {
      const h = header.data_page_header!;
      const page = decompressPage(body, header.uncompressed_page_size, d.codec, d.compressors);
      const n = Math.min(h.num_values, last - row);
      let pos = 0;
      let present: Uint8Array | null = null;
      if (maxDef > 0) {
        present = scratchLevels(h.num_values);
        const len = u32(page, 0);
        decodeHybrid(page, 4, 4 + len, 1, present, h.num_values);
        pos = 4 + len;
      }
      const m = present ? count(present, n) : n;
      values(page, pos, h.encoding, m, d, sink, row, n, present !== null && m === n ? null : present);
      row += n;
    } else if (header.type === 'DATA_PAGE_V2') {
      const h = header.data_page_header_v2!;
      const n = Math.min(h.num_rows, last - row);
      let present: Uint8Array | null = null;
      const levels = h.repetition_levels_byte_length + h.definition_levels_byte_length;
      if (maxDef > 0) {
        present = scratchLevels(h.num_values);
        decodeHybrid(body, h.repetition_levels_byte_length, levels, 1, present, h.num_values);
      }
      let page = body.subarray(levels);
      const size = header.uncompressed_page_size - levels;
      if (h.is_compressed !== false && size > 0) page = decompressPage(page, size, d.codec, d.compressors);
      const m = present ? count(present, n) : n;
      values(page, 0, h.encoding, m, d, sink, row, n, present !== null && m === n ? null : present);
      row += n;
    }
    // Index pages carry nothing the table needs.
  }
  return row - rowStart;
}
