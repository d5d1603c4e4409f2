// The progress line of a training job in words: preparing, the round with the time left, then what happens
// after the last round (evaluating), so the bar never sits on "under a second left" while the model is scored.
import type { RunningJob } from '../../lib/clients/train-client.svelte.ts';
import type { SplitName } from '../../lib/engine/train-engine-api.ts';
import { formatNumber } from '../format.ts';

/** Seconds in words: "less than a second", "about 12 s", "about 2 min 5 s". */
export function formatTimeLeft(s: number): string {
  if (s < 1) return 'less than a second';
  if (s < 60) return `about ${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `about ${m} min ${Math.round(s - 60 * m)} s`;
}

const ROWS: Record<SplitName, string> = { validation: 'validation', test: 'test', train: 'training' };

/** The progress line of `job`. */
export function progressText(job: Pick<RunningJob, 'rounds' | 'totalRounds' | 'secondsLeft' | 'stage'>): string {
  const done = job.rounds.length;
  if (job.stage) {
    const heldOut = job.stage.splits.some((s) => s !== 'train');
    const which = job.stage.splits.length === 1 ? `the ${ROWS[job.stage.splits[0]]} rows` : heldOut ? 'the held-out rows' : 'the training rows';
    return `${done ? `Round ${formatNumber(done)} of ${formatNumber(job.totalRounds)} · ` : ''}Evaluating on ${which}…`;
  }
  if (done === 0) return 'Preparing the data…';
  const left = job.secondsLeft === null ? '' : ` · ${formatTimeLeft(job.secondsLeft)} left`;
  return `Round ${formatNumber(done)} of ${formatNumber(job.totalRounds)}${left}`;
}
