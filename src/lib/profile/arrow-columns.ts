// Low-level access to Arrow chunks. The kernels read typed arrays chunk by chunk instead of calling
// Vector.get per cell: get() walks the chunk list and boxes every value, which is ~20x slower on the
// 3-million-row tables the profiler must handle in a few seconds.
import { DataType, makeVector, type Data, type Vector } from 'apache-arrow';

/** How a column is stored, as far as the kernels care. */
export type StorageKind = 'int' | 'int64' | 'float' | 'bool' | 'date' | 'timestamp' | 'dictionary' | 'string' | 'other';

export function storageKind(type: DataType): StorageKind {
  if (DataType.isInt(type)) return type.bitWidth === 64 ? 'int64' : 'int';
  // Half floats are stored as raw uint16 bits, so they take the boxed path.
  if (DataType.isFloat(type)) return type.ArrayType === Uint16Array ? 'other' : 'float';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isDictionary(type)) return 'dictionary';
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isUtf8View(type)) return 'string';
  return 'other';
}

/** The chunk's validity bitmap, or null when every cell is valid (the bitmap may be absent or stale then). */
export function validityOf(data: Data): Uint8Array | null {
  const bitmap = data.nullBitmap;
  return data.nullCount > 0 && bitmap !== undefined && bitmap.length > 0 ? bitmap : null;
}

/** Whether cell `i` of a chunk with validity `bitmap` (from validityOf) and `offset` holds a value. */
export function isValidAt(bitmap: Uint8Array | null, offset: number, i: number): boolean {
  if (bitmap === null) return true;
  const bit = offset + i;
  return (bitmap[bit >> 3] & (1 << (bit & 7))) !== 0;
}

/**
 * 64-bit integers of a chunk as numbers, without a BigInt per cell: the little-endian halves are read
 * through an Int32Array view. Values beyond 2^53 lose precision, as they would in any JS number.
 */
export function int64Reader(values: BigInt64Array | BigUint64Array): (i: number) => number {
  const halves = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  if (values instanceof BigUint64Array) return (i) => (halves[2 * i + 1] >>> 0) * 4294967296 + (halves[2 * i] >>> 0);
  return (i) => halves[2 * i + 1] * 4294967296 + (halves[2 * i] >>> 0);
}

/** The cells of one chunk through Arrow's boxed getter: the slow path for types without a kernel. */
export function chunkGetter(data: Data): (i: number) => unknown {
  const vector = makeVector(data);
  return (i) => vector.get(i);
}

/** Multiplier from a Timestamp unit (0 s, 1 ms, 2 µs, 3 ns) to milliseconds. */
export const TIMESTAMP_UNIT_TO_MS = [1000, 1, 1e-3, 1e-6];

/** Epoch milliseconds per stored unit of a Date column (0 = days, 1 = milliseconds). */
export const DATE_UNIT_TO_MS = [86_400_000, 1];

/** The chunks of a vector; a Vector's `data` is its chunk list. */
export function chunksOf(column: Vector): readonly Data[] {
  return column.data;
}
