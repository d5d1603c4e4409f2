// The gradient-histogram kernel over a row-major bin matrix (XGBoost's row-wise BuildHist): for each of
// rows[begin, end), in order, add the row's interleaved [g, h] to the slot of every feature's bin.
// Every bin receives its rows' gradients in ascending position order, so a build over one range is
// bit-identical to a feature-by-feature build. These functions are self-contained (no imports, no
// closures) because the histogram pool also runs their source text inside workers.

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

/** What a histogram worker receives once: views over shared memory (their buffers are shared, not copied). */
export interface HistogramWorkerData {
  /** Int32 control block: [0] job sequence, [1] finished workers, [2] begin, [3] end, [4] threads, [5] quit, [6] failed. */
  control: Int32Array;
  codes: Uint8Array | Uint16Array;
  nCols: number;
  histOffsets: Uint32Array;
  gpair: Float32Array;
  rows: Uint32Array;
  /** One histogram of 2 × totalSlots doubles per worker, back to back. */
  partials: Float64Array;
  /** This worker's thread number, 1 … threads − 1 (thread 0 is the caller). */
  index: number;
}

/**
 * A histogram worker's whole life: wait for a job, build the histogram of its share of rows[begin, end)
 * into its partial, count itself done, repeat until told to quit. Indices of the control block are
 * literals because this function's source text runs alone in the worker.
 */
export function histogramWorkerMain(d: HistogramWorkerData): void {
  const ctl = d.control;
  const len = 2 * d.histOffsets[d.nCols];
  const hist = d.partials.subarray((d.index - 1) * len, d.index * len);
  const wide = d.codes instanceof Uint16Array;
  let last = 0;
  for (;;) {
    let seq = Atomics.load(ctl, 0);
    while (seq === last) { Atomics.wait(ctl, 0, last); seq = Atomics.load(ctl, 0); }
    last = seq;
    if (Atomics.load(ctl, 5) !== 0) return;
    const begin = ctl[2], end = ctl[3], threads = ctl[4];
    const n = end - begin;
    const lo = begin + Math.floor((n * d.index) / threads);
    const hi = begin + Math.floor((n * (d.index + 1)) / threads);
    try {
      hist.fill(0);
      if (wide) histRows16(d.codes as Uint16Array, d.nCols, d.histOffsets, d.gpair, d.rows, lo, hi, hist);
      else histRows8(d.codes as Uint8Array, d.nCols, d.histOffsets, d.gpair, d.rows, lo, hi, hist);
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
  return `(function () {\n${histRows8}\n${histRows16}\nreturn ${histogramWorkerMain};\n})()`;
}
