// The files a tuning job downloads, the same text `mlpad tune` writes (src/lib/tune/tuning-files.ts).
import type { TuningResult } from '../../lib/tune/tuning-job-api.ts';
import { trialsText, tuningJobText } from '../../lib/tune/tuning-files.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** tuning-job.json, as UTF-8. */
export const tuningJobJson = (r: TuningResult): Uint8Array => utf8(tuningJobText(r));

/** trials.json, as UTF-8. */
export const trialsJson = (r: TuningResult): Uint8Array => utf8(trialsText(r));

/** What sets the best trial apart, as the Train form takes it: the static hyperparameters with the tuned values over them. */
export function bestHyperparameters(r: TuningResult): Record<string, string> | null {
  const best = r.BestTrainingJob;
  if (!best) return null;
  const statics = Object.fromEntries(Object.entries(r.TrainingJobDefinition.StaticHyperParameters ?? {}).map(([k, v]) => [k, String(v)]));
  return { ...statics, ...best.TunedHyperParameters };
}
