// The logistic gradient (histogram-kernel.ts's logisticGradientRows) as a function of the WebAssembly
// histogram module: for each row, p = 1 / (1 + exp(−min(m, …))) in float32, then grad, hess and the
// interleaved [g, h] the histogram kernel reads, with no copies between them, and p itself (the metrics'
// predictions, so evaluating a round needs no sigmoid pass of its own). Float32 arithmetic in
// WebAssembly rounds each operation as Math.fround of the double operation does, so everything but the
// exponential is bit-identical by construction. The exponential is a double-precision one of its own
// (table of 2^(j/32) and a degree-6 polynomial, about 1e-15 relative error), rounded to float32; where
// that rounding could differ from Math.fround(Math.exp(x)) — a value within 1e-13 (relative) of a point
// halfway between two float32 numbers, about 3 in a million — it calls Math.exp itself. So the gradients
// are the JS kernel's, bit for bit, at about a quarter of its time (Math.exp alone costs V8 ~12 ns).
import { ByteWriter, OP, VOID } from '../wasm/emit.ts';

/** Where the gradient inputs and outputs live in the kernel's memory (byte addresses, nRows floats each; weights 0: none). */
export interface GradientLayout {
  margins: number;
  labels: number;
  weights: number;
  grad: number;
  hess: number;
  /** p = sigmoid(margin) of each row (what the evaluation metrics read). */
  preds: number;
  /** 32 doubles, 2^(j/32) (EXP_TABLE). */
  expTable: number;
}

/** 2^(j/32), j = 0 … 31: written at GradientLayout.expTable. */
export const EXP_TABLE = Float64Array.from({ length: 32 }, (_, j) => 2 ** (j / 32));

/** fdlibm's split of ln 2 (its high part has 21 zero low bits, so k·HI is exact), over 32. */
const LN2_32_HI = 6.93147180369123816490e-1 / 32;
const LN2_32_LO = 1.90821492927058770002e-10 / 32;
/** Relative half-width of the interval whose float32 roundings must agree (else Math.exp decides). */
const AMBIGUITY = 1e-13;
/** Below this exp(x) is under float32's smallest subnormal: every x there rounds to 0, as Math.exp's does. */
const X_FLOOR = -110;
/** 1.5 · 2^52: a double of this size has no fraction bits, so adding it rounds to an integer. */
const ROUNDER = 6755399441055744;

const f32 = Math.fround;
const F32_NEG = 0x8c, F32_SUB = 0x93, F32_MUL = 0x94, F32_DIV = 0x95, F32_MIN = 0x96, F32_MAX = 0x97, F32_EQ = 0x5b;
const F64_CONST = 0x44, F64_ADD = 0xa0, F64_SUB = 0xa1, F64_MUL = 0xa2, F64_MAX = 0xa5, F64_LOAD = 0x2b;
const F32_DEMOTE = 0xb6, F64_PROMOTE = 0xbb, I64_EXTEND_I32_S = 0xac, I64_CONST = 0x42, I64_SHL = 0x86, F64_REINTERPRET_I64 = 0xbf;
const I64_REINTERPRET_F64 = 0xbd, I32_WRAP_I64 = 0xa7;
const I32_SHL = 0x74, I32_SHR_S = 0x75, I32_STORE = 0x36;

/**
 * The body of `grad(lo, hi, reset)`: logistic gradients of rows [lo, hi) from margins and labels (and
 * weights when `weighted`; rows labelled 1 weigh `scalePosWeight` more) into grad, hess and gpair (at
 * byte address `gpairAt`, [g, h] per row) and p into preds; with reset ≠ 0 also rows[i] = i (rows at `rowsAt`).
 * `expImport` is the function index of the imported Math.exp.
 */
export function logisticGradientBody(g: GradientLayout, weighted: boolean, scalePosWeight: number, gpairAt: number, rowsAt: number, expImport: number): Uint8Array {
  const b = new ByteWriter();
  const get = (l: number) => b.byte(OP.local_get).u32(l);
  const set = (l: number) => b.byte(OP.local_set).u32(l);
  const tee = (l: number) => b.byte(OP.local_tee).u32(l);
  const i32 = (v: number) => b.byte(OP.i32_const).i32(v);
  const f32c = (v: number) => b.byte(OP.f32_const).f32(v);
  const f64 = (v: number) => b.byte(F64_CONST).f64(v);
  const spw = f32(scalePosWeight);
  const scaled = weighted || spw !== 1;
  // Parameters lo (0), hi (1), reset (2); locals: a = 4 × row (3), end (4), ki (5) | x (6), k (7), r (8), d (9) | p (10), y (11), w (12).
  get(0); i32(2); b.byte(I32_SHL); set(3);
  get(1); i32(2); b.byte(I32_SHL); set(4);
  b.byte(OP.block).byte(VOID).byte(OP.loop).byte(VOID);
  get(3); get(4); b.byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  // x = max(min(−m, 88.7), X_FLOOR) as a double
  get(3); b.mem(OP.f32_load, g.margins); b.byte(F32_NEG); f32c(88.7); b.byte(F32_MIN); b.byte(F64_PROMOTE); f64(X_FLOOR); b.byte(F64_MAX); set(6);
  // k = x · 32 / ln 2 rounded to an integer: adding 1.5 · 2^52 rounds it, and leaves it (two's complement) in
  // the low bits, ki (f64.nearest and i32.trunc_sat take V8 three times as long; NaN gives ki = 0, no trap)
  get(6); f64(32 / Math.LN2); b.byte(F64_MUL); f64(ROUNDER); b.byte(F64_ADD); tee(7); b.byte(I64_REINTERPRET_F64); b.byte(I32_WRAP_I64); set(5);
  get(7); f64(ROUNDER); b.byte(F64_SUB); set(7);
  // r = (x − k·HI) − k·LO, |r| ≤ ln 2 / 64
  get(6); get(7); f64(LN2_32_HI); b.byte(F64_MUL); b.byte(F64_SUB); get(7); f64(LN2_32_LO); b.byte(F64_MUL); b.byte(F64_SUB); set(8);
  // e^r by Horner (Taylor to r^6: the next term is under 4e-18), × 2^((ki & 31) / 32) × 2^(ki >> 5)
  f64(1 / 720);
  for (const c of [1 / 120, 1 / 24, 1 / 6, 1 / 2, 1, 1]) { get(8); b.byte(F64_MUL); f64(c); b.byte(F64_ADD); }
  get(5); i32(31); b.byte(OP.i32_and); i32(3); b.byte(I32_SHL); b.byte(F64_LOAD).u32(3).u32(g.expTable); b.byte(F64_MUL);
  get(5); i32(5); b.byte(I32_SHR_S); i32(1023); b.byte(OP.i32_add); b.byte(I64_EXTEND_I32_S); b.byte(I64_CONST).i32(52); b.byte(I64_SHL); b.byte(F64_REINTERPRET_I64);
  b.byte(F64_MUL); set(9);
  // Where d(1 − ε) and d(1 + ε) round to different float32 values, Math.exp decides.
  get(9); f64(1 + AMBIGUITY); b.byte(F64_MUL); b.byte(F32_DEMOTE); get(9); f64(1 - AMBIGUITY); b.byte(F64_MUL); b.byte(F32_DEMOTE); b.byte(OP.f32_ne);
  b.byte(OP.if).byte(VOID); get(6); b.byte(OP.call).u32(expImport); set(9); b.byte(OP.end);
  // p = 1 / (1 + float32(d)), y = label
  f32c(1); f32c(1); get(9); b.byte(F32_DEMOTE); b.byte(OP.f32_add); b.byte(F32_DIV); set(10);
  get(3); get(10); b.mem(OP.f32_store, g.preds);
  get(3); b.mem(OP.f32_load, g.labels); set(11);
  if (scaled) {
    // w = (weight or 1), × scale_pos_weight where y = 1
    if (weighted) { get(3); b.mem(OP.f32_load, g.weights); } else f32c(1);
    tee(12); f32c(spw); b.byte(F32_MUL); get(12); get(11); f32c(1); b.byte(F32_EQ); b.byte(OP.select); set(12);
  }
  // grad = (p − y)·w into grad and gpair[2i]
  get(3); get(10); get(11); b.byte(F32_SUB); if (scaled) { get(12); b.byte(F32_MUL); }
  b.byte(OP.local_tee).u32(11); b.mem(OP.f32_store, g.grad);
  get(3); i32(1); b.byte(I32_SHL); get(11); b.mem(OP.f32_store, gpairAt);
  // hess = max(p(1 − p), 1e-16)·w into hess and gpair[2i + 1]
  get(3); get(10); f32c(1); get(10); b.byte(F32_SUB); b.byte(F32_MUL); f32c(1e-16); b.byte(F32_MAX); if (scaled) { get(12); b.byte(F32_MUL); }
  b.byte(OP.local_tee).u32(10); b.mem(OP.f32_store, g.hess);
  get(3); i32(1); b.byte(I32_SHL); get(10); b.mem(OP.f32_store, gpairAt + 4);
  // rows[i] = i for the next tree
  get(2); b.byte(OP.if).byte(VOID); get(3); get(3); i32(2); b.byte(OP.i32_shr_u); b.byte(I32_STORE).u32(2).u32(rowsAt); b.byte(OP.end);
  get(3); i32(4); b.byte(OP.i32_add); set(3);
  b.byte(OP.br).u32(0).byte(OP.end).byte(OP.end);
  return b.finish();
}

/**
 * The body of `margins(k0, k1, value)`: adds the float32 `value` to the margin of each row at positions
 * [k0, k1) of rows (a leaf's rows): margins[rows[k]] += value, in float32 as the JS loop rounds it.
 */
export function leafMarginsBody(g: GradientLayout, rowsAt: number): Uint8Array {
  const b = new ByteWriter();
  const get = (l: number) => b.byte(OP.local_get).u32(l);
  const set = (l: number) => b.byte(OP.local_set).u32(l);
  // Parameters k0 (0), k1 (1), value (2, f32); locals: row address (3), end (4).
  get(0); b.byte(OP.i32_const).i32(2); b.byte(I32_SHL); set(0);
  get(1); b.byte(OP.i32_const).i32(2); b.byte(I32_SHL); set(4);
  b.byte(OP.block).byte(VOID).byte(OP.loop).byte(VOID);
  get(0); get(4); b.byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  get(0); b.mem(OP.i32_load, rowsAt); b.byte(OP.i32_const).i32(2); b.byte(I32_SHL); b.byte(OP.local_tee).u32(3);
  get(3); b.mem(OP.f32_load, g.margins); get(2); b.byte(OP.f32_add); b.mem(OP.f32_store, g.margins);
  get(0); b.byte(OP.i32_const).i32(4); b.byte(OP.i32_add); set(0);
  b.byte(OP.br).u32(0).byte(OP.end).byte(OP.end);
  return b.finish();
}

/** The locals of leafMarginsBody after its parameters: 2 i32. */
export const LEAF_MARGIN_LOCALS: readonly [number, number][] = [[2, 0x7f]];

/** The locals of logisticGradientBody after its three i32 parameters, as (count, type) runs: 3 i32, 4 f64, 3 f32. */
export const GRADIENT_LOCALS: readonly [number, number][] = [[3, 0x7f], [4, 0x7c], [3, 0x7d]];
