import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistogramPool, setWorkerSpawner, workerSpawner, type HistogramPool } from '../../../../src/lib/ml/parallel/histogram-pool.ts';
import { enableNodeThreads } from '../../../../src/lib/ml/parallel/node-threads.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { buildBinMatrix } from '../../../../src/lib/ml/xgboost/bin-matrix.ts';
import { buildHistogram, interleaveGradients } from '../../../../src/lib/ml/xgboost/histogram.ts';
import { RowPartition, type NodeSplit } from '../../../../src/lib/ml/xgboost/row-partition.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import type { TrainingData } from '../../../../src/lib/ml/matrix.ts';
import { createObjective } from '../../../../src/lib/ml/xgboost/objective.ts';
import { candidateFromRecord, emptyCandidate, evaluateSplit } from '../../../../src/lib/ml/xgboost/evaluate-split.ts';
import { nodeGain } from '../../../../src/lib/ml/xgboost/split-gain.ts';
import { SPLIT_RECORD } from '../../../../src/lib/ml/parallel/split-scan.ts';

function data(n: number, nCols: number, seed: number): TrainingData {
  const rng = new SeededRandom(seed);
  const cols = Array.from({ length: nCols }, () => new Float32Array(n));
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nCols; j++) cols[j][i] = rng.next() < 0.05 ? NaN : Math.round(rng.next() * 500) / 10;
    labels[i] = (cols[0][i] || 0) + (cols[1][i] || 0) + 20 * rng.next() > 55 ? 1 : 0;
  }
  return { features: cols, nRows: n, nCols, labels };
}

function shared<T extends Float32Array | Uint32Array>(a: T): T {
  const ctor = a.constructor as { new(b: ArrayBufferLike): T };
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

describe('HistogramPool', () => {
  beforeAll(async () => { await enableNodeThreads(); });
  afterAll(() => setWorkerSpawner(null));

  it('builds the same histogram on 3 threads as in one thread, to 1e-9', () => {
    const n = 40_000;
    const d = data(n, 7, 1);
    const bins = buildBinMatrix(d.features as Float32Array[], n, 256, undefined, true);
    const rng = new SeededRandom(2);
    const gpair = new Float32Array(2 * n);
    interleaveGradients(Float32Array.from({ length: n }, () => rng.next() - 0.5), Float32Array.from({ length: n }, () => rng.next()), gpair);
    const rows = shared(Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1));
    const sgpair = shared(gpair);
    const feats = Int32Array.from({ length: 7 }, (_, j) => j);
    const one = new Float64Array(2 * bins.totalSlots), many = new Float64Array(2 * bins.totalSlots);
    let pool: HistogramPool | undefined;
    // Count the workers really started: two for three threads. Each build waits for every worker's chunk
    // (a worker that never ran would time the build out), so equal sums mean the workers did their share.
    const real = workerSpawner()!;
    let started = 0;
    setWorkerSpawner((source, d) => { started++; return real(source, d); });
    try {
      pool = createHistogramPool({ codes: bins.codes, nCols: 7, histOffsets: bins.histOffsets, gpair: sgpair, rows }, 3);
      expect(pool.nThreads).toBe(3);
      expect(started).toBe(2);
      for (const [b, e] of [[0, rows.length], [1000, 26_000], [5, 300]]) {
        buildHistogram(bins, sgpair, rows, b, e, feats, one);
        buildHistogram(bins, sgpair, rows, b, e, feats, many, pool);
        for (let s = 0; s < one.length; s++) expect(Math.abs(many[s] - one[s])).toBeLessThan(1e-9);
      }
    } finally {
      pool?.dispose();
      setWorkerSpawner(real);
    }
  });

  it('buildMany on 3 threads builds small nodes bit for bit as one thread does, big ones to 1e-9', () => {
    const n = 60_000;
    const d = data(n, 6, 5);
    const bins = buildBinMatrix(d.features as Float32Array[], n, 256, undefined, true);
    const rng = new SeededRandom(6);
    const gpair = shared(new Float32Array(2 * n));
    interleaveGradients(Float32Array.from({ length: n }, () => rng.next() - 0.5), Float32Array.from({ length: n }, () => rng.next()), gpair);
    const rows = shared(Uint32Array.from({ length: n }, (_, i) => i));
    const feats = Int32Array.from({ length: 6 }, (_, j) => j);
    // One node over the split-across-threads size (3 × 4,096 rows) and eleven small ones of varied sizes.
    const ranges: [number, number][] = [[0, 20_000]];
    for (let b = 20_000, k = 0; k < 11; k++) { const e = b + 500 + 317 * k; ranges.push([b, e]); b = e; }
    let pool: HistogramPool | undefined;
    try {
      pool = createHistogramPool({ codes: bins.codes, nCols: 6, histOffsets: bins.histOffsets, gpair, rows }, 3);
      const builds = ranges.map(([begin, end]) => ({ begin, end, hist: new Float64Array(2 * bins.totalSlots).fill(7) }));
      pool.buildMany(builds);
      ranges.forEach(([begin, end], k) => {
        const one = new Float64Array(2 * bins.totalSlots);
        buildHistogram(bins, gpair, rows, begin, end, feats, one);
        if (k === 0) for (let s = 0; s < one.length; s++) expect(Math.abs(builds[k].hist[s] - one[s])).toBeLessThan(1e-9);
        else expect(builds[k].hist).toEqual(one);
      });
    } finally {
      pool?.dispose();
    }
  });

  for (const wide of [false, true]) {
    it(`splits nodes' rows on 3 threads exactly as in one thread (${wide ? 'Uint16' : 'Uint8'} bins)`, () => {
      const n = 90_000;
      const d = data(n, 5, 4);
      // A feature with 256 bins and missing cells makes the matrix Uint16.
      const cols = d.features as Float32Array[];
      if (wide) cols[2] = Float32Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : (i * 7919) % 1000));
      const bins = buildBinMatrix(cols, n, wide ? 256 : 128, undefined, true);
      expect(bins.codes instanceof Uint16Array).toBe(wide);
      const one = new RowPartition(n, true), many = new RowPartition(n, true);
      let pool: HistogramPool | undefined;
      try {
        pool = createHistogramPool({ codes: bins.codes, nCols: 5, histOffsets: bins.histOffsets, gpair: shared(new Float32Array(2 * n)), rows: many.rows }, 3);
        expect(pool.nThreads).toBe(3);
        // Level 1: the root; level 2: two big nodes; level 3: four nodes, small and big, one left alone.
        const levels: NodeSplit[][] = [
          [{ node: 0, left: 1, right: 2, feature: 0, bin: 120, defaultLeft: true }],
          [{ node: 1, left: 3, right: 4, feature: 2, bin: 100, defaultLeft: false }, { node: 2, left: 5, right: 6, feature: 1, bin: 30, defaultLeft: true }],
          [{ node: 3, left: 7, right: 8, feature: 3, bin: 10, defaultLeft: false }, { node: 6, left: 9, right: 10, feature: 4, bin: 90, defaultLeft: true }],
        ];
        for (const level of levels) {
          for (const s of level) one.splitMany(bins, [s], null);
          many.splitMany(bins, level, pool);
        }
        expect(Array.from(many.begin.subarray(0, 11))).toEqual(Array.from(one.begin.subarray(0, 11)));
        expect(Array.from(many.end.subarray(0, 11))).toEqual(Array.from(one.end.subarray(0, 11)));
        expect(many.rows).toEqual(one.rows);
        // Every leaf is non-empty and keeps its rows ascending.
        for (const node of [4, 5, 7, 8, 9, 10]) {
          expect(many.size(node)).toBeGreaterThan(0);
          for (let i = many.begin[node] + 1; i < many.end[node]; i++) expect(many.rows[i]).toBeGreaterThan(many.rows[i - 1]);
        }
      } finally {
        pool?.dispose();
      }
    });
  }

  it('every worker takes chunks of the jobs (workDone counts them per thread)', () => {
    const n = 120_000;
    const d = data(n, 5, 8);
    const bins = buildBinMatrix(d.features as Float32Array[], n, 64, undefined, true);
    const gpair = shared(new Float32Array(2 * n).fill(0.5));
    const rows = shared(Uint32Array.from({ length: n }, (_, i) => i));
    const pool = createHistogramPool({ codes: bins.codes, nCols: 5, histOffsets: bins.histOffsets, gpair, rows }, 3);
    try {
      expect(pool.nThreads).toBe(3);
      const hist = new Float64Array(2 * bins.totalSlots);
      // Workers may wake late on a busy machine (the caller then takes their chunks): build until each
      // has done one, for at most 20 s.
      const t0 = Date.now();
      while (pool.workDone().slice(1).some((c) => c === 0) && Date.now() - t0 < 20_000) pool.build(0, n, hist);
      const done = pool.workDone();
      expect(done[1]).toBeGreaterThan(0);
      expect(done[2]).toBeGreaterThan(0);
      // A 120,000-row node is 8 chunks of at most 16,384 rows; every build's chunks were all counted.
      expect((done[0] + done[1] + done[2]) % 8).toBe(0);
      expect(hist[0] + hist[1]).toBeGreaterThan(0);
    } finally {
      pool.dispose();
    }
  }, 30_000);

  it('a worker that never starts costs nothing: the caller does every chunk, with the same sums', () => {
    const n = 50_000;
    const d = data(n, 4, 9);
    const bins = buildBinMatrix(d.features as Float32Array[], n, 64, undefined, true);
    const rng = new SeededRandom(10);
    const gpair = shared(new Float32Array(2 * n));
    interleaveGradients(Float32Array.from({ length: n }, () => rng.next() - 0.5), Float32Array.from({ length: n }, () => rng.next()), gpair);
    const rows = shared(Uint32Array.from({ length: n }, (_, i) => i));
    const real = workerSpawner()!;
    // Started but never running (a worker stuck loading): it never claims a chunk.
    setWorkerSpawner(() => ({ terminate() {} }));
    const pool = createHistogramPool({ codes: bins.codes, nCols: 4, histOffsets: bins.histOffsets, gpair, rows }, 2);
    try {
      expect(pool.nThreads).toBe(2);
      const t0 = Date.now();
      const a = new Float64Array(2 * bins.totalSlots), b = new Float64Array(2 * bins.totalSlots);
      pool.build(0, n, a);
      buildHistogram(bins, gpair, rows, 0, n, Int32Array.from([0, 1, 2, 3]), b);
      expect(Date.now() - t0).toBeLessThan(5_000);
      for (let s = 0; s < a.length; s++) expect(Math.abs(a[s] - b[s])).toBeLessThan(1e-9);
      expect(pool.workDone()).toEqual([4, 0]);
    } finally {
      pool.dispose();
      setWorkerSpawner(real);
    }
  });

  it('a worker that dies while loading fails the next job at once, naming nthread = 1 as the way out', () => {
    const n = 50_000;
    const codes = new Uint8Array(new SharedArrayBuffer(n));
    const gpair = new Float32Array(new SharedArrayBuffer(8 * n)).fill(1);
    const rows = new Uint32Array(new SharedArrayBuffer(4 * n));
    for (let i = 0; i < n; i++) rows[i] = i;
    const real = workerSpawner()!;
    // A real thread whose source throws before it can run (Node's spawner raises the pool's failure flag).
    setWorkerSpawner((_source, d) => real('(function () { throw new Error("cannot load"); })()', d));
    const pool = createHistogramPool({ codes, nCols: 1, histOffsets: Uint32Array.from([0, 2]), gpair, rows }, 2);
    try {
      const hist = new Float64Array(4);
      const t0 = Date.now();
      let error: unknown = null;
      // The thread dies within moments; builds before that succeed in the caller alone.
      while (error === null && Date.now() - t0 < 10_000) {
        try { pool.build(0, n, hist); } catch (e) { error = e; }
      }
      expect(String(error)).toMatch(/histogram worker thread failed; train with nthread = 1/);
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      pool.dispose();
      setWorkerSpawner(real);
    }
  });

  it('logisticGradients on 3 threads writes the objective\'s gradients and the kernel\'s pairs bit for bit', () => {
    const n = 70_000;
    const rng = new SeededRandom(12);
    const sh = (len: number) => new Float32Array(new SharedArrayBuffer(4 * len));
    const g = { margins: sh(n), labels: sh(n), weights: sh(n), grad: sh(n), hess: sh(n), params: sh(1) };
    for (let i = 0; i < n; i++) { g.margins[i] = (rng.next() - 0.5) * 40; g.labels[i] = rng.next() < 0.3 ? 1 : 0; g.weights[i] = rng.next() * 2; }
    g.params[0] = 2.5;
    const gpair = sh(2 * n);
    const rows = shared(Uint32Array.from({ length: n }, (_, i) => i));
    const pool = createHistogramPool({ codes: new Uint8Array(new SharedArrayBuffer(n)), nCols: 1, histOffsets: Uint32Array.from([0, 2]), gpair, rows, gradients: g }, 3);
    try {
      expect(pool.nThreads).toBe(3);
      pool.logisticGradients(n);
      const obj = createObjective('binary:logistic', { numClass: 0, scalePosWeight: 2.5, maxDeltaStep: 0 });
      const grad = new Float32Array(n), hess = new Float32Array(n);
      obj.gradient(g.margins, g.labels, g.weights, grad, hess);
      expect(g.grad).toEqual(grad);
      expect(g.hess).toEqual(hess);
      const pairs = new Float32Array(2 * n);
      interleaveGradients(grad, hess, pairs);
      expect(gpair).toEqual(pairs);
    } finally {
      pool.dispose();
    }
  });

  it('addLeafMargins on 3 threads adds each leaf value to its rows\' margins as one thread does, bit for bit', () => {
    const n = 60_000;
    const rng = new SeededRandom(13);
    const sh = (len: number) => new Float32Array(new SharedArrayBuffer(4 * len));
    const g = { margins: sh(n), labels: sh(n), weights: sh(0), grad: sh(n), hess: sh(n), params: sh(1) };
    for (let i = 0; i < n; i++) g.margins[i] = rng.next() * 3;
    // Rows in a shuffled order, cut into leaves of varied sizes (one over the 16,384-row chunk size).
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const k = Math.floor(rng.next() * (i + 1)); [order[i], order[k]] = [order[k], order[i]]; }
    const rows = shared(order);
    const leaves: { begin: number; end: number; value: number }[] = [];
    for (let b = 0, k = 0; b < n; k++) { const e = Math.min(n, b + (k === 0 ? 30_000 : 1_000 + 777 * k)); leaves.push({ begin: b, end: e, value: Math.fround(rng.next() - 0.5) }); b = e; }
    const expected = Float32Array.from(g.margins);
    for (const { begin, end, value } of leaves) for (let i = begin; i < end; i++) expected[order[i]] += value;
    const pool = createHistogramPool({ codes: new Uint8Array(new SharedArrayBuffer(n)), nCols: 1, histOffsets: Uint32Array.from([0, 2]), gpair: sh(2 * n), rows, gradients: g }, 3);
    try {
      expect(pool.nThreads).toBe(3);
      pool.addLeafMargins(leaves);
      expect(g.margins).toEqual(expected);
    } finally {
      pool.dispose();
    }
  });

  it('evaluateSplits on 3 threads writes the one-thread scan\'s split records bit for bit, making each sibling as parent − node', () => {
    const n = 30_000, nCols = 9;
    const d = data(n, nCols, 7);
    const bins = buildBinMatrix(d.features as Float32Array[], n, 256, undefined, true);
    const rng = new SeededRandom(8);
    // Gradients that the last feature explains best, so the best split lies in the last block of features.
    const last = d.features[nCols - 1] as Float32Array;
    const grad = Float32Array.from({ length: n }, (_, i) => Math.fround((last[i] > 25 ? 0.3 : -0.3) + rng.next() - 0.5));
    const hess = Float32Array.from({ length: n }, () => Math.fround(rng.next() * 0.25));
    const gpair = shared(new Float32Array(2 * n));
    interleaveGradients(grad, hess, gpair);
    const rows = shared(Uint32Array.from({ length: n }, (_, i) => i));
    const feats = Int32Array.from({ length: nCols }, (_, j) => j);
    const len = 2 * bins.totalSlots;
    const hists = new Float64Array(new SharedArrayBuffer(8 * len * 6));
    const slot = (k: number) => hists.subarray(k * len, (k + 1) * len);
    const gp = { lambda: 1, alpha: Math.fround(0.5), minChildWeight: 1, maxDeltaStep: 0 };
    const { cuts } = bins;
    const pool = createHistogramPool({
      codes: bins.codes, nCols, histOffsets: bins.histOffsets, gpair, rows, hists, chunkSlots: 2,
      split: { nBins: bins.nBins, cutPtrs: cuts.ptrs, cutValues: cuts.values, minValues: cuts.minValues, hasMissing: bins.hasMissing, ...gp },
    }, 3);
    // Nodes: the root (slot 2), its left rows [0, 11,000) (slot 3) and the right sibling made in slot 4.
    const sums = (b: number, e: number) => { let G = 0, H = 0; for (let i = b; i < e; i++) { G += grad[i]; H += hess[i]; } return { G, H, gain: nodeGain(gp, G, H) }; };
    const root = sums(0, n), left = sums(0, 11_000), right = sums(11_000, n);
    try {
      expect(pool.nThreads).toBe(3);
      buildHistogram(bins, gpair, rows, 0, n, feats, slot(2));
      buildHistogram(bins, gpair, rows, 0, 11_000, feats, slot(3));
      const before = pool.workDone();
      const out = new Float64Array(4 * SPLIT_RECORD);
      pool.evaluateSplits([{ slot: 3, ...left, sibling: { slot: 4, parent: 2, ...right } }, { slot: 2, ...root }], out);
      // One job of blocks of features (6 per node for 3 threads and 2 nodes), not a scan in this thread alone.
      const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
      expect(sum(pool.workDone()) - sum(before)).toBe(12);
      const sibling = new Float64Array(len);
      for (let s = 0; s < len; s++) sibling[s] = slot(2)[s] - slot(3)[s];
      expect(slot(4)).toEqual(sibling);
      const expected = [[slot(3), left], [sibling, right], [slot(2), root]] as const;
      expected.forEach(([h, st], k) => {
        const want = emptyCandidate();
        evaluateSplit(bins, h, feats, st.G, st.H, st.gain, gp, want);
        expect(want.lossChange).toBeGreaterThan(0);
        if (k === 2) expect(want.feature).toBe(nCols - 1);
        expect(candidateFromRecord(out, SPLIT_RECORD * k, emptyCandidate())).toEqual(want);
      });
    } finally {
      pool.dispose();
    }
  });

  it('falls back to the calling thread when the inputs are not shared', () => {
    const pool = createHistogramPool({ codes: new Uint8Array(4), nCols: 1, histOffsets: Uint32Array.from([0, 2]), gpair: new Float32Array(8), rows: new Uint32Array(4) }, 4);
    expect(pool.nThreads).toBe(1);
    pool.dispose();
  });

  it('trainXGBoost with nthread 2 grows trees of the same shape as nthread 1', () => {
    const d = data(30_000, 6, 3);
    const p1 = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 5, max_depth: 4 }));
    const p2 = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 5, max_depth: 4, nthread: 2 }));
    for (let t = 0; t < 5; t++) {
      expect(Array.from(p2.trees[t].feature)).toEqual(Array.from(p1.trees[t].feature));
      expect(Array.from(p2.trees[t].left)).toEqual(Array.from(p1.trees[t].left));
      for (let k = 0; k < p1.trees[t].nNodes; k++) expect(Math.abs(p2.trees[t].threshold[k] - p1.trees[t].threshold[k])).toBeLessThan(1e-5);
    }
  });
});

describe('HistogramPool without workers', () => {
  afterAll(() => setWorkerSpawner(null));

  it('falls back to the calling thread when workers cannot be started', () => {
    let tried = 0;
    setWorkerSpawner(() => { tried++; throw new Error('no workers here'); });
    const n = 20_000;
    const codes = new Uint8Array(new SharedArrayBuffer(n));
    const gpair = new Float32Array(new SharedArrayBuffer(8 * n)).fill(1);
    // Filled in place: TypedArray.prototype.map would return an unshared copy, and the pool would fall back
    // for that reason instead of the one this test is about.
    const rows = new Uint32Array(new SharedArrayBuffer(4 * n));
    for (let i = 0; i < n; i++) rows[i] = i;
    const pool = createHistogramPool({ codes, nCols: 1, histOffsets: Uint32Array.from([0, 2]), gpair, rows }, 2);
    expect(tried).toBe(1);
    expect(pool.nThreads).toBe(1);
    const hist = new Float64Array(4);
    pool.build(0, n, hist);
    expect(Array.from(hist)).toEqual([n, n, 0, 0]);
    pool.dispose();
  });
});
