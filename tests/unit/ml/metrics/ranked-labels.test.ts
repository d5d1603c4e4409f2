import { describe, expect, it } from 'vitest';
import { prAuc, rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { logloss } from '../../../../src/lib/ml/metrics/pointwise-metrics.ts';
import { RANKED_LABEL_BIT, RANKED_SCORE_BITS, rankedLabels } from '../../../../src/lib/ml/metrics/ranked-labels.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

/** n probabilities rounded to `levels` steps (so many ties), some exactly 0 and 1, and 0/1 labels. */
function sample(n: number, levels: number, seed: number): { scores: Float32Array; labels: Float32Array } {
  const rng = new SeededRandom(seed);
  const scores = new Float32Array(n), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    scores[i] = i % 97 === 0 ? 0 : i % 89 === 0 ? 1 : Math.round(u * levels) / levels;
    labels[i] = rng.next() < u ? 1 : 0;
  }
  return { scores, labels };
}

const ones = (n: number) => new Float32Array(n).fill(1);

describe('rankedLabels', () => {
  it('rankedLabels(scores, labels) orders scores descending, keeps each label with its score and ties together', () => {
    const { scores, labels } = sample(5000, 300, 7);
    const keys = rankedLabels(scores, labels)!;
    expect(keys).not.toBeNull();
    const score = (k: number) => new Float32Array(Uint32Array.of(~k & RANKED_SCORE_BITS).buffer)[0];
    let pos = 0;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] & RANKED_LABEL_BIT) pos++;
      if (i > 0) expect(score(keys[i])).toBeLessThanOrEqual(score(keys[i - 1]));
    }
    expect(pos).toBe(labels.reduce((a, b) => a + b, 0));
    // Each score keeps its label count.
    const want = new Map<number, number>(), got = new Map<number, number>();
    for (let i = 0; i < scores.length; i++) want.set(scores[i], (want.get(scores[i]) ?? 0) + labels[i]);
    for (const k of keys) got.set(score(k), (got.get(score(k)) ?? 0) + (k & RANKED_LABEL_BIT ? 1 : 0));
    expect(got).toEqual(want);
  });

  it('rankedLabels leaves weights, non-0/1 labels, negative and NaN scores to the general path (null)', () => {
    const s = Float32Array.of(0.2, 0.5), y = Float32Array.of(0, 1);
    expect(rankedLabels(s, y, ones(2))).toBeNull();
    expect(rankedLabels(s, Float32Array.of(0, 0.5))).toBeNull();
    expect(rankedLabels(Float32Array.of(-0.1, 0.5), y)).toBeNull();
    expect(rankedLabels(Float32Array.of(NaN, 0.5), y)).toBeNull();
    expect(rankedLabels(Float32Array.of(-0, 0.5), y)).not.toBeNull();
  });
});

describe('unweighted fast paths give the general path\'s figures to the bit', () => {
  for (const [n, levels] of [[20_000, 50], [20_000, 1e6], [1, 10]] as const) {
    it(`rocAuc and prAuc with no weights equal the all-ones-weighted sweep (${n} rows, ${levels} levels)`, () => {
      const { scores, labels } = sample(n, levels, n + levels);
      if (n === 1) labels[0] = 1;
      const w = ones(n);
      expect(Object.is(rocAuc(scores, labels), rocAuc(scores, labels, w))).toBe(true);
      expect(Object.is(prAuc(scores, labels), prAuc(scores, labels, w))).toBe(true);
    });
  }

  it('rocAuc counts +0 and −0 as one score', () => {
    const y = Float32Array.of(1, 0, 1, 0);
    expect(rocAuc(Float32Array.of(0, -0, 0.5, 0.25), y)).toBe(rocAuc(Float32Array.of(0, 0, 0.5, 0.25), y, ones(4)));
  });

  it('logloss with no weights equals the all-ones-weighted mean, clipped probabilities and soft labels included', () => {
    const { scores, labels } = sample(20_000, 1e6, 3);
    labels[5] = 0.25;
    scores[7] = 1e-20;
    scores[11] = Math.fround(1 - 1e-9);
    expect(logloss(scores, labels)).toBe(logloss(scores, labels, ones(scores.length)));
  });
});
