// A pool of threads that builds one tree node's gradient histogram together: the node's rows are split
// into one contiguous chunk per thread, each thread (the caller is thread 0) builds its chunk's histogram,
// and the caller adds the workers' partials to its own in thread order, so a given thread count always
// gives the same sums. Inputs live in SharedArrayBuffer; jobs are posted and awaited with Atomics, so
// `build` is synchronous (the caller must be allowed to block: Node's main thread or a worker, never a
// page's main thread). Where no worker can be started, the pool runs everything in the calling thread.
import {
  fillGoLeft, histRows16, histRows8, histogramWorkerSource, partitionRows16, partitionRows8, PARTITION_TASK_INTS, threadChunk,
  wasmKernel, type HistogramWorkerData, type WasmKernel,
} from './histogram-kernel.ts';
import type { WasmHistogram } from './histogram-wasm.ts';

/** Starts a worker running `source` (a function expression) on `data`; returns how to stop it. */
export type WorkerSpawner = (source: string, data: HistogramWorkerData) => { terminate(): void };

export interface HistogramPool {
  /** Threads taking part, the caller included; 1 for the in-thread pool. */
  readonly nThreads: number;
  /** Writes the histogram of rows[begin, end) over all features into `hist` (2 × totalSlots). */
  build(begin: number, end: number, hist: Float64Array): void;
  /**
   * Builds several nodes' histograms, as `build` does each: big nodes split across the threads, small
   * ones shared out whole (each summed by one thread in row order, as a single thread would).
   */
  buildMany(builds: readonly { begin: number; end: number; hist: Float64Array }[]): void;
  /**
   * Splits the rows of `nTasks` tree nodes, each stably in place into [left | right] (see
   * partitionRows8); `tasks` holds PARTITION_TASK_INTS ints per node (begin, end, feature, split bin,
   * default left). Writes each node's left count to `nLeft`. The result does not depend on the thread
   * count. `goLeft` (65,536 bytes) and `scratch` (one per row) are the caller's working memory.
   */
  partition(tasks: Int32Array, nTasks: number, nLeft: Int32Array, goLeft: Uint8Array, scratch: Uint32Array): void;
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
  /**
   * The WebAssembly kernel whose memory holds `codes`, `gpair` and `rows` (see createWasmHistogram), with a
   * scratch histogram per thread; defaults to none (the JS kernel).
   */
  wasm?: WasmHistogram;
}

/** Below this many rows per thread a node is built in the calling thread (waking workers costs more). */
const MIN_ROWS_PER_THREAD = 4096;

/** Below this many rows per thread a node's rows are split by the caller alone. */
const MIN_PARTITION_ROWS_PER_THREAD = 2048;

/** Partition tasks one job carries (a depthwise level has at most 256 nodes); also whole-node histogram builds. */
const MAX_TASKS = 256;

/** Bytes of whole-node histograms each worker may hold for one buildMany job (at least one histogram). */
const NODE_HIST_BYTES = 16 << 20;

/** How long the caller waits for the workers' chunks before giving up. */
const WAIT_LIMIT_MS = 120_000;

let spawner: WorkerSpawner | null = null;

/** Sets how workers are started in this environment (see node-threads.ts); null turns threads off. */
export function setWorkerSpawner(s: WorkerSpawner | null): void {
  spawner = s;
}

/** How workers are started now (null: threads are off). */
export function workerSpawner(): WorkerSpawner | null {
  return spawner;
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

/** Splits rows[lo, hi) of task `t` in the calling thread (with `wasm`, the WebAssembly kernel's loop); returns the left count. */
function partitionInThread(x: HistogramInputs, tasks: Int32Array, t: number, lo: number, hi: number, goLeft: Uint8Array, scratch: Uint32Array, wasm: WasmKernel | null): number {
  const o = PARTITION_TASK_INTS * t;
  const feature = tasks[o + 2];
  const missing = x.histOffsets[feature + 1] - x.histOffsets[feature] - 1;
  if (wasm) return wasm.partition(lo, hi, feature, tasks[o + 3], missing, tasks[o + 4]);
  fillGoLeft(goLeft, tasks[o + 3], missing, tasks[o + 4]);
  return x.codes instanceof Uint8Array
    ? partitionRows8(x.codes, x.nCols, feature, goLeft, x.rows, scratch, lo, hi)
    : partitionRows16(x.codes, x.nCols, feature, goLeft, x.rows, scratch, lo, hi);
}

function partitionAllInThread(x: HistogramInputs, tasks: Int32Array, nTasks: number, nLeft: Int32Array, goLeft: Uint8Array, scratch: Uint32Array, wasm: WasmKernel | null): void {
  for (let t = 0; t < nTasks; t++) {
    nLeft[t] = partitionInThread(x, tasks, t, tasks[PARTITION_TASK_INTS * t], tasks[PARTITION_TASK_INTS * t + 1], goLeft, scratch, wasm);
  }
}

/**
 * Joins the threads' split chunks of rows[b0, e0), each [left | right], into [all left | all right] with
 * both sides in their original order; `counts[k]` is chunk k's left count. Returns the total left count.
 */
function mergeChunks(rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number, counts: Int32Array, base: number, threads: number): number {
  let w = b0;
  let saved = 0;
  for (let k = 0; k < threads; k++) {
    const [lo, hi] = threadChunk(b0, e0, k, threads);
    const nl = counts[base + k];
    // Earlier chunks' right rows are already saved, so the left rows can move down over them.
    if (w !== lo) rows.copyWithin(w, lo, lo + nl);
    w += nl;
    scratch.set(rows.subarray(lo + nl, hi), saved);
    saved += hi - lo - nl;
  }
  rows.set(scratch.subarray(0, saved), w);
  return w - b0;
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
  // The calling thread's kernel: the WebAssembly one when the inputs have it, else the JS loops.
  const wasm = inputs.wasm ? wasmKernel(inputs.wasm, 0) : null;
  const own = wasm ? wasm.build : (b: number, e: number, h: Float64Array) => buildInThread(inputs, b, e, h);
  if (nThreads <= 1 || !spawner || !canShareMemory() || !sharedInputs) {
    return {
      nThreads: 1,
      build: own,
      buildMany: (list) => { for (const x of list) own(x.begin, x.end, x.hist); },
      partition: (t, n, nl, g, s) => partitionAllInThread(inputs, t, n, nl, g, s, wasm),
      dispose: () => {},
    };
  }
  const len = 2 * inputs.histOffsets[inputs.nCols];
  const control = new Int32Array(new SharedArrayBuffer(16 * 4));
  control[4] = nThreads;
  // Per worker: `slots` histograms, the first also its share of a split node's (see HistogramWorkerData).
  const slots = Math.max(1, Math.min(MAX_TASKS, Math.floor(NODE_HIST_BYTES / (len * 8))));
  const partials = new Float64Array(new SharedArrayBuffer((nThreads - 1) * slots * len * 8));
  const offsets = new Uint32Array(new SharedArrayBuffer(inputs.histOffsets.byteLength));
  offsets.set(inputs.histOffsets);
  const tasks = new Int32Array(new SharedArrayBuffer(MAX_TASKS * PARTITION_TASK_INTS * 4));
  const nLeftShared = new Int32Array(new SharedArrayBuffer(MAX_TASKS * nThreads * 4));
  const source = histogramWorkerSource();
  const workers: { terminate(): void }[] = [];
  try {
    for (let w = 1; w < nThreads; w++) {
      workers.push(spawner(source, { control, codes: inputs.codes, nCols: inputs.nCols, histOffsets: offsets, gpair: inputs.gpair, rows: inputs.rows, partials, slots, index: w, tasks, nLeft: nLeftShared, wasm: inputs.wasm ?? null }));
    }
  } catch {
    // Workers cannot be started here after all (a sandbox, a missing API): train in this thread.
    for (const w of workers) w.terminate();
    return createHistogramPool(inputs, 1);
  }
  let disposed = false;
  /** Wakes the workers for the job described in `control`. */
  const start = (): void => {
    Atomics.store(control, 1, 0);
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
  };
  /** Waits until every worker has finished the current job. */
  const finish = (): void => {
    let done = Atomics.load(control, 1);
    while (done < nThreads - 1) {
      // A worker that never started (or died) must not hang training forever.
      if (Atomics.wait(control, 1, done, WAIT_LIMIT_MS) === 'timed-out' && Atomics.load(control, 1) === done) {
        throw new Error(`histogram worker threads did not answer within ${WAIT_LIMIT_MS / 1000} s; train with nthread = 1`);
      }
      done = Atomics.load(control, 1);
    }
    if (Atomics.load(control, 6) !== 0) throw new Error('a histogram worker thread failed; train with nthread = 1');
  };
  return {
    nThreads,
    build(begin, end, hist) {
      const n = end - begin;
      if (n < MIN_ROWS_PER_THREAD * nThreads) return own(begin, end, hist);
      control[7] = 0;
      control[2] = begin; control[3] = end;
      start();
      own(...threadChunk(begin, end, 0, nThreads), hist);
      finish();
      for (let w = 0; w < nThreads - 1; w++) {
        const base = w * slots * len;
        for (let s = 0; s < len; s++) hist[s] += partials[base + s];
      }
    },
    buildMany(list) {
      const small: number[] = [];
      for (let i = 0; i < list.length; i++) {
        const x = list[i];
        if (x.end - x.begin >= MIN_ROWS_PER_THREAD * nThreads) this.build(x.begin, x.end, x.hist);
        else small.push(i);
      }
      // Largest first, each to the thread with the fewest rows so far that still has a free slot.
      small.sort((a, b) => (list[b].end - list[b].begin) - (list[a].end - list[a].begin) || a - b);
      while (small.length > 0) {
        const load = new Array<number>(nThreads).fill(0);
        const used = new Array<number>(nThreads).fill(0);
        const mine: number[] = [];
        const theirs: [number, number, number][] = [];
        let n = 0;
        while (n < small.length && n < MAX_TASKS) {
          let t = -1;
          for (let k = 0; k < nThreads; k++) if ((k === 0 || used[k] < slots) && (t < 0 || load[k] < load[t])) t = k;
          const i = small[n++];
          load[t] += list[i].end - list[i].begin;
          if (t === 0) mine.push(i);
          else theirs.push([i, t, used[t]++]);
        }
        small.splice(0, n);
        if (theirs.length === 0) {
          for (const i of mine) own(list[i].begin, list[i].end, list[i].hist);
          continue;
        }
        theirs.forEach(([i, t, slot], k) => {
          const o = PARTITION_TASK_INTS * k;
          tasks[o] = list[i].begin; tasks[o + 1] = list[i].end; tasks[o + 2] = t; tasks[o + 3] = slot;
        });
        control[7] = 2; control[8] = theirs.length;
        start();
        for (const i of mine) own(list[i].begin, list[i].end, list[i].hist);
        finish();
        for (const [i, t, slot] of theirs) {
          const base = ((t - 1) * slots + slot) * len;
          list[i].hist.set(partials.subarray(base, base + len));
        }
      }
    },
    partition(all, nTasks, nLeft, goLeft, scratch) {
      const minRows = MIN_PARTITION_ROWS_PER_THREAD * nThreads;
      for (let first = 0; first < nTasks; first += MAX_TASKS) {
        const count = Math.min(MAX_TASKS, nTasks - first);
        const slice = all.subarray(first * PARTITION_TASK_INTS, (first + count) * PARTITION_TASK_INTS);
        let big = 0;
        for (let t = 0; t < count; t++) if (slice[PARTITION_TASK_INTS * t + 1] - slice[PARTITION_TASK_INTS * t] >= minRows) big++;
        if (big === 0) {
          partitionAllInThread(inputs, slice, count, nLeft.subarray(first), goLeft, scratch, wasm);
          continue;
        }
        tasks.set(slice);
        control[7] = 1; control[8] = count; control[9] = minRows;
        start();
        // This thread's chunk of each big node, then the small nodes whole, while the workers split theirs.
        for (let t = 0; t < count; t++) {
          const b0 = slice[PARTITION_TASK_INTS * t], e0 = slice[PARTITION_TASK_INTS * t + 1];
          if (e0 - b0 < minRows) nLeft[first + t] = partitionInThread(inputs, slice, t, b0, e0, goLeft, scratch, wasm);
          else {
            const [lo, hi] = threadChunk(b0, e0, 0, nThreads);
            nLeftShared[t * nThreads] = partitionInThread(inputs, slice, t, lo, hi, goLeft, scratch, wasm);
          }
        }
        finish();
        for (let t = 0; t < count; t++) {
          const b0 = slice[PARTITION_TASK_INTS * t], e0 = slice[PARTITION_TASK_INTS * t + 1];
          if (e0 - b0 >= minRows) nLeft[first + t] = mergeChunks(inputs.rows, scratch, b0, e0, nLeftShared, t * nThreads, nThreads);
        }
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
