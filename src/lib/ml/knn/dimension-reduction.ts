// SageMaker k-NN's dimension reductions, both random linear maps that keep squared lengths in expectation
// (Johnson–Lindenstrauss): `sign` multiplies by a random ±1 matrix scaled by 1/√target; `fjlt` (the fast
// Johnson–Lindenstrauss transform, in its subsampled randomized Hadamard form) flips signs at random, applies
// a Walsh–Hadamard transform to the row zero-padded to a power of two, keeps `target` coordinates chosen at
// random and scales them by 1/√target. Both run on the CPU in float64 and round once to float32, so every
// tfjs backend indexes the same projected rows.
import { SeededRandom } from '../random.ts';

/** A drawn projection, stored in the model so that queries are projected exactly as the index was. */
export type Reduction =
  | { type: 'sign'; target: number; inputDim: number; /** inputDim × target, row-major, each ±1. */ signs: Int8Array }
  | {
      type: 'fjlt'; target: number; inputDim: number;
      /** Power of two ≥ inputDim the row is zero-padded to. */ padded: number;
      /** One ±1 per input dimension. */ flips: Int8Array;
      /** Kept coordinates of the transform, ascending, distinct, each in [0, padded). */ coordinates: Int32Array;
    };

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function randomSigns(rng: SeededRandom, n: number): Int8Array {
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < 0.5 ? -1 : 1;
  return out;
}

/** Draws a `type` projection from `inputDim` to `target` dimensions with `seed`. */
export function drawReduction(type: 'sign' | 'fjlt', inputDim: number, target: number, seed: number): Reduction {
  if (!Number.isInteger(target) || target < 1 || target >= inputDim) {
    throw new RangeError(`dimension_reduction_target must be an integer in [1, ${inputDim - 1}] (less than the ${inputDim} features); got ${target}`);
  }
  const rng = new SeededRandom(seed);
  if (type === 'sign') return { type, target, inputDim, signs: randomSigns(rng, inputDim * target) };
  const padded = nextPowerOfTwo(inputDim);
  const flips = randomSigns(rng, inputDim);
  const coordinates = rng.sample(Int32Array.from({ length: padded }, (_, i) => i), target);
  return { type, target, inputDim, padded, flips, coordinates };
}

/** In-place unnormalised Walsh–Hadamard transform of `a` (length a power of two), in O(n log n). */
export function walshHadamard(a: Float64Array): void {
  for (let h = 1; h < a.length; h *= 2) {
    for (let i = 0; i < a.length; i += 2 * h) {
      for (let j = i; j < i + h; j++) {
        const x = a[j], y = a[j + h];
        a[j] = x + y;
        a[j + h] = x - y;
      }
    }
  }
}

/** Projects `nRows` row-major rows of `reduction.inputDim` values; returns nRows × target, row-major. */
export function project(reduction: Reduction, rows: Float32Array, nRows: number): Float32Array {
  const { inputDim: d, target: t } = reduction;
  if (rows.length !== nRows * d) throw new RangeError(`the rows to project hold ${rows.length} values, not ${nRows} × ${d}`);
  const out = new Float32Array(nRows * t);
  const scale = 1 / Math.sqrt(t);
  if (reduction.type === 'sign') {
    const acc = new Float64Array(t);
    const s = reduction.signs;
    for (let i = 0; i < nRows; i++) {
      acc.fill(0);
      for (let j = 0; j < d; j++) {
        const x = rows[i * d + j];
        const base = j * t;
        for (let c = 0; c < t; c++) acc[c] += s[base + c] * x;
      }
      for (let c = 0; c < t; c++) out[i * t + c] = acc[c] * scale;
    }
    return out;
  }
  const buf = new Float64Array(reduction.padded);
  const { flips, coordinates } = reduction;
  for (let i = 0; i < nRows; i++) {
    buf.fill(0);
    for (let j = 0; j < d; j++) buf[j] = flips[j] * rows[i * d + j];
    walshHadamard(buf);
    for (let c = 0; c < t; c++) out[i * t + c] = buf[coordinates[c]] * scale;
  }
  return out;
}
