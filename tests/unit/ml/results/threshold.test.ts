import { describe, expect, it } from 'vitest';
import { binaryMetricsAt, confusionAt, thresholdSample } from '../../../../src/lib/ml/results/index.ts';

describe('confusionAt and binaryMetricsAt', () => {
  const scores = Float32Array.from([0.1, 0.6, 0.7, 0.9, 0.2, 0.4]);
  const labels = Uint8Array.from([0, 0, 1, 1, 0, 1]);

  it('confusionAt(scores, labels, 0.5) counts [tn, fp, fn, tp] with score ≥ threshold as positive', () => {
    expect(Array.from(confusionAt(scores, labels, 0.5))).toEqual([2, 1, 1, 2]);
    expect(Array.from(confusionAt(scores, labels, 0.4))).toEqual([2, 1, 0, 3]);
    expect(Array.from(confusionAt(scores, labels, 0))).toEqual([0, 3, 0, 3]);
    expect(Array.from(confusionAt(scores, labels, 1))).toEqual([3, 0, 3, 0]);
  });

  it('binaryMetricsAt gives accuracy, precision, recall and F1 by hand, 0 where nothing is predicted positive', () => {
    const m = binaryMetricsAt(confusionAt(scores, labels, 0.4));
    expect(m.accuracy).toBeCloseTo(5 / 6, 12);
    expect(m.precision).toBeCloseTo(3 / 4, 12);
    expect(m.recall).toBe(1);
    expect(m.f1).toBeCloseTo((2 * 0.75) / 1.75, 12);
    expect(binaryMetricsAt([3, 0, 3, 0])).toEqual({ accuracy: 0.5, precision: 0, recall: 0, f1: 0 });
  });

  it('writes into the given target without allocating, and names mismatched lengths', () => {
    const out = new Int32Array(4);
    expect(confusionAt(scores, labels, 0.5, out)).toBe(out);
    expect(() => confusionAt(scores, labels.subarray(1), 0.5)).toThrow('scores has 6 values but labels has 5');
  });

  it('one pass over 100,000 rows takes well under a frame', () => {
    const n = 100_000;
    const s = Float32Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const y = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const out = new Int32Array(4);
    confusionAt(s, y, 0.5, out);
    const c = confusionAt(s, y, 0.3, out);
    expect(c[0] + c[1] + c[2] + c[3]).toBe(n);
  });
});

describe('thresholdSample', () => {
  it('keeps every row in fresh buffers when there are at most max', () => {
    const scores = Float32Array.from([0.2, 0.8]);
    const s = thresholdSample(scores, Float32Array.from([0, 1]));
    expect(Array.from(s.labels)).toEqual([0, 1]);
    expect(s.scores).toEqual(scores);
    expect(s.scores.buffer).not.toBe(scores.buffer);
  });

  it('keeps a seeded sample of max rows in row order beyond that', () => {
    const n = 1000;
    const scores = Float32Array.from({ length: n }, (_, i) => i);
    const labels = Float32Array.from({ length: n }, (_, i) => i % 2);
    const a = thresholdSample(scores, labels, 100), b = thresholdSample(scores, labels, 100);
    expect(a.scores).toHaveLength(100);
    expect(a.scores).toEqual(b.scores);
    for (let k = 1; k < 100; k++) expect(a.scores[k]).toBeGreaterThan(a.scores[k - 1]);
    for (let k = 0; k < 100; k++) expect(a.labels[k]).toBe(a.scores[k] % 2);
  });
});
