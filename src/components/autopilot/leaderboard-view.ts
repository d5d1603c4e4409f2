// What the Autopilot view shows of a job, computed from its records: the leaderboard sorted by any column,
// hyperparameters in a line, findings grouped by severity, and the files it downloads (laid out as
// `mlpad autopilot` writes them). Pure, so it is unit-tested.
import type { AutopilotResult, LeaderboardEntry } from '../../lib/autopilot/autopilot-api.ts';
import { candidateAlgorithms } from '../../lib/autopilot/candidates.ts';
import type { Finding, Severity } from '../../lib/autopilot/exploration.ts';
import type { ProblemType } from '../../lib/autopilot/objectives.ts';
import type { CandidateRun, Exploration } from '../../lib/engine/autopilot-engine-api.ts';

/** A leaderboard row and its rank (1 = best by the test objective, the engine's order). */
export interface RankedEntry {
  rank: number;
  entry: LeaderboardEntry;
}

/** The columns the leaderboard sorts by. */
export type SortKey = 'rank' | 'candidate' | 'algorithm' | 'validation' | 'test' | 'seconds' | 'latency' | 'status';

/** `sorted` (the engine's order, best first) with ranks. */
export const ranked = (sorted: readonly LeaderboardEntry[]): RankedEntry[] => sorted.map((entry, i) => ({ rank: i + 1, entry }));

const finite = (v: number | undefined): number | undefined => (v !== undefined && Number.isFinite(v) ? v : undefined);

function keyOf(r: RankedEntry, key: SortKey): number | string | undefined {
  const e = r.entry;
  switch (key) {
    case 'rank': return r.rank;
    case 'candidate': return e.CandidateName;
    case 'algorithm': return e.Algorithm;
    case 'validation': return finite(e.ValidationObjective);
    case 'test': return finite(e.TestObjective);
    case 'seconds': return e.TrainingSeconds;
    case 'latency': return finite(e.InferenceSecondsPerRow);
    case 'status': return e.CandidateStatus;
  }
}

/**
 * `rows` sorted by `key`, ascending or descending; rows without a value stay last either way, and ties keep
 * the rank order.
 */
export function sortRows(rows: readonly RankedEntry[], key: SortKey, descending: boolean): RankedEntry[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = keyOf(a, key), y = keyOf(b, key);
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? a.rank - b.rank : 1) : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * c || a.rank - b.rank;
  });
}

/** A value as text, numbers to 3 significant digits ("0.0123", "250"). */
const shortValue = (v: string): string => {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) && !Number.isInteger(n) ? String(Number(n.toPrecision(3))) : v;
};

/**
 * Hyperparameters in a line, `max` of them ("eta 0.12 · max_depth 6 · +4 more"), the names in `first` (the
 * ones Autopilot tunes) before the rest; the full list goes in a tooltip.
 */
export function compactHyperparameters(hp: Record<string, string>, max = 4, first: readonly string[] = []): string {
  const rank = (k: string) => (first.includes(k) ? first.indexOf(k) : first.length);
  const entries = Object.entries(hp).map((e, i) => ({ e, i })).sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i).map(({ e }) => e);
  const shown = entries.slice(0, max).map(([k, v]) => `${k} ${shortValue(v)}`);
  if (entries.length > max) shown.push(`+${entries.length - max} more`);
  return shown.join(' · ');
}

/** The hyperparameters Autopilot tunes for `algorithm` (its search ranges), in range order; [] for others (the stack). */
export function tunedNames(problemType: ProblemType, algorithm: string): string[] {
  const c = candidateAlgorithms(problemType).find((x) => x.algorithm === algorithm);
  if (!c) return [];
  const r = c.ranges;
  return [...(r.ContinuousParameterRanges ?? []), ...(r.IntegerParameterRanges ?? []), ...(r.CategoricalParameterRanges ?? [])].map((x) => x.Name);
}

/** Every hyperparameter, one "name = value" a line (the tooltip). */
export const allHyperparameters = (hp: Record<string, string>): string => Object.entries(hp).map(([k, v]) => `${k} = ${v}`).join('\n');

/** The findings grouped by severity, high first; empty groups left out. */
export function findingsBySeverity(findings: readonly Finding[]): { severity: Severity; findings: Finding[] }[] {
  const order: Severity[] = ['high', 'warning', 'info'];
  return order.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) })).filter((g) => g.findings.length > 0);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** leaderboard.json as `mlpad autopilot` writes it: the result without the report, BestModel by name. */
export function leaderboardJson(result: Omit<AutopilotResult, 'BestModel'>, bestModel: string | null): Uint8Array {
  const { Report: _report, ...rest } = result;
  void _report;
  return utf8(JSON.stringify({ ...rest, ...(bestModel ? { BestModel: bestModel } : {}) }, null, 2) + '\n');
}

/** data-exploration-report.json as `mlpad autopilot` writes it: the file, the problem, then the report. */
export function reportJson(exploration: Exploration, file: string): Uint8Array {
  return utf8(JSON.stringify({ file, problem: exploration.problem, ...exploration.report }, null, 2) + '\n');
}

/** Runs that ended so far as leaderboard rows (name, algorithm, objectives, times, status), for the live table. */
export function liveEntries(runs: readonly CandidateRun[]): LeaderboardEntry[] {
  return runs.map((r) => ({
    CandidateName: r.id, Algorithm: r.algorithm, Kind: 'single', HyperParameters: r.hyperparameters,
    ...(r.validation !== undefined ? { ValidationObjective: r.validation } : {}),
    ...(r.test !== undefined ? { TestObjective: r.test } : {}),
    TrainingSeconds: r.seconds,
    ...(r.secondsPerRow !== undefined ? { InferenceSecondsPerRow: r.secondsPerRow } : {}),
    CandidateStatus: r.status, ...(r.failure ? { FailureReason: r.failure } : {}), Downloadable: false,
  }));
}
