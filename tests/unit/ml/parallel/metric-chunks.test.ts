import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistogramPool, setWorkerSpawner } from '../../../../src/lib/ml/parallel/histogram-pool.ts';
import { enableNodeThreads } from '../../../../src/lib/ml/parallel/node-threads.ts';
import { joinRocChunks, METRIC_OUTPUTS } from '../../../../src/lib/ml/parallel/metric-chunks.ts';
import { rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { logloss } from '../../../../src/lib/ml/metrics/pointwise-metrics.ts';
import { rankedKeysInRange, rankedRocSweep, type RankBuffers } from '../../../../src/lib/ml/metrics/ranked-labels.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import type { MetricValues } from '../../../../src/lib/ml/estimator.ts';

const sh = (len: number) => new Float32Array(new SharedArrayBuffer(4 * len));

/** n scores (`levels` distinct steps: 0 for all-equal, else many ties; some exactly 0, 1 and −0) with 0/1 labels. */
function scored(n: number, levels: number, seed: number): { scores: Float32Array; labels: Float32Array } {
  const rng = new SeededRandom(seed);
  const scores = sh(n), labels = sh(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    scores[i] = levels === 0 ? 0.5 : i % 101 === 0 ? 0 : i % 103 === 0 ? 1 : i % 107 === 0 ? -0 : Math.round(u * levels) / levels;
    labels[i] = rng.next() < u ? 1 : 0;
  }
  return { scores, labels };
}

/** A pool of `threads` over scores and labels as its gradient inputs' preds and labels. */
function poolOver(scores: Float32Array, labels: Float32Array, threads: number, weights: Float32Array = sh(0)) {
  const n = scores.length;
  const g = { margins: sh(n), labels, weights, grad: sh(n), hess: sh(n), preds: scores, params: sh(1) };
  const rows = new Uint32Array(new SharedArrayBuffer(4 * n));
  return createHistogramPool({ codes: new Uint8Array(new SharedArrayBuffer(n)), nCols: 1, histOffsets: Uint32Array.from([0, 2]), gpair: sh(2 * n), rows, gradients: g }, threads);
}

describe('ROC chunks over rank ranges', () => {
  it('any cut of the ranks into ranges joins into the whole sweep\'s AUC to the bit', () => {
    const rng = new SeededRandom(5);
    for (const levels of [0, 7, 300, 1e7]) {
      const { scores, labels } = scored(20_000, levels, 40 + levels);
      const want = rocAuc(scores, labels);
      for (let trial = 0; trial < 6; trial++) {
        // Random cuts, some empty ranges and some inside runs of ties' neighbours.
        const cuts = [0, ...Array.from({ length: 1 + trial }, () => Math.floor(rng.next() * 0x7fffffff)).sort((a, b) => a - b), 0x80000000];
        const out = new Float64Array(METRIC_OUTPUTS * (cuts.length - 1));
        const buf: RankBuffers = { keys: new Uint32Array(0), other: new Uint32Array(0) };
        for (let j = 0; j + 1 < cuts.length; j++) {
          const m = rankedKeysInRange(scores, labels, cuts[j], cuts[j + 1] - 1, buf);
          expect(m).toBeGreaterThanOrEqual(0);
          rankedRocSweep(buf.keys, m, out, METRIC_OUTPUTS * j);
        }
        const got = joinRocChunks(out, 0, cuts.length - 1);
        expect(Object.is(got, want), `levels ${levels}, cuts ${cuts.join(' ')}: ${got} against ${want}`).toBe(true);
      }
    }
  });
});

describe('HistogramPool.binaryMetrics', () => {
  beforeAll(async () => { await enableNodeThreads(); });
  afterAll(() => setWorkerSpawner(null));

  for (const levels of [0, 7, 300, 1e7]) {
    it(`on 2 and 3 threads: AUC the one-thread figure to the bit, log loss the same on both and within the serial sum's rounding (${levels || 'one'} score levels)`, () => {
      const n = 90_001;
      const { scores, labels } = scored(n, levels, levels + 1);
      const want = { auc: rocAuc(scores, labels), logloss: logloss(scores, labels) };
      const got: { auc?: number; logloss?: number }[] = [];
      for (const threads of [2, 3]) {
        const pool = poolOver(scores, labels, threads);
        try {
          expect(pool.nThreads).toBe(threads);
          const before = pool.workDone().reduce((a, b) => a + b, 0);
          const r = pool.binaryMetrics(n, true, true);
          expect(r).not.toBeNull();
          // A range per thread and a log-loss chunk per 16,384 rows were done.
          expect(pool.workDone().reduce((a, b) => a + b, 0) - before).toBe(threads + Math.ceil(n / 16_384));
          got.push(r!);
          expect(pool.binaryMetrics(n, false, true)).toEqual({ auc: r!.auc });
        } finally {
          pool.dispose();
        }
      }
      for (const r of got) {
        expect(Object.is(r.auc, want.auc)).toBe(true);
        // A serial sum of n terms is within n·2⁻⁵² (relative) of the exact sum; the chunk sums are closer to it.
        expect(Math.abs(r.logloss! - want.logloss)).toBeLessThan(n * 2 ** -52 * want.logloss);
      }
      expect(Object.is(got[0].logloss, got[1].logloss)).toBe(true);
    });
  }

  it('is null where the pool cannot: weights, a label not 0/1, a negative or NaN score, one thread', () => {
    const n = 20_000;
    const { scores, labels } = scored(n, 300, 9);
    const cases: [string, Float32Array, Float32Array, Float32Array | undefined, number][] = [];
    const w = sh(n).fill(1);
    cases.push(['weights', scores, labels, w, 2]);
    const half = sh(n); half.set(labels); half[n - 5] = 0.5;
    cases.push(['label 0.5', scores, half, undefined, 2]);
    const neg = sh(n); neg.set(scores); neg[17] = -0.25;
    cases.push(['negative score', neg, labels, undefined, 2]);
    const nan = sh(n); nan.set(scores); nan[n - 1] = NaN;
    cases.push(['NaN score', nan, labels, undefined, 2]);
    cases.push(['one thread', scores, labels, undefined, 1]);
    for (const [what, s, y, wt, threads] of cases) {
      const pool = poolOver(s, y, threads, wt);
      try {
        expect(pool.binaryMetrics(n, true, true), what).toBeNull();
      } finally {
        pool.dispose();
      }
    }
  });

  it('trainXGBoost with nthread 2 reports the per-round training AUC of nthread 1 to the bit and its log loss to the serial sum\'s rounding', () => {
    const n = 40_000;
    const rng = new SeededRandom(3);
    const cols = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    const labels = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      for (const c of cols) c[i] = Math.round(rng.next() * 1000) / 10;
      labels[i] = cols[0][i] + 0.5 * cols[1][i] + 40 * rng.next() > 90 ? 1 : 0;
    }
    const rounds = (nthread: number) => {
      const out: MetricValues[] = [];
      trainXGBoost({ features: cols, nRows: n, nCols: 3, labels }, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 8, max_depth: 4, eval_metric: 'logloss,auc', nthread }), {
        callbacks: { onRound: (_r, m) => { out.push(m.train!); } },
      });
      return out;
    };
    const one = rounds(1), two = rounds(2);
    expect(two.length).toBe(8);
    // The threads' chunk sums, not a serial sum, in at least one round (so the pool computed them).
    expect(two.some((m, r) => m.logloss !== one[r].logloss)).toBe(true);
    two.forEach((m, r) => {
      expect(Object.is(m.auc, one[r].auc), `round ${r}`).toBe(true);
      expect(Math.abs(m.logloss - one[r].logloss)).toBeLessThan(n * 2 ** -52 * one[r].logloss);
    });
  });
});
