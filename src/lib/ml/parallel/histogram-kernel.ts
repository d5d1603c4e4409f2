// The gradient-histogram kernel over a row-major bin matrix (XGBoost's row-wise BuildHist): for each of
// rows[begin, end), in order, add the row's interleaved [g, h] to the slot of every feature's bin.
// Every bin receives its rows' gradients in ascending position order, so a build over one range is
// bit-identical to a feature-by-feature build. These functions are self-contained (no imports, no
// closures) because the histogram pool also runs their source text inside workers. The row-partition
// kernels that split a node's rows by a split live here for the same reason.
// The WebAssembly kernel (histogram-wasm.ts) is instantiated per thread by wasmKernel, here too.
import type { WasmHistogram } from './histogram-wasm.ts';

/** Uint8 codes, all nCols features; `offs[j]` is feature j's first slot. */
export function histRows8(codes: Uint8Array, nCols: number, offs: Uint32Array, gpair: Float32Array, rows: Uint32Array, begin: number, end: number, hist: Float64Array): void {
  // Four features per step: independent loads and adds in flight (V8 does not unroll loops itself).
  const n4 = nCols & ~3;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gpair[2 * r], h = gpair[2 * r + 1];
    const c0 = r * nCols;
    let j = 0;
    for (; j < n4; j += 4) {
      const c = c0 + j;
      const s0 = (offs[j] + codes[c]) << 1;
      const s1 = (offs[j + 1] + codes[c + 1]) << 1;
      const s2 = (offs[j + 2] + codes[c + 2]) << 1;
      const s3 = (offs[j + 3] + codes[c + 3]) << 1;
      hist[s0] += g; hist[s0 + 1] += h;
      hist[s1] += g; hist[s1 + 1] += h;
      hist[s2] += g; hist[s2 + 1] += h;
      hist[s3] += g; hist[s3 + 1] += h;
    }
    for (; j < nCols; j++) {
      const s = (offs[j] + codes[c0 + j]) << 1;
      hist[s] += g; hist[s + 1] += h;
    }
  }
}

/** As histRows8, for a Uint16 bin matrix (a feature with 256 bins and missing cells). */
export function histRows16(codes: Uint16Array, nCols: number, offs: Uint32Array, gpair: Float32Array, rows: Uint32Array, begin: number, end: number, hist: Float64Array): void {
  const n4 = nCols & ~3;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gpair[2 * r], h = gpair[2 * r + 1];
    const c0 = r * nCols;
    let j = 0;
    for (; j < n4; j += 4) {
      const c = c0 + j;
      const s0 = (offs[j] + codes[c]) << 1;
      const s1 = (offs[j + 1] + codes[c + 1]) << 1;
      const s2 = (offs[j + 2] + codes[c + 2]) << 1;
      const s3 = (offs[j + 3] + codes[c + 3]) << 1;
      hist[s0] += g; hist[s0 + 1] += h;
      hist[s1] += g; hist[s1 + 1] += h;
      hist[s2] += g; hist[s2 + 1] += h;
      hist[s3] += g; hist[s3 + 1] += h;
    }
    for (; j < nCols; j++) {
      const s = (offs[j] + codes[c0 + j]) << 1;
      hist[s] += g; hist[s + 1] += h;
    }
  }
}

/** A subset of features (column sampling): only `features`' slots are touched. */
export function histRowsSome(codes: Uint8Array | Uint16Array, nCols: number, offs: Uint32Array, features: Int32Array, gpair: Float32Array, rows: Uint32Array, begin: number, end: number, hist: Float64Array): void {
  const nf = features.length;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gpair[2 * r], h = gpair[2 * r + 1];
    const c0 = r * nCols;
    for (let fi = 0; fi < nf; fi++) {
      const j = features[fi];
      const s = (offs[j] + codes[c0 + j]) << 1;
      hist[s] += g;
      hist[s + 1] += h;
    }
  }
}

/** A thread's instance of a WebAssembly kernel (see histogram-wasm.ts). */
export interface WasmKernel {
  /** The histogram of rows[begin, end) over all features into `hist` (2 × total slots). */
  build(begin: number, end: number, hist: Float64Array): void;
  /** Splits rows[b0, e0) stably in place as partitionRows8 does (code ≤ bin left, missing left iff defaultLeft); returns the left count. */
  partition(b0: number, e0: number, feature: number, bin: number, missing: number, defaultLeft: number): number;
}

/**
 * Instantiates `w` for thread `thread` (its histogram scratch). Self-contained (no imports, no closures
 * over the module) because pool workers run its source text.
 */
export function wasmKernel(w: WasmHistogram, thread: number): WasmKernel {
  const instance = new WebAssembly.Instance(w.module, { env: { mem: w.memory } });
  const run = instance.exports.hist as (k0: number, k1: number, out: number) => void;
  const part = instance.exports.part as (b0: number, e0: number, feature: number, bin: number, missing: number, defaultLeft: number) => number;
  const at = w.layout.scratch + thread * w.layout.histBytes;
  return {
    build(begin, end, hist) {
      const scratch = new Float64Array(w.memory.buffer, at, hist.length);
      scratch.fill(0);
      run(begin, end, at);
      hist.set(scratch);
    },
    partition(b0, e0, feature, bin, missing, defaultLeft) {
      return part(b0, e0, feature, bin, missing, defaultLeft);
    },
  };
}

/**
 * Splits rows[b0, e0) stably in place into [rows going left | rows going right] by feature `feature`
 * (`goLeft[code]` is 1 when a row with that bin code goes left); returns how many go left. Branch-free:
 * a split is close to a coin flip per row, so a branch would mispredict half the time. Each row is
 * written to both sides and only the chosen side's cursor advances.
 */
export function partitionRows8(codes: Uint8Array, nCols: number, feature: number, goLeft: Uint8Array, rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number): number {
  let l = b0;
  let r = 0;
  for (let i = b0; i < e0; i++) {
    const row = rows[i];
    const left = goLeft[codes[row * nCols + feature]];
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  rows.set(scratch.subarray(0, r), l);
  return l - b0;
}

/** As partitionRows8, for a Uint16 bin matrix. */
export function partitionRows16(codes: Uint16Array, nCols: number, feature: number, goLeft: Uint8Array, rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number): number {
  let l = b0;
  let r = 0;
  for (let i = b0; i < e0; i++) {
    const row = rows[i];
    const left = goLeft[codes[row * nCols + feature]];
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  rows.set(scratch.subarray(0, r), l);
  return l - b0;
}

/** Fills goLeft[0 … missing] for a split: bins ≤ `splitBin` go left, the missing code goes left iff `defaultLeft`. */
export function fillGoLeft(goLeft: Uint8Array, splitBin: number, missing: number, defaultLeft: number): void {
  for (let b = 0; b < missing; b++) goLeft[b] = b <= splitBin ? 1 : 0;
  goLeft[missing] = defaultLeft;
}

/** Ints per task in the partition task list: begin, end, feature, split bin, default left (0/1). */
export const PARTITION_TASK_INTS = 5;

/**
 * Thread `index` of `threads`' share of rows[b0, e0) in a pool job: the range is cut into `threads`
 * contiguous chunks; returns [lo, hi) of chunk `index`.
 */
export function threadChunk(b0: number, e0: number, index: number, threads: number): [number, number] {
  const n = e0 - b0;
  return [b0 + Math.floor((n * index) / threads), b0 + Math.floor((n * (index + 1)) / threads)];
}

/** What a histogram worker receives once: views over shared memory (their buffers are shared, not copied). */
export interface HistogramWorkerData {
  /**
   * Int32 control block: [0] job sequence, [1] finished workers, [2] begin, [3] end, [4] threads, [5] quit,
   * [6] failed, [7] job kind (0 histogram, 1 partition, 2 whole-node histograms), [8] tasks, [9] rows
   * below which a partition task is left to the caller alone.
   */
  control: Int32Array;
  codes: Uint8Array | Uint16Array;
  nCols: number;
  histOffsets: Uint32Array;
  gpair: Float32Array;
  rows: Uint32Array;
  /**
   * `slots` histograms of 2 × totalSlots doubles per worker, back to back: the first is the worker's share
   * of a node split across threads; all of them take whole nodes in a build-many job.
   */
  partials: Float64Array;
  /** Histograms per worker in `partials`. */
  slots: number;
  /** This worker's thread number, 1 … threads − 1 (thread 0 is the caller). */
  index: number;
  /**
   * Tasks, PARTITION_TASK_INTS ints each: a partition's (begin, end, feature, split bin, default left), or
   * a whole-node build's (begin, end, thread, slot).
   */
  tasks: Int32Array;
  /** Rows each thread sent left, [task × threads + thread]. */
  nLeft: Int32Array;
  /** The WebAssembly kernel over the (shared) memory that holds codes, gpair and rows; null: the JS kernel. */
  wasm: WasmHistogram | null;
}

/**
 * A pool worker's whole life: wait for a job, do its share (build the histogram of its chunk of
 * rows[begin, end) into its partial, or split its chunk of each partition task's rows), count itself
 * done, repeat until told to quit. Indices of the control block are
 * literals because this function's source text runs alone in the worker.
 */
export function histogramWorkerMain(d: HistogramWorkerData): void {
  const ctl = d.control;
  const len = 2 * d.histOffsets[d.nCols];
  const mine = (d.index - 1) * d.slots * len;
  const hist = d.partials.subarray(mine, mine + len);
  const wide = d.codes instanceof Uint16Array;
  const goLeft = new Uint8Array(65536);
  let scratch = new Uint32Array(0);
  let last = 0;
  let kernel: WasmKernel | null = null;
  try {
    if (d.wasm) kernel = wasmKernel(d.wasm, d.index);
  } catch {
    // This thread cannot instantiate the module: the JS loops read the same shared views.
    kernel = null;
  }
  // No local arrow functions or closures here: bundlers wrap them in helpers (esbuild's __name) that the
  // worker's source text does not define.
  for (;;) {
    let seq = Atomics.load(ctl, 0);
    while (seq === last) { Atomics.wait(ctl, 0, last); seq = Atomics.load(ctl, 0); }
    last = seq;
    if (Atomics.load(ctl, 5) !== 0) return;
    const threads = ctl[4];
    try {
      if (ctl[7] === 1) {
        const nTasks = ctl[8], minRows = ctl[9];
        for (let t = 0; t < nTasks; t++) {
          const o = 5 * t;
          const b0 = d.tasks[o], e0 = d.tasks[o + 1], feature = d.tasks[o + 2];
          if (e0 - b0 < minRows) continue;
          const [lo, hi] = threadChunk(b0, e0, d.index, threads);
          const missing = d.histOffsets[feature + 1] - d.histOffsets[feature] - 1;
          if (kernel) { d.nLeft[t * threads + d.index] = kernel.partition(lo, hi, feature, d.tasks[o + 3], missing, d.tasks[o + 4]); continue; }
          if (scratch.length < hi - lo) scratch = new Uint32Array(hi - lo);
          fillGoLeft(goLeft, d.tasks[o + 3], missing, d.tasks[o + 4]);
          d.nLeft[t * threads + d.index] = wide
            ? partitionRows16(d.codes as Uint16Array, d.nCols, feature, goLeft, d.rows, scratch, lo, hi)
            : partitionRows8(d.codes as Uint8Array, d.nCols, feature, goLeft, d.rows, scratch, lo, hi);
        }
      } else if (ctl[7] === 2) {
        for (let t = 0; t < ctl[8]; t++) {
          const o = 5 * t;
          if (d.tasks[o + 2] !== d.index) continue;
          const out = d.partials.subarray(mine + d.tasks[o + 3] * len, mine + (d.tasks[o + 3] + 1) * len);
          if (kernel) { kernel.build(d.tasks[o], d.tasks[o + 1], out); continue; }
          out.fill(0);
          if (wide) histRows16(d.codes as Uint16Array, d.nCols, d.histOffsets, d.gpair, d.rows, d.tasks[o], d.tasks[o + 1], out);
          else histRows8(d.codes as Uint8Array, d.nCols, d.histOffsets, d.gpair, d.rows, d.tasks[o], d.tasks[o + 1], out);
        }
      } else {
        const [lo, hi] = threadChunk(ctl[2], ctl[3], d.index, threads);
        if (kernel) kernel.build(lo, hi, hist);
        else {
          hist.fill(0);
          if (wide) histRows16(d.codes as Uint16Array, d.nCols, d.histOffsets, d.gpair, d.rows, lo, hi, hist);
          else histRows8(d.codes as Uint8Array, d.nCols, d.histOffsets, d.gpair, d.rows, lo, hi, hist);
        }
      }
    } catch {
      // Raise the failure flag rather than leave the caller waiting.
      Atomics.store(ctl, 6, 1);
    }
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
}

/**
 * Source text of a function expression `(data) => void` that runs a histogram worker: the kernels and
 * histogramWorkerMain, which refers to them by their (same-module) names.
 */
export function histogramWorkerSource(): string {
  return `(function () {\n${wasmKernel}\n${histRows8}\n${histRows16}\n${partitionRows8}\n${partitionRows16}\n${fillGoLeft}\n${threadChunk}\nreturn ${histogramWorkerMain};\n})()`;
}
