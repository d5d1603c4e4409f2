// A key that names a candidate request by what it trains on, not by object identity: the id, algorithm,
// hyperparameters, prepare options and a 64-bit hash of every buffer of every table. Two requests that the
// job builds the same way (the same rows taken the same way) get the same key, so a candidate trained ahead
// of time (parallel.ts) is used only for the very request it was trained for.
import type { Data, Table } from 'apache-arrow';
import type { CandidateRequest } from './autopilot-api.ts';

const digests = new WeakMap<Table, string>();

/** Two FNV-1a-style 32-bit hashes (different offsets and primes) over the bytes of `view`. */
function mix(h: [number, number], view: ArrayBufferView | null | undefined): void {
  if (!view) { h[0] = Math.imul(h[0] ^ 0xff, 16777619); return; }
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let a = h[0], b = h[1];
  a = Math.imul(a ^ bytes.length, 16777619);
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 16777619);
    b = Math.imul(b ^ bytes[i], 2246822519) ^ (b >>> 13);
  }
  h[0] = a; h[1] = b;
}

function mixData(h: [number, number], data: Data): void {
  mix(h, new Int32Array([data.length, data.nullCount, data.offset]));
  mix(h, data.values as ArrayBufferView | undefined);
  mix(h, data.valueOffsets as ArrayBufferView | undefined);
  mix(h, data.nullBitmap);
  for (const child of data.children) mixData(h, child);
  for (const d of data.dictionary?.data ?? []) mixData(h, d);
}

/** The table's digest: its column names and types, and a hash of its buffers (kept per table object). */
export function tableDigest(table: Table): string {
  const known = digests.get(table);
  if (known !== undefined) return known;
  const h: [number, number] = [0x811c9dc5, 0x01000193];
  for (const field of table.schema.fields) {
    mix(h, new TextEncoder().encode(`${field.name}:${String(field.type)}`));
    for (const data of table.getChild(field.name)!.data) mixData(h, data);
  }
  const digest = `${table.numRows}:${(h[0] >>> 0).toString(16)}${(h[1] >>> 0).toString(16)}`;
  digests.set(table, digest);
  return digest;
}

/** The request's key (see the file's comment). */
export function requestKey(r: CandidateRequest): string {
  return JSON.stringify([
    r.id, r.algorithm, r.hyperparameters, r.prepare, tableDigest(r.train),
    r.validation ? tableDigest(r.validation) : null, r.test ? tableDigest(r.test) : null, r.predict.map(tableDigest),
  ]);
}
