// Distinct strings of Utf8 data found by hashing their bytes. Building a JS string per cell and counting
// in a Map costs about a microsecond per cell here, mostly garbage collection: seconds for an id column
// with millions of distinct values. An open-addressing table over the UTF-8 bytes allocates nothing per
// cell, and only the few strings that are shown (top-k) or inspected (inference) are ever decoded.
import { DataType, type Data } from 'apache-arrow';
import { isValidAt, validityOf } from './arrow-columns.ts';

/** Distinct values, each named by the chunk and index of its first occurrence, with their counts. */
export interface Utf8Distinct {
  size: number;
  chunkOf: Int32Array;
  indexOf: Int32Array;
  counts: Float64Array;
  /** Weight of the null cells met. */
  missing: number;
}

/** Whether every chunk is Utf8 with 32-bit offsets, the layout distinctUtf8 reads. */
export function isPlainUtf8(chunks: readonly Data[]): boolean {
  return chunks.every((d) => DataType.isUtf8(d.type) && d.valueOffsets instanceof Int32Array && d.values instanceof Uint8Array);
}

function grow<T extends Int32Array | Float64Array | Uint32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * Distinct strings of Utf8 `chunks`, in order of first occurrence. Each entry counts once, or
 * `weights[c][i]` times when given (entries of weight 0 are skipped): that is how a dictionary's entries
 * are counted by how many rows point at them.
 */
export function distinctUtf8(chunks: readonly Data[], weights?: readonly ArrayLike<number>[]): Utf8Distinct {
  let capacity = 1024;
  let chunkOf = new Int32Array(capacity), indexOf = new Int32Array(capacity);
  let hashes = new Uint32Array(capacity), counts = new Float64Array(capacity);
  let mask = 2 * capacity - 1;
  // slot -> distinct id + 1 (0 = empty); kept at most half full.
  let table = new Int32Array(mask + 1);
  let size = 0, missing = 0;
  for (let c = 0; c < chunks.length; c++) {
    const data = chunks[c];
    const offsets = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    const bitmap = validityOf(data);
    const w = weights?.[c];
    for (let i = 0; i < data.length; i++) {
      const weight = w ? w[i] : 1;
      if (weight === 0) continue;
      if (!isValidAt(bitmap, data.offset, i)) { missing += weight; continue; }
      const a = offsets[i], b = offsets[i + 1];
      let h = 0x811c9dc5; // FNV-1a
      for (let j = a; j < b; j++) h = Math.imul(h ^ bytes[j], 0x01000193);
      h >>>= 0;
      let slot = h & mask;
      for (;;) {
        const id = table[slot] - 1;
        if (id < 0) break;
        if (hashes[id] === h) {
          const od = chunks[chunkOf[id]], oo = od.valueOffsets as Int32Array, ob = od.values as Uint8Array;
          const oa = oo[indexOf[id]];
          if (oo[indexOf[id] + 1] - oa === b - a) {
            let same = true;
            for (let j = 0; j < b - a; j++) if (ob[oa + j] !== bytes[a + j]) { same = false; break; }
            if (same) break;
          }
        }
        slot = (slot + 1) & mask;
      }
      if (table[slot] !== 0) { counts[table[slot] - 1] += weight; continue; }
      if (size === capacity) {
        capacity *= 2;
        chunkOf = grow(chunkOf, capacity); indexOf = grow(indexOf, capacity);
        hashes = grow(hashes, capacity); counts = grow(counts, capacity);
      }
      chunkOf[size] = c; indexOf[size] = i; hashes[size] = h; counts[size] = weight;
      size++;
      if (2 * size > mask + 1) {
        // Rehash into a table twice the size; the new slot for `size - 1` is found there.
        mask = 2 * mask + 1;
        table = new Int32Array(mask + 1);
        for (let id = 0; id < size; id++) {
          let s = hashes[id] & mask;
          while (table[s] !== 0) s = (s + 1) & mask;
          table[s] = id + 1;
        }
      } else {
        table[slot] = size;
      }
    }
  }
  return { size, chunkOf, indexOf, counts: counts.subarray(0, size), missing };
}

const decoder = new TextDecoder();

/** The string at index `i` of Utf8 chunk `data`. */
export function utf8At(data: Data, i: number): string {
  const offsets = data.valueOffsets as Int32Array;
  return decoder.decode((data.values as Uint8Array).subarray(offsets[i], offsets[i + 1]));
}

/** Shape of some text, for telling ids, categories and prose apart. */
export interface TextStats {
  /** Characters (code points) summed over the counted cells. */
  chars: number;
  /** Spaces (U+0020) summed over the counted cells. */
  spaces: number;
  /** Longest distinct value, in code points. */
  maxLength: number;
  /** Whether any distinct value contains ASCII whitespace. */
  whitespace: boolean;
}

/** TextStats of the distinct values in `d`, read from the bytes without decoding. */
export function utf8TextStats(chunks: readonly Data[], d: Utf8Distinct): TextStats {
  let chars = 0, spaces = 0, maxLength = 0, whitespace = false;
  for (let id = 0; id < d.size; id++) {
    const data = chunks[d.chunkOf[id]];
    const offsets = data.valueOffsets as Int32Array, bytes = data.values as Uint8Array;
    let n = 0, s = 0;
    for (let j = offsets[d.indexOf[id]]; j < offsets[d.indexOf[id] + 1]; j++) {
      const b = bytes[j];
      if ((b & 0xc0) !== 0x80) n++; // not a continuation byte: a new code point
      if (b === 0x20) s++;
      else if (b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d) whitespace = true;
    }
    if (s > 0) whitespace = true;
    if (n > maxLength) maxLength = n;
    chars += n * d.counts[id];
    spaces += s * d.counts[id];
  }
  return { chars, spaces, maxLength, whitespace };
}

/** TextStats of `values` weighted by `counts`, for values that are already strings. */
export function stringTextStats(size: number, valueAt: (i: number) => string, counts: ArrayLike<number>): TextStats {
  let chars = 0, spaces = 0, maxLength = 0, whitespace = false;
  for (let i = 0; i < size; i++) {
    const v = valueAt(i);
    const n = [...v].length;
    const s = v.split(' ').length - 1;
    if (/\s/.test(v)) whitespace = true;
    if (n > maxLength) maxLength = n;
    chars += n * counts[i];
    spaces += s * counts[i];
  }
  return { chars, spaces, maxLength, whitespace };
}
