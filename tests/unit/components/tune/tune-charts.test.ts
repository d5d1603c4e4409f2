// The shapes the Tune view's charts draw: the best-so-far step, sorting by the objective and the
// parallel-coordinates layout (axes scaled as the ranges are searched). Positions within 1e-9.
import { describe, expect, it } from 'vitest';
import { bestSoFar, parallelLayout, secondsOf, sortByObjective } from '../../../../src/components/tune/tune-charts.ts';
import type { RangeRow } from '../../../../src/components/tune/tune-form.ts';
import type { TrialRecord } from '../../../../src/lib/tune/tuning-job-api.ts';

const trial = (k: number, status: TrialRecord['TrainingJobStatus'], value: number | undefined, hp: Record<string, string>): TrialRecord => ({
  TrainingJobName: `t-${k}`, TrainingJobStatus: status, TunedHyperParameters: hp, ObjectiveStatus: value === undefined ? 'Failed' : 'Succeeded',
  TrainingStartTime: k, ...(status !== 'InProgress' ? { TrainingEndTime: k + 2 } : {}), ObjectivePerStep: [],
  ...(value !== undefined ? { FinalHyperParameterTuningJobObjectiveMetric: { Type: 'Maximize', MetricName: 'validation:auc', Value: value } } : {}),
});
const trials = [
  trial(0, 'Failed', undefined, { eta: '0.1', max_depth: '2', booster: 'gbtree' }),
  trial(1, 'Completed', 0.7, { eta: '0.05', max_depth: '4', booster: 'gbtree' }),
  trial(2, 'Stopped', 0.9, { eta: '0.5', max_depth: '6', booster: 'dart' }),
  trial(3, 'Completed', 0.8, { eta: '0.158113883', max_depth: '2', booster: 'dart' }),
  trial(4, 'Completed', 0.75, { eta: '0.2', max_depth: '3', booster: 'gbtree' }),
];
const rows: RangeRow[] = [
  { name: 'eta', kind: 'continuous', min: '0.05', max: '0.5', scaling: 'Logarithmic', choices: [], values: [] },
  { name: 'max_depth', kind: 'integer', min: '2', max: '6', scaling: 'Linear', choices: [], values: [] },
  { name: 'booster', kind: 'categorical', min: '', max: '', scaling: 'Auto', choices: ['gbtree', 'dart'], values: ['gbtree', 'dart'] },
];

describe('tune charts', () => {
  it('bestSoFar steps on completed trials only, in the objective\'s direction', () => {
    expect(bestSoFar(trials, 'Maximize')).toEqual([null, 0.7, 0.7, 0.8, 0.8]);
    expect(bestSoFar(trials, 'Minimize')).toEqual([null, 0.7, 0.7, 0.7, 0.7]);
  });

  it('sortByObjective puts the best first (or last), trials without an objective at the end', () => {
    expect(sortByObjective(trials, 'Maximize').map((t) => t.TrainingJobName)).toEqual(['t-2', 't-3', 't-4', 't-1', 't-0']);
    expect(sortByObjective(trials, 'Maximize', false).map((t) => t.TrainingJobName)).toEqual(['t-1', 't-4', 't-3', 't-2', 't-0']);
    expect(sortByObjective(trials, 'Minimize').map((t) => t.TrainingJobName)).toEqual(['t-1', 't-4', 't-3', 't-2', 't-0']);
  });

  it('secondsOf is the run time, or the time so far of a running trial', () => {
    expect(secondsOf(trials[1])).toBe(2);
    expect(secondsOf(trial(5, 'InProgress', undefined, {}), 9)).toBe(4);
    expect(secondsOf(trial(5, 'InProgress', undefined, {}))).toBeUndefined();
  });

  it('parallelLayout: an axis per range (log where searched on a log scale) and the objective; a line per scored trial', () => {
    const { axes, lines } = parallelLayout(trials, rows, 'validation:auc');
    expect(axes.map((a) => a.name)).toEqual(['eta', 'max_depth', 'booster', 'validation:auc']);
    expect(lines.map((l) => l.name)).toEqual(['t-1', 't-2', 't-3', 't-4']);
    const t3 = lines[2].u;
    // eta 0.158 is the geometric middle of 0.05–0.5; max_depth 2 the bottom; dart the top; 0.8 of 0.7–0.9 the middle.
    expect(t3[0]).toBeCloseTo(0.5, 9);
    expect(t3[1]).toBeCloseTo(0, 9);
    expect(t3[2]).toBe(1);
    expect(t3[3]).toBeCloseTo(0.5, 9);
    expect(lines.map((l) => l.shade)).toEqual([0, 1, expect.closeTo(0.5, 9), expect.closeTo(0.25, 9)]);
    // Log ticks: a few per decade, labelled, inside the axis.
    const eta = axes[0].ticks;
    expect(eta.length).toBeGreaterThanOrEqual(2);
    expect(eta.length).toBeLessThanOrEqual(6);
    for (const t of eta) { expect(t.u).toBeGreaterThanOrEqual(0); expect(t.u).toBeLessThanOrEqual(1); }
    expect(axes[2].ticks).toEqual([{ u: 0, label: 'gbtree' }, { u: 1, label: 'dart' }]);
  });
});
