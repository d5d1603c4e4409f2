// A table's Arrow IPC stream as the writer produces it: a list of chunks that are mostly views of the columns'
// own buffers (message headers and padding are new, small arrays). Counting, hashing or copying them in
// slices never needs the whole stream in one more buffer, which tableToIPC's concatenation does.
import { AsyncByteQueue, RecordBatchStreamWriter, type Table } from 'apache-arrow';

/** Keeps what the writer writes, in order, instead of queueing it for a reader. */
class ChunkSink extends AsyncByteQueue {
  readonly chunks: Uint8Array[] = [];
  override write(value: unknown): void {
    const v = value as ArrayBufferView;
    if (v.byteLength > 0) this.chunks.push(v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
}

/** `table` as Arrow IPC stream chunks: concatenated, they are the bytes tableToIPC(table, 'stream') returns. */
export function ipcChunks(table: Table): Uint8Array[] {
  const sink = new ChunkSink();
  const writer = new RecordBatchStreamWriter();
  writer.reset(sink);
  writer.writeAll(table);
  return sink.chunks;
}

/** The size of `table` as an Arrow IPC stream, without writing its bytes anywhere. */
export function ipcByteLength(table: Table): number {
  return ipcChunks(table).reduce((n, c) => n + c.byteLength, 0);
}

/** Bytes copied per turn by copyChunks' `pause`: small enough that no turn takes long. */
const SLICE_BYTES = 4 << 20;

/**
 * The chunks copied into one ordinary Uint8Array (never shared memory: Blob, OPFS and Web Crypto refuse shared
 * views). `pause`, when given, is awaited after every few MB so that a page stays responsive.
 */
export async function copyChunks(chunks: readonly Uint8Array[], pause?: () => Promise<void>): Promise<Uint8Array> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  let sincePause = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.byteLength; i += SLICE_BYTES) {
      const part = c.subarray(i, i + SLICE_BYTES);
      out.set(part, at);
      at += part.byteLength;
      sincePause += part.byteLength;
      if (pause && sincePause >= SLICE_BYTES) {
        sincePause = 0;
        await pause();
      }
    }
  }
  return out;
}

/** The chunks copied into one ordinary Uint8Array at once. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
