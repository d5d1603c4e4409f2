// The Kernel SHAP regression with its efficiency constraint, as shap's KernelExplainer.solve: the last
// varying feature is eliminated through Σφ = f(x) − E[f], the other m − 1 values come from weighted
// least squares on the coalitions, and the last takes what is left, so the values sum to the total to
// rounding. The normal matrix is shared by every output, so it is factored once per explained row.
// shap inverts it and falls back to the pseudo-inverse when singular; here Cholesky, then the
// eigen-decomposition pseudo-inverse when Cholesky meets a non-positive pivot.

/**
 * Shapley values φ (m per output) from the coalition `masks` (count × m), kernel `weights`, `ey`
 * (count × outputs: link(E[f | coalition]) − link(E[f])) and `total` (outputs: link(f(x)) − link(E[f])).
 * Writes φ into `out` (outputs × m).
 */
export function solveConstrained(masks: Uint8Array, weights: Float64Array, count: number, m: number,
  ey: Float64Array, total: Float64Array, outputs: number, out: Float64Array): void {
  const p = m - 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p * outputs);
  const e = new Float64Array(p);
  for (let s = 0; s < count; s++) {
    const w = weights[s];
    if (w === 0) continue;
    const row = s * m;
    const last = masks[row + p];
    for (let j = 0; j < p; j++) e[j] = masks[row + j] - last;
    for (let i = 0; i < p; i++) {
      const wi = w * e[i];
      if (wi === 0) continue;
      for (let j = 0; j <= i; j++) a[i * p + j] += wi * e[j];
      for (let o = 0; o < outputs; o++) b[o * p + i] += wi * (ey[s * outputs + o] - last * total[o]);
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j];
  const solve = choleskySolver(a, p) ?? pseudoInverseSolver(a, p);
  for (let o = 0; o < outputs; o++) {
    const phi = solve(b.subarray(o * p, (o + 1) * p));
    let sum = 0;
    for (let j = 0; j < p; j++) { out[o * m + j] = phi[j]; sum += phi[j]; }
    out[o * m + p] = total[o] - sum;
  }
}

type Solver = (rhs: Float64Array) => Float64Array;

/** L Lᵀ = a, or null when a pivot is not clearly positive (singular or indefinite). */
function choleskySolver(a: Float64Array, n: number): Solver | null {
  const l = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 1e-12 * maxDiag)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  return (rhs) => {
    const y = Float64Array.from(rhs);
    for (let i = 0; i < n; i++) { for (let k = 0; k < i; k++) y[i] -= l[i * n + k] * y[k]; y[i] /= l[i * n + i]; }
    for (let i = n - 1; i >= 0; i--) { for (let k = i + 1; k < n; k++) y[i] -= l[k * n + i] * y[k]; y[i] /= l[i * n + i]; }
    return y;
  };
}

/** a⁺ rhs through cyclic Jacobi eigen-decomposition (eigenvalues below n·eps·max dropped, as numpy's pinv). */
function pseudoInverseSolver(a: Float64Array, n: number): Solver {
  const d = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += d[i * n + j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = d[p * n + q];
        if (apq === 0) continue;
        const theta = (d[q * n + q] - d[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const dkp = d[k * n + p], dkq = d[k * n + q];
          d[k * n + p] = c * dkp - s * dkq; d[k * n + q] = s * dkp + c * dkq;
        }
        for (let k = 0; k < n; k++) {
          const dpk = d[p * n + k], dqk = d[q * n + k];
          d[p * n + k] = c * dpk - s * dqk; d[q * n + k] = s * dpk + c * dqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq; v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let maxEig = 0;
  for (let i = 0; i < n; i++) maxEig = Math.max(maxEig, Math.abs(d[i * n + i]));
  const cut = n * 2.220446049250313e-16 * maxEig;
  return (rhs) => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const lambda = d[k * n + k];
      if (Math.abs(lambda) <= cut) continue;
      let proj = 0;
      for (let i = 0; i < n; i++) proj += v[i * n + k] * rhs[i];
      proj /= lambda;
      for (let i = 0; i < n; i++) out[i] += proj * v[i * n + k];
    }
    return out;
  };
}
