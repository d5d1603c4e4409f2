// The compare view's data for several runs: parameters and final metrics side by side (union of names), and each
// metric's curves aligned on the union of their steps.
import type { Run } from './types.ts';
import { ExperimentsError } from './validate.ts';

/** One parameter across the compared runs. */
export interface ParameterRow {
  name: string;
  /** The value in each run, in the order of `runs`; undefined where a run lacks it. */
  values: (string | number | undefined)[];
  /** Whether the runs differ (a run lacking it counts as different). */
  differs: boolean;
}

/** One metric across the compared runs: SageMaker's Last, Min and Max, per run. */
export interface MetricRow {
  name: string;
  last: (number | undefined)[];
  min: (number | undefined)[];
  max: (number | undefined)[];
}

/** One metric's curves, aligned: `values[r][i]` is run r's value at `steps[i]`, null where it logged none. */
export interface MetricCurves {
  name: string;
  steps: number[];
  values: (number | null)[][];
}

/** What compareRuns returns. */
export interface RunComparison {
  /** The compared run names, in the order given. */
  runs: string[];
  parameters: ParameterRow[];
  metrics: MetricRow[];
  /** Curves of metrics some run logged more than once. */
  curves: MetricCurves[];
}

const sortedUnion = (lists: string[][]) => [...new Set(lists.flat())].sort();

/** Parameters, metrics and aligned curves of `runs` (at least one), rows sorted by name. */
export function compareRuns(runs: readonly Run[]): RunComparison {
  if (!Array.isArray(runs as unknown) || runs.length === 0) throw new ExperimentsError('compareRuns needs at least one run');
  const parameters = sortedUnion(runs.map((r) => Object.keys(r.Parameters))).map((name): ParameterRow => {
    const values = runs.map((r) => { const p = r.Parameters[name]; return p === undefined ? undefined : 'NumberValue' in p ? p.NumberValue : p.StringValue; });
    return { name, values, differs: values.some((v) => v !== values[0]) };
  });
  const metrics = sortedUnion(runs.map((r) => r.Metrics.map((m) => m.MetricName))).map((name): MetricRow => {
    const found = runs.map((r) => r.Metrics.find((m) => m.MetricName === name));
    return { name, last: found.map((m) => m?.Last), min: found.map((m) => m?.Min), max: found.map((m) => m?.Max) };
  });
  const curves: MetricCurves[] = [];
  for (const name of sortedUnion(runs.map((r) => Object.keys(r.MetricSteps)))) {
    if (!runs.some((r) => (r.MetricSteps[name]?.length ?? 0) > 1)) continue;
    const steps = [...new Set(runs.flatMap((r) => (r.MetricSteps[name] ?? []).map((s) => s.Step)))].sort((a, b) => a - b);
    const index = new Map(steps.map((s, i) => [s, i]));
    const values = runs.map((r) => {
      const row: (number | null)[] = new Array(steps.length).fill(null);
      // A step logged twice keeps its last value, as the summary's Last does.
      for (const s of r.MetricSteps[name] ?? []) row[index.get(s.Step)!] = s.Value;
      return row;
    });
    curves.push({ name, steps, values });
  }
  return { runs: runs.map((r) => r.RunName), parameters, metrics, curves };
}
