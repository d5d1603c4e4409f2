// The gradient-histogram kernel over a row-major bin matrix (XGBoost's row-wise BuildHist): for each of
// rows[begin, end), in order, add the row's interleaved [g, h] to the slot of every feature's bin.
// Every bin receives its rows' gradients in ascending position order, so a build over one range is
// bit-identical to a feature-by-feature build. These functions are self-contained (no imports, no
// closures) because the histogram pool also runs their source text inside workers. The row-partition
// kernels that split a node's rows by a split, the split scan of a node's histogram, the logistic
// gradient, and the pool workers' chunk loop (runChunks) live here for the same reason: one module, so
// the source text calls them by name (an imported name would not exist in the worker).
// The WebAssembly kernel (histogram-wasm.ts) is instantiated per thread by wasmKernel, here too.
import type { WasmHistogram } from './histogram-wasm.ts';
import type { ChunkRunner, HistogramWorkerData, WasmKernel } from './worker-data.ts';
import { metricChunk } from './metric-chunks.ts';
import { scanSplits } from './split-scan.ts';
import { loglossRows } from '../metrics/pointwise-metrics.ts';
import { rankedKeysInRange, rankedRocSweep } from '../metrics/ranked-labels.ts';

export type { ChunkRunner, GradientInputs, HistogramWorkerData, SplitScanData, WasmKernel } from './worker-data.ts';

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

// The logistic objective's per-row gradient (XGBoost 1.7's LogisticClassification in float32), here so
// that pool threads can each take a chunk of rows; objectives/logistic.ts calls it for one thread.

/**
 * For rows [lo, hi): p = sigmoid(margin) (XGBoost's float 1 / (1 + exp(−x)) with its overflow guard),
 * grad = (p − y)·w, hess = max(p(1 − p), 1e-16)·w, where rows labelled 1 weigh `spw` times more; writes
 * grad and hess, and, when `gpair` is given, the interleaved [g, h] the histogram kernel reads, and when
 * `preds` is given, p itself (the metrics' predictions, as the WebAssembly kernel writes them).
 */
export function logisticGradientRows(
  m: Float32Array, y: Float32Array, w: Float32Array, spw: number, grad: Float32Array, hess: Float32Array,
  gpair: Float32Array | null, lo: number, hi: number, preds: Float32Array | null = null,
): void {
  const f = Math.fround;
  const cap = f(88.7), eps = f(1e-16);
  const weighted = w.length > 0;
  for (let i = lo; i < hi; i++) {
    const p = f(1 / f(1 + f(Math.exp(Math.min(-m[i], cap)))));
    let wi = weighted ? w[i] : 1;
    if (y[i] === 1) wi = f(wi * spw);
    const g = f(f(p - y[i]) * wi);
    const h = f(Math.max(f(p * f(1 - p)), eps) * wi);
    grad[i] = g;
    hess[i] = h;
    if (gpair) { gpair[2 * i] = g; gpair[2 * i + 1] = h; }
    if (preds) preds[i] = p;
  }
}

/**
 * Instantiates `w` for thread `thread` (its histogram scratch). Self-contained (no imports, no closures
 * over the module) because pool workers run its source text.
 */
export function wasmKernel(w: WasmHistogram, thread: number): WasmKernel {
  const instance = new WebAssembly.Instance(w.module, { env: { mem: w.memory, exp: Math.exp } });
  const run = instance.exports.hist as (k0: number, k1: number, out: number) => void;
  const grad = instance.exports.grad as ((lo: number, hi: number, reset: number) => void) | undefined;
  const margins = instance.exports.margins as ((k0: number, k1: number, value: number) => void) | undefined;
  const part = instance.exports.part as (b0: number, e0: number, feature: number, bin: number, missing: number, defaultLeft: number) => number;
  const at = w.layout.scratch + thread * w.layout.histBytes;
  return {
    build(begin, end, hist) {
      const scratch = new Float64Array(w.memory.buffer, at, hist.length);
      scratch.fill(0);
      run(begin, end, at);
      hist.set(scratch);
    },
    buildInPlace(begin, end, hist) {
      hist.fill(0);
      run(begin, end, hist.byteOffset);
    },
    partition(b0, e0, feature, bin, missing, defaultLeft) {
      return part(b0, e0, feature, bin, missing, defaultLeft);
    },
    gradients: grad === undefined ? null : grad,
    leafMargins: margins === undefined ? null : margins,
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

/** A runner's `features`: every feature index in order (a loop: worker source text must not hold closures). */
export function allFeatures(nCols: number): Int32Array {
  const a = new Int32Array(nCols);
  for (let j = 0; j < nCols; j++) a[j] = j;
  return a;
}

/**
 * Claims the current job's chunks one at a time and does them (any thread, the caller included), until
 * none is left; returns how many it did. Which thread does which chunk does not change any result: every
 * chunk writes only its own outputs (its slot, its rows, its nLeft entry). The claim word carries the
 * job's number, so a thread that read a finished job's word cannot claim a chunk of the next one.
 */
export function runChunks(r: ChunkRunner, thread: number): number {
  const d = r.d, ctl = d.control;
  const len = 2 * d.histOffsets[d.nCols];
  let did = 0;
  for (;;) {
    const w = Atomics.load(ctl, 11);
    const c = w & 0xffff;
    if (c >= Atomics.load(ctl, 8)) return did;
    if (Atomics.compareExchange(ctl, 11, w, w + 1) !== w) continue;
    const o = 5 * c;
    const lo = d.tasks[o], hi = d.tasks[o + 1];
    try {
      if (ctl[7] === 5) scanChunk(r, d.tasks, c);
      else if (ctl[7] === 7) metricChunk(r, d.tasks, c);
      else if (ctl[7] === 6) {
        // Adds `count` chunk histograms (slots hi, hi + 1, …), in that order, into slot lo over doubles [s0, s1).
        const len = 2 * d.histOffsets[d.nCols], h = d.partials, to = lo * len, count = d.tasks[o + 2], s0 = d.tasks[o + 3], s1 = d.tasks[o + 4];
        for (let k = 0; k < count; k++) {
          const from = (hi + k) * len;
          for (let s = s0; s < s1; s++) h[to + s] += h[from + s];
        }
      }
      else if (ctl[7] === 3) {
        // The WebAssembly kernel's gradients where it has them (the same values, in a quarter of the time).
        // Puts the rows array back in order for the next tree while this range is in cache anyway.
        if (r.kernel && r.kernel.gradients) r.kernel.gradients(lo, hi, d.tasks[o + 2]);
        else {
          const g = d.gradients!;
          // (A thread that could not instantiate the kernel still writes p where the kernel's callers read it.)
          logisticGradientRows(g.margins, g.labels, g.weights, g.params[0], g.grad, g.hess, d.gpair, lo, hi, g.preds ?? null);
          if (d.tasks[o + 2] === 1) for (let i = lo; i < hi; i++) d.rows[i] = i;
        }
      } else if (ctl[7] === 2 && d.tasks[o + 2] < 0) {
        // The gradient sums of rows [lo, hi) in row order (the root's G and H), beside the root's histogram chunks.
        const g = d.gradients!;
        let G = 0, H = 0;
        for (let i = lo; i < hi; i++) { G += g.grad[i]; H += g.hess[i]; }
        d.sums[0] = G; d.sums[1] = H;
      } else if (ctl[7] === 1) {
        const feature = d.tasks[o + 2];
        const missing = d.histOffsets[feature + 1] - d.histOffsets[feature] - 1;
        if (r.kernel) d.nLeft[c] = r.kernel.partition(lo, hi, feature, d.tasks[o + 3], missing, d.tasks[o + 4]);
        else {
          if (r.scratch.length < hi - lo) r.scratch = new Uint32Array(hi - lo);
          fillGoLeft(r.goLeft, d.tasks[o + 3], missing, d.tasks[o + 4]);
          d.nLeft[c] = d.codes instanceof Uint16Array
            ? partitionRows16(d.codes, d.nCols, feature, r.goLeft, d.rows, r.scratch, lo, hi)
            : partitionRows8(d.codes, d.nCols, feature, r.goLeft, d.rows, r.scratch, lo, hi);
        }
      } else {
        const out = d.partials.subarray(d.tasks[o + 2] * len, (d.tasks[o + 2] + 1) * len);
        if (r.kernel && d.partialsInKernel) r.kernel.buildInPlace(lo, hi, out);
        else if (r.kernel) r.kernel.build(lo, hi, out);
        else {
          out.fill(0);
          if (d.codes instanceof Uint16Array) histRows16(d.codes, d.nCols, d.histOffsets, d.gpair, d.rows, lo, hi, out);
          else histRows8(d.codes, d.nCols, d.histOffsets, d.gpair, d.rows, lo, hi, out);
        }
        // A whole node's histogram that has a scan waiting: scan it (and make its sibling) while it is in this core's cache.
        if (d.tasks[o + 3] >= 0) scanChunk(r, d.split!.scanTasks, d.tasks[o + 3]);
      }
    } catch {
      // Raise the failure flag rather than leave the caller waiting.
      Atomics.store(ctl, 6, 1);
    }
    did++;
    Atomics.add(ctl, 16 + thread, 1);
    if (Atomics.add(ctl, 1, 1) + 1 >= Atomics.load(ctl, 8)) Atomics.notify(ctl, 1);
  }
}

/**
 * Split-scan chunk `c` of table `t` (node slot, sibling slot or −1, parent slot, features [k0, k1)): with a
 * sibling, first sibling = parent − node over the block's slots (the subtraction trick), then the best
 * split of each over the block into the chunk's results.
 */
function scanChunk(r: ChunkRunner, t: Int32Array, c: number): void {
  const d = r.d, s = d.split!, offs = d.histOffsets, h = d.partials, st = s.stats, p = s.params;
  const len = 2 * offs[d.nCols];
  const small = t[5 * c], large = t[5 * c + 1], parent = t[5 * c + 2], k0 = t[5 * c + 3], k1 = t[5 * c + 4];
  if (large >= 0) {
    const a = small * len, b = large * len, q = parent * len;
    for (let k = k0; k < k1; k++) {
      const j = r.features[k];
      const end = offs[j + 1] << 1;
      for (let x = offs[j] << 1; x < end; x++) h[b + x] = h[q + x] - h[a + x];
    }
  }
  scanSplits(h, small * len, r.features, k0, k1, offs, s.nBins, s.cutPtrs, s.cutValues, s.minValues, s.hasMissing, st[6 * c], st[6 * c + 1], st[6 * c + 2], p[0], p[1], p[2], s.results, 18 * c);
  if (large >= 0) scanSplits(h, large * len, r.features, k0, k1, offs, s.nBins, s.cutPtrs, s.cutValues, s.minValues, s.hasMissing, st[6 * c + 3], st[6 * c + 4], st[6 * c + 5], p[0], p[1], p[2], s.results, 18 * c + 9);
}

/**
 * A pool worker's whole life: wait for a job, claim and do its chunks with the other threads, repeat
 * until told to quit. Indices of the control block are literals because this function's source text
 * runs alone in the worker.
 */
export function histogramWorkerMain(d: HistogramWorkerData): void {
  const ctl = d.control;
  // Say this thread runs, and fail loudly (the caller stops at once) if it stops.
  Atomics.add(ctl, 10, 1);
  try {
    workerLoop(d);
  } catch {
    markWorkerFailed(ctl);
  }
}

/** Raises a pool's failure flag and wakes its caller, so that it stops at once. */
export function markWorkerFailed(ctl: Int32Array): void {
  Atomics.store(ctl, 6, 1);
  Atomics.notify(ctl, 1);
}

function workerLoop(d: HistogramWorkerData): void {
  const ctl = d.control;
  let kernel: WasmKernel | null = null;
  try {
    if (d.wasm) kernel = wasmKernel(d.wasm, d.index);
  } catch {
    // This thread cannot instantiate the module: the JS loops read the same shared views.
    kernel = null;
  }
  const runner: ChunkRunner = { d, kernel, goLeft: new Uint8Array(65536), scratch: new Uint32Array(0), features: allFeatures(d.nCols), ranks: { keys: new Uint32Array(0), other: new Uint32Array(0) } };
  let last = 0;
  // No local arrow functions or closures here: bundlers wrap them in helpers (esbuild's __name) that the
  // worker's source text does not define.
  for (;;) {
    // Spin a little before sleeping (as OpenMP's threads do): a tree level's next job usually comes within
    // a fraction of a millisecond, and waking a sleeping thread costs more than that on a busy machine.
    let seq = Atomics.load(ctl, 0);
    for (let i = 0; seq === last && i < d.spin; i++) seq = Atomics.load(ctl, 0);
    while (seq === last) { Atomics.wait(ctl, 0, last); seq = Atomics.load(ctl, 0); }
    last = seq;
    if (Atomics.load(ctl, 5) !== 0) return;
    runChunks(runner, d.index);
  }
}

/**
 * Source text of a function expression `(data) => void` that runs a histogram worker: the kernels and
 * histogramWorkerMain, which refers to them by their names. A bundle calls the metric kernels (other
 * modules') by their names too; a module loader that calls imports through a namespace object (Vite's
 * SSR transform, as in the unit tests: `(0,__vite_ssr_import_3__.metricChunk)(…)`) gets them named back.
 */
export function histogramWorkerSource(): string {
  const kernels = [wasmKernel, markWorkerFailed, workerLoop, runChunks, scanChunk, scanSplits, allFeatures, logisticGradientRows, histRows8, histRows16,
    partitionRows8, partitionRows16, fillGoLeft, threadChunk, metricChunk, loglossRows, rankedKeysInRange, rankedRocSweep];
  return `(function () {\n${kernels.join('\n')}\nreturn ${histogramWorkerMain};\n})()`.replace(/\(0,\s*__vite_ssr_import_\d+__\.(\w+)\)/g, '$1');
}
