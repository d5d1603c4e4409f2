// Initial weights drawn on the CPU from SeededRandom, so a seed gives the same starting network on every
// TensorFlow.js backend (the backends' own random ops differ).
import type { SeededRandom } from '../random.ts';
import type { InitMethod } from './params.ts';

/** A standard normal draw (Box–Muller; the second value is discarded to keep the stream simple). */
export function normal(rng: SeededRandom): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * nIn × nOut weights, row-major: glorot_* scale by 2 / (nIn + nOut), he_* by 2 / nIn;
 * *_uniform draws from ±√(3·scale), *_normal from N(0, scale) (untruncated).
 */
export function initialWeights(method: InitMethod, nIn: number, nOut: number, rng: SeededRandom): Float32Array {
  const variance = method.startsWith('glorot') ? 2 / (nIn + nOut) : 2 / nIn;
  const out = new Float32Array(nIn * nOut);
  if (method.endsWith('uniform')) {
    const bound = Math.sqrt(3 * variance);
    for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * bound;
  } else {
    const sd = Math.sqrt(variance);
    for (let i = 0; i < out.length; i++) out[i] = normal(rng) * sd;
  }
  return out;
}

/** An inverted-dropout mask of `n` values: 0 with probability `rate`, else 1 / (1 − rate). */
export function dropoutMask(n: number, rate: number, rng: SeededRandom): Float32Array {
  const keep = 1 / (1 - rate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < rate ? 0 : keep;
  return out;
}
