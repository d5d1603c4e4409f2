// The time left of a training job, from the rounds streamed so far. The first round often carries one-off
// work (building histograms, starting TensorFlow.js), so the pace is measured from the first round on, and
// no estimate is given before 3 rounds or 1 s of training: a 13 s run does not open with "100 s left".
import type { TrainRound } from './train-engine-api.ts';

/** Rounds, or seconds of training, before an estimate is given. */
export const ESTIMATE_AFTER_ROUNDS = 3;
export const ESTIMATE_AFTER_SECONDS = 1;

/** Seconds left until the last of `totalRounds`, at the pace of `rounds` (in order); null while too early to say. */
export function estimateSecondsLeft(rounds: readonly TrainRound[], totalRounds: number): number | null {
  const last = rounds[rounds.length - 1];
  if (!last) return null;
  if (rounds.length < ESTIMATE_AFTER_ROUNDS && last.seconds < ESTIMATE_AFTER_SECONDS) return null;
  const first = rounds[0];
  const pace = last.round > first.round ? (last.seconds - first.seconds) / (last.round - first.round) : last.seconds / (last.round + 1);
  return Math.max(0, pace * (totalRounds - last.round - 1));
}
