// Recording the search jobs (`mlpad tune` and `mlpad autopilot` with --experiment) as SageMaker shapes them: one
// parent run (Tuning or Autopilot) with the best model, and one Training run per trial or candidate whose
// ParentRunName and Source name the parent. The content is the engine's (job-content-search.ts, shared with the
// studio); this file adds the data files by hash and the files as written. The parent and each child are separate commits.
import { basename } from 'node:path';
import type { AutopilotResult } from '../lib/autopilot/autopilot-api.ts';
import { recordRun, type ArtifactInput, type Run } from '../lib/experiments/index.ts';
import { autopilotRunContent, candidateRunInputs, trialRunInputs, tuningRunContent, type BestModelFiles } from '../lib/experiments/job-content-search.ts';
import type { TuningResult } from '../lib/tune/tuning-job-api.ts';
import { dataArtifact, storeError, type ExperimentTarget } from './experiment-flags.ts';
import type { CliIO } from './io.ts';

/** What recordTuningRun needs beyond the tuning job's result. */
export interface TuningRunFiles {
  /** Data files by artifact name: train, validation, test. */
  data: Record<string, string | undefined>;
  /** The best trial's model file and metrics.json, and tuning-job.json, as written; absent when no trial completed. */
  model?: { path: string; bytes: Uint8Array };
  metricsJson?: string;
  tuningJobJson: string;
  /** The static hyperparameters every trial shares, as given; defaults to the job definition's StaticHyperParameters. */
  statics?: Record<string, string | number | boolean>;
}

async function dataInputs(io: CliIO, data: Record<string, string | undefined>): Promise<ArtifactInput[]> {
  const inputs: ArtifactInput[] = [];
  for (const [name, path] of Object.entries(data)) if (path !== undefined) inputs.push(await dataArtifact(io, name, path));
  return inputs;
}

const bestFiles = (model: { path: string; bytes: Uint8Array } | undefined, metricsJson: string | undefined): BestModelFiles | undefined =>
  (model && metricsJson !== undefined ? { model: model.bytes, fileName: basename(model.path), metricsJson } : undefined);

/**
 * Records a tuning job: one Tuning run (strategy, objective, the objective of each trial as steps, the best model)
 * and one Training run per trial whose ParentRunName and Source name the tuning run. Closes the store.
 */
export async function recordTuningRun(io: CliIO, target: ExperimentTarget, result: TuningResult, files: TuningRunFiles): Promise<Run> {
  try {
    const job = files.statics ? { ...result, TrainingJobDefinition: { ...result.TrainingJobDefinition, StaticHyperParameters: files.statics } } : result;
    const content = tuningRunContent(job, { report: files.tuningJobJson, best: bestFiles(files.model, files.metricsJson) });
    const inputs = await dataInputs(io, files.data);
    const end = new Date(Date.parse(target.started) + result.ElapsedSeconds * 1000).toISOString();
    const parent = await recordRun(target.store, {
      ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: 'Tuning', Backend: 'cpu', StartTime: target.started, EndTime: end,
      Status: content.status, Parameters: content.parameters, Metrics: content.metrics,
    }, { inputs, outputs: content.outputs });
    const children = trialRunInputs(job, parent, target.started);
    for (const child of children) await recordRun(target.store, child, { inputs });
    io.stderr(`mlpad: recorded tuning run ${parent.RunName} with ${children.length} trial run${children.length === 1 ? '' : 's'} in experiment ${parent.ExperimentName} (${target.dir})\n`);
    return parent;
  } catch (e) { throw storeError(e); } finally { await target.store.close(); }
}

/** What recordAutopilotRun needs beyond the Autopilot job's result. */
export interface AutopilotRunFiles {
  /** Data files by artifact name: train, test. */
  data: Record<string, string | undefined>;
  /** The best downloadable model and its metrics.json, as written; absent when none. */
  model?: { path: string; bytes: Uint8Array };
  metricsJson?: string;
  leaderboardJson: string;
}

/** Records an Autopilot job: one Autopilot run (mode, objective, best candidate and model) and one Training run per leaderboard candidate. Closes the store. */
export async function recordAutopilotRun(io: CliIO, target: ExperimentTarget, result: AutopilotResult, files: AutopilotRunFiles): Promise<Run> {
  try {
    const content = autopilotRunContent(result, { report: files.leaderboardJson, best: bestFiles(files.model, files.metricsJson) });
    const end = new Date(Math.max(Date.parse(target.started), Date.now())).toISOString();
    const inputs = await dataInputs(io, files.data);
    const parent = await recordRun(target.store, {
      ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: 'Autopilot', Backend: 'cpu', StartTime: target.started, EndTime: end,
      Status: content.status, Parameters: content.parameters, Metrics: content.metrics,
    }, { inputs, outputs: content.outputs });
    const children = candidateRunInputs(result, parent, target.started, end);
    for (const child of children) await recordRun(target.store, child, { inputs });
    io.stderr(`mlpad: recorded Autopilot run ${parent.RunName} with ${children.length} candidate run${children.length === 1 ? '' : 's'} in experiment ${parent.ExperimentName} (${target.dir})\n`);
    return parent;
  } catch (e) { throw storeError(e); } finally { await target.store.close(); }
}
