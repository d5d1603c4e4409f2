// What a histogram pool does in the calling thread: everything, for the one-thread pool, and the parts of
// jobs that the caller does alone (joining a big node's split chunks, small jobs not worth waking workers).
import {
  fillGoLeft, histRows16, histRows8, logisticGradientRows, partitionRows16, partitionRows8, PARTITION_TASK_INTS, threadChunk, type WasmKernel,
} from './histogram-kernel.ts';
import { scanSplits, SPLIT_RECORD } from './split-scan.ts';
import type { HistogramInputs, SplitScanNode } from './pool-types.ts';

/** Splits rows[lo, hi) of task `t` in the calling thread (with `wasm`, the WebAssembly kernel's loop); returns the left count. */
export function partitionInThread(x: HistogramInputs, tasks: Int32Array, t: number, lo: number, hi: number, goLeft: Uint8Array, scratch: Uint32Array, wasm: WasmKernel | null): number {
  const o = PARTITION_TASK_INTS * t;
  const feature = tasks[o + 2];
  const missing = x.histOffsets[feature + 1] - x.histOffsets[feature] - 1;
  if (wasm) return wasm.partition(lo, hi, feature, tasks[o + 3], missing, tasks[o + 4]);
  fillGoLeft(goLeft, tasks[o + 3], missing, tasks[o + 4]);
  return x.codes instanceof Uint8Array
    ? partitionRows8(x.codes, x.nCols, feature, goLeft, x.rows, scratch, lo, hi)
    : partitionRows16(x.codes, x.nCols, feature, goLeft, x.rows, scratch, lo, hi);
}

export function partitionAllInThread(x: HistogramInputs, tasks: Int32Array, nTasks: number, nLeft: Int32Array, goLeft: Uint8Array, scratch: Uint32Array, wasm: WasmKernel | null): void {
  for (let t = 0; t < nTasks; t++) {
    nLeft[t] = partitionInThread(x, tasks, t, tasks[PARTITION_TASK_INTS * t], tasks[PARTITION_TASK_INTS * t + 1], goLeft, scratch, wasm);
  }
}

/**
 * Joins the split chunks of rows[b0, e0) (threadChunk's cut into `chunks`), each [left | right], into [all left | all right] with
 * both sides in their original order; `counts[k]` is chunk k's left count. Returns the total left count.
 */
export function mergeChunks(rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number, counts: Int32Array, base: number, chunks: number): number {
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


export function buildInThread(x: HistogramInputs, begin: number, end: number, hist: Float64Array): void {
  hist.fill(0, 0, 2 * x.histOffsets[x.nCols]);
  if (x.codes instanceof Uint8Array) histRows8(x.codes, x.nCols, x.histOffsets, x.gpair, x.rows, begin, end, hist);
  else histRows16(x.codes, x.nCols, x.histOffsets, x.gpair, x.rows, begin, end, hist);
}

export function gradientsInThread(x: HistogramInputs, lo: number, hi: number, resetRows: boolean, wasm: WasmKernel | null): void {
  const g = x.gradients;
  if (!g) throw new Error('this histogram pool was made without gradient inputs');
  // The WebAssembly kernel's (same values), when its module computes gradients (over these inputs: see gradientInputs).
  if (wasm?.gradients) { wasm.gradients(lo, hi, resetRows ? 1 : 0); return; }
  logisticGradientRows(g.margins, g.labels, g.weights, g.params[0], g.grad, g.hess, x.gpair, lo, hi, g.preds ?? null);
  if (resetRows) for (let i = lo; i < hi; i++) x.rows[i] = i;
}

/** Σ grad and Σ hess of the gradient inputs' first n rows, in row order, into out[0], out[1]. */
export function sumsInThread(x: HistogramInputs, n: number, out: Float64Array): void {
  const g = x.gradients;
  if (!g) throw new Error('this histogram pool was made without gradient inputs');
  let G = 0, H = 0;
  for (let i = 0; i < n; i++) { G += g.grad[i]; H += g.hess[i]; }
  out[0] = G; out[1] = H;
}

export function marginsInThread(x: HistogramInputs, leaves: readonly { begin: number; end: number; value: number }[], wasm: WasmKernel | null): void {
  const m = x.gradients?.margins;
  if (!m) throw new Error('this histogram pool was made without gradient inputs');
  // The WebAssembly kernel's loop (the same float32 sums, faster), when its module has these margins.
  if (wasm?.leafMargins) {
    for (const { begin, end, value } of leaves) wasm.leafMargins(begin, end, value);
    return;
  }
  for (const { begin, end, value } of leaves) for (let i = begin; i < end; i++) m[x.rows[i]] += value;
}

/** evaluateSplits in the calling thread. */
export function scanInThread(x: HistogramInputs, nodes: readonly SplitScanNode[], out: Float64Array, features: Int32Array): void {
  const s = x.split, h = x.hists;
  if (!s || !h) throw new Error('this histogram pool was made without split inputs');
  const offs = x.histOffsets, len = 2 * offs[x.nCols];
  nodes.forEach((v, i) => {
    scanSplits(h, v.slot * len, features, 0, x.nCols, offs, s.nBins, s.cutPtrs, s.cutValues, s.minValues, s.hasMissing, v.G, v.H, v.gain, s.lambda, s.alpha, s.minChildWeight, out, 2 * SPLIT_RECORD * i);
    const b = v.sibling;
    if (!b) return;
    const a = v.slot * len, l = b.slot * len, q = b.parent * len;
    for (let k = 0; k < len; k++) h[l + k] = h[q + k] - h[a + k];
    scanSplits(h, l, features, 0, x.nCols, offs, s.nBins, s.cutPtrs, s.cutValues, s.minValues, s.hasMissing, b.G, b.H, b.gain, s.lambda, s.alpha, s.minChildWeight, out, 2 * SPLIT_RECORD * i + SPLIT_RECORD);
  });
}

/** Keeps at out[o] whichever of it and record r[k] scanning on would keep: the larger gain, at equal gain the lower feature. */
export function mergeRecord(out: Float64Array, o: number, r: Float64Array, k: number): void {
  if (!(r[k] > out[o] || (r[k] === out[o] && r[k] > 0 && r[k + 1] < out[o + 1]))) return;
  for (let f = 0; f < SPLIT_RECORD; f++) out[o + f] = r[k + f];
}
