// SageMaker's per-metric summary of a run (TrialComponentMetricSummary) from its logged steps.
import type { MetricStep, MetricSummary } from './types.ts';

/** The summary of `steps` (in logging order): min, max, last, count, mean and sample standard deviation. */
export function summarizeMetric(name: string, steps: readonly MetricStep[]): MetricSummary {
  if (steps.length === 0) throw new RangeError(`metric ${name} has no values to summarise`);
  // Welford's update keeps the variance accurate for long runs of close values.
  let mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  steps.forEach((s, i) => {
    const d = s.Value - mean;
    mean += d / (i + 1);
    m2 += d * (s.Value - mean);
    if (s.Value < min) min = s.Value;
    if (s.Value > max) max = s.Value;
  });
  const last = steps[steps.length - 1];
  return {
    MetricName: name, Min: min, Max: max, Last: last.Value, Count: steps.length, Avg: mean,
    StdDev: steps.length > 1 ? Math.sqrt(m2 / (steps.length - 1)) : 0,
    TimeStamp: last.Time,
  };
}

/** Summaries of every metric in `steps`, sorted by name. */
export function summarizeMetrics(steps: Record<string, readonly MetricStep[]>): MetricSummary[] {
  return Object.keys(steps).filter((k) => steps[k].length > 0).sort().map((k) => summarizeMetric(k, steps[k]));
}
