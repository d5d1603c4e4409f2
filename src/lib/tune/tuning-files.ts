// The files of a tuning job, as `mlpad tune` writes them and the Tune view downloads them: tuning-job.json is
// DescribeHyperParameterTuningJob's answer, trials.json ListTrainingJobsForHyperParameterTuningJob's.
import type { TuningResult } from './tuning-job-api.ts';

/** tuning-job.json's text. */
export const tuningJobText = (r: TuningResult): string => JSON.stringify(r, null, 2) + '\n';

/** trials.json's text. */
export const trialsText = (r: TuningResult): string => JSON.stringify({ TrainingJobSummaries: r.TrainingJobs }, null, 2) + '\n';
