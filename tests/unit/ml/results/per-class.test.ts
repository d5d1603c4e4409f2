import { describe, expect, it } from 'vitest';
import { evaluate, perClassMetrics, type ClassificationEvaluation } from '../../../../src/lib/ml/results/index.ts';
import { hasSklearn, python, sklearnSkipReason } from '../sklearn.ts';

const f32 = (a: number[]) => Float32Array.from(a);

describe('perClassMetrics', () => {
  // Actual × predicted for classes a, b, c.
  const counts = [5, 1, 0, 2, 3, 1, 0, 0, 4];
  const m = perClassMetrics(counts, 3);

  it('perClassMetrics(counts, 3) gives precision, recall, F1 and support per class, by hand', () => {
    // a: tp 5, predicted 7, actual 6; b: tp 3, predicted 4, actual 6; c: tp 4, predicted 5, actual 4.
    expect(Array.from(m.support)).toEqual([6, 6, 4]);
    const p = [5 / 7, 3 / 4, 4 / 5], r = [5 / 6, 3 / 6, 1];
    for (let c = 0; c < 3; c++) {
      expect(m.precision[c]).toBeCloseTo(p[c], 12);
      expect(m.recall[c]).toBeCloseTo(r[c], 12);
      expect(m.f1[c]).toBeCloseTo((2 * p[c] * r[c]) / (p[c] + r[c]), 12);
    }
    expect(m.macro.precision).toBeCloseTo((p[0] + p[1] + p[2]) / 3, 12);
    expect(m.macro.recall).toBeCloseTo((r[0] + r[1] + r[2]) / 3, 12);
    expect(m.weighted.recall).toBeCloseTo((5 + 3 + 4) / 16, 12);
  });

  it('a class never predicted or never present scores 0, not NaN (sklearn zero_division=0)', () => {
    const z = perClassMetrics([3, 0, 2, 0], 2);
    expect(z.precision[1]).toBe(0);
    expect(z.recall[1]).toBe(0);
    expect(z.f1[1]).toBe(0);
    const absent = perClassMetrics([3, 1, 0, 0], 2);
    expect(absent.recall[1]).toBe(0);
    expect(absent.support[1]).toBe(0);
  });

  it('names the argument on a wrong shape', () => {
    expect(() => perClassMetrics([1, 2, 3], 2)).toThrow('counts has 3 values but k × k = 4 were expected');
    expect(() => perClassMetrics([], 0)).toThrow('k must be a positive integer; got 0');
  });
});

describe('evaluate: per-class metrics and one-vs-rest curves', () => {
  it('binary evaluation carries per-class metrics of both classes at p > 0.5', () => {
    const e = evaluate('binary', f32([0, 0, 1, 1, 0, 1]), f32([0.1, 0.6, 0.7, 0.9, 0.2, 0.4]), ['no', 'yes']) as ClassificationEvaluation;
    // Confusion [[2, 1], [1, 2]]: both classes 2/3.
    expect(e.perClass.precision[1]).toBeCloseTo(2 / 3, 12);
    expect(e.perClass.recall[0]).toBeCloseTo(2 / 3, 12);
    expect(e.oneVsRest).toBeUndefined();
  });

  it('multiclass evaluation gives each class its ROC and PR curve and AUC', () => {
    const labels = f32([0, 1, 2, 2]);
    const probs = f32([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.5, 0.3, 0.2]);
    const e = evaluate('multiclass', labels, probs, ['a', 'b', 'c']) as ClassificationEvaluation;
    expect(e.oneVsRest).toHaveLength(3);
    for (const c of e.oneVsRest!) {
      expect(c.auc).toBeCloseTo(1, 12);
      expect(c.roc[0]).toMatchObject({ x: 0, y: 0 });
      expect(c.roc.at(-1)).toMatchObject({ x: 1, y: 1 });
      expect(c.pr.at(-1)!.x).toBe(1);
    }
    // Class c: scores 0.7 (c), 0.2 (c), 0.1, 0.1: precision 1 at recall 0.5, then 1 at recall 1 (0.2 beats 0.1).
    expect(e.oneVsRest![2].pr.map((p) => [p.x, p.y])).toEqual([[0.5, 1], [1, 1], [1, 0.5]]);
    // Confusion [[1,0,0],[0,1,0],[1,0,1]]: a precision 1/2, c recall 1/2.
    expect(e.perClass.precision[0]).toBeCloseTo(0.5, 12);
    expect(e.perClass.recall[2]).toBeCloseTo(0.5, 12);
    expect(Array.from(e.perClass.support)).toEqual([1, 1, 2]);
  });

  it(`matches scikit-learn's classification_report and one-vs-rest AUC on a small case${sklearnSkipReason}`, { skip: !hasSklearn }, () => {
    const y = [0, 1, 2, 2, 1, 0, 0, 2, 1, 1, 3, 0];
    const score = [
      [0.7, 0.1, 0.1, 0.1], [0.2, 0.5, 0.2, 0.1], [0.1, 0.2, 0.6, 0.1], [0.3, 0.4, 0.2, 0.1],
      [0.1, 0.8, 0.05, 0.05], [0.4, 0.3, 0.2, 0.1], [0.2, 0.2, 0.5, 0.1], [0.1, 0.1, 0.7, 0.1],
      [0.6, 0.2, 0.1, 0.1], [0.25, 0.45, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4], [0.5, 0.2, 0.2, 0.1],
    ];
    const e = evaluate('multiclass', f32(y), f32(score.flat()), ['w', 'x', 'y', 'z']) as ClassificationEvaluation;
    const predicted = score.map((s) => s.indexOf(Math.max(...s)));
    const ref = python<{ per_class: Record<string, number[]>; macro: Record<string, number>; weighted: Record<string, number>; auc: number[] }>(
      'sklearn_classification_report.py', { y_true: y, y_pred: predicted, y_score: score, labels: [0, 1, 2, 3] });
    for (const m of ['precision', 'recall', 'f1'] as const) {
      for (let c = 0; c < 4; c++) expect(e.perClass[m][c]).toBeCloseTo(ref.per_class[m][c], 10);
      expect(e.perClass.macro[m]).toBeCloseTo(ref.macro[m], 10);
      expect(e.perClass.weighted[m]).toBeCloseTo(ref.weighted[m], 10);
    }
    expect(Array.from(e.perClass.support)).toEqual(ref.per_class.support);
    for (let c = 0; c < 4; c++) expect(e.oneVsRest![c].auc).toBeCloseTo(ref.auc[c], 6);
  });
});
