import { describe, expect, it } from 'vitest';
import { drawReduction, nextPowerOfTwo, project, walshHadamard } from '../../../../src/lib/ml/knn/dimension-reduction.ts';
import { exactIndex, norm, scanAll } from '../../../../src/lib/ml/knn/exact-nearness.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

function gaussian(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** `n` rows of `d` values on a random 4-dimensional subspace (latent values uniform in [0, 1)), plus noise 0.01. */
function lowRank(n: number, d: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const basis = Array.from({ length: 4 }, () => Array.from({ length: d }, () => gaussian(rng)));
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = basis.map(() => rng.next());
    for (let j = 0; j < d; j++) out[i * d + j] = z.reduce((s, v, c) => s + v * basis[c][j], 0) + 0.01 * gaussian(rng);
  }
  return out;
}

/** Sylvester's Hadamard entry H[i][j] = (−1)^popcount(i & j). */
function hadamard(i: number, j: number): number {
  let b = i & j, parity = 0;
  while (b) { parity ^= b & 1; b >>= 1; }
  return parity ? -1 : 1;
}

/** Mean share of each query's 10 nearest rows (L2, float64 scan) found again after the projection. */
function recall(rows: Float32Array, n: number, d: number, reduced: Float32Array, t: number, queries: number): number {
  const full = exactIndex(rows, n, d, 'L2'), small = exactIndex(reduced, n, t, 'L2');
  const k = 10, a = new Int32Array(k), b = new Int32Array(k), v = new Float64Array(k);
  let found = 0;
  for (let i = 0; i < queries; i++) {
    const q = Float64Array.from(rows.subarray(i * d, (i + 1) * d));
    scanAll(full, q, norm(q, 0, d), k, a, v, 0);
    const r = Float64Array.from(reduced.subarray(i * t, (i + 1) * t));
    scanAll(small, r, norm(r, 0, t), k, b, v, 0);
    const set = new Set(a);
    for (const x of b) if (set.has(x)) found++;
  }
  return found / (k * queries);
}

describe('dimension reduction', () => {
  it('walshHadamard(a) multiplies by Sylvester\'s Hadamard matrix', () => {
    const x = [3, -1, 4, 1, -5, 9, 2, -6];
    const a = Float64Array.from(x);
    walshHadamard(a);
    expect(Array.from(a)).toEqual(x.map((_, i) => x.reduce((s, v, j) => s + hadamard(i, j) * v, 0)));
  });

  it('sign projects x to x·S/√target with a ±1 matrix S drawn from the seed', () => {
    const d = 6, t = 3;
    const r = drawReduction('sign', d, t, 4);
    if (r.type !== 'sign') throw new Error('expected sign');
    expect(r.signs.every((s) => s === 1 || s === -1)).toBe(true);
    const x = Float32Array.of(1, -2, 0.5, 3, 0, -1, 2, 2, 2, -1, 0.25, 7);
    const y = project(r, x, 2);
    expect(y.length).toBe(2 * t);
    for (let i = 0; i < 2; i++) for (let c = 0; c < t; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * r.signs[j * t + c];
      expect(y[i * t + c]).toBe(Math.fround(s / Math.sqrt(t)));
    }
  });

  it('fjlt keeps `target` of the Hadamard coordinates of the sign-flipped, zero-padded row, scaled by 1/√target', () => {
    const d = 5, t = 3;
    const r = drawReduction('fjlt', d, t, 2);
    if (r.type !== 'fjlt') throw new Error('expected fjlt');
    expect(r.padded).toBe(8);
    expect(new Set(r.coordinates).size).toBe(t);
    expect(Array.from(r.coordinates)).toEqual(Array.from(r.coordinates).sort((a, b) => a - b));
    const x = Float32Array.of(0.5, -1, 2, 3, -0.25);
    const y = project(r, x, 1);
    r.coordinates.forEach((c, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += hadamard(c, j) * r.flips[j] * x[j];
      expect(y[i]).toBe(Math.fround(s / Math.sqrt(t)));
    });
  });

  it('draws the same projection for the same seed and another for another seed', () => {
    for (const type of ['sign', 'fjlt'] as const) {
      const x = lowRank(20, 30, 1);
      const a = project(drawReduction(type, 30, 8, 7), x, 20);
      expect(project(drawReduction(type, 30, 8, 7), x, 20)).toEqual(a);
      expect(project(drawReduction(type, 30, 8, 8), x, 20)).not.toEqual(a);
    }
  });

  it('keeps squared lengths on average: mean ‖y‖²/‖x‖² over 400 rows within 0.1 of 1 (64 → 16 dims)', () => {
    const n = 400, d = 64, t = 16;
    const rng = new SeededRandom(3);
    const x = Float32Array.from({ length: n * d }, () => gaussian(rng));
    for (const type of ['sign', 'fjlt'] as const) {
      let ratio = 0;
      // A fresh projection per row block, so the average is over draws as well as rows.
      for (let b = 0; b < 20; b++) {
        const block = x.subarray(b * 20 * d, (b + 1) * 20 * d);
        const y = project(drawReduction(type, d, t, 100 + b), block, 20);
        for (let i = 0; i < 20; i++) ratio += norm(y, i * t, t) ** 2 / norm(block, i * d, d) ** 2;
      }
      expect(Math.abs(ratio / n - 1), type).toBeLessThan(0.1);
    }
  });

  it('mostly keeps nearest neighbours: ≥ 80% of each row\'s 10 nearest of 2,000 rows near a 4-dimensional subspace (64 → 32 dims)', () => {
    const n = 2000, d = 64, t = 32;
    const rows = lowRank(n, d, 5);
    for (const type of ['sign', 'fjlt'] as const) {
      const got = recall(rows, n, d, project(drawReduction(type, d, t, 0), rows, n), t, 100);
      // Measured: 0.891 (sign), 0.897 (fjlt).
      expect(got, type).toBeGreaterThan(0.8);
    }
  });

  it('refuses a target that is not less than the feature count', () => {
    expect(() => drawReduction('sign', 4, 4, 0)).toThrow('dimension_reduction_target must be an integer in [1, 3] (less than the 4 features); got 4');
    expect(nextPowerOfTwo(9)).toBe(16);
  });
});
