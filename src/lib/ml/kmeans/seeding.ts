// Initial centres on the CPU (float64 distances), from a few thousand rows at most: the streaming pass
// seeds from its first mini-batch, the local Lloyd from the over-provisioned centres.
import type { SeededRandom } from '../random.ts';
import type { KMeansInitMethod } from './params.ts';

/** Row-major points with optional non-negative weights (null = all 1). */
export interface CpuPoints {
  values: Float32Array;
  n: number;
  d: number;
  weights: Float64Array | null;
}

function sqDist(a: Float32Array, i: number, b: Float32Array, j: number, d: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let t = 0; t < d; t++) { const z = a[ai + t] - b[bj + t]; s += z * z; }
  return s;
}

/** An index drawn with probability proportional to `mass` (uniform among `fallback` rows when all mass is 0). */
function draw(mass: Float64Array, total: number, rng: SeededRandom, fallback: () => number): number {
  if (!(total > 0)) return fallback();
  let u = rng.next() * total;
  for (let i = 0; i < mass.length; i++) {
    u -= mass[i];
    if (u < 0 && mass[i] > 0) return i;
  }
  for (let i = mass.length - 1; i >= 0; i--) if (mass[i] > 0) return i;
  return fallback();
}

/**
 * k centres chosen by k-means++ (D² sampling, weighted by the points' weights). With `localTrials` > 1
 * it is scikit-learn's greedy variant: each step draws that many candidates and keeps the one that
 * lowers the potential most. Returns row indices into `p`.
 */
export function kmeansPlusPlus(p: CpuPoints, k: number, rng: SeededRandom, localTrials = 1): Int32Array {
  const { values, n, d } = p;
  const w = p.weights;
  const wt = (i: number) => (w ? w[i] : 1);
  const positive: number[] = [];
  for (let i = 0; i < n; i++) if (wt(i) > 0) positive.push(i);
  const anyRow = () => (positive.length > 0 ? positive[rng.nextInt(positive.length)] : rng.nextInt(n));
  const chosen = new Int32Array(k);
  const weightMass = new Float64Array(n);
  let weightTotal = 0;
  for (let i = 0; i < n; i++) { weightMass[i] = wt(i); weightTotal += weightMass[i]; }
  chosen[0] = draw(weightMass, weightTotal, rng, anyRow);
  const best = new Float64Array(n);
  const mass = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) { best[i] = sqDist(values, i, values, chosen[0], d); mass[i] = wt(i) * best[i]; potential += mass[i]; }
  let scratch = new Float64Array(n);
  let kept = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < localTrials; t++) {
      const cand = draw(mass, potential, rng, anyRow);
      let pot = 0;
      for (let i = 0; i < n; i++) { const z = Math.min(best[i], sqDist(values, i, values, cand, d)); scratch[i] = z; pot += wt(i) * z; }
      if (pot < bestPotential) { bestPotential = pot; bestCandidate = cand; [scratch, kept] = [kept, scratch]; }
    }
    chosen[c] = bestCandidate;
    best.set(kept);
    potential = 0;
    for (let i = 0; i < n; i++) { mass[i] = wt(i) * best[i]; potential += mass[i]; }
  }
  return chosen;
}

/** k distinct rows of positive weight chosen uniformly (repeats only when fewer than k rows have weight). */
export function randomRows(p: CpuPoints, k: number, rng: SeededRandom): Int32Array {
  const positive: number[] = [];
  for (let i = 0; i < p.n; i++) if (!p.weights || p.weights[i] > 0) positive.push(i);
  const pool = Int32Array.from(positive.length > 0 ? positive : Array.from({ length: p.n }, (_, i) => i));
  const out = new Int32Array(k);
  const picked = rng.sample(pool, Math.min(k, pool.length));
  out.set(picked);
  for (let i = picked.length; i < k; i++) out[i] = pool[rng.nextInt(pool.length)];
  // sample() returns indices sorted; shuffle so centre order carries no meaning.
  for (let i = k - 1; i > 0; i--) { const j = rng.nextInt(i + 1); const t = out[i]; out[i] = out[j]; out[j] = t; }
  return out;
}

/** Greedy k-means++ trials per centre, as scikit-learn: 2 + ⌊ln k⌋. */
export function greedyTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** Rows of `p` chosen by `method` for k centres, copied out row-major. */
export function seedCentres(p: CpuPoints, k: number, method: KMeansInitMethod, rng: SeededRandom, localTrials = 1): Float32Array {
  const rows = method === 'kmeans++' ? kmeansPlusPlus(p, k, rng, localTrials) : randomRows(p, k, rng);
  const out = new Float32Array(k * p.d);
  for (let c = 0; c < k; c++) out.set(p.values.subarray(rows[c] * p.d, (rows[c] + 1) * p.d), c * p.d);
  return out;
}
