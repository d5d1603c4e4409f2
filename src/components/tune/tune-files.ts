// The files a tuning job downloads, laid out as `mlpad tune` writes them (src/cli/commands/tune.ts):
// tuning-job.json is DescribeHyperParameterTuningJob's answer, trials.json ListTrainingJobsForHyperParameterTuningJob's.
import type { TuningResult } from '../../lib/tune/tuning-job-api.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** tuning-job.json, as UTF-8. */
export const tuningJobJson = (r: TuningResult): Uint8Array => utf8(JSON.stringify(r, null, 2) + '\n');

/** trials.json, as UTF-8. */
export const trialsJson = (r: TuningResult): Uint8Array => utf8(JSON.stringify({ TrainingJobSummaries: r.TrainingJobs }, null, 2) + '\n');

/** What sets the best trial apart, as the Train form takes it: the static hyperparameters with the tuned values over them. */
export function bestHyperparameters(r: TuningResult): Record<string, string> | null {
  const best = r.BestTrainingJob;
  if (!best) return null;
  const statics = Object.fromEntries(Object.entries(r.TrainingJobDefinition.StaticHyperParameters ?? {}).map(([k, v]) => [k, String(v)]));
  return { ...statics, ...best.TunedHyperParameters };
}
