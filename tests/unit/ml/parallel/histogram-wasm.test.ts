import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistogramPool, setWorkerSpawner, workerSpawner, type HistogramPool } from '../../../../src/lib/ml/parallel/histogram-pool.ts';
import {
  fillGoLeft, histogramWorkerSource, histRows16, histRows8, partitionRows16, partitionRows8, wasmKernel, PARTITION_TASK_INTS,
} from '../../../../src/lib/ml/parallel/histogram-kernel.ts';
import { createWasmHistogram } from '../../../../src/lib/ml/parallel/histogram-wasm.ts';
import { enableNodeThreads } from '../../../../src/lib/ml/parallel/node-threads.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { prepareTraining } from '../../../../src/lib/ml/xgboost/train.ts';

/** A random row-major code matrix of nRows × nCols; feature j has nBins(j) bins plus the missing code. */
function matrix(nRows: number, nCols: number, wide: boolean, seed: number) {
  const rng = new SeededRandom(seed);
  const histOffsets = new Uint32Array(nCols + 1);
  for (let j = 0; j < nCols; j++) histOffsets[j + 1] = histOffsets[j] + (wide ? 257 + 13 * j : 2 + ((j * 37) % 255)) + 1;
  const codes = wide ? new Uint16Array(nRows * nCols) : new Uint8Array(nRows * nCols);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < nCols; j++) codes[r * nCols + j] = Math.floor(rng.next() * (histOffsets[j + 1] - histOffsets[j]));
  }
  return { codes, histOffsets, rng };
}

describe('the WebAssembly histogram kernel', () => {
  for (const wide of [false, true]) {
    for (const shared of [false, true]) {
      it(`builds the JS kernel's histogram bit for bit (${wide ? 'Uint16' : 'Uint8'} codes, ${shared ? 'shared' : 'own'} memory)`, () => {
        const nRows = 20_000, nCols = 11;
        const { codes, histOffsets, rng } = matrix(nRows, nCols, wide, 3);
        const w = createWasmHistogram(codes, nCols, histOffsets, nRows, 2, shared)!;
        expect(w).not.toBeNull();
        expect(w.gpair.buffer instanceof SharedArrayBuffer).toBe(shared);
        for (let i = 0; i < 2 * nRows; i++) w.gpair[i] = Math.fround(rng.next() - 0.4);
        let m = 0;
        for (let i = 0; i < nRows; i++) if (rng.next() < 0.6) w.rows[m++] = i;
        const rows = Uint32Array.from(w.rows), gpair = Float32Array.from(w.gpair);
        const kernel = wasmKernel(w.kernel, 1);
        for (const [b, e] of [[0, m], [17, m - 5], [100, 101], [40, 40]]) {
          const js = new Float64Array(2 * histOffsets[nCols]);
          if (wide) histRows16(codes as Uint16Array, nCols, histOffsets, gpair, rows, b, e, js);
          else histRows8(codes as Uint8Array, nCols, histOffsets, gpair, rows, b, e, js);
          const ours = new Float64Array(js.length).fill(3);
          kernel.build(b, e, ours);
          expect(ours).toEqual(js);
        }
      });

      it(`splits rows exactly as partitionRows does (${wide ? 'Uint16' : 'Uint8'} codes, ${shared ? 'shared' : 'own'} memory)`, () => {
        const nRows = 15_000, nCols = 4;
        const { codes, histOffsets, rng } = matrix(nRows, nCols, wide, 8);
        const w = createWasmHistogram(codes, nCols, histOffsets, nRows, 1, shared)!;
        // `part` reads the kernel's column-major copy of the codes (a small matrix always gets one).
        expect(w.kernel.layout.columns).toBeGreaterThan(0);
        const kernel = wasmKernel(w.kernel, 0);
        const order = Uint32Array.from({ length: nRows }, (_, i) => i);
        for (let i = nRows - 1; i > 0; i--) { const k = Math.floor(rng.next() * (i + 1)); [order[i], order[k]] = [order[k], order[i]]; }
        const goLeft = new Uint8Array(65536);
        // (feature, last bin going left (-1: only missing), missing goes left, range)
        for (const [feature, bin, dl, b0, e0] of [[1, 20, 1, 0, nRows], [2, -1, 1, 10, 9000], [3, 150, 0, 3, nRows - 1], [0, 0, 0, 500, 501], [1, 5, 1, 7, 7]]) {
          const missing = histOffsets[feature + 1] - histOffsets[feature] - 1;
          w.rows.set(order);
          const ref = Uint32Array.from(order);
          fillGoLeft(goLeft, bin, missing, dl);
          const scratch = new Uint32Array(nRows);
          const nl = wide
            ? partitionRows16(codes as Uint16Array, nCols, feature, goLeft, ref, scratch, b0, e0)
            : partitionRows8(codes as Uint8Array, nCols, feature, goLeft, ref, scratch, b0, e0);
          expect(kernel.partition(b0, e0, feature, bin, missing, dl)).toBe(nl);
          expect(w.rows).toEqual(ref);
        }
      });
    }
  }

  it('returns null (the JS kernel stays) for a matrix wider than it unrolls', () => {
    const nCols = 5000;
    const histOffsets = Uint32Array.from({ length: nCols + 1 }, (_, j) => 3 * j);
    expect(createWasmHistogram(new Uint8Array(nCols), nCols, histOffsets, 1, 1, false)).toBeNull();
  });

  it('a TreeGrower in Node builds on the WebAssembly kernel, and its bin matrix keeps one copy of the codes', () => {
    const rng = new SeededRandom(5);
    const n = 2000;
    const cols = [Float32Array.from({ length: n }, () => rng.next()), Float32Array.from({ length: n }, () => rng.next())];
    const data = { features: cols, nRows: n, nCols: 2, labels: Float32Array.from({ length: n }, (_, i) => (cols[0][i] > 0.5 ? 1 : 0)) };
    const setup = prepareTraining(data, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 1 }), {}, 1);
    try {
      expect(setup.grower.kernel).toBe('wasm');
      // The matrix reads the kernel's copy (in WebAssembly memory, after the codes come the gradients and rows).
      expect(setup.bins.codes.buffer).toBe(setup.grower.partition.rows.buffer);
      // A logistic objective's gradients are computed by the kernel, in its memory, also on one thread.
      expect(setup.gradients?.grad.buffer).toBe(setup.grower.partition.rows.buffer);
    } finally {
      setup.grower.dispose();
    }
  });

  it('the worker source text names no bundler helper or module import (workers run it alone)', () => {
    const src = histogramWorkerSource();
    expect(src).toContain('wasmKernel');
    expect(src).not.toMatch(/__name\(|__vite_ssr|__require|import\(/);
    expect(() => new Function(`return ${src};`)).not.toThrow();
  });
});

describe('HistogramPool on the WebAssembly kernel', () => {
  beforeAll(async () => { await enableNodeThreads(); });
  afterAll(() => setWorkerSpawner(null));

  it('builds and splits on 3 threads (2 started workers) as the one-thread kernel does', () => {
    const nRows = 60_000, nCols = 9;
    const { codes, histOffsets, rng } = matrix(nRows, nCols, false, 21);
    const w = createWasmHistogram(codes, nCols, histOffsets, nRows, 3, true)!;
    for (let i = 0; i < 2 * nRows; i++) w.gpair[i] = Math.fround(rng.next() - 0.5);
    for (let i = 0; i < nRows; i++) w.rows[i] = i;
    const inputs = { codes: w.codes, nCols, histOffsets, gpair: w.gpair, rows: w.rows, wasm: w.kernel };
    const real = workerSpawner()!;
    let started = 0;
    setWorkerSpawner((source, d) => { started++; return real(source, d); });
    let pool: HistogramPool | undefined;
    const one = createHistogramPool(inputs, 1);
    try {
      pool = createHistogramPool(inputs, 3);
      expect(pool.nThreads).toBe(3);
      expect(started).toBe(2);
      const len = 2 * histOffsets[nCols];
      // A node split across the threads (sums in another order: to 1e-9) ...
      const a = new Float64Array(len), b = new Float64Array(len);
      one.build(0, nRows, a);
      pool.build(0, nRows, b);
      for (let s = 0; s < len; s++) expect(Math.abs(a[s] - b[s])).toBeLessThan(1e-9);
      // ... and small nodes shared out whole to the workers, bit for bit.
      const ranges: [number, number][] = [];
      for (let s = 0, k = 0; k < 12; k++) { ranges.push([s, s + 900 + 211 * k]); s += 2000; }
      const builds = ranges.map(([begin, end]) => ({ begin, end, hist: new Float64Array(len).fill(5) }));
      pool.buildMany(builds);
      ranges.forEach(([begin, end], k) => {
        const ref = new Float64Array(len);
        one.build(begin, end, ref);
        expect(builds[k].hist).toEqual(ref);
      });
      // A big node's rows split by all threads: the same rows as one thread's split.
      const tasks = new Int32Array(PARTITION_TASK_INTS);
      tasks.set([0, nRows, 4, 40, 1]);
      const before = Uint32Array.from(w.rows);
      const nl1 = new Int32Array(1), nl3 = new Int32Array(1);
      one.partition(tasks, 1, nl1, new Uint8Array(65536), new Uint32Array(nRows));
      const after1 = Uint32Array.from(w.rows);
      w.rows.set(before);
      pool.partition(tasks, 1, nl3, new Uint8Array(65536), new Uint32Array(nRows));
      expect(nl3[0]).toBe(nl1[0]);
      expect(w.rows).toEqual(after1);
      expect(nl1[0]).toBeGreaterThan(0);
      expect(nl1[0]).toBeLessThan(nRows);
    } finally {
      pool?.dispose();
      one.dispose();
      setWorkerSpawner(real);
    }
  });

  it('builds node histograms that are slots of its memory in place, bit for bit as into private arrays', () => {
    const nRows = 60_000, nCols = 9;
    const { codes, histOffsets, rng } = matrix(nRows, nCols, false, 22);
    const len = 2 * histOffsets[nCols];
    const w = createWasmHistogram(codes, nCols, histOffsets, nRows, 3, true, 8)!;
    expect(w.hists.length).toBe(8 * len);
    expect(w.hists.buffer).toBe(w.kernel.memory.buffer);
    for (let i = 0; i < 2 * nRows; i++) w.gpair[i] = Math.fround(rng.next() - 0.5);
    for (let i = 0; i < nRows; i++) w.rows[i] = i;
    const inputs = { codes: w.codes, nCols, histOffsets, gpair: w.gpair, rows: w.rows, wasm: w.kernel };
    const copying = createHistogramPool(inputs, 3);
    const inPlace = createHistogramPool({ ...inputs, hists: w.hists, chunkSlots: 4 }, 3);
    try {
      expect(inPlace.nThreads).toBe(3);
      // A node of 4 chunks (its first summed in its own slot, three in chunk slots) and small ones.
      const ranges: [number, number][] = [[0, 50_000], [50_000, 51_234], [52_000, 59_999], [59_999, 60_000]];
      const slots = ranges.map(([begin, end], k) => ({ begin, end, hist: w.hists.subarray((4 + k) * len, (5 + k) * len).fill(7) }));
      const own = ranges.map(([begin, end]) => ({ begin, end, hist: new Float64Array(len) }));
      inPlace.buildMany(slots);
      copying.buildMany(own);
      ranges.forEach((_, k) => expect(slots[k].hist).toEqual(own[k].hist));
      expect(own[0].hist.some((v) => v !== 0)).toBe(true);
    } finally {
      copying.dispose();
      inPlace.dispose();
    }
  });
});
