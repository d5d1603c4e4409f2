// Where a loaded table's column arrays live. In a cross-origin isolated page (COOP/COEP: the studio's headers)
// they are allocated in SharedArrayBuffer memory, so that the page, the profile worker and every job view the
// one copy the data worker wrote: posting a SharedArrayBuffer shares it. Elsewhere (Node, a page without the
// headers) they are ordinary ArrayBuffers, as before.

/**
 * Whether this realm is a cross-origin isolated page or worker with SharedArrayBuffer: false in Node, unlike the
 * histogram pool's canShareMemory (Node's worker threads share memory too, but a table loaded there stays IPC bytes).
 */
export function isCrossOriginIsolated(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

let shareColumns = false;

/**
 * Allocate the column arrays that loads build from now on in shared memory (true) or ordinary memory (false,
 * the default). The data engine sets it per load; SharedArrayBuffer must exist when it is true.
 */
export function setSharedColumns(on: boolean): void {
  if (on && typeof SharedArrayBuffer !== 'function') throw new TypeError('setSharedColumns(true): this runtime has no SharedArrayBuffer.');
  shareColumns = on;
}

/** Whether column arrays are allocated in shared memory now (see setSharedColumns). */
export function sharedColumns(): boolean {
  return shareColumns;
}

type TypedArrayOf<T> = { new (length: number): T; new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

/**
 * A zeroed array of `length` elements for a column's final values: shared memory while setSharedColumns(true),
 * else ordinary. Use it only for arrays that end up in the table (not for scratch space).
 */
export function columnArray<T>(Type: TypedArrayOf<T>, length: number): T {
  if (!shareColumns) return new Type(length);
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT), 0, length);
}

/** Whether `view` lies in shared memory. */
export function isShared(view: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && view.buffer instanceof SharedArrayBuffer;
}
