// Seeded fixtures for the GPU histogram tests (Node runner and browser spec): a bin matrix in the CPU
// layout, and the plain f64 CPU histogram the GPU must reproduce.
import type { GpuBinMatrix } from '../../../../src/lib/ml/gpu/histogram-kernel.ts';

/** Seeded uniform [0, 1) generator. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** nRows × nCols codes; feature j has `bins[j]` bins and, where `missing[j]`, 10% missing cells. */
export function makeBins(nRows: number, bins: number[], missing: boolean[], wide: boolean, rand: () => number): GpuBinMatrix {
  const nCols = bins.length;
  const histOffsets = new Uint32Array(nCols + 1);
  for (let j = 0; j < nCols; j++) histOffsets[j + 1] = histOffsets[j] + bins[j] + 1;
  const codes = wide ? new Uint16Array(nRows * nCols) : new Uint8Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      // Skewed towards low bins so some slots hold many rows, others few.
      codes[i * nCols + j] = missing[j] && rand() < 0.1 ? bins[j] : Math.floor(bins[j] * rand() ** 2);
    }
  }
  return { nRows, nCols, codes, histOffsets };
}

/** Per-slot [G, H] sums in f64 over rows[begin, end), and each slot's row count. */
export function cpuHistogram(b: GpuBinMatrix, grad: Float32Array, hess: Float32Array, rows: Uint32Array, begin: number, end: number): { hist: Float64Array; count: Float64Array } {
  const total = b.histOffsets[b.nCols];
  const hist = new Float64Array(2 * total);
  const count = new Float64Array(total);
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    for (let j = 0; j < b.nCols; j++) {
      const s = b.histOffsets[j] + b.codes[r * b.nCols + j];
      hist[2 * s] += grad[r];
      hist[2 * s + 1] += hess[r];
      count[s]++;
    }
  }
  return { hist, count };
}
