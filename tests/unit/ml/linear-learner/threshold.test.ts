import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { chooseThreshold } from '../../../../src/lib/ml/linear-learner/threshold.ts';

// Eight rows sorted by score; cuts after 2, 4 and 6 rows all reach accuracy 0.75.
const SCORES = Float32Array.of(0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1);
const LABELS = Float32Array.of(1, 1, 0, 1, 0, 1, 0, 0);

describe('chooseThreshold', () => {
  it('accuracy: the best cut, ties going to the threshold nearest 0.5', () => {
    expect(chooseThreshold(SCORES, LABELS, undefined, { criterion: 'accuracy' })).toEqual({ threshold: 0.5, value: 0.75 });
  });

  it('accuracy honours row weights (a heavy negative moves the cut above it)', () => {
    const w = Float32Array.of(1, 1, 3, 1, 1, 1, 1, 1);
    const c = chooseThreshold(SCORES, LABELS, w, { criterion: 'accuracy' });
    expect(c.threshold).toBeCloseTo(0.75, 6);
    expect(c.value).toBeCloseTo(0.8, 12);
  });

  it('f_beta: β = 1 takes recall 1 at precision 2/3; β = 0.5 favours precision', () => {
    const f1 = chooseThreshold(SCORES, LABELS, undefined, { criterion: 'f_beta', beta: 1 });
    expect(f1.threshold).toBeCloseTo(0.25, 6);
    expect(f1.value).toBeCloseTo(0.8, 12);
    const fHalf = chooseThreshold(SCORES, LABELS, undefined, { criterion: 'f_beta', beta: 0.5 });
    expect(fHalf.threshold).toBeCloseTo(0.75, 6);
    expect(fHalf.value).toBeCloseTo(1.25 * 0.5 / (0.25 + 0.5), 12);
  });

  it('precision_at_target_recall: the most precise cut with recall ≥ the target', () => {
    const c = chooseThreshold(SCORES, LABELS, undefined, { criterion: 'precision_at_target_recall', targetRecall: 0.7 });
    expect(c).toEqual({ threshold: 0.5, value: 0.75 });
  });

  it('recall_at_target_precision: the highest recall with precision ≥ the target', () => {
    const c = chooseThreshold(SCORES, LABELS, undefined, { criterion: 'recall_at_target_precision', targetPrecision: 0.9 });
    expect(c.threshold).toBeCloseTo(0.75, 6);
    expect(c.value).toBe(0.5);
  });

  it('recall_at_target_precision out of reach scores 0 at the most precise cut', () => {
    const labels = Float32Array.of(0, 1, 1, 1, 0, 0, 0, 0);
    expect(chooseThreshold(SCORES, labels, undefined, { criterion: 'recall_at_target_precision', targetPrecision: 0.9 })).toEqual({ threshold: 0.5, value: 0 });
  });

  it('never splits tied scores', () => {
    const c = chooseThreshold(Float32Array.of(0.5, 0.5, 0.2), Float32Array.of(1, 0, 0), undefined, { criterion: 'accuracy' });
    expect(c.threshold).toBeCloseTo(0.35, 6);
    expect(c.value).toBeCloseTo(2 / 3, 12);
  });

  it('the value it reports is the criterion of the rule "score ≥ threshold" on 500 random rows', () => {
    const rng = new SeededRandom(3);
    const n = 500;
    const scores = Float32Array.from({ length: n }, () => rng.next());
    const labels = Float32Array.from(scores, (s) => (rng.next() < s ? 1 : 0));
    for (const criterion of ['accuracy', 'f_beta'] as const) {
      const c = chooseThreshold(scores, labels, undefined, { criterion, beta: 1 });
      let tp = 0, fp = 0, fn = 0, tn = 0;
      scores.forEach((s, i) => {
        const p = s >= c.threshold;
        if (p && labels[i]) tp++; else if (p) fp++; else if (labels[i]) fn++; else tn++;
      });
      const expected = criterion === 'accuracy' ? (tp + tn) / n : 2 * tp / (2 * tp + fp + fn);
      expect(c.value).toBeCloseTo(expected, 12);
    }
  });
});
