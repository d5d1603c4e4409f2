// Models, data and a brute-force Shapley reference for the Kernel SHAP and baseline tests.
import type { BatchModel, ShapRows } from '../../../../src/lib/clarify/shap/kernel-shap.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

/** A row model writing `outputs` values for one row. */
export interface RowModel { outputs: number; f: (row: Float32Array, out: Float64Array) => void }

/** The batch wrapper every test uses (outputs rounded to float32, as a real BatchModel returns). */
export function batch(m: RowModel, calls?: number[]): BatchModel {
  return async (rows, n) => {
    calls?.push(n);
    const f = rows.length / n;
    const out = new Float32Array(n * m.outputs);
    const tmp = new Float64Array(m.outputs);
    for (let i = 0; i < n; i++) {
      m.f(rows.subarray(i * f, (i + 1) * f), tmp);
      out.set(tmp, i * m.outputs);
    }
    return out;
  };
}

/** Interactions, products and saturations over the first 8 columns; two outputs. */
export const nonlinear: RowModel = {
  outputs: 2,
  f: (x, out) => {
    out[0] = Math.sin(x[0]) * x[1] + Math.exp(0.3 * x[2]) * x[3] * x[3] - x[4] * x[5] * x[6] + Math.tanh(x[7]);
    out[1] = x[0] * x[7] - Math.cos(x[1] + x[2]) + 0.5 * x[3] * x[4] * x[5] + (x[6] > 0 ? x[6] : 0);
  },
};

/** Probabilities of the nonlinear score (one output), for use_logit. */
export const probability: RowModel = {
  outputs: 1,
  f: (x, out) => {
    const z = 0.8 * Math.sin(x[0]) * x[1] + 0.4 * x[2] * x[3] - 0.3 * x[4] * x[5] + 0.5 * Math.tanh(x[6] * x[7]);
    out[0] = 1 / (1 + Math.exp(-z));
  },
};

/** Gaussian-ish rows with a fixed seed (values rounded to 1/64 so dyadic models stay exact). */
export function rows(n: number, f: number, seed: number): ShapRows {
  const rng = new SeededRandom(seed);
  const values = new Float32Array(n * f);
  for (let i = 0; i < values.length; i++) values[i] = Math.round((rng.next() + rng.next() + rng.next() - 1.5) * 2 * 64) / 64;
  return { values, nRows: n, nCols: f };
}

/**
 * Exact Shapley values of row `i` for the game v(S) = link(Σ_k w_k f(x_S, x_fixed, b_k rest)) over the
 * `players`, every column outside the players held at x: outputs × players.
 */
export function bruteForceShapley(m: RowModel, x: Float32Array, baseline: Float32Array, weights: Float64Array,
  players: number[], link: (v: number) => number = (v) => v): Float64Array {
  const f = x.length;
  const b = baseline.length / f;
  const p = players.length;
  const d = m.outputs;
  const value = new Float64Array((1 << p) * d);
  const row = new Float32Array(f);
  const tmp = new Float64Array(d);
  const playerSet = new Set(players);
  for (let s = 0; s < 1 << p; s++) {
    const acc = new Float64Array(d);
    for (let k = 0; k < b; k++) {
      for (let j = 0; j < f; j++) row[j] = playerSet.has(j) ? baseline[k * f + j] : x[j];
      for (let t = 0; t < p; t++) if (s & (1 << t)) row[players[t]] = x[players[t]];
      m.f(row, tmp);
      for (let o = 0; o < d; o++) acc[o] += weights[k] * Math.fround(tmp[o]);
    }
    for (let o = 0; o < d; o++) value[s * d + o] = link(acc[o]);
  }
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Float64Array(d * p);
  for (let t = 0; t < p; t++) {
    for (let s = 0; s < 1 << p; s++) {
      if (s & (1 << t)) continue;
      let size = 0;
      for (let q = s; q; q &= q - 1) size++;
      const w = (fact(size) * fact(p - size - 1)) / fact(p);
      for (let o = 0; o < d; o++) phi[o * p + t] += w * (value[(s | (1 << t)) * d + o] - value[s * d + o]);
    }
  }
  return phi;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export const logit = (p: number) => Math.log(p / (1 - p));
