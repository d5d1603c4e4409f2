import { describe, expect, it } from 'vitest';
import { anomalyMetrics } from '../../../../src/lib/ml/results/anomaly-metrics.ts';

describe('anomalyMetrics', () => {
  it('anomalyMetrics(scores, labels, 2) flags scores above 2 and scores them against labels 1 = anomaly', () => {
    // flagged: rows 1, 3, 4 (scores 5, 3, 9); anomalies: rows 1, 2, 4 → tp 2, fp 1, fn 1, tn 2.
    const m = anomalyMetrics([1, 5, 2, 3, 9, 0.5], [0, 1, 1, 0, 1, 0], 2);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it('anomalyMetrics gives precision, recall and F1 of 0 when nothing is flagged', () => {
    expect(anomalyMetrics([1, 2], [1, 0], 5)).toEqual({ accuracy: 0.5, precision: 0, recall: 0, f1: 0 });
  });

  it('anomalyMetrics refuses labels other than 0 and 1, and mismatched lengths, with sentences', () => {
    expect(() => anomalyMetrics([1, 2], [0, 2], 1)).toThrow('labels must be 0 (normal) or 1 (anomaly); labels[1] is 2');
    expect(() => anomalyMetrics([1, 2], [0], 1)).toThrow('anomalyMetrics needs one label per score; got 2 scores and 1 labels');
    expect(() => anomalyMetrics([], [], 1)).toThrow(RangeError);
  });
});
