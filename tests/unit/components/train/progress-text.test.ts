import { describe, expect, it } from 'vitest';
import { formatTimeLeft, progressText } from '../../../../src/components/train/progress-text.ts';
import type { TrainRound } from '../../../../src/lib/engine/train-engine-api.ts';

const rounds = (n: number): TrainRound[] => Array.from({ length: n }, (_, round) => ({ round, totalRounds: 20, seconds: round * 0.1 }));

describe('progressText', () => {
  it('says the data is being prepared before the first round', () => {
    expect(progressText({ rounds: [], totalRounds: 20, secondsLeft: null, stage: null })).toBe('Preparing the data…');
  });

  it('gives the round, and the time left once there is an estimate', () => {
    expect(progressText({ rounds: rounds(2), totalRounds: 20, secondsLeft: null, stage: null })).toBe('Round 2 of 20');
    expect(progressText({ rounds: rounds(5), totalRounds: 2000, secondsLeft: 12.4, stage: null })).toBe('Round 5 of 2,000 · about 12 s left');
    expect(progressText({ rounds: rounds(5), totalRounds: 2000, secondsLeft: 125, stage: null })).toBe('Round 5 of 2,000 · about 2 min 5 s left');
  });

  it('says "less than a second left", never "about under a second"', () => {
    const text = progressText({ rounds: rounds(19), totalRounds: 20, secondsLeft: 0.2, stage: null });
    expect(text).toBe('Round 19 of 20 · less than a second left');
    expect(formatTimeLeft(0)).toBe('less than a second');
  });

  it('after the last round says it is evaluating on the held-out rows instead of a time left', () => {
    expect(progressText({ rounds: rounds(20), totalRounds: 20, secondsLeft: 0, stage: { stage: 'evaluating', splits: ['validation', 'test', 'train'] } }))
      .toBe('Round 20 of 20 · Evaluating on the held-out rows…');
    expect(progressText({ rounds: rounds(1), totalRounds: 20, secondsLeft: null, stage: { stage: 'evaluating', splits: ['train'] } }))
      .toBe('Round 1 of 20 · Evaluating on the training rows…');
    expect(progressText({ rounds: [], totalRounds: 1, secondsLeft: null, stage: { stage: 'evaluating', splits: ['validation'] } }))
      .toBe('Evaluating on the validation rows…');
  });
});
