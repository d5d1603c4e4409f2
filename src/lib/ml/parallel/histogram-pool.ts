// A pool of threads that builds a tree level's gradient histograms, or splits its nodes' rows, together,
// one job per level. A job is a table of chunks (a node, or a CHUNK_ROWS-sized piece of a big one) that
// every thread, the caller (thread 0) included, claims one at a time: a worker that wakes late, or never,
// costs at most the chunk it holds. Each chunk writes only its own outputs, and the caller joins them in
// chunk order, so results never depend on which thread did what: a node of one chunk sums exactly as a
// single thread does, a chunked one to ~1e-16 relative (the same for every thread count), and split rows
// are always the single-thread ones. Inputs live in SharedArrayBuffer; jobs are posted and awaited with
// Atomics, so calls are synchronous (the caller must be allowed to block: Node's main thread or a worker,
// never a page's main thread). Where no worker can be started, the pool runs everything in the caller.
import {
  fillGoLeft, histRows16, histRows8, histogramWorkerSource, logisticGradientRows, partitionRows16, partitionRows8, PARTITION_TASK_INTS, runChunks,
  threadChunk, wasmKernel, type ChunkRunner, type GradientInputs, type HistogramWorkerData, type WasmKernel,
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
   * Builds several nodes' histograms, as `build` does each, in one job: big nodes cut into chunks, small
   * ones whole (each summed by one thread in row order, as a single thread would).
   */
  buildMany(builds: readonly { begin: number; end: number; hist: Float64Array }[]): void;
  /**
   * Splits the rows of `nTasks` tree nodes, each stably in place into [left | right] (see
   * partitionRows8); `tasks` holds PARTITION_TASK_INTS ints per node (begin, end, feature, split bin,
   * default left). Writes each node's left count to `nLeft`. The result does not depend on the thread
   * count. `goLeft` (65,536 bytes) and `scratch` (one per row) are the caller's working memory.
   */
  partition(tasks: Int32Array, nTasks: number, nLeft: Int32Array, goLeft: Uint8Array, scratch: Uint32Array): void;
  /**
   * Logistic gradients of rows [0, n) from `inputs.gradients` into its grad and hess and into gpair (see
   * logisticGradientRows), in chunks across the threads; the same values as in one thread, bit for bit.
   */
  logisticGradients(n: number): void;
  /**
   * Adds each leaf's float32 `value` to `inputs.gradients.margins` of the rows at positions [begin, end)
   * of `rows` (leaves own disjoint rows, so the result is the one-thread result, bit for bit).
   */
  addLeafMargins(leaves: readonly { begin: number; end: number; value: number }[]): void;
  /** Chunks each thread has built or split so far (index 0: the caller); shows that workers took part. */
  workDone(): number[];
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
  /** Shared margins, labels and outputs for logisticGradients; defaults to none. */
  gradients?: GradientInputs;
}

/** A node of more rows than this is cut into chunks that threads take one at a time (about 1 ms of work each). */
const CHUNK_ROWS = 16_384;

/** Below this many rows in all a job runs in the calling thread alone (waking workers costs more). */
const MIN_JOB_ROWS = 8_192;

/** Chunks one job may hold (a depthwise level has at most 256 nodes). */
const MAX_CHUNKS = 1024;

/** Bytes of histogram slots shared by the threads (at least one histogram). */
const HIST_BYTES = 16 << 20;

/** How long the caller waits for a chunk another thread holds before giving up. */
const WAIT_LIMIT_MS = 120_000;

/** How often a waiting caller looks for a failed worker. */
const WAIT_SLICE_MS = 20;

/** Loads of the control block a waiting caller spins through before it sleeps (a fraction of a millisecond). */
const SPIN = 50_000;

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
 * Joins the split chunks of rows[b0, e0) (threadChunk's cut into `chunks`), each [left | right], into [all left | all right] with
 * both sides in their original order; `counts[k]` is chunk k's left count. Returns the total left count.
 */
function mergeChunks(rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number, counts: Int32Array, base: number, chunks: number): number {
  let w = b0;
  let saved = 0;
  for (let k = 0; k < chunks; k++) {
    const [lo, hi] = threadChunk(b0, e0, k, chunks);
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

function gradientsInThread(x: HistogramInputs, lo: number, hi: number): void {
  const g = x.gradients;
  if (!g) throw new Error('this histogram pool was made without gradient inputs');
  logisticGradientRows(g.margins, g.labels, g.weights, g.params[0], g.grad, g.hess, x.gpair, lo, hi);
}

function marginsInThread(x: HistogramInputs, leaves: readonly { begin: number; end: number; value: number }[]): void {
  const m = x.gradients?.margins;
  if (!m) throw new Error('this histogram pool was made without gradient inputs');
  for (const { begin, end, value } of leaves) for (let i = begin; i < end; i++) m[x.rows[i]] += value;
}

const isShared = (a: ArrayBufferView) => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;

/**
 * A pool of `nThreads` threads (the caller and nThreads − 1 workers) over `inputs`. Falls back to the
 * calling thread alone when nThreads ≤ 1, no spawner is set, or the inputs are not shared.
 */
export function createHistogramPool(inputs: HistogramInputs, nThreads: number): HistogramPool {
  const g = inputs.gradients;
  const sharedInputs = isShared(inputs.codes) && isShared(inputs.gpair) && isShared(inputs.rows)
    && (!g || [g.margins, g.labels, g.weights, g.grad, g.hess, g.params].every(isShared));
  // The calling thread's kernel: the WebAssembly one when the inputs have it, else the JS loops.
  const wasm = inputs.wasm ? wasmKernel(inputs.wasm, 0) : null;
  const own = wasm ? wasm.build : (b: number, e: number, h: Float64Array) => buildInThread(inputs, b, e, h);
  if (nThreads <= 1 || !spawner || !canShareMemory() || !sharedInputs) {
    return {
      nThreads: 1,
      build: own,
      buildMany: (list) => { for (const x of list) own(x.begin, x.end, x.hist); },
      partition: (t, n, nl, g, s) => partitionAllInThread(inputs, t, n, nl, g, s, wasm),
      logisticGradients: (n) => gradientsInThread(inputs, 0, n),
      addLeafMargins: (leaves) => marginsInThread(inputs, leaves),
      workDone: () => [0],
      dispose: () => {},
    };
  }
  const len = 2 * inputs.histOffsets[inputs.nCols];
  const control = new Int32Array(new SharedArrayBuffer((16 + nThreads) * 4));
  control[4] = nThreads;
  const slots = Math.max(1, Math.min(MAX_CHUNKS, Math.floor(HIST_BYTES / (len * 8))));
  const partials = new Float64Array(new SharedArrayBuffer(slots * len * 8));
  const offsets = new Uint32Array(new SharedArrayBuffer(inputs.histOffsets.byteLength));
  offsets.set(inputs.histOffsets);
  const tasks = new Int32Array(new SharedArrayBuffer(MAX_CHUNKS * PARTITION_TASK_INTS * 4));
  const nLeftShared = new Int32Array(new SharedArrayBuffer(MAX_CHUNKS * 4));
  const source = histogramWorkerSource();
  const workers: { terminate(): void }[] = [];
  const data = (index: number): HistogramWorkerData => ({
    control, codes: inputs.codes, nCols: inputs.nCols, histOffsets: offsets, gpair: inputs.gpair, rows: inputs.rows, partials, index, tasks, nLeft: nLeftShared, wasm: inputs.wasm ?? null, gradients: inputs.gradients ?? null,
  });
  try {
    for (let w = 1; w < nThreads; w++) workers.push(spawner(source, data(w)));
  } catch {
    // Workers cannot be started here after all (a sandbox, a missing API): train in this thread.
    for (const w of workers) w.terminate();
    return createHistogramPool(inputs, 1);
  }
  // The caller is thread 0: it claims chunks like the workers, so a worker that wakes late (or never)
  // costs at most the chunk it holds, never a whole share.
  const runner: ChunkRunner = { d: data(0), kernel: wasm, goLeft: new Uint8Array(65536), scratch: new Uint32Array(0) };
  let disposed = false;
  let job = 0;
  /** Runs the job of `n` chunks described in `tasks` (kind 1 partition, 2 histograms) on every thread. */
  const run = (kind: number, n: number): void => {
    // Close the finished job's claim word before changing the tables, then open the new one.
    Atomics.store(control, 11, 0xffff);
    control[7] = kind;
    Atomics.store(control, 8, n);
    Atomics.store(control, 1, 0);
    job = (job + 1) & 0x7fff;
    Atomics.store(control, 11, job << 16);
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
    runChunks(runner, 0);
    // Wait for chunks other threads still hold: spin briefly (they are at most one chunk each), then sleep.
    let done = Atomics.load(control, 1);
    for (let i = 0; done < n && i < SPIN && Atomics.load(control, 6) === 0; i++) done = Atomics.load(control, 1);
    const t0 = Date.now();
    while (done < n && Atomics.load(control, 6) === 0) {
      Atomics.wait(control, 1, done, WAIT_SLICE_MS);
      done = Atomics.load(control, 1);
      if (done < n && Date.now() - t0 > WAIT_LIMIT_MS) throw new Error(`histogram worker threads did not answer within ${WAIT_LIMIT_MS / 1000} s; train with nthread = 1`);
    }
    if (Atomics.load(control, 6) !== 0) throw new Error('a histogram worker thread failed; train with nthread = 1');
  };
  return {
    nThreads,
    build(begin, end, hist) {
      this.buildMany([{ begin, end, hist }]);
    },
    buildMany(list) {
      // Each node is one chunk, or ⌈rows / CHUNK_ROWS⌉ equal chunks when bigger (sums in another order
      // than one thread's, to about 1e-16 relative, but the same for any thread count); big chunks first.
      let total = 0;
      for (const x of list) total += x.end - x.begin;
      if (total < MIN_JOB_ROWS) { for (const x of list) own(x.begin, x.end, x.hist); return; }
      const order = list.map((_, i) => i).sort((a, b) => (list[b].end - list[b].begin) - (list[a].end - list[a].begin) || a - b);
      let next = 0;
      while (next < order.length) {
        // As many nodes as the slots hold go in one job.
        const batch: { i: number; first: number; count: number }[] = [];
        let n = 0;
        while (next < order.length) {
          const x = list[order[next]];
          const count = Math.max(1, Math.ceil((x.end - x.begin) / CHUNK_ROWS));
          if (n + count > slots && n > 0) break;
          if (count > slots) throw new Error(`a node of ${x.end - x.begin} rows needs more histogram slots than the pool has`);
          batch.push({ i: order[next++], first: n, count });
          for (let k = 0; k < count; k++) {
            const [lo, hi] = threadChunk(x.begin, x.end, k, count);
            const o = PARTITION_TASK_INTS * (n + k);
            tasks[o] = lo; tasks[o + 1] = hi; tasks[o + 2] = n + k;
          }
          n += count;
        }
        // Chunks are claimed in table order: biggest first, so that the last ones to finish are short.
        run(2, n);
        for (const { i, first, count } of batch) {
          const hist = list[i].hist;
          hist.set(partials.subarray(first * len, (first + 1) * len));
          for (let k = 1; k < count; k++) {
            const base = (first + k) * len;
            for (let s = 0; s < len; s++) hist[s] += partials[base + s];
          }
        }
      }
    },
    partition(all, nTasks, nLeft, goLeft, scratch) {
      let total = 0;
      for (let t = 0; t < nTasks; t++) total += all[PARTITION_TASK_INTS * t + 1] - all[PARTITION_TASK_INTS * t];
      if (total < MIN_JOB_ROWS) { partitionAllInThread(inputs, all, nTasks, nLeft, goLeft, scratch, wasm); return; }
      let t = 0;
      while (t < nTasks) {
        // Each node is one chunk, or ⌈rows / CHUNK_ROWS⌉ when bigger; every chunk splits its rows in place.
        const batch: { t: number; first: number; count: number }[] = [];
        let n = 0;
        while (t < nTasks) {
          const o = PARTITION_TASK_INTS * t;
          const b0 = all[o], e0 = all[o + 1];
          const count = Math.max(1, Math.ceil((e0 - b0) / CHUNK_ROWS));
          if (n + count > MAX_CHUNKS && n > 0) break;
          batch.push({ t, first: n, count });
          for (let k = 0; k < count; k++) {
            const [lo, hi] = threadChunk(b0, e0, k, count);
            const c = PARTITION_TASK_INTS * (n + k);
            tasks[c] = lo; tasks[c + 1] = hi; tasks[c + 2] = all[o + 2]; tasks[c + 3] = all[o + 3]; tasks[c + 4] = all[o + 4];
          }
          n += count;
          t++;
        }
        run(1, n);
        // Join each big node's chunks, each [left | right], into [all left | all right] in row order.
        for (const { t: u, first, count } of batch) {
          const o = PARTITION_TASK_INTS * u;
          nLeft[u] = count === 1 ? nLeftShared[first] : mergeChunks(inputs.rows, scratch, all[o], all[o + 1], nLeftShared, first, count);
        }
      }
    },
    logisticGradients(n) {
      if (!inputs.gradients) return gradientsInThread(inputs, 0, n);
      if (n < MIN_JOB_ROWS) return gradientsInThread(inputs, 0, n);
      const count = Math.min(MAX_CHUNKS, Math.ceil(n / CHUNK_ROWS));
      for (let k = 0; k < count; k++) {
        const [lo, hi] = threadChunk(0, n, k, count);
        tasks[PARTITION_TASK_INTS * k] = lo; tasks[PARTITION_TASK_INTS * k + 1] = hi;
      }
      run(3, count);
    },
    addLeafMargins(leaves) {
      let total = 0;
      for (const x of leaves) total += x.end - x.begin;
      if (!inputs.gradients || total < MIN_JOB_ROWS) return marginsInThread(inputs, leaves);
      const values = new Float32Array(tasks.buffer, tasks.byteOffset, tasks.length);
      let n = 0;
      for (const { begin, end, value } of leaves) {
        const count = Math.max(1, Math.ceil((end - begin) / CHUNK_ROWS));
        if (n + count > MAX_CHUNKS) { run(4, n); n = 0; }
        for (let k = 0; k < count; k++) {
          const [lo, hi] = threadChunk(begin, end, k, count);
          const o = PARTITION_TASK_INTS * n++;
          tasks[o] = lo; tasks[o + 1] = hi; values[o + 2] = value;
        }
      }
      if (n > 0) run(4, n);
    },
    workDone() {
      return Array.from({ length: nThreads }, (_, k) => Atomics.load(control, 16 + k));
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
