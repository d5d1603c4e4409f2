// An Arrow table as it crosses a worker boundary without copying its columns: the column buffers in
// SharedArrayBuffer memory (posting one shares it), the schema as a few Arrow IPC bytes, and the Data tree's
// shape. The receiver rebuilds the same Table over the same memory (tableFromShared), so the page, the profile
// worker and every job read one copy. Receivers must treat the columns as read-only.
//
// Text stays in ordinary memory, copied to each receiver: Chromium's TextDecoder (which Arrow decodes Utf8 with)
// rejects views of shared memory. That is dictionaries (small for categories) and plain Utf8 / Binary columns.
import { Data, DataType, RecordBatch, Schema, Struct, Table, Vector, tableFromIPC, tableToIPC } from 'apache-arrow';
import { isShared } from './shared-memory.ts';
import { ipcByteLength } from './ipc-chunks.ts';

/** One Arrow Data node: its buffers (offsets, values, validity, type ids) and the nodes under it. */
export interface SharedData {
  offset: number;
  length: number;
  nullCount: number;
  /** [valueOffsets, values, nullBitmap, typeIds], as Arrow's Data holds them; undefined where absent. */
  buffers: (ArrayBufferView | undefined)[];
  variadic: ArrayBufferView[];
  children: SharedData[];
  /** A dictionary column's dictionary, chunk by chunk (ordinary memory); null for other columns. */
  dictionary: SharedData[] | null;
}

/** A table in shared memory, as posted between threads; rebuild it with tableFromShared. */
export interface SharedTable {
  kind: 'shared-table';
  /** Arrow IPC stream bytes of the schema alone (field names, types, metadata, dictionary ids). */
  schema: Uint8Array;
  /** Per record batch, its struct Data (whose children are the columns). */
  batches: SharedData[];
  /** The size of the table as an Arrow IPC stream (what tableToIPC would write), counted without writing it. */
  ipcBytes: number;
}

/** Whether `x` is a SharedTable (rather than Arrow IPC bytes). */
export function isSharedTable(x: unknown): x is SharedTable {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'shared-table';
}

/** Types whose bytes are decoded as text or handed out as byte views: they stay in ordinary memory. */
function keepsOrdinary(type: DataType): boolean {
  return DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isBinary(type) || DataType.isLargeBinary(type)
    || DataType.isUtf8View?.(type) === true || DataType.isBinaryView?.(type) === true;
}

/** `view` in shared memory: itself when it already is, else a copy. */
function toShared<T extends ArrayBufferView>(view: T): T {
  if (isShared(view)) return view;
  const Type = view.constructor as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => T;
  const per = (view as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  const out = new Type(new SharedArrayBuffer(view.byteLength), 0, view.byteLength / per);
  new Uint8Array(out.buffer, 0, view.byteLength).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return out;
}

function describe(data: Data, ordinary: boolean): SharedData {
  const keep = ordinary || keepsOrdinary(data.type);
  const move = <T extends ArrayBufferView>(b: T | undefined | null): T | undefined => (b ? (keep ? b : toShared(b)) : undefined);
  return {
    offset: data.offset,
    length: data.length,
    nullCount: data.nullCount,
    buffers: [move(data.valueOffsets), move(data.values), move(data.nullBitmap), move(data.typeIds)],
    variadic: data.variadicBuffers ? [...data.variadicBuffers] : [],
    children: data.children.map((c) => describe(c, keep)),
    dictionary: data.dictionary ? data.dictionary.data.map((d) => describe(d, true)) : null,
  };
}

/**
 * `table` with its column buffers in shared memory: buffers already there are used as they are (the loaders
 * allocate them there, see setSharedColumns), others are copied. Needs SharedArrayBuffer.
 */
export function shareTable(table: Table): SharedTable {
  if (typeof SharedArrayBuffer !== 'function') throw new TypeError('shareTable: this runtime has no SharedArrayBuffer.');
  return {
    kind: 'shared-table',
    schema: tableToIPC(new Table(table.schema), 'stream'),
    batches: table.batches.map((b) => describe(b.data, false)),
    ipcBytes: ipcByteLength(table),
  };
}

function rebuild(type: DataType, d: SharedData): Data {
  const children = d.children.map((c, i) => rebuild((type.children as { type: DataType }[])[i].type, c));
  const dictType = (type as { dictionary?: DataType }).dictionary;
  const dictionary = d.dictionary && dictType ? new Vector(d.dictionary.map((c) => rebuild(dictType, c))) : undefined;
  // Arrow's Data keeps these views as they are: no copy.
  type Buffers = ConstructorParameters<typeof Data>[4];
  return new Data(type, d.offset, d.length, d.nullCount, d.buffers as unknown as Buffers, children, dictionary, d.variadic as Uint8Array[]);
}

/** The Table that `shared` describes, over the same memory (no column is copied). */
export function tableFromShared(shared: SharedTable): Table {
  const schema: Schema = tableFromIPC(shared.schema).schema;
  const struct = new Struct(schema.fields);
  return new Table(schema, shared.batches.map((b) => new RecordBatch(schema, rebuild(struct, b) as Data<Struct>)));
}

/** A table as a job's worker is given it: Arrow IPC stream bytes (its own copy) or a SharedTable (the page's memory). */
export type TableInput = Uint8Array | SharedTable;

/** The Table in `input`: read from IPC bytes, or rebuilt over a SharedTable's memory (no copy; treat it as read-only). */
export function tableFromInput(input: TableInput): Table {
  return isSharedTable(input) ? tableFromShared(input) : tableFromIPC(input);
}
