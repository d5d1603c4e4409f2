import { describe, expect, it } from 'vitest';
import { postTrainingBias } from '../../../../src/lib/clarify/bias/report.ts';
import { THRESHOLD_METRICS, thresholdBias } from '../../../../src/lib/clarify/bias/threshold.ts';
import type { BiasColumns, BiasConfig } from '../../../../src/lib/clarify/bias/types.ts';
import { loadFixtures, toColumns, toConfig } from './fixtures.ts';
import { mulberry32 } from '../../../../src/lib/ml/random.ts';


const fixtures = loadFixtures();

/** The full path's input: the predicted column `score > threshold`, in the label's own values. */
function predictedColumn(scores: Float32Array, threshold: number, pos: string | number, neg: string | number) {
  if (typeof pos === 'number') return Float64Array.from(scores, (s) => (s > threshold ? pos : (neg as number)));
  return Array.from(scores, (s) => (s > threshold ? pos : (neg as string)));
}

describe('thresholdBias: the live threshold path', () => {
  const cases: { fixture: string; pos: string | number; neg: string | number }[] = [
    { fixture: 'binary', pos: 1, neg: 0 },
    { fixture: 'multiclass', pos: 'A', neg: 'D' },
    { fixture: 'undefined', pos: 'yes', neg: 'no' },
    { fixture: 'converted', pos: '1', neg: '0' },
  ];
  for (const { fixture, pos, neg } of cases) {
    it(`evaluate(scores, t) equals postTrainingBias on score > t, every metric but FT (${fixture})`, () => {
      const fx = fixtures.find((f) => f.name === fixture);
      if (!fx) throw new Error(`fixture ${fixture} missing`);
      const columns = toColumns(fx);
      const cfg = toConfig(fx);
      const rand = mulberry32(7);
      const n = columns[cfg.label].length;
      const scores = Float32Array.from({ length: n }, () => rand());
      const fast = thresholdBias(columns, cfg);
      for (const t of [0.05, 0.3, 0.5, 0.77, 0.95]) {
        const withPred: BiasColumns = { ...columns, __pred: predictedColumn(scores, t, pos, neg) };
        const full = postTrainingBias(withPred, { ...cfg, predictedLabel: '__pred', metrics: [...THRESHOLD_METRICS] });
        expect(fast.evaluate(scores, t), `threshold ${t}`).toEqual(full);
      }
    });
  }

  it('a threshold above every score reports Clarify\'s all-negative error on each metric', () => {
    const fx = fixtures.find((f) => f.name === 'binary');
    if (!fx) throw new Error('binary fixture missing');
    const columns = toColumns(fx);
    const scores = new Float32Array(columns.approved.length).fill(0.5);
    const out = thresholdBias(columns, toConfig(fx)).evaluate(scores, 0.9);
    const metrics = out.facets.sex[0].metrics;
    expect(metrics.map((m) => m.name)).toEqual(THRESHOLD_METRICS);
    for (const m of metrics) {
      expect(m.value).toBeNull();
      expect(m.error).toBe('No Label values are present in the predicted Label Column,Positive Predicted Index Series contains all False values');
    }
  });

  it('rejects FT and scores of the wrong length', () => {
    const fx = fixtures.find((f) => f.name === 'binary');
    if (!fx) throw new Error('binary fixture missing');
    const columns = toColumns(fx);
    expect(() => thresholdBias(columns, { ...toConfig(fx), metrics: ['FT'] })).toThrow(/unknown metric 'FT'/);
    expect(() => thresholdBias(columns, toConfig(fx)).evaluate(new Float32Array(3), 0.5)).toThrow(/scores has 3 values, the dataset has 400 rows/);
  });

  it('100k rows, 4-category facet, 5 groups: evaluate time is logged (target well under 16 ms; not asserted)', () => {
    const n = 100_000;
    const rand = mulberry32(11);
    const cats = ['a', 'b', 'c', 'd'];
    const columns: BiasColumns = {
      y: Array.from({ length: n }, () => (rand() < 0.4 ? 'yes' : 'no')),
      f: Array.from({ length: n }, () => cats[Math.floor(rand() * 4)]),
      g: Float64Array.from({ length: n }, () => Math.floor(rand() * 5)),
    };
    const cfg: BiasConfig = { label: 'y', labelValuesOrThreshold: ['yes'], facet: 'f', group: 'g' };
    const scores = Float32Array.from({ length: n }, () => rand());
    const fast = thresholdBias(columns, cfg);
    for (let i = 0; i < 5; i++) fast.evaluate(scores, 0.5); // warm up the JIT
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      fast.evaluate(scores, 0.2 + 0.02 * i);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`thresholdBias.evaluate on ${n} rows: median ${times[15].toFixed(2)} ms, max ${times[29].toFixed(2)} ms`);
    expect(fast.evaluate(scores, 0.5).facets.f).toHaveLength(4);
  });
});
