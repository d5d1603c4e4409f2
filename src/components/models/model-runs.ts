// Which runs have a model to register: any finished job (training, a tuning job's best, Autopilot's best) whose
// output artifacts include a model file kept in the store. The recorder names that output 'model'.
import type { Run } from '../../lib/experiments/types.ts';

/** The keys of `run`'s output artifacts that are model files with their bytes kept, 'model' first. */
export function modelArtifactsOf(run: Run): string[] {
  return Object.entries(run.OutputArtifacts)
    .filter(([k, a]) => a.Stored && (k.startsWith('model') || a.Name.startsWith('model') || a.MediaType.includes('model')))
    .map(([k]) => k)
    .sort((a, b) => (a === 'model' ? -1 : b === 'model' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** Completed runs with a registrable model, newest first. */
export function runsWithModels(runs: readonly Run[]): Run[] {
  return runs.filter((r) => r.Status.PrimaryStatus === 'Completed' && modelArtifactsOf(r).length > 0)
    .sort((a, b) => (a.CreationTime < b.CreationTime ? 1 : a.CreationTime > b.CreationTime ? -1 : a.RunName < b.RunName ? -1 : 1));
}

const JOB_WORDS: Record<string, string> = { Training: 'training', Tuning: 'tuning job (best model)', Autopilot: 'Autopilot (best candidate)' };

/** How a run is named in the register picker: display name, job and algorithm. */
export function runChoiceLabel(run: Run): string {
  const algo = run.Parameters['mlpad.Algorithm'];
  const algorithm = algo && 'StringValue' in algo ? ` · ${algo.StringValue}` : '';
  return `${run.DisplayName} — ${JOB_WORDS[run.JobType] ?? run.JobType.toLowerCase()}${algorithm}`;
}
