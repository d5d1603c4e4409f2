// A pool of threads that builds a tree level's gradient histograms, splits its nodes' rows, scans its
// histograms for the best splits, or computes gradients, together, one job per step. A job is a table of
// chunks (a node, a CHUNK_ROWS-sized piece of a big one, a block of features or of rows) that every
// thread, the caller (thread 0) included, claims one at a time: a worker that wakes late, or never, costs
// at most the chunk it holds. Each chunk writes only its own outputs, and they are joined in chunk order,
// so results never depend on which thread did what: a node of one chunk sums exactly as a single thread
// does, a chunked one to ~1e-16 relative (the same for every thread count), split rows and split records
// are always the single-thread ones. Node histograms can live in shared slots (the caller's `hists`),
// built there in place and scanned there, where possible by the thread that built them (its cache holds
// them). Inputs live in SharedArrayBuffer; jobs are posted and awaited with Atomics, so calls are
// synchronous (the caller must be allowed to block: Node's main thread or a worker, never a page's main
// thread). Where no worker can be started, the pool runs everything in the caller.
import {
  allFeatures, histogramWorkerSource, PARTITION_TASK_INTS, runChunks, threadChunk, wasmKernel,
  type ChunkRunner, type HistogramWorkerData, type SplitScanData,
} from './histogram-kernel.ts';
import {
  buildInThread, gradientsInThread, marginsInThread, mergeChunks, mergeRecord, partitionAllInThread, scanInThread, sumsInThread,
} from './pool-in-thread.ts';
import type { HistogramInputs, HistogramPool } from './pool-types.ts';
import { SPLIT_RECORD } from './split-scan.ts';
import { joinRocChunks, METRIC_OUTPUTS, rankCuts } from './metric-chunks.ts';

export type { BuildScans, HistogramInputs, HistogramPool, SplitInputs, SplitScanNode } from './pool-types.ts';

/** Starts a worker running `source` (a function expression) on `data`; returns how to stop it. */
export type WorkerSpawner = (source: string, data: HistogramWorkerData) => { terminate(): void };

/** A node of more rows than this is cut into chunks that threads take one at a time (about 1 ms of work each). */
const CHUNK_ROWS = 16_384;

/** Rows per chunk of a gradient job (about 0.1 ms of work). */
const GRADIENT_CHUNK_ROWS = 4_096;

/**
 * Chunk slots a pool over `nRows` rows with histograms of `histLength` doubles wants in its `hists`: one
 * per chunk of the biggest node, within HIST_BYTES.
 */
export function poolChunkSlots(nRows: number, histLength: number): number {
  return Math.max(1, Math.min(MAX_CHUNKS, Math.ceil(nRows / CHUNK_ROWS), Math.floor(HIST_BYTES / (8 * histLength))));
}

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

/**
 * Loads of the control block a waiting thread spins through before it sleeps, unless the environment sets
 * another count (setWorkerSpawner): a fraction of a millisecond.
 */
const SPIN = 200_000;

let spawner: WorkerSpawner | null = null;
let spinLoads = SPIN;

/**
 * Sets how workers are started in this environment (see node-threads.ts); null turns threads off. `spin`
 * (defaults to 200,000) is how many loads a waiting thread spins through before it sleeps: a page's
 * workers share the cores with the page's own rendering threads, where a spinning thread takes the core
 * the thread it waits for needs (measured in Chromium on 2 cores: 2 threads trained no faster than 1 with
 * 200,000, about 1.2x faster with 2,000).
 */
export function setWorkerSpawner(s: WorkerSpawner | null, spin = SPIN): void {
  spawner = s;
  spinLoads = spin;
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

/** Split scans of fewer histogram slots than this run in the calling thread. */
const MIN_SCAN_SLOTS = 4096;

const isShared = (a: ArrayBufferView) => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;

/**
 * A pool of `nThreads` threads (the caller and nThreads − 1 workers) over `inputs`. Falls back to the
 * calling thread alone when nThreads ≤ 1, no spawner is set, or the inputs are not shared.
 */
export function createHistogramPool(inputs: HistogramInputs, nThreads: number): HistogramPool {
  const g = inputs.gradients;
  const sharedInputs = isShared(inputs.codes) && isShared(inputs.gpair) && isShared(inputs.rows)
    && (!g || [g.margins, g.labels, g.weights, g.grad, g.hess, g.params].every(isShared))
    && (!inputs.hists || isShared(inputs.hists));
  // The calling thread's kernel: the WebAssembly one when the inputs have it, else the JS loops.
  const wasm = inputs.wasm ? wasmKernel(inputs.wasm, 0) : null;
  const own = wasm ? wasm.build : (b: number, e: number, h: Float64Array) => buildInThread(inputs, b, e, h);
  const features = allFeatures(inputs.nCols);
  if (nThreads <= 1 || !spawner || !canShareMemory() || !sharedInputs) {
    return {
      nThreads: 1,
      build: own,
      buildMany: (list, sums, scans) => {
        for (const x of list) own(x.begin, x.end, x.hist);
        if (sums) sumsInThread(inputs, inputs.rows.length, sums);
        if (scans) scanInThread(inputs, scans.nodes, scans.out, features);
      },
      partition: (t, n, nl, g, s) => partitionAllInThread(inputs, t, n, nl, g, s, wasm),
      logisticGradients: (n, reset = false) => gradientsInThread(inputs, 0, n, reset, wasm),
      addLeafMargins: (leaves) => marginsInThread(inputs, leaves, wasm),
      evaluateSplits: (nodes, out) => scanInThread(inputs, nodes, out, features),
      binaryMetrics: () => null,
      workDone: () => [0],
      dispose: () => {},
    };
  }
  const len = 2 * inputs.histOffsets[inputs.nCols];
  const control = new Int32Array(new SharedArrayBuffer((16 + nThreads) * 4));
  control[4] = nThreads;
  // Histogram slots: the caller's (chunk slots first, then node histograms), else HIST_BYTES of chunk slots.
  const chunkSlots = inputs.hists ? Math.min(MAX_CHUNKS, inputs.chunkSlots ?? 0) : Math.max(1, Math.min(MAX_CHUNKS, Math.floor(HIST_BYTES / (len * 8))));
  const partials = inputs.hists ?? new Float64Array(new SharedArrayBuffer(chunkSlots * len * 8));
  /** The slot of `h` when it is one of the node histogram slots of `partials`, else −1. */
  const slotOf = (h: Float64Array): number => {
    if (h.buffer !== partials.buffer || h.length !== len) return -1;
    const k = (h.byteOffset - partials.byteOffset) / (8 * len);
    return Number.isInteger(k) && k >= chunkSlots ? k : -1;
  };
  const offsets = new Uint32Array(new SharedArrayBuffer(inputs.histOffsets.byteLength));
  offsets.set(inputs.histOffsets);
  const tasks = new Int32Array(new SharedArrayBuffer(MAX_CHUNKS * PARTITION_TASK_INTS * 4));
  const nLeftShared = new Int32Array(new SharedArrayBuffer(MAX_CHUNKS * 4));
  const sp = inputs.split;
  const copy = <T extends Uint8Array | Uint32Array | Float32Array | Float64Array>(a: T): T => {
    const c = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
    c.set(a as never);
    return c;
  };
  const split: SplitScanData | null = sp && inputs.hists ? {
    nBins: copy(sp.nBins), cutPtrs: copy(sp.cutPtrs), cutValues: copy(sp.cutValues), minValues: copy(sp.minValues), hasMissing: copy(sp.hasMissing),
    params: copy(Float64Array.of(sp.lambda, sp.alpha, sp.minChildWeight)),
    stats: new Float64Array(new SharedArrayBuffer(MAX_CHUNKS * 6 * 8)), results: new Float64Array(new SharedArrayBuffer(MAX_CHUNKS * 2 * SPLIT_RECORD * 8)),
    scanTasks: new Int32Array(new SharedArrayBuffer(MAX_CHUNKS * PARTITION_TASK_INTS * 4)),
  } : null;
  const sums = new Float64Array(new SharedArrayBuffer(16));
  const spin = spinLoads;
  const metrics = new Float64Array(new SharedArrayBuffer(MAX_CHUNKS * METRIC_OUTPUTS * 8));
  const source = histogramWorkerSource();
  const workers: { terminate(): void }[] = [];
  const data = (index: number): HistogramWorkerData => ({
    control, codes: inputs.codes, nCols: inputs.nCols, histOffsets: offsets, gpair: inputs.gpair, rows: inputs.rows, partials, partialsInKernel: !!inputs.hists && !!inputs.wasm, index, tasks, nLeft: nLeftShared, wasm: inputs.wasm ?? null, gradients: inputs.gradients ?? null, split, sums, metrics, spin,
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
  const runner: ChunkRunner = { d: data(0), kernel: wasm, goLeft: new Uint8Array(65536), scratch: new Uint32Array(0), features, ranks: { keys: new Uint32Array(0), other: new Uint32Array(0) } };
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
    for (let i = 0; done < n && i < spin && Atomics.load(control, 6) === 0; i++) done = Atomics.load(control, 1);
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
    buildMany(list, sumsOut, scans) {
      // Each node is one chunk, or ⌈rows / CHUNK_ROWS⌉ equal chunks when bigger (sums in another order
      // than one thread's, to about 1e-16 relative, but the same for any thread count); big chunks first.
      let total = 0;
      for (const x of list) total += x.end - x.begin;
      if (sumsOut && !inputs.gradients) throw new Error('this histogram pool was made without gradient inputs');
      if (scans && (!split || scans.nodes.length !== list.length || list.length > MAX_CHUNKS)) throw new Error('buildMany scans need the pool\'s split inputs and one node per build');
      if (total < MIN_JOB_ROWS) {
        for (const x of list) own(x.begin, x.end, x.hist);
        if (sumsOut) sumsInThread(inputs, inputs.rows.length, sumsOut);
        if (scans) this.evaluateSplits(scans.nodes, scans.out);
        return;
      }
      // Nodes built whole into their own slot are scanned in the same chunk; the rest once all are built.
      const later: number[] = [];
      let sumPending = sumsOut !== undefined;
      const order = list.map((_, i) => i).sort((a, b) => (list[b].end - list[b].begin) - (list[a].end - list[a].begin) || a - b);
      let next = 0;
      while (next < order.length) {
        // As many nodes as the chunk slots hold go in one job. A node's histogram that is one of the
        // pool's slots takes its first chunk in place; other chunks go to chunk slots.
        const batch: { i: number; slots: number[] }[] = [];
        let n = 0, used = 0;
        if (sumPending) {
          // The gradient sums go first, so that a thread takes them while the others start on the histograms.
          tasks[0] = 0; tasks[1] = inputs.rows.length; tasks[2] = -1; tasks[3] = -1;
          n = 1;
        }
        while (next < order.length) {
          const x = list[order[next]];
          const home = slotOf(x.hist);
          // Fewer, bigger chunks where the slots are few (wide histograms): the cut depends on sizes alone.
          const count = Math.max(1, Math.min(Math.ceil((x.end - x.begin) / CHUNK_ROWS), chunkSlots + (home >= 0 ? 1 : 0)));
          const need = home >= 0 ? count - 1 : count;
          if ((used + need > chunkSlots || n + count > MAX_CHUNKS) && n > 0) break;
          const targets: number[] = [];
          const i = order[next];
          const fused = scans !== undefined && count === 1 && home >= 0 && home === scans.nodes[i].slot;
          if (scans && !fused) later.push(i);
          if (fused && split) {
            const v = scans.nodes[i], b = v.sibling, q = PARTITION_TASK_INTS * i, st = split.stats;
            split.scanTasks[q] = v.slot; split.scanTasks[q + 1] = b ? b.slot : -1; split.scanTasks[q + 2] = b ? b.parent : -1;
            split.scanTasks[q + 3] = 0; split.scanTasks[q + 4] = inputs.nCols;
            st[6 * i] = v.G; st[6 * i + 1] = v.H; st[6 * i + 2] = v.gain;
            st[6 * i + 3] = b ? b.G : 0; st[6 * i + 4] = b ? b.H : 0; st[6 * i + 5] = b ? b.gain : 0;
          }
          for (let k = 0; k < count; k++) {
            const [lo, hi] = threadChunk(x.begin, x.end, k, count);
            const o = PARTITION_TASK_INTS * n++;
            const slot = k === 0 && home >= 0 ? home : used++;
            tasks[o] = lo; tasks[o + 1] = hi; tasks[o + 2] = slot; tasks[o + 3] = fused ? i : -1;
            targets.push(slot);
          }
          batch.push({ i: order[next++], slots: targets });
        }
        // Chunks are claimed in table order: biggest first, so that the last ones to finish are short.
        run(2, n);
        if (sumPending && sumsOut) { sumsOut[0] = sums[0]; sumsOut[1] = sums[1]; sumPending = false; }
        if (scans && split) {
          // Copy out the records of the nodes scanned in this job before later jobs reuse the tables.
          for (const { i } of batch) {
            if (later.includes(i)) continue;
            scans.out.set(split.results.subarray(2 * SPLIT_RECORD * i, 2 * SPLIT_RECORD * (i + 1)), 2 * SPLIT_RECORD * i);
          }
        }
        // A node's histogram is its chunks' sum in chunk order: for a slot (its first chunk already in
        // place), the threads add the others over blocks of doubles; a private one here.
        const joins = batch.filter((b) => b.slots.length > 1 && b.slots[0] === slotOf(list[b.i].hist));
        if (joins.length > 0) {
          const blocks = Math.max(1, Math.min(Math.ceil(len / 1024), Math.ceil((4 * nThreads) / joins.length)));
          let c = 0;
          for (const { slots: targets } of joins) {
            for (let k = 0; k < blocks; k++, c++) {
              // Blocks of whole 64-byte lines, so no two threads write into one line.
              const s0 = Math.min(len, 8 * Math.floor((len * k) / blocks / 8)), s1 = k === blocks - 1 ? len : Math.min(len, 8 * Math.floor((len * (k + 1)) / blocks / 8));
              const o = PARTITION_TASK_INTS * c;
              tasks[o] = targets[0]; tasks[o + 1] = targets[1]; tasks[o + 2] = targets.length - 1; tasks[o + 3] = s0; tasks[o + 4] = s1;
            }
          }
          run(6, c);
        }
        for (const { i, slots: targets } of batch) {
          const hist = list[i].hist;
          if (targets[0] === slotOf(hist)) continue;
          hist.set(partials.subarray(targets[0] * len, (targets[0] + 1) * len));
          for (let k = 1; k < targets.length; k++) {
            const base = targets[k] * len;
            for (let s = 0; s < len; s++) hist[s] += partials[base + s];
          }
        }
      }
      if (scans && later.length > 0) {
        // Nodes built in chunks: scanned in blocks of features by all threads, now that they are whole.
        const recs = new Float64Array(2 * SPLIT_RECORD * later.length);
        this.evaluateSplits(later.map((i) => scans.nodes[i]), recs);
        later.forEach((i, k) => scans.out.set(recs.subarray(2 * SPLIT_RECORD * k, 2 * SPLIT_RECORD * (k + 1)), 2 * SPLIT_RECORD * i));
      }
    },
    partition(all, nTasks, nLeft, goLeft, scratch) {
      let total = 0;
      for (let t = 0; t < nTasks; t++) total += all[PARTITION_TASK_INTS * t + 1] - all[PARTITION_TASK_INTS * t];
      if (total < MIN_JOB_ROWS) { partitionAllInThread(inputs, all, nTasks, nLeft, goLeft, scratch, wasm); return; }
      // Biggest nodes first, each one chunk that splits its rows in place, so that the last ones to finish
      // are short. A node is cut into ⌈rows / CHUNK_ROWS⌉ chunks only when it alone is well over a thread's
      // share: joining the chunks costs this thread a pass over its rows (measured: cutting every node over
      // CHUNK_ROWS was slower). Any cut gives the same rows.
      const size = (u: number) => all[PARTITION_TASK_INTS * u + 1] - all[PARTITION_TASK_INTS * u];
      const order = Array.from({ length: nTasks }, (_, u) => u).sort((a, b) => size(b) - size(a) || a - b);
      const share = (1.25 * total) / nThreads;
      let next = 0;
      while (next < nTasks) {
        const batch: { t: number; first: number; count: number }[] = [];
        let n = 0;
        while (next < nTasks) {
          const t = order[next];
          const o = PARTITION_TASK_INTS * t;
          const b0 = all[o], e0 = all[o + 1];
          const count = e0 - b0 > share ? Math.max(1, Math.ceil((e0 - b0) / CHUNK_ROWS)) : 1;
          if (n + count > MAX_CHUNKS && n > 0) break;
          batch.push({ t, first: n, count });
          for (let k = 0; k < count; k++) {
            const [lo, hi] = threadChunk(b0, e0, k, count);
            const c = PARTITION_TASK_INTS * (n + k);
            tasks[c] = lo; tasks[c + 1] = hi; tasks[c + 2] = all[o + 2]; tasks[c + 3] = all[o + 3]; tasks[c + 4] = all[o + 4];
          }
          n += count;
          next++;
        }
        run(1, n);
        // Join each big node's chunks, each [left | right], into [all left | all right] in row order.
        for (const { t: u, first, count } of batch) {
          const o = PARTITION_TASK_INTS * u;
          nLeft[u] = count === 1 ? nLeftShared[first] : mergeChunks(inputs.rows, scratch, all[o], all[o + 1], nLeftShared, first, count);
        }
      }
    },
    logisticGradients(n, reset = false) {
      if (!inputs.gradients || n < MIN_JOB_ROWS) return gradientsInThread(inputs, 0, n, reset, wasm);
      // Small chunks (each row's gradient is its own, so any cut gives the same values): a short tail.
      const count = Math.min(MAX_CHUNKS, Math.ceil(n / GRADIENT_CHUNK_ROWS));
      for (let k = 0; k < count; k++) {
        const [lo, hi] = threadChunk(0, n, k, count);
        tasks[PARTITION_TASK_INTS * k] = lo; tasks[PARTITION_TASK_INTS * k + 1] = hi; tasks[PARTITION_TASK_INTS * k + 2] = reset ? 1 : 0;
      }
      run(3, count);
    },
    addLeafMargins: (leaves) => marginsInThread(inputs, leaves, wasm),
    evaluateSplits(nodes, out) {
      let work = 0;
      for (const v of nodes) work += v.sibling ? 2 : 1;
      if (!split || work * len < 2 * MIN_SCAN_SLOTS) return scanInThread(inputs, nodes, out, features);
      const nCols = inputs.nCols;
      // Blocks of features per node: enough chunks for every thread to take several (few nodes), else whole nodes.
      const blocks = Math.max(1, Math.min(nCols, Math.ceil((4 * nThreads) / nodes.length)));
      const perJob = Math.max(1, Math.floor(MAX_CHUNKS / blocks));
      for (let first = 0; first < nodes.length; first += perJob) {
        const last = Math.min(nodes.length, first + perJob);
        let c = 0;
        for (let i = first; i < last; i++) {
          const v = nodes[i], b = v.sibling;
          for (let k = 0; k < blocks; k++, c++) {
            const [k0, k1] = threadChunk(0, nCols, k, blocks);
            const o = PARTITION_TASK_INTS * c;
            tasks[o] = v.slot; tasks[o + 1] = b ? b.slot : -1; tasks[o + 2] = b ? b.parent : -1; tasks[o + 3] = k0; tasks[o + 4] = k1;
            const st = split.stats, q = 6 * c;
            st[q] = v.G; st[q + 1] = v.H; st[q + 2] = v.gain;
            st[q + 3] = b ? b.G : 0; st[q + 4] = b ? b.H : 0; st[q + 5] = b ? b.gain : 0;
          }
        }
        run(5, c);
        // Each node's record is its blocks' records kept in feature order, as one scan over all features keeps them.
        const r = split.results;
        c = 0;
        for (let i = first; i < last; i++, c += blocks) {
          for (let side = 0; side < (nodes[i].sibling ? 2 : 1); side++) {
            const o = 2 * SPLIT_RECORD * i + SPLIT_RECORD * side;
            for (let f = 0; f < SPLIT_RECORD; f++) out[o + f] = r[2 * SPLIT_RECORD * c + SPLIT_RECORD * side + f];
            for (let k = 1; k < blocks; k++) mergeRecord(out, o, r, 2 * SPLIT_RECORD * (c + k) + SPLIT_RECORD * side);
          }
        }
      }
    },
    binaryMetrics(n, logloss, auc) {
      const g = inputs.gradients;
      if (!g?.preds || g.weights.length > 0 || n < MIN_JOB_ROWS || g.preds.length !== n || g.labels.length !== n || nThreads > MAX_CHUNKS / 2) return null;
      let c = 0;
      if (auc) {
        // A range of ranks per thread, cut at the sample's quantiles: each thread ranks about n / threads rows.
        const cuts = rankCuts(g.preds, n, nThreads);
        for (let j = 0; j < nThreads; j++, c++) {
          tasks[PARTITION_TASK_INTS * c] = cuts[j]; tasks[PARTITION_TASK_INTS * c + 1] = cuts[j + 1] - 1; tasks[PARTITION_TASK_INTS * c + 2] = 1;
        }
      }
      const firstSum = c;
      if (logloss) {
        // Chunks of a size that depends on n alone (at most half the job's chunks, the AUC ranges taking
        // fewer), so the sum does not depend on the thread count.
        const size = Math.max(CHUNK_ROWS, Math.ceil(n / (MAX_CHUNKS / 2)));
        for (let lo = 0; lo < n; lo += size, c++) {
          tasks[PARTITION_TASK_INTS * c] = lo; tasks[PARTITION_TASK_INTS * c + 1] = Math.min(n, lo + size); tasks[PARTITION_TASK_INTS * c + 2] = 0;
        }
      }
      if (c === 0) return {};
      run(7, c);
      const out: { logloss?: number; auc?: number } = {};
      if (auc) {
        const a = joinRocChunks(metrics, 0, nThreads);
        if (a === null) return null;
        out.auc = a;
      }
      if (logloss) {
        let s = 0;
        for (let k = firstSum; k < c; k++) s += metrics[METRIC_OUTPUTS * k];
        out.logloss = s / n;
      }
      return out;
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
