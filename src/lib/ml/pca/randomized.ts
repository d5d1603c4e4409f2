// algorithm_mode randomized: the randomized range finder of Halko, Martinsson & Tropp (2011, algorithms 4.4
// and 5.1) on the row space, as subspace iteration on the scatter matrix. Start from l = num_components +
// extra_components Gaussian directions; each pass over the data multiplies the orthonormal basis Q by the
// scatter (with TensorFlow.js, in mini-batches), and a Rayleigh–Ritz step (an l × l eigen-decomposition on
// the CPU, float64) turns the basis into components. The d × d matrix is never formed, so this suits many
// columns: each pass costs n·d·l instead of n·d². Iteration stops once every kept Ritz pair has a small
// residual ‖S v − θ v‖ (relative to the largest θ), or after RANDOMIZED_MAX_PASSES. A fixed pass count
// would not do: on standardized digits (a slowly decaying spectrum) 7 passes leave the fifth component's
// projection 1.6e-2 away from the exact one, where the residual test (13 passes) leaves 3e-5.
import type { SeededRandom } from '../random.ts';
import type { ColumnMoments } from './moments.ts';
import { centredScatterTimes, type PassData } from './scatter.ts';
import { flipSigns, type PcaSolution } from './solution.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

/** Most passes over the data in randomized mode (the first from the random start, then power iterations). */
export const RANDOMIZED_MAX_PASSES = 25;

/**
 * Iteration stops when every kept component's residual ‖S v − θ v‖ is at most this times the largest θ;
 * float32 products leave a floor near 3e-8 on the scikit-learn datasets.
 */
export const RANDOMIZED_TOLERANCE = 1e-5;

/** Standard normal variate (Box–Muller). */
function gaussian(rng: SeededRandom): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let t = 0; t < v.length; t++) s += v[t] * v[t];
  return Math.sqrt(s);
}

/**
 * Orthonormalises the `l` rows of `q` (l × d) in place by modified Gram–Schmidt, twice ("twice is
 * enough"); a row that vanishes (the data has rank below l) is replaced by a fresh random direction.
 */
export function orthonormalizeRows(q: Float64Array, l: number, d: number, rng: SeededRandom): void {
  for (let i = 0; i < l; i++) {
    const row = q.subarray(i * d, (i + 1) * d);
    for (let attempt = 0; ; attempt++) {
      const before = norm(row);
      for (let sweep = 0; sweep < 2; sweep++) {
        for (let p = 0; p < i; p++) {
          const prev = q.subarray(p * d, (p + 1) * d);
          let dot = 0;
          for (let t = 0; t < d; t++) dot += prev[t] * row[t];
          for (let t = 0; t < d; t++) row[t] -= dot * prev[t];
        }
      }
      const after = norm(row);
      if (after > 1e-10 * before && after > 0) {
        for (let t = 0; t < d; t++) row[t] /= after;
        break;
      }
      if (attempt > 10) throw new Error(`randomized pca could not find ${l} independent directions in ${d} columns`);
      for (let t = 0; t < d; t++) row[t] = gaussian(rng);
    }
  }
}

/** l × l row-major Q · Zᵀ for row sets q, z (l × d each), symmetrised. */
function rayleigh(q: Float64Array, z: Float64Array, l: number, d: number): Float64Array {
  const h = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = 0; j < l; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += q[i * d + t] * z[j * d + t];
      h[i * l + j] = s;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) h[i * l + j] = h[j * l + i] = (h[i * l + j] + h[j * l + i]) / 2;
  return h;
}

/** Called after each pass with the components so far; resolves true to stop iterating. */
export type PassHook = (pass: number, solution: PcaSolution) => Promise<boolean> | boolean;

/**
 * The top `k` components from a subspace of `l` directions after up to `passes` passes, fewer once the
 * residuals fall under RANDOMIZED_TOLERANCE; with l = d the first pass is exact and the iteration stops
 * there. Returns the last solution and the passes it took.
 */
export async function solveRandomized(
  pass: PassData, moments: ColumnMoments, k: number, l: number, subtractMean: boolean,
  rng: SeededRandom, passes: number, afterPass: PassHook,
): Promise<{ solution: PcaSolution; passes: number }> {
  const d = pass.matrix.nCols;
  let q = new Float64Array(l * d);
  for (let i = 0; i < q.length; i++) q[i] = gaussian(rng);
  orthonormalizeRows(q, l, d, rng);
  for (let t = 0; ; t++) {
    const zc = await centredScatterTimes(pass, q, l);
    const z = zc.slice();
    if (!subtractMean) {
      // Uncentred scatter M = S + w μμᵀ, applied to each basis row: add w (μ · q) μ.
      for (let i = 0; i < l; i++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += moments.mean[c] * q[i * d + c];
        for (let c = 0; c < d; c++) z[i * d + c] += moments.weight * dot * moments.mean[c];
      }
    }
    const ritz = symmetricEigen(rayleigh(q, z, l, d), l);
    const centredH = subtractMean ? null : rayleigh(q, zc, l, d);
    const components = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < l; i++) {
        const w = ritz.vectors[j * l + i];
        for (let c = 0; c < d; c++) components[j * d + c] += w * q[i * d + c];
      }
    }
    const residual = worstResidual(z, ritz, components, k, l, d);
    flipSigns(components, k, d);
    const solution: PcaSolution = { k, d, components, decomposed: new Float64Array(k), centred: new Float64Array(k) };
    for (let j = 0; j < k; j++) {
      solution.decomposed[j] = Math.max(0, ritz.values[j]);
      solution.centred[j] = centredH ? ritzQuadratic(centredH, ritz.vectors, j, l) : solution.decomposed[j];
    }
    const stop = await afterPass(t, solution);
    if (stop || t + 1 >= passes || l === d || residual <= RANDOMIZED_TOLERANCE) return { solution, passes: t + 1 };
    q = z;
    orthonormalizeRows(q, l, d, rng);
  }
}

/** wⱼᵀ H wⱼ for row `j` of `w` (l × l), clamped at 0. */
function ritzQuadratic(h: Float64Array, w: Float64Array, j: number, l: number): number {
  let s = 0;
  for (let a = 0; a < l; a++) {
    let t = 0;
    for (let b = 0; b < l; b++) t += h[a * l + b] * w[j * l + b];
    s += w[j * l + a] * t;
  }
  return Math.max(0, s);
}

/**
 * max over the first k Ritz pairs of ‖S vⱼ − θⱼ vⱼ‖ / θ₀, with S vⱼ = Σᵢ wⱼᵢ zᵢ read off the pass's
 * products `z` (so no extra pass); 0 when θ₀ is 0 (no spread: nothing to converge).
 */
function worstResidual(z: Float64Array, ritz: { values: Float64Array; vectors: Float64Array }, components: Float64Array, k: number, l: number, d: number): number {
  const top = ritz.values[0];
  if (!(top > 0)) return 0;
  let worst = 0;
  for (let j = 0; j < k; j++) {
    let r2 = 0;
    for (let c = 0; c < d; c++) {
      let sv = 0;
      for (let i = 0; i < l; i++) sv += ritz.vectors[j * l + i] * z[i * d + c];
      const r = sv - ritz.values[j] * components[j * d + c];
      r2 += r * r;
    }
    worst = Math.max(worst, Math.sqrt(r2) / top);
  }
  return worst;
}
