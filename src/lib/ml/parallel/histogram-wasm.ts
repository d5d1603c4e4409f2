// The gradient-histogram kernel in WebAssembly: the row-wise loop of histogram-kernel.ts's histRows8,
// generated for one bin matrix with every feature's slot offset baked into the load/store offsets, so a
// cell costs a byte load and one f64x2 load, add and store of its [G, H] slot (two scalar double adds and
// stores without SIMD), with no bounds checks: about 3× the JS loop.
// The bin codes, the interleaved gradients and the row indices live in one WebAssembly memory (shared
// when histogram threads use it), followed by one histogram scratch area per thread. Sums are the same
// as the JS kernel's, bit for bit: each slot adds float32 gradients, widened to double, in row order.
// The module also splits a node's rows by a split (partitionRows8's stable, branch-free loop), and, when
// asked, computes logistic gradients straight into the gradient pairs (gradient-wasm.ts).
import { ByteWriter, F32, I32, OP, VOID } from '../wasm/emit.ts';
import { EXP_TABLE, GRADIENT_LOCALS, LEAF_MARGIN_LOCALS, leafMarginsBody, logisticGradientBody, type GradientLayout } from './gradient-wasm.ts';
import type { GradientInputs } from './worker-data.ts';

const F64 = 0x7c;
const V128 = 0x7b;
/** The prefix of SIMD opcodes (each followed by its LEB128 number). */
const SIMD = 0xfd;
const I32_LOAD8_U = 0x2d, I32_LOAD16_U = 0x2f, F64_LOAD = 0x2b, F64_STORE = 0x39, I32_SHL = 0x74, F64_ADD = 0xa0, F64_PROMOTE_F32 = 0xbb;
/** Features one generated row loop unrolls; wider matrices keep the JS kernel. */
const MAX_COLS = 4096;
/** Bytes of memory a kernel may take (wasm32 addresses, and browsers' limits on one memory). */
const MAX_BYTES = 2 ** 31;

/** Byte addresses of the regions of a kernel's memory. */
export interface WasmHistogramLayout {
  codes: number;
  gpair: number;
  rows: number;
  /** Rows moving right while a node is split: position k of rows uses position k here (threads split disjoint ranges). */
  moved: number;
  /** First thread's histogram scratch; thread t's is at scratch + t × histBytes. */
  scratch: number;
  histBytes: number;
  /** Histogram slots (16 × totalSlots bytes each, back to back) that pool threads build into in place. */
  slots: number;
  /**
   * The codes again, column-major (feature j's at columns + j × nRows codes), which `part` reads: a node's
   * rows' codes of one feature lie close together there, so splitting a node misses the cache far less
   * (measured: twice as fast on a quarter of 200,000 rows). 0: none (a big matrix), `part` reads `codes`.
   */
  columns: number;
  /** Margins, labels, weights and gradients of the `grad` function; null: the module has none. */
  gradients: GradientLayout | null;
}

/** What a thread needs to run the kernel: the compiled module, its memory and where things are. */
export interface WasmHistogram {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  layout: WasmHistogramLayout;
}

/** A kernel over a copy of a bin matrix, and the views its callers fill (gradients, rows) and read. */
export interface WasmHistogramSetup {
  kernel: WasmHistogram;
  codes: Uint8Array | Uint16Array;
  /** Interleaved [g, h] per row (see interleaveGradients). */
  gpair: Float32Array;
  /** Row indices of a RowPartition. */
  rows: Uint32Array;
  /** The `histSlots` histogram slots asked for (2 × totalSlots doubles each); empty for none. */
  hists: Float64Array;
  /**
   * With createWasmHistogram's `gradients`: margins, labels, weights (empty when unweighted), grad, hess and
   * preds in the kernel's memory, for its `grad` function (WasmKernel.gradients); params[0] = scale_pos_weight.
   * Null without, or when they would not fit.
   */
  gradients: GradientInputs | null;
}

/** What createWasmHistogram's module needs to compute logistic gradients (see gradient-wasm.ts). */
export interface GradientOptions {
  weighted: boolean;
  scalePosWeight: number;
}

/** Whether this runtime compiles WebAssembly (and, for `shared`, shared memories). */
function wasmUsable(shared: boolean): boolean {
  if (typeof WebAssembly !== 'object' || WebAssembly === null || typeof WebAssembly.Module !== 'function') return false;
  return !shared || typeof SharedArrayBuffer !== 'undefined';
}

const align = (n: number) => (n + 63) & ~63;

/**
 * Generates the module: `hist(k0, k1, out)` adds, for each position k in [k0, k1) of the rows array, row
 * rows[k]'s [g, h] into the slot of each feature's bin of the histogram at byte address `out`.
 */
function kernelModule(nCols: number, histOffsets: Uint32Array, wide: boolean, layout: WasmHistogramLayout, pages: number, shared: boolean, simd: boolean, nRows: number, grad: GradientOptions | null): Uint8Array {
  const b = new ByteWriter();
  const get = (l: number) => b.byte(OP.local_get).u32(l);
  const set = (l: number) => b.byte(OP.local_set).u32(l);
  const c = (v: number) => b.byte(OP.i32_const).i32(v);
  // Parameters k0 (0), k1 (1), out (2); locals: k address (3), end address (4), row code address (5), g (6), h (7),
  // slot address (8), [g, h] (9, SIMD only).
  get(0); c(2); b.byte(I32_SHL); c(layout.rows); b.byte(OP.i32_add); set(3);
  get(1); c(2); b.byte(I32_SHL); c(layout.rows); b.byte(OP.i32_add); set(4);
  b.byte(OP.block).byte(VOID).byte(OP.loop).byte(VOID);
  get(3); get(4); b.byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  get(3); b.mem(OP.i32_load, 0); b.byte(OP.local_tee).u32(5);
  c(3); b.byte(I32_SHL); b.byte(OP.local_tee).u32(8);
  if (simd) {
    // [g, h] as one f64x2: v128.load64_zero, f64x2.promote_low_f32x4.
    b.bytes([SIMD]).u32(0x5d).u32(3).u32(layout.gpair); b.bytes([SIMD]).u32(0x5f); set(9);
  } else {
    b.mem(OP.f32_load, layout.gpair); b.byte(F64_PROMOTE_F32); set(6);
    get(8); b.mem(OP.f32_load, layout.gpair + 4); b.byte(F64_PROMOTE_F32); set(7);
  }
  get(5); c(wide ? 2 * nCols : nCols); b.byte(OP.i32_mul); set(5);
  for (let j = 0; j < nCols; j++) {
    const off = histOffsets[j] * 16;
    get(5);
    if (wide) b.byte(I32_LOAD16_U).u32(1).u32(layout.codes + 2 * j);
    else b.byte(I32_LOAD8_U).u32(0).u32(layout.codes + j);
    c(4); b.byte(I32_SHL); get(2); b.byte(OP.i32_add); b.byte(OP.local_tee).u32(8);
    if (simd) {
      // v128.load, f64x2.add, v128.store: both lanes add as the scalar f64.add would.
      get(8); b.bytes([SIMD]).u32(0x00).u32(4).u32(off); get(9); b.bytes([SIMD]).u32(0xf0); b.bytes([SIMD]).u32(0x0b).u32(4).u32(off);
    } else {
      get(8); b.byte(F64_LOAD).u32(3).u32(off); get(6); b.byte(F64_ADD); b.byte(F64_STORE).u32(3).u32(off);
      get(8); get(8); b.byte(F64_LOAD).u32(3).u32(off + 8); get(7); b.byte(F64_ADD); b.byte(F64_STORE).u32(3).u32(off + 8);
    }
  }
  get(3); c(4); b.byte(OP.i32_add); set(3);
  b.byte(OP.br).u32(0).byte(OP.end).byte(OP.end);
  const body = b.finish();
  const part = partitionBody(nCols, wide, layout, nRows);

  const out = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, w: ByteWriter) => { out.byte(id).u32(w.length).bytes(w.finish()); };
  const g = grad && layout.gradients ? grad : null;
  // Types: 0 hist and grad (i32 × 3), 1 part (i32 × 6 → i32), 2 the imported exp (f64 → f64), 3 margins (i32, i32, f32).
  const types = new ByteWriter().u32(4);
  types.byte(0x60).u32(3).bytes([I32, I32, I32]).u32(0);
  types.byte(0x60).u32(6).bytes([I32, I32, I32, I32, I32, I32]).u32(1).byte(I32);
  types.byte(0x60).u32(1).byte(F64).u32(1).byte(F64);
  types.byte(0x60).u32(3).bytes([I32, I32, F32]).u32(0);
  section(1, types);
  // Imported memory env.mem (a shared one must state its maximum: limits flag 3), and env.exp (Math.exp) for grad.
  const imp = new ByteWriter().u32(g ? 2 : 1).name('env').name('mem').byte(0x02);
  if (shared) imp.byte(0x03).u32(pages).u32(pages);
  else imp.byte(0x00).u32(pages);
  if (g) imp.name('env').name('exp').byte(0x00).u32(2);
  section(2, imp);
  // Imported functions come first in the function index space.
  const first = g ? 1 : 0;
  section(3, new ByteWriter().u32(g ? 4 : 2).u32(0).u32(1).bytes(g ? [0, 3] : []));
  const exports = new ByteWriter().u32(g ? 4 : 2).name('hist').byte(0x00).u32(first).name('part').byte(0x00).u32(first + 1);
  if (g) exports.name('grad').byte(0x00).u32(first + 2).name('margins').byte(0x00).u32(first + 3);
  section(7, exports);
  const fn = new ByteWriter().u32(4).u32(3).byte(I32).u32(2).byte(F64).u32(1).byte(I32).u32(1).byte(V128);
  fn.bytes(body).byte(OP.end);
  const fn2 = new ByteWriter().u32(1).u32(5).byte(I32);
  fn2.bytes(part).byte(OP.end);
  const code = new ByteWriter().u32(g ? 4 : 2).u32(fn.length).bytes(fn.finish()).u32(fn2.length).bytes(fn2.finish());
  if (g && layout.gradients) {
    const fns: [readonly [number, number][], Uint8Array][] = [
      [GRADIENT_LOCALS, logisticGradientBody(layout.gradients, g.weighted, g.scalePosWeight, layout.gpair, layout.rows, 0)],
      [LEAF_MARGIN_LOCALS, leafMarginsBody(layout.gradients, layout.rows)],
    ];
    for (const [locals, body] of fns) {
      const w = new ByteWriter().u32(locals.length);
      for (const [count, type] of locals) w.u32(count).byte(type);
      w.bytes(body).byte(OP.end);
      code.u32(w.length).bytes(w.finish());
    }
  }
  section(10, code);
  return out.finish();
}

/**
 * `part(b0, e0, feature, bin, missing, defaultLeft)` splits rows[b0, e0) stably in place into [left | right]
 * (a code ≤ bin goes left, the code `missing` iff defaultLeft: fillGoLeft's rule) and returns the left count.
 */
function partitionBody(nCols: number, wide: boolean, layout: WasmHistogramLayout, nRows: number): Uint8Array {
  const b = new ByteWriter();
  const get = (l: number) => b.byte(OP.local_get).u32(l);
  const set = (l: number) => b.byte(OP.local_set).u32(l);
  const tee = (l: number) => b.byte(OP.local_tee).u32(l);
  const c = (v: number) => b.byte(OP.i32_const).i32(v);
  // Parameters b0 (0), e0 (1), feature (2), bin (3), missing (4), defaultLeft (5); locals: i address (6),
  // end address (7), left address (8), moved address (9), row (10).
  const I32_EQ = 0x46, I32_NE = 0x47, I32_LE_S = 0x4c, I32_SUB = 0x6b, I32_STORE = 0x36;
  get(0); c(2); b.byte(I32_SHL); tee(6); c(layout.rows); b.byte(OP.i32_add); set(8);
  get(6); c(layout.moved); b.byte(OP.i32_add); set(9);
  get(1); c(2); b.byte(I32_SHL); set(7);
  // feature becomes the byte offset of its first code: in the column-major copy, or in a row of codes.
  if (layout.columns > 0) { get(2); c(wide ? 2 * nRows : nRows); b.byte(OP.i32_mul); set(2); } else if (wide) { get(2); c(1); b.byte(I32_SHL); set(2); }
  b.byte(OP.block).byte(VOID).byte(OP.loop).byte(VOID);
  get(6); get(7); b.byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  // row = rows[i]; rows[left] = row; moved[right] = row
  get(8); get(6); b.mem(OP.i32_load, layout.rows); tee(10); b.byte(I32_STORE).u32(2).u32(0);
  get(9); get(10); b.byte(I32_STORE).u32(2).u32(0);
  // goes = (code ≤ bin & code ≠ missing) | (code = missing & defaultLeft), code = columns[feature × nRows + row]
  // (or codes[row × nCols + feature])
  const at = layout.columns > 0 ? layout.columns : layout.codes;
  if (layout.columns > 0) { get(10); if (wide) { c(1); b.byte(I32_SHL); } } else { get(10); c(wide ? 2 * nCols : nCols); b.byte(OP.i32_mul); }
  get(2); b.byte(OP.i32_add);
  if (wide) b.byte(I32_LOAD16_U).u32(1).u32(at); else b.byte(I32_LOAD8_U).u32(0).u32(at);
  tee(10); get(3); b.byte(I32_LE_S); get(10); get(4); b.byte(I32_NE); b.byte(OP.i32_and);
  get(10); get(4); b.byte(I32_EQ); get(5); b.byte(OP.i32_and); b.byte(OP.i32_or);
  c(2); b.byte(I32_SHL); tee(10); get(8); b.byte(OP.i32_add); set(8);
  get(9); c(4); b.byte(OP.i32_add); get(10); b.byte(I32_SUB); set(9);
  get(6); c(4); b.byte(OP.i32_add); set(6);
  b.byte(OP.br).u32(0).byte(OP.end).byte(OP.end);
  // The right rows follow the left ones: memory.copy(left, moved start, moved − moved start).
  get(8); get(0); c(2); b.byte(I32_SHL); c(layout.moved); b.byte(OP.i32_add); tee(6);
  get(9); get(6); b.byte(I32_SUB);
  b.bytes([0xfc, 0x0a, 0x00, 0x00]);
  get(8); c(layout.rows); b.byte(I32_SUB); c(2); b.byte(OP.i32_shr_u); get(0); b.byte(I32_SUB);
  return b.finish();
}

/** Writes row-major `codes` (nRows × nCols) column-major into `out`, in blocks of rows that stay in cache. */
function transposeCodes(codes: Uint8Array | Uint16Array, nCols: number, nRows: number, out: Uint8Array | Uint16Array): void {
  for (let r0 = 0; r0 < nRows; r0 += 256) {
    const r1 = Math.min(nRows, r0 + 256);
    for (let j = 0; j < nCols; j++) {
      const base = j * nRows;
      for (let r = r0; r < r1; r++) out[base + r] = codes[r * nCols + j];
    }
  }
}

/**
 * A WebAssembly kernel over a copy of `codes` with room for `nRows` gradients and rows, `threads`
 * histogram scratch areas and `histSlots` histogram slots (defaults to none); `shared` puts it on shared
 * memory for pool threads. With `gradients` (defaults to none) the module also computes logistic
 * gradients (see WasmHistogramSetup.gradients). Null where WebAssembly (or a shared memory) is unavailable
 * or the matrix is too big for it: the caller keeps the JS kernel.
 */
export function createWasmHistogram(codes: Uint8Array | Uint16Array, nCols: number, histOffsets: Uint32Array, nRows: number, threads: number, shared: boolean, histSlots = 0, gradients?: GradientOptions): WasmHistogramSetup | null {
  if (!wasmUsable(shared) || nCols > MAX_COLS) return null;
  const histBytes = align(16 * histOffsets[nCols]);
  const layout: WasmHistogramLayout = { codes: 0, gpair: 0, rows: 0, moved: 0, scratch: 0, histBytes, slots: 0, columns: 0, gradients: null };
  layout.gpair = align(codes.byteLength);
  layout.rows = align(layout.gpair + 8 * nRows);
  layout.moved = align(layout.rows + 4 * nRows);
  layout.scratch = align(layout.moved + 4 * nRows);
  layout.slots = align(layout.scratch + threads * histBytes);
  let bytes = layout.slots + histSlots * 16 * histOffsets[nCols];
  // The column-major copy only where the memory stays within half the limit (a big memory may fail to allocate).
  if (align(bytes) + codes.byteLength <= MAX_BYTES / 2) {
    layout.columns = align(bytes);
    bytes = layout.columns + codes.byteLength;
  }
  if (gradients) {
    // Margins, labels, weights, grad, hess, the exponential's table and scale_pos_weight, where they fit.
    const g: GradientLayout = { margins: align(bytes), labels: 0, weights: 0, grad: 0, hess: 0, preds: 0, expTable: 0 };
    g.labels = align(g.margins + 4 * nRows);
    g.weights = gradients.weighted ? align(g.labels + 4 * nRows) : 0;
    g.grad = align((g.weights || g.labels) + 4 * nRows);
    g.hess = align(g.grad + 4 * nRows);
    g.preds = align(g.hess + 4 * nRows);
    g.expTable = align(g.preds + 4 * nRows);
    const end = g.expTable + 8 * EXP_TABLE.length + 4;
    if (end <= MAX_BYTES) { layout.gradients = g; bytes = end; }
  }
  if (bytes > MAX_BYTES) return null;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  try {
    const memory = shared ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }) : new WebAssembly.Memory({ initial: pages });
    const wide = codes instanceof Uint16Array;
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(kernelModule(nCols, histOffsets, wide, layout, pages, shared, true, nRows, gradients ?? null) as BufferSource);
    } catch {
      // No WebAssembly SIMD here: the scalar loop (same sums).
      module = new WebAssembly.Module(kernelModule(nCols, histOffsets, wide, layout, pages, shared, false, nRows, gradients ?? null) as BufferSource);
    }
    const buf = memory.buffer;
    const copy = codes instanceof Uint16Array ? new Uint16Array(buf, 0, codes.length) : new Uint8Array(buf, 0, codes.length);
    copy.set(codes);
    if (layout.columns > 0) transposeCodes(codes, nCols, nRows, wide ? new Uint16Array(buf, layout.columns, codes.length) : new Uint8Array(buf, layout.columns, codes.length));
    const g = layout.gradients;
    if (g) new Float64Array(buf, g.expTable, EXP_TABLE.length).set(EXP_TABLE);
    const floats = (at: number, n: number) => new Float32Array(buf, at, n);
    return {
      kernel: { module, memory, layout },
      codes: copy,
      gpair: new Float32Array(buf, layout.gpair, 2 * nRows),
      rows: new Uint32Array(buf, layout.rows, nRows),
      hists: new Float64Array(buf, layout.slots, histSlots * 2 * histOffsets[nCols]),
      gradients: g && gradients ? {
        margins: floats(g.margins, nRows), labels: floats(g.labels, nRows), weights: floats(g.weights, g.weights ? nRows : 0),
        grad: floats(g.grad, nRows), hess: floats(g.hess, nRows), preds: floats(g.preds, nRows),
        params: floats(g.expTable + 8 * EXP_TABLE.length, 1).fill(Math.fround(gradients.scalePosWeight)),
      } : null,
    };
  } catch {
    // Out of memory, or a runtime that refuses shared memories or synchronous compiles: use the JS kernel.
    return null;
  }
}
