import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { symmetricEigen } from '../../../../src/lib/ml/pca/symmetric-eigen.ts';

/** ‖A − V Λ Vᵀ‖∞ and ‖V Vᵀ − I‖∞ for row eigenvectors V. */
function residuals(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): { reconstruction: number; orthogonality: number } {
  let reconstruction = 0;
  let orthogonality = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let r = 0;
      let o = 0;
      for (let k = 0; k < n; k++) {
        r += vectors[k * n + i] * values[k] * vectors[k * n + j];
        o += vectors[i * n + k] * vectors[j * n + k];
      }
      reconstruction = Math.max(reconstruction, Math.abs(r - a[i * n + j]));
      orthogonality = Math.max(orthogonality, Math.abs(o - (i === j ? 1 : 0)));
    }
  }
  return { reconstruction, orthogonality };
}

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = rng.next() * 2 - 1;
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

describe('symmetricEigen', () => {
  it('finds the eigenvalues 2 − 2cos(kπ/(n+1)) of the second-difference matrix to 1e-12', () => {
    const n = 40;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) { a[i * n + i - 1] = -1; a[(i - 1) * n + i] = -1; }
    }
    const { values } = symmetricEigen(a, n);
    for (let j = 0; j < n; j++) {
      const k = n - j; // descending
      expect(Math.abs(values[j] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThan(1e-12);
    }
  });

  it('reconstructs a random 60 × 60 symmetric matrix with orthonormal eigenvectors to 1e-12', () => {
    const n = 60;
    const a = randomSymmetric(n, 7);
    const { values, vectors } = symmetricEigen(a, n);
    for (let j = 1; j < n; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
    const r = residuals(a, n, values, vectors);
    expect(r.reconstruction).toBeLessThan(1e-12);
    expect(r.orthogonality).toBeLessThan(1e-12);
  });

  it('handles a diagonal matrix, repeated eigenvalues, a zero matrix and a 1 × 1 matrix exactly', () => {
    const diag = symmetricEigen([3, 0, 0, 0, 5, 0, 0, 0, 1], 3);
    expect(Array.from(diag.values)).toEqual([5, 3, 1]);
    expect(Math.abs(diag.vectors[1])).toBe(1);
    const repeated = symmetricEigen([2, 0, 0, 0, 2, 0, 0, 0, 2], 3);
    expect(Array.from(repeated.values)).toEqual([2, 2, 2]);
    expect(residuals(new Float64Array([2, 0, 0, 0, 2, 0, 0, 0, 2]), 3, repeated.values, repeated.vectors).orthogonality).toBeLessThan(1e-15);
    const zero = symmetricEigen(new Float64Array(16), 4);
    expect(Array.from(zero.values)).toEqual([0, 0, 0, 0]);
    expect(residuals(new Float64Array(16), 4, zero.values, zero.vectors).orthogonality).toBeLessThan(1e-15);
    const one = symmetricEigen([-4], 1);
    expect(Array.from(one.values)).toEqual([-4]);
    expect(Array.from(one.vectors)).toEqual([1]);
  });

  it('keeps small eigenvalues of a rank-deficient covariance to 1e-12 of the largest', () => {
    // X is 30 × 8 of rank 3, so XᵀX has five zero eigenvalues.
    const rng = new SeededRandom(3);
    const n = 8;
    const basis = Array.from({ length: 3 }, () => Array.from({ length: n }, () => rng.next() - 0.5));
    const a = new Float64Array(n * n);
    for (let r = 0; r < 30; r++) {
      const c = [rng.next(), rng.next(), rng.next()];
      const x = Array.from({ length: n }, (_, j) => c[0] * basis[0][j] + c[1] * basis[1][j] + c[2] * basis[2][j]);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += x[i] * x[j];
    }
    const { values, vectors } = symmetricEigen(a, n);
    for (let j = 3; j < n; j++) expect(Math.abs(values[j])).toBeLessThan(1e-12 * values[0]);
    expect(residuals(a, n, values, vectors).reconstruction).toBeLessThan(1e-12 * values[0]);
  });

  it('refuses a matrix of the wrong size or with a value that is not finite', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow('n × n = 4 values; it holds 3');
    expect(() => symmetricEigen([1, NaN, NaN, 1], 2)).toThrow('holds NaN at (1, 0)');
  });
});
