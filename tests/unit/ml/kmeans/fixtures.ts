// Small seeded datasets and float64 reference computations for the k-means tests.
import type { FitData } from '../../../../src/lib/ml/matrix.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

/** `n` rows around `centres` well-separated Gaussian-ish blobs (sum of 3 uniforms) in `d` dimensions, row-major. */
export function blobs(n: number, d: number, centres: number, seed: number, spread = 1): FitData & { features: Float32Array } {
  const rng = new SeededRandom(seed);
  const at = Array.from({ length: centres }, () => Array.from({ length: d }, () => rng.next() * 40 - 20));
  const features = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = at[i % centres];
    for (let f = 0; f < d; f++) features[i * d + f] = c[f] + (rng.next() + rng.next() + rng.next() - 1.5) * 2 * spread;
  }
  return { features, nRows: n, nCols: d };
}

/** Weighted sum of squared distances of row-major `x` to their closest of `centres`, in float64. */
export function ssd(x: ArrayLike<number>, n: number, d: number, centres: ArrayLike<number>, k: number, weights?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < k; j++) {
      let t = 0;
      for (let f = 0; f < d; f++) { const z = x[i * d + f] - centres[j * d + f]; t += z * z; }
      best = Math.min(best, t);
    }
    s += (weights ? weights[i] : 1) * best;
  }
  return s;
}

/** Closest centre and its Euclidean distance per row, in float64. */
export function closest(x: ArrayLike<number>, n: number, d: number, centres: ArrayLike<number>, k: number): { index: number[]; distance: number[] } {
  const index: number[] = [];
  const distance: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let at = -1;
    for (let j = 0; j < k; j++) {
      let t = 0;
      for (let f = 0; f < d; f++) { const z = x[i * d + f] - centres[j * d + f]; t += z * z; }
      if (t < best) { best = t; at = j; }
    }
    index.push(at);
    distance.push(Math.sqrt(best));
  }
  return { index, distance };
}

/** The message of what `fn` throws (synchronously or as a rejected promise). */
export async function message(fn: () => unknown): Promise<string> {
  try { await fn(); } catch (e) { return (e as Error).message; }
  return 'no error';
}
