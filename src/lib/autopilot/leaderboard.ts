// The leaderboard: every candidate with its objective on validation and test, training time, inference
// latency and status, sorted by the test objective in the objective's direction (candidates without a test
// figure last, in the order they ran), and the best candidate.
import type { LeaderboardEntry } from './autopilot-api.ts';
import { maximizes } from './objective-score.ts';
import type { ObjectiveMetric } from './objectives.ts';

/** `entries` sorted best first by TestObjective for `objective` (stable; entries without a finite one last). */
export function sortLeaderboard(entries: readonly LeaderboardEntry[], objective: ObjectiveMetric): LeaderboardEntry[] {
  const sign = maximizes(objective) ? -1 : 1;
  const key = (e: LeaderboardEntry) => (e.TestObjective !== undefined && Number.isFinite(e.TestObjective) ? sign * e.TestObjective : Infinity);
  return entries.map((e, i) => ({ e, i })).sort((a, b) => key(a.e) - key(b.e) || a.i - b.i).map(({ e }) => e);
}

/** The first Completed entry of a sorted leaderboard (optionally only downloadable ones), or undefined. */
export function bestCandidate(sorted: readonly LeaderboardEntry[], downloadable = false): LeaderboardEntry | undefined {
  return sorted.find((e) => e.CandidateStatus === 'Completed' && e.TestObjective !== undefined && Number.isFinite(e.TestObjective) && (!downloadable || e.Downloadable));
}

function figure(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toFixed(4);
}

/** The leaderboard as a text table for a terminal. */
export function leaderboardText(sorted: readonly LeaderboardEntry[], objective: ObjectiveMetric): string {
  const head = ['#', 'candidate', 'algorithm', 'kind', `validation ${objective}`, `test ${objective}`, 'train s', 'µs/row', 'status'];
  const rows = sorted.map((e, i) => [
    String(i + 1), e.CandidateName, e.Algorithm, e.Kind, figure(e.ValidationObjective), figure(e.TestObjective),
    e.TrainingSeconds.toFixed(1), e.InferenceSecondsPerRow !== undefined && Number.isFinite(e.InferenceSecondsPerRow) ? (e.InferenceSecondsPerRow * 1e6).toFixed(1) : '—',
    e.CandidateStatus + (e.Downloadable ? '' : ' (no file)'),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
