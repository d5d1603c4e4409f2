// A pool of threads that builds one tree node's gradient histogram together: the node's rows are split
// into one contiguous chunk per thread, each thread (the caller is thread 0) builds its chunk's histogram,
// and the caller adds the workers' partials to its own in thread order, so a given thread count always
// gives the same sums. Inputs live in SharedArrayBuffer; jobs are posted and awaited with Atomics, so
// `build` is synchronous (the caller must be allowed to block: Node's main thread or a worker, never a
// page's main thread). Where no worker can be started, the pool runs everything in the calling thread.
import { histRows16, histRows8, histogramWorkerSource, type HistogramWorkerData } from './histogram-kernel.ts';

/** Starts a worker running `source` (a function expression) on `data`; returns how to stop it. */
export type WorkerSpawner = (source: string, data: HistogramWorkerData) => { terminate(): void };

export interface HistogramPool {
  /** Threads taking part, the caller included; 1 for the in-thread pool. */
  readonly nThreads: number;
  /** Writes the histogram of rows[begin, end) over all features into `hist` (2 × totalSlots). */
  build(begin: number, end: number, hist: Float64Array): void;
  /** Stops the workers. The pool must not be used afterwards. */
  dispose(): void;
}

/** The matrix and per-tree buffers a pool reads; for more than one thread they must be on SharedArrayBuffer. */
export interface HistogramInputs {
  codes: Uint8Array | Uint16Array;
  nCols: number;
  histOffsets: Uint32Array;
  gpair: Float32Array;
  rows: Uint32Array;
}

/** Below this many rows per thread a node is built in the calling thread (waking workers costs more). */
const MIN_ROWS_PER_THREAD = 4096;

/** How long the caller waits for the workers' chunks before giving up. */
const WAIT_LIMIT_MS = 120_000;

let spawner: WorkerSpawner | null = null;

/** Sets how workers are started in this environment (see node-threads.ts); null turns threads off. */
export function setWorkerSpawner(s: WorkerSpawner | null): void {
  spawner = s;
}

/** True when threads can share memory here: SharedArrayBuffer exists and, in a browser, the page is cross-origin isolated. */
export function canShareMemory(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer !== 'undefined' && g.crossOriginIsolated !== false;
}

/** True when createHistogramPool(…, n > 1) would start workers. */
export function threadsAvailable(): boolean {
  return spawner !== null && canShareMemory();
}

/** A typed array of `length` elements on a SharedArrayBuffer when memory can be shared, else an ordinary one. */
export function sharedArray<T extends Uint8Array | Uint16Array | Uint32Array | Float32Array>(
  ctor: { new(b: ArrayBufferLike, o: number, n: number): T; new(n: number): T; BYTES_PER_ELEMENT: number }, length: number, shared: boolean,
): T {
  return shared ? new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT), 0, length) : new ctor(length);
}

function buildInThread(x: HistogramInputs, begin: number, end: number, hist: Float64Array): void {
  hist.fill(0, 0, 2 * x.histOffsets[x.nCols]);
  if (x.codes instanceof Uint8Array) histRows8(x.codes, x.nCols, x.histOffsets, x.gpair, x.rows, begin, end, hist);
  else histRows16(x.codes, x.nCols, x.histOffsets, x.gpair, x.rows, begin, end, hist);
}

const isShared = (a: ArrayBufferView) => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;

/**
 * A pool of `nThreads` threads (the caller and nThreads − 1 workers) over `inputs`. Falls back to the
 * calling thread alone when nThreads ≤ 1, no spawner is set, or the inputs are not shared.
 */
export function createHistogramPool(inputs: HistogramInputs, nThreads: number): HistogramPool {
  const sharedInputs = isShared(inputs.codes) && isShared(inputs.gpair) && isShared(inputs.rows);
  if (nThreads <= 1 || !spawner || !canShareMemory() || !sharedInputs) {
    return { nThreads: 1, build: (b, e, h) => buildInThread(inputs, b, e, h), dispose: () => {} };
  }
  const len = 2 * inputs.histOffsets[inputs.nCols];
  const control = new Int32Array(new SharedArrayBuffer(8 * 4));
  control[4] = nThreads;
  const partials = new Float64Array(new SharedArrayBuffer((nThreads - 1) * len * 8));
  const offsets = new Uint32Array(new SharedArrayBuffer(inputs.histOffsets.byteLength));
  offsets.set(inputs.histOffsets);
  const source = histogramWorkerSource();
  const workers: { terminate(): void }[] = [];
  try {
    for (let w = 1; w < nThreads; w++) {
      workers.push(spawner(source, { control, codes: inputs.codes, nCols: inputs.nCols, histOffsets: offsets, gpair: inputs.gpair, rows: inputs.rows, partials, index: w }));
    }
  } catch {
    // Workers cannot be started here after all (a sandbox, a missing API): train in this thread.
    for (const w of workers) w.terminate();
    return createHistogramPool(inputs, 1);
  }
  let disposed = false;
  return {
    nThreads,
    build(begin, end, hist) {
      const n = end - begin;
      if (n < MIN_ROWS_PER_THREAD * nThreads) return buildInThread(inputs, begin, end, hist);
      control[2] = begin; control[3] = end;
      Atomics.store(control, 1, 0);
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
      buildInThread(inputs, begin, begin + Math.floor(n / nThreads), hist);
      let done = Atomics.load(control, 1);
      while (done < nThreads - 1) {
        // A worker that never started (or died) must not hang training forever.
        if (Atomics.wait(control, 1, done, WAIT_LIMIT_MS) === 'timed-out' && Atomics.load(control, 1) === done) {
          throw new Error(`histogram worker threads did not answer within ${WAIT_LIMIT_MS / 1000} s; train with nthread = 1`);
        }
        done = Atomics.load(control, 1);
      }
      if (Atomics.load(control, 6) !== 0) throw new Error('a histogram worker thread failed; train with nthread = 1');
      for (let w = 0; w < nThreads - 1; w++) {
        const base = w * len;
        for (let s = 0; s < len; s++) hist[s] += partials[base + s];
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      Atomics.store(control, 5, 1);
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
      for (const w of workers) w.terminate();
    },
  };
}
