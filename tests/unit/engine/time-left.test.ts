import { describe, expect, it } from 'vitest';
import { estimateSecondsLeft } from '../../../src/lib/engine/time-left.ts';
import type { TrainRound } from '../../../src/lib/engine/train-engine-api.ts';

const rounds = (seconds: number[], totalRounds = 100): TrainRound[] => seconds.map((s, round) => ({ round, totalRounds, seconds: s }));

describe('estimateSecondsLeft', () => {
  it('gives no estimate before 3 rounds or 1 s of training', () => {
    expect(estimateSecondsLeft([], 100)).toBeNull();
    expect(estimateSecondsLeft(rounds([0.2]), 100)).toBeNull();
    expect(estimateSecondsLeft(rounds([0.2, 0.3]), 100)).toBeNull();
  });

  it('estimates from the pace after the first round, which carries one-off work', () => {
    // A slow first round (8 s of setup), then 0.05 s per round: 97 rounds left at 0.05 s, not at 8 s.
    expect(estimateSecondsLeft(rounds([8, 8.05, 8.1]), 100)).toBeCloseTo(97 * 0.05, 6);
  });

  it('estimates after 1 s even with fewer than 3 rounds', () => {
    expect(estimateSecondsLeft(rounds([1.5], 10), 10)).toBeCloseTo(9 * 1.5, 6);
    expect(estimateSecondsLeft(rounds([1, 3], 10), 10)).toBeCloseTo(8 * 2, 6);
  });

  it('is 0 after the last round', () => {
    expect(estimateSecondsLeft(rounds([0.1, 0.2, 0.3], 3), 3)).toBe(0);
  });
});
