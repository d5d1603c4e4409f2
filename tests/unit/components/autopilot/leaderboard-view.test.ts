// What the Autopilot view shows: the leaderboard sorted by any column (rows without a value last), compact
// hyperparameters, findings by severity, live runs as rows, and the downloads in `mlpad autopilot`'s layout.
import { describe, expect, it } from 'vitest';
import type { AutopilotResult, LeaderboardEntry } from '../../../../src/lib/autopilot/autopilot-api.ts';
import type { Finding } from '../../../../src/lib/autopilot/exploration.ts';
import { sortLeaderboard } from '../../../../src/lib/autopilot/leaderboard.ts';
import {
  compactHyperparameters, findingsBySeverity, leaderboardJson, liveEntries, ranked, reportJson, sortRows, tunedNames,
} from '../../../../src/components/autopilot/leaderboard-view.ts';

const entry = (name: string, test: number | undefined, extra: Partial<LeaderboardEntry> = {}): LeaderboardEntry => ({
  CandidateName: name, Algorithm: name.split('-')[0], Kind: 'single', HyperParameters: {}, TrainingSeconds: 1,
  ...(test !== undefined ? { TestObjective: test } : {}), CandidateStatus: test === undefined ? 'Failed' : 'Completed', Downloadable: true, ...extra,
});

const board = sortLeaderboard([
  entry('xgboost-001', 0.7, { TrainingSeconds: 3, InferenceSecondsPerRow: 2e-6, ValidationObjective: 0.72 }),
  entry('knn-001', 0.75, { TrainingSeconds: 0.2, InferenceSecondsPerRow: 6e-5, ValidationObjective: 0.71 }),
  entry('mlp-001', undefined, { TrainingSeconds: 5 }),
  entry('linear-learner-001', 0.69, { TrainingSeconds: 1.1, ValidationObjective: 0.74 }),
], 'F1');

describe('sortRows', () => {
  it('rank order is the engine\'s: best test objective first, the candidate without one last', () => {
    expect(sortRows(ranked(board), 'rank', false).map((r) => r.entry.CandidateName)).toEqual(['knn-001', 'xgboost-001', 'linear-learner-001', 'mlp-001']);
  });

  it('sorts numbers either way and keeps rows without a value last both ways', () => {
    const rows = ranked(board);
    expect(sortRows(rows, 'validation', true).map((r) => r.entry.CandidateName)).toEqual(['linear-learner-001', 'xgboost-001', 'knn-001', 'mlp-001']);
    expect(sortRows(rows, 'validation', false).map((r) => r.entry.CandidateName)).toEqual(['knn-001', 'xgboost-001', 'linear-learner-001', 'mlp-001']);
    expect(sortRows(rows, 'latency', false).map((r) => r.entry.CandidateName)).toEqual(['xgboost-001', 'knn-001', 'linear-learner-001', 'mlp-001']);
    expect(sortRows(rows, 'seconds', true).map((r) => r.entry.CandidateName)).toEqual(['mlp-001', 'xgboost-001', 'linear-learner-001', 'knn-001']);
  });

  it('sorts text A to Z and back', () => {
    expect(sortRows(ranked(board), 'algorithm', false).map((r) => r.entry.Algorithm)).toEqual(['knn', 'linear', 'mlp', 'xgboost']);
    expect(sortRows(ranked(board), 'candidate', true)[0].entry.CandidateName).toBe('xgboost-001');
  });
});

describe('compactHyperparameters', () => {
  it('shows the first few, numbers to 3 significant digits, and counts the rest', () => {
    expect(compactHyperparameters({ eta: '0.123456', max_depth: '6', subsample: '0.8', lambda: '1', alpha: '0.001' }, 3)).toBe('eta 0.123 · max_depth 6 · subsample 0.8 · +2 more');
    expect(compactHyperparameters({ objective: 'binary:logistic' })).toBe('objective binary:logistic');
    expect(compactHyperparameters({})).toBe('');
  });

  it('puts the hyperparameters Autopilot tunes first, in range order', () => {
    const first = tunedNames('BinaryClassification', 'xgboost');
    expect(first.slice(0, 2)).toEqual(['eta', 'min_child_weight']);
    expect(first).toContain('max_depth');
    expect(tunedNames('BinaryClassification', 'ensemble')).toEqual([]);
    expect(compactHyperparameters({ objective: 'binary:logistic', num_round: '40', max_depth: '6', eta: '0.3' }, 2, first)).toBe('eta 0.3 · max_depth 6 · +2 more');
  });
});

describe('findingsBySeverity', () => {
  it('groups high, warning, info in that order and leaves empty groups out', () => {
    const f = (severity: Finding['severity'], column: string): Finding => ({ kind: 'missing-values', column, severity, value: 0, message: '', action: '' });
    const groups = findingsBySeverity([f('info', 'a'), f('high', 'b'), f('info', 'c')]);
    expect(groups.map((g) => [g.severity, g.findings.map((x) => x.column)])).toEqual([['high', ['b']], ['info', ['a', 'c']]]);
  });
});

describe('liveEntries', () => {
  it('turns runs into rows that sortLeaderboard ranks, with nothing made up for a failed run', () => {
    const rows = liveEntries([
      { id: 'a', algorithm: 'xgboost', hyperparameters: { eta: '0.3' }, status: 'Completed', validation: 0.6, test: 0.65, seconds: 2, secondsPerRow: 1e-6 },
      { id: 'b', algorithm: 'knn', hyperparameters: { k: '5' }, status: 'Failed', seconds: 0.1, failure: 'bad k' },
    ]);
    expect(rows[0]).toMatchObject({ CandidateName: 'a', ValidationObjective: 0.6, TestObjective: 0.65, TrainingSeconds: 2, InferenceSecondsPerRow: 1e-6, CandidateStatus: 'Completed' });
    expect(rows[1]).toEqual({ CandidateName: 'b', Algorithm: 'knn', Kind: 'single', HyperParameters: { k: '5' }, TrainingSeconds: 0.1, CandidateStatus: 'Failed', FailureReason: 'bad k', Downloadable: false });
  });
});

describe('downloads', () => {
  it('leaderboard.json leaves the report out and names the best model; the report file starts with the file and problem', () => {
    const result = { AutoMLJobStatus: 'Completed', Leaderboard: board, Report: { findings: [] }, Notes: [] } as unknown as Omit<AutopilotResult, 'BestModel'>;
    const json = JSON.parse(new TextDecoder().decode(leaderboardJson(result, 'knn-001')));
    expect(json.Report).toBeUndefined();
    expect(json.BestModel).toBe('knn-001');
    expect(json.Leaderboard).toHaveLength(4);
    expect(JSON.parse(new TextDecoder().decode(leaderboardJson(result, null))).BestModel).toBeUndefined();
    const report = JSON.parse(new TextDecoder().decode(reportJson({ problem: { target: 'y' }, report: { target: 'y', rows: 5 }, seconds: 0 } as never, 'data.csv')));
    expect(Object.keys(report).slice(0, 3)).toEqual(['file', 'problem', 'target']);
    expect(report.file).toBe('data.csv');
  });
});
