// What the Tune view's charts draw, computed from the trial records: the objective per trial with the
// best so far as a step line, and the parallel-coordinates layout of the tuned hyperparameters against the
// objective (each axis scaled as its range is searched). Pure, so the shapes are unit-tested.
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import type { RangeRow } from './tune-form.ts';
import type { TrialRecord } from '../../lib/tune/tuning-job-api.ts';

/** The objective a trial ended with (a stopped trial's last value); undefined when it has none. */
export const objectiveOf = (t: TrialRecord): number | undefined => t.FinalHyperParameterTuningJobObjectiveMetric?.Value;

/** Seconds a trial ran (so far, at `now` seconds since the job started, when still running). */
export const secondsOf = (t: TrialRecord, now?: number): number | undefined =>
  t.TrainingEndTime !== undefined ? t.TrainingEndTime - t.TrainingStartTime : now !== undefined ? Math.max(0, now - t.TrainingStartTime) : undefined;

/** The best completed objective after each trial, by trial number (1-based); null before the first completes. */
export function bestSoFar(trials: readonly TrialRecord[], type: 'Maximize' | 'Minimize'): (number | null)[] {
  let best: number | null = null;
  return trials.map((t) => {
    const v = objectiveOf(t);
    if (t.TrainingJobStatus === 'Completed' && v !== undefined && (best === null || (type === 'Maximize' ? v > best : v < best))) best = v;
    return best;
  });
}

/** Trials sorted by objective, best first (trials without one last, in launch order). */
export function sortByObjective(trials: readonly TrialRecord[], type: 'Maximize' | 'Minimize', bestFirst = true): TrialRecord[] {
  const sign = (type === 'Maximize' ? -1 : 1) * (bestFirst ? 1 : -1);
  return trials.map((t, i) => ({ t, i, v: objectiveOf(t) })).sort((a, b) => {
    if (a.v === undefined || b.v === undefined) return a.v === undefined ? (b.v === undefined ? a.i - b.i : 1) : -1;
    return sign * (a.v - b.v) || a.i - b.i;
  }).map((x) => x.t);
}

/** One axis of the parallel-coordinates chart: where a value sits (0 bottom … 1 top) and its ticks. */
export interface ParallelAxis {
  name: string;
  ticks: { u: number; label: string }[];
  position(value: string): number | null;
}

const short = (v: number) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** A numeric axis over [min, max], logarithmic for Logarithmic ranges. */
function numericAxis(name: string, min: number, max: number, log: boolean): ParallelAxis {
  const lo = min === max ? min - 1 : min, hi = min === max ? max + 1 : max;
  const s: ScaleContinuousNumeric<number, number> = log && lo > 0 ? scaleLog().domain([lo, hi]).range([0, 1]) : scaleLinear().domain([lo, hi]).range([0, 1]);
  // A log scale's own tick format leaves all but a few ticks per decade blank.
  const keep = log ? s.tickFormat(4) : null;
  const shown = s.ticks(4).filter((t) => !keep || keep(t) !== '').map((t) => ({ u: s(t), label: short(t) }));
  return {
    name,
    ticks: shown,
    position: (text) => { const v = Number(text); return Number.isFinite(v) ? Math.min(1, Math.max(0, s(v))) : null; },
  };
}

/** The axes (one per range row, then the objective) and each trial's line, with its objective's place in [0, 1] for the colour. */
export function parallelLayout(trials: readonly TrialRecord[], rows: readonly RangeRow[], metric: string): { axes: ParallelAxis[]; lines: { name: string; u: (number | null)[]; shade: number }[] } {
  const axes: ParallelAxis[] = rows.map((r) => {
    if (r.kind === 'categorical') {
      const values = r.values.length ? r.values : [...new Set(trials.map((t) => t.TunedHyperParameters[r.name]).filter((v) => v !== undefined))];
      const at = (v: string) => (values.length === 1 ? 0.5 : values.indexOf(v) / (values.length - 1));
      return { name: r.name, ticks: values.map((v) => ({ u: at(v), label: v })), position: (v) => (values.includes(v) ? at(v) : null) };
    }
    const seen = trials.map((t) => Number(t.TunedHyperParameters[r.name])).filter(Number.isFinite);
    const min = Math.min(Number(r.min), ...seen), max = Math.max(Number(r.max), ...seen);
    return numericAxis(r.name, min, max, r.scaling === 'Logarithmic');
  });
  const scored = trials.filter((t) => objectiveOf(t) !== undefined);
  const values = scored.map((t) => objectiveOf(t)!);
  const lo = Math.min(...values), hi = Math.max(...values);
  const objective = numericAxis(metric, values.length ? lo : 0, values.length ? hi : 1, false);
  return {
    axes: [...axes, objective],
    lines: scored.map((t) => ({
      name: t.TrainingJobName,
      u: [...rows.map((r, k) => axes[k].position(t.TunedHyperParameters[r.name] ?? '')), objective.position(String(objectiveOf(t)))],
      shade: hi > lo ? (objectiveOf(t)! - lo) / (hi - lo) : 0.5,
    })),
  };
}
