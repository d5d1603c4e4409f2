// Recording the search jobs (`mlpad tune` and `mlpad autopilot` with --experiment) as SageMaker shapes them: one
// parent run (Tuning or Autopilot) with the best model, and one Training run per trial or candidate whose
// ParentRunName and Source name the parent. The parent and each child are separate commits.
import { basename } from 'node:path';
import type { AutopilotResult } from '../lib/autopilot/autopilot-api.ts';
import { recordRun, type ArtifactInput, type Run } from '../lib/experiments/index.ts';
import { runArn } from '../lib/lineage/arn.ts';
import type { TuningResult } from '../lib/tune/tuning-job-api.ts';
import { dataArtifact, paramValue, storeError, type ExperimentTarget } from './experiment-flags.ts';
import type { CliIO } from './io.ts';

/** What recordTuningRun needs beyond the tuning job's result. */
export interface TuningRunFiles {
  /** Data files by artifact name: train, validation, test. */
  data: Record<string, string | undefined>;
  /** The best trial's model file and metrics.json, and tuning-job.json, as written; absent when no trial completed. */
  model?: { path: string; bytes: Uint8Array };
  metricsJson?: string;
  tuningJobJson: string;
  /** The static hyperparameters every trial shares, as given. */
  statics: Record<string, string | number | boolean>;
}

const TRIAL_STATUS = { Completed: 'Completed', Stopped: 'Stopped', Failed: 'Failed', InProgress: 'Stopped' } as const;

/**
 * Records a tuning job as SageMaker shapes it: one Tuning run (strategy, objective, the objective of each trial as
 * steps, the best model) and one Training run per trial whose ParentRunName and Source name the tuning run.
 * The tuning run and each trial are separate commits. Closes the store.
 */
export async function recordTuningRun(io: CliIO, target: ExperimentTarget, result: TuningResult, files: TuningRunFiles): Promise<Run> {
  try {
    const config = result.HyperParameterTuningJobConfig;
    const objective = config.HyperParameterTuningJobObjective;
    const startMs = Date.parse(target.started);
    const at = (seconds: number) => new Date(startMs + seconds * 1000).toISOString();
    const inputs: ArtifactInput[] = [];
    for (const [name, path] of Object.entries(files.data)) if (path !== undefined) inputs.push(await dataArtifact(io, name, path));
    const outputs: ArtifactInput[] = [{ name: 'tuning-job', bytes: new TextEncoder().encode(files.tuningJobJson), fileName: 'tuning-job.json', mediaType: 'application/json', type: 'Report' }];
    if (files.model) outputs.push({ name: 'model', bytes: files.model.bytes, fileName: basename(files.model.path), mediaType: 'application/json', type: 'Model' });
    if (files.metricsJson !== undefined) outputs.push({ name: 'metrics', bytes: new TextEncoder().encode(files.metricsJson), fileName: 'metrics.json', mediaType: 'application/json', type: 'Metrics' });
    const objectiveSteps = result.TrainingJobs.flatMap((t, i) => (t.FinalHyperParameterTuningJobObjectiveMetric ? [{ Step: i, Value: t.FinalHyperParameterTuningJobObjectiveMetric.Value }] : []));
    const best = result.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric;
    const parent = await recordRun(target.store, {
      ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: 'Tuning', Backend: 'cpu', StartTime: target.started,
      EndTime: at(result.ElapsedSeconds),
      Status: result.HyperParameterTuningJobStatus === 'Failed' ? { PrimaryStatus: 'Failed', ...(result.FailureReason ? { Message: result.FailureReason } : {}) } : { PrimaryStatus: result.HyperParameterTuningJobStatus },
      Parameters: {
        ...Object.fromEntries(Object.entries(files.statics).map(([k, v]) => [k, paramValue(String(v))])),
        'mlpad.Algorithm': result.TrainingJobDefinition.AlgorithmName, 'mlpad.TuningJobName': result.HyperParameterTuningJobName,
        'mlpad.Strategy': String(config.Strategy ?? 'Bayesian'), 'mlpad.Objective': `${objective.Type} ${objective.MetricName}`, 'mlpad.CompletionReason': result.CompletionReason,
      },
      Metrics: { ...(objectiveSteps.length ? { [`trial:${objective.MetricName}`]: objectiveSteps } : {}), ...(best ? { [`best:${objective.MetricName}`]: best.Value } : {}) },
    }, { inputs, outputs });
    let n = 0;
    for (const t of result.TrainingJobs) {
      n++;
      const steps = t.ObjectivePerStep.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [{ Step: i, Value: v }]));
      const final = t.FinalHyperParameterTuningJobObjectiveMetric;
      const childName = `${parent.RunName.slice(0, 110)}-${String(n).padStart(3, '0')}`;
      await recordRun(target.store, {
        RunName: childName, DisplayName: t.TrainingJobName.slice(0, 120), ExperimentName: target.experiment, JobType: 'Training', Backend: 'cpu',
        ParentRunName: parent.RunName, Source: { SourceType: 'HyperParameterTuningJob', SourceArn: runArn(parent.RunName) },
        StartTime: at(t.TrainingStartTime), EndTime: at(t.TrainingEndTime ?? t.TrainingStartTime),
        Status: { PrimaryStatus: TRIAL_STATUS[t.TrainingJobStatus], ...(t.FailureReason ?? t.StoppedBy ? { Message: t.FailureReason ?? `stopped by ${t.StoppedBy}` } : {}) },
        Parameters: { ...Object.fromEntries(Object.entries({ ...files.statics, ...t.TunedHyperParameters }).map(([k, v]) => [k, paramValue(String(v))])), 'mlpad.Algorithm': result.TrainingJobDefinition.AlgorithmName },
        Metrics: { ...(steps.length ? { [objective.MetricName]: steps } : {}), ...(final ? { [`final.${objective.MetricName}`]: final.Value } : {}) },
      }, { inputs });
    }
    io.stderr(`mlpad: recorded tuning run ${parent.RunName} with ${n} trial run${n === 1 ? '' : 's'} in experiment ${parent.ExperimentName} (${target.dir})\n`);
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

const CANDIDATE_STATUS: Record<string, 'Completed' | 'Failed' | 'Stopped'> = { Completed: 'Completed', Failed: 'Failed', Stopped: 'Stopped' };

/** Records an Autopilot job: one Autopilot run (mode, objective, best candidate and model) and one Training run per leaderboard candidate. Closes the store. */
export async function recordAutopilotRun(io: CliIO, target: ExperimentTarget, result: AutopilotResult, files: AutopilotRunFiles): Promise<Run> {
  try {
    const objective = result.Objective.MetricName;
    const end = new Date(Math.max(Date.parse(target.started), Date.now())).toISOString();
    const inputs: ArtifactInput[] = [];
    for (const [name, path] of Object.entries(files.data)) if (path !== undefined) inputs.push(await dataArtifact(io, name, path));
    const outputs: ArtifactInput[] = [{ name: 'leaderboard', bytes: new TextEncoder().encode(files.leaderboardJson), fileName: 'leaderboard.json', mediaType: 'application/json', type: 'Report' }];
    if (files.model) outputs.push({ name: 'model', bytes: files.model.bytes, fileName: basename(files.model.path), mediaType: 'application/json', type: 'Model' });
    if (files.metricsJson !== undefined) outputs.push({ name: 'metrics', bytes: new TextEncoder().encode(files.metricsJson), fileName: 'metrics.json', mediaType: 'application/json', type: 'Metrics' });
    const best = result.BestCandidate;
    const parent = await recordRun(target.store, {
      ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: 'Autopilot', Backend: 'cpu', StartTime: target.started, EndTime: end,
      Status: { PrimaryStatus: result.AutoMLJobStatus, ...(result.FailureReason ? { Message: result.FailureReason } : {}) },
      Parameters: {
        'mlpad.Mode': result.Mode, 'mlpad.ProblemType': String(result.Problem.problemType), 'mlpad.Objective': `${result.Objective.Type} ${objective}`,
        ...(best ? { 'mlpad.BestCandidate': best.CandidateName, 'mlpad.Algorithm': best.Algorithm } : {}),
      },
      Metrics: {
        ...(best?.TestObjective !== undefined && Number.isFinite(best.TestObjective) ? { [`best.test:${objective}`]: best.TestObjective } : {}),
        ...(best?.ValidationObjective !== undefined && Number.isFinite(best.ValidationObjective) ? { [`best.validation:${objective}`]: best.ValidationObjective } : {}),
      },
    }, { inputs, outputs });
    let n = 0;
    for (const c of result.Leaderboard) {
      n++;
      const metrics: Record<string, number> = {};
      if (c.ValidationObjective !== undefined && Number.isFinite(c.ValidationObjective)) metrics[`validation:${objective}`] = c.ValidationObjective;
      if (c.TestObjective !== undefined && Number.isFinite(c.TestObjective)) metrics[`test:${objective}`] = c.TestObjective;
      if (Number.isFinite(c.TrainingSeconds)) metrics.train_seconds = c.TrainingSeconds;
      await recordRun(target.store, {
        RunName: `${parent.RunName.slice(0, 110)}-${String(n).padStart(3, '0')}`, DisplayName: c.CandidateName.slice(0, 120), ExperimentName: target.experiment, JobType: 'Training', Backend: 'cpu',
        ParentRunName: parent.RunName, Source: { SourceType: 'AutoMLJob', SourceArn: runArn(parent.RunName) }, StartTime: target.started, EndTime: end,
        Status: { PrimaryStatus: CANDIDATE_STATUS[c.CandidateStatus] ?? 'Stopped', ...(c.FailureReason ? { Message: c.FailureReason } : {}) },
        Parameters: { ...Object.fromEntries(Object.entries(c.HyperParameters).map(([k, v]) => [k, paramValue(String(v))])), 'mlpad.Algorithm': c.Algorithm, 'mlpad.CandidateKind': c.Kind },
        Metrics: metrics,
      }, { inputs });
    }
    io.stderr(`mlpad: recorded Autopilot run ${parent.RunName} with ${n} candidate run${n === 1 ? '' : 's'} in experiment ${parent.ExperimentName} (${target.dir})\n`);
    return parent;
  } catch (e) { throw storeError(e); } finally { await target.store.close(); }
}
