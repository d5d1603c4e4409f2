// Typed arrays as base64 text of their little-endian bytes, for compact model files (a float32 takes
// 5⅓ characters instead of the ~11 of its shortest decimal). Uses btoa/atob, present in Node and browsers.

const CHUNK = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

function base64ToBytes(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Int32 values as base64 of their little-endian bytes. */
export function int32ToBase64(values: Int32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i], true);
  return bytesToBase64(bytes);
}

/** Float32 values as base64 of their little-endian bytes (bit-exact). */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytesToBase64(bytes);
}

/** Reads what int32ToBase64 wrote; throws a RangeError for text that is not base64 of whole int32s. */
export function base64ToInt32(text: string): Int32Array {
  const bytes = decode(text);
  const view = new DataView(bytes.buffer);
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/** Reads what float32ToBase64 wrote; throws a RangeError for text that is not base64 of whole float32s. */
export function base64ToFloat32(text: string): Float32Array {
  const bytes = decode(text);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function decode(text: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(text);
  } catch {
    throw new RangeError('the text is not base64');
  }
  if (bytes.length % 4 !== 0) throw new RangeError(`the base64 text holds ${bytes.length} bytes, not a whole number of 4-byte values`);
  return bytes;
}
