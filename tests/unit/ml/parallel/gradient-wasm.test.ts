import { describe, expect, it } from 'vitest';
import { logisticGradientRows, runChunks, type HistogramWorkerData } from '../../../../src/lib/ml/parallel/histogram-kernel.ts';
import { createWasmHistogram } from '../../../../src/lib/ml/parallel/histogram-wasm.ts';
import { mulberry32 } from '../../../../src/lib/ml/random.ts';
import { sigmoid } from '../../../../src/lib/ml/xgboost/objectives/logistic.ts';

const f = Math.fround;
const nCols = 3;
const histOffsets = Uint32Array.from([0, 5, 10, 15]);

/** A kernel with gradients for `n` rows, its `grad` function instantiated with a counting Math.exp. */
function kernel(n: number, weighted: boolean, scalePosWeight: number, shared = false) {
  const w = createWasmHistogram(new Uint8Array(n * nCols), nCols, histOffsets, n, 1, shared, 0, { weighted, scalePosWeight });
  if (!w?.gradients) throw new Error('no WebAssembly gradients');
  const calls = { exp: 0 };
  const instance = new WebAssembly.Instance(w.kernel.module, { env: { mem: w.kernel.memory, exp: (x: number) => { calls.exp++; return Math.exp(x); } } });
  return { w, g: w.gradients, grad: instance.exports.grad as (lo: number, hi: number, reset: number) => void, calls };
}

/** logisticGradientRows over the kernel's inputs, rows [lo, hi): what `grad` must write. */
function expected(g: NonNullable<ReturnType<typeof kernel>['g']>, lo: number, hi: number) {
  const n = g.margins.length;
  const grad = new Float32Array(n), hess = new Float32Array(n), gpair = new Float32Array(2 * n);
  logisticGradientRows(g.margins, g.labels, g.weights, g.params[0], grad, hess, gpair, lo, hi);
  return { grad: grad.subarray(lo, hi), hess: hess.subarray(lo, hi), gpair: gpair.subarray(2 * lo, 2 * hi) };
}

/** Positions where `a` and `b` differ (Object.is: NaN equals NaN, −0 differs from +0); a loop, as toEqual takes seconds on millions. */
function differences(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) d++;
  return d;
}

describe('the WebAssembly logistic gradient', () => {
  it('writes logisticGradientRows\' grad, hess and gradient pairs bit for bit, margins from −1e30 to 1e30', () => {
    const rnd = mulberry32(5);
    const special = [0, -0, 1e-30, -1e-30, 88.7, -88.7, 88.8, -88.8, 103.9, 104, -104, 110, -110, 200, -200, 1e30, -1e30, 0.5, -0.5, 16.6355, -16.6355];
    const n = 300_000;
    const { g, grad, calls, w } = kernel(n, false, 1);
    for (let i = 0; i < n; i++) {
      // Typical margins, wide ones, and the special values.
      const u = rnd();
      g.margins[i] = f(i < special.length ? special[i] : u < 0.6 ? (rnd() - 0.5) * 8 : u < 0.9 ? (rnd() - 0.5) * 60 : (rnd() - 0.5) * 400);
      g.labels[i] = rnd() < 0.4 ? 1 : 0;
    }
    grad(0, n, 0);
    const want = expected(g, 0, n);
    expect([differences(g.grad, want.grad), differences(g.hess, want.hess), differences(w.gpair, want.gpair)]).toEqual([0, 0, 0]);
    // p itself, for the metrics: the objective's sigmoid.
    expect(differences(g.preds!, Float32Array.from(g.margins, sigmoid))).toBe(0);
    // Math.exp decides only where the float32 rounding is in doubt: a few rows in a million.
    expect(calls.exp).toBeLessThan(n / 1000);
  });

  it('calls Math.exp where its own exponential is too close to a float32 rounding point to call (and agrees then too)', () => {
    const n = 2_000_000;
    const { g, grad, calls } = kernel(n, false, 1);
    const rnd = mulberry32(9);
    for (let i = 0; i < n; i++) { g.margins[i] = f((rnd() - 0.5) * 30); g.labels[i] = i & 1; }
    grad(0, n, 0);
    const want = expected(g, 0, n);
    expect([differences(g.grad, want.grad), differences(g.hess, want.hess)]).toEqual([0, 0]);
    expect(calls.exp).toBeGreaterThan(0);
  });

  for (const shared of [false, true]) {
    it(`weights rows and scale_pos_weight, takes fractional labels, and writes only [lo, hi) (${shared ? 'shared' : 'own'} memory)`, () => {
      const n = 5000;
      const { g, grad, w } = kernel(n, true, 3.7, shared);
      expect(g.params[0]).toBe(f(3.7));
      expect(g.margins.buffer instanceof SharedArrayBuffer).toBe(shared);
      const rnd = mulberry32(2);
      for (let i = 0; i < n; i++) {
        g.margins[i] = f((rnd() - 0.5) * 10);
        g.labels[i] = i % 3 === 0 ? 1 : i % 3 === 1 ? 0 : f(rnd());
        g.weights[i] = f(rnd() * 2);
      }
      g.grad.fill(7); g.hess.fill(7);
      grad(101, 3998, 0);
      const want = expected(g, 101, 3998);
      expect(g.grad.subarray(101, 3998)).toEqual(want.grad);
      expect(g.hess.subarray(101, 3998)).toEqual(want.hess);
      expect(w.gpair.subarray(202, 7996)).toEqual(want.gpair);
      expect([g.grad[100], g.grad[3998], g.hess[100], g.hess[3998]]).toEqual([7, 7, 7, 7]);
    });
  }

  it('adds leaf values to the margins of a leaf\'s rows as the JS loop does, float32 sums', () => {
    const n = 10_000;
    const { w, g } = kernel(n, false, 1);
    const margins = (new WebAssembly.Instance(w.kernel.module, { env: { mem: w.kernel.memory, exp: Math.exp } }).exports.margins) as (k0: number, k1: number, v: number) => void;
    const rnd = mulberry32(4);
    for (let i = 0; i < n; i++) { g.margins[i] = f((rnd() - 0.5) * 3); w.rows[i] = (i * 7919) % n; }
    const want = Float32Array.from(g.margins);
    const leaves = [[0, 1234, f(0.3)], [1234, 1234, f(5)], [1234, 9000, f(-0.1234567)], [9000, n, f(1e-7)]];
    for (const [b, e, v] of leaves) {
      margins(b, e, v);
      for (let k = b; k < e; k++) want[w.rows[k]] += v;
    }
    expect(differences(g.margins, want)).toBe(0);
  });

  it('puts rows [lo, hi) back in order when asked', () => {
    const n = 1000;
    const { w, grad } = kernel(n, false, 1);
    w.rows.fill(5);
    grad(10, 20, 0);
    expect(Array.from(w.rows.subarray(10, 20))).toEqual(Array(10).fill(5));
    grad(10, 20, 1);
    expect(Array.from(w.rows.subarray(9, 21))).toEqual([5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 5]);
  });

  it('a pool thread without the kernel (it could not instantiate it) still writes p beside the gradients', () => {
    const n = 1000;
    const rnd = mulberry32(6);
    const floats = (k: number) => new Float32Array(new SharedArrayBuffer(4 * k));
    const g = { margins: floats(n), labels: floats(n), weights: floats(0), grad: floats(n), hess: floats(n), preds: floats(n), params: Float32Array.of(1) };
    for (let i = 0; i < n; i++) { g.margins[i] = f((rnd() - 0.5) * 12); g.labels[i] = i & 1; }
    // One gradient chunk (job kind 3) over all rows, claimable as job 1's chunk 0.
    const control = new Int32Array(new SharedArrayBuffer(4 * 20));
    control[7] = 3; control[8] = 1; control[11] = 1 << 16;
    const d: HistogramWorkerData = {
      control, codes: new Uint8Array(n), nCols: 1, histOffsets: Uint32Array.of(0, 2), gpair: floats(2 * n), rows: new Uint32Array(n),
      partials: new Float64Array(0), partialsInKernel: false, index: 0, tasks: Int32Array.of(0, n, 0, 0, 0), nLeft: new Int32Array(1),
      wasm: null, gradients: g, sums: new Float64Array(2), split: null, metrics: new Float64Array(4), spin: 1000,
    };
    expect(runChunks({ d, kernel: null, goLeft: new Uint8Array(65536), scratch: new Uint32Array(0), features: Int32Array.of(0), ranks: { keys: new Uint32Array(0), other: new Uint32Array(0) } }, 0)).toBe(1);
    expect(differences(g.preds, Float32Array.from(g.margins, sigmoid))).toBe(0);
    const want = expected(g, 0, n);
    expect([differences(g.grad, want.grad), differences(g.hess, want.hess)]).toEqual([0, 0]);
  });
});
