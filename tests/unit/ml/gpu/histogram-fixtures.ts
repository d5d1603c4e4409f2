// Seeded fixtures for the GPU histogram tests (Node runner and browser spec): a bin matrix in the CPU
// layout, and the plain f64 CPU histogram the GPU must reproduce.
import type { GpuBinMatrix } from '../../../../src/lib/ml/gpu/histogram-kernel.ts';
import { mulberry32 } from '../../../../src/lib/ml/random.ts';

export { mulberry32 };

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
