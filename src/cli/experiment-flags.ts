// `--experiment NAME [--run NAME] [--store DIR]` for the commands that record their job as a run (train, and
// later tune, autopilot…): the flags, opening the store folder early (so a taken run name fails before a long
// job), and recording a finished training job as a run: the content is the engine's (trainingRunContent, shared
// with the studio); this file adds the data files by hash and the model and metrics.json as written.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { TrainResult } from '../lib/engine/train-engine-api.ts';
import { ExperimentsError, getRun, migrate, recordRun, type ArtifactInput, type CompletedRunInput, type JobType, type Run } from '../lib/experiments/index.ts';
import { trainingRunContent } from '../lib/experiments/job-content.ts';
import { checkName } from '../lib/experiments/validate.ts';
import { StoreArgumentError, StoreQuotaError } from '../lib/store/backend.ts';
import { sha256Hex } from '../lib/store/hash.ts';
import type { FlagSpec, ParsedFlags } from './args.ts';
import { CliError, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { FolderBackend } from './store-folder.ts';

/** The folder name of a store beside the data. */
export const STORE_FOLDER = '.mlpad';

/** --experiment, --run and --store, for a command that records its job; `beside` says where the default store is. */
export function experimentFlagSpecs(beside = 'the training data'): FlagSpec[] {
  return [
    { name: 'experiment', type: 'string', valueName: 'NAME', help: 'record the job as a run of experiment NAME (created when new), SageMaker Experiments style' },
    { name: 'run', type: 'string', valueName: 'NAME', help: 'the run\'s name, unique in the store (default <jobtype>-<utc time>-<4 hex>); needs --experiment' },
    { name: 'store', type: 'string', valueName: 'DIR', help: `the experiments folder (default ${STORE_FOLDER}/ beside ${beside})` },
  ];
}

/** Maps the engine's and the store's argument errors to one-line CLI errors. */
export function storeError(e: unknown): unknown {
  if (e instanceof ExperimentsError || e instanceof StoreArgumentError || e instanceof StoreQuotaError) return new CliError(e.message);
  return e;
}

/** Opens the store folder `dir` and brings its records to the current layout; `create` false refuses a folder that is not there. */
export async function openStoreFolder(dir: string, create: boolean): Promise<FolderBackend> {
  if (!create && !existsSync(join(dir, 'store.json'))) throw new CliError(`no experiments store in ${JSON.stringify(dir)}; record a run with 'mlpad train … --experiment NAME' or give --store DIR`);
  try {
    const store = await FolderBackend.open(dir);
    await migrate(store);
    return store;
  } catch (e) {
    const err = storeError(e);
    if (err !== e) throw err;
    throw new CliError(`cannot open the experiments store ${JSON.stringify(dir)}: ${(e as Error).message}`);
  }
}

/** Where a command records its run. */
export interface ExperimentTarget {
  store: FolderBackend;
  dir: string;
  experiment: string;
  /** The run name, chosen now so that it is checked before the job. */
  run?: string;
  jobType: JobType;
  /** When the job started (ISO 8601). */
  started: string;
}

/**
 * Reads --experiment, --run and --store: undefined without --experiment; otherwise the opened store, with the
 * names checked and the run name free. `dataPath` places the default store folder beside it.
 */
export async function openExperimentTarget(flags: ParsedFlags, hint: string, dataPath: string, jobType: JobType): Promise<ExperimentTarget | undefined> {
  const experiment = flags.experiment as string | undefined;
  const run = flags.run as string | undefined;
  if (experiment === undefined) {
    if (run !== undefined) throw new UsageError('--run needs --experiment NAME', hint);
    if (flags.store !== undefined) throw new UsageError('--store needs --experiment NAME', hint);
    return undefined;
  }
  try { checkName(experiment, '--experiment'); if (run !== undefined) checkName(run, '--run'); } catch (e) { throw new UsageError((e as Error).message, hint); }
  const dir = (flags.store as string | undefined) ?? join(dirname(dataPath), STORE_FOLDER);
  const store = await openStoreFolder(dir, true);
  if (run !== undefined) {
    const taken = await getRun(store, run);
    if (taken) { await store.close(); throw new CliError(`run ${run} already exists in ${dir} (experiment ${taken.ExperimentName}); choose another --run name`); }
  }
  return { store, dir, experiment, ...(run !== undefined ? { run } : {}), jobType, started: new Date().toISOString() };
}

const MEDIA_TYPES: Record<string, string> = { '.csv': 'text/csv', '.tsv': 'text/tab-separated-values', '.json': 'application/json', '.parquet': 'application/vnd.apache.parquet', '.arrow': 'application/vnd.apache.arrow.file', '.jsonl': 'application/jsonl' };

/** A data file as an input artifact: recorded by hash and size only (the user's data is not copied into the store). */
export async function dataArtifact(io: CliIO, name: string, path: string): Promise<ArtifactInput> {
  const bytes = await io.readFile(path);
  return { name, hash: await sha256Hex(bytes), size: bytes.length, fileName: basename(path), mediaType: MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', type: 'DataSet' };
}

/** What recordTrainingRun needs beyond the job's result. */
export interface TrainingRunFiles {
  /** Data files by artifact name: train, validation, test. */
  data: Record<string, string | undefined>;
  /** The model file as written, and its path. */
  model: { path: string; bytes: Uint8Array };
  /** metrics.json as written. */
  metricsJson: string;
  /** Extra parameters (target column, hold-out share…). */
  parameters?: Record<string, string | number>;
}

/** The run of a finished training job: the engine's content (trainingRunContent) with the data files by hash, the model and metrics.json as written, and no predictions.csv. */
export async function trainingRunInput(io: CliIO, target: ExperimentTarget, result: TrainResult, files: TrainingRunFiles): Promise<{ run: CompletedRunInput; inputs: ArtifactInput[]; outputs: ArtifactInput[] }> {
  // predictions.csv is left out: `mlpad train` writes no such file, and on a large table it would be the biggest blob.
  const content = trainingRunContent({ ...result, model: files.model.bytes }, { parameters: files.parameters, metricsJson: files.metricsJson, modelFileName: basename(files.model.path), predictions: false });
  const inputs: ArtifactInput[] = [];
  for (const [name, path] of Object.entries(files.data)) if (path !== undefined) inputs.push(await dataArtifact(io, name, path));
  const run: CompletedRunInput = {
    ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: target.jobType,
    Backend: content.backend, StartTime: target.started, Parameters: content.parameters, Metrics: content.metrics,
  };
  return { run, inputs, outputs: content.outputs };
}

/** Records a finished training job as a run and closes the store; says so on stderr. */
export async function recordTrainingRun(io: CliIO, target: ExperimentTarget, result: TrainResult, files: TrainingRunFiles): Promise<Run> {
  try {
    const { run, inputs, outputs } = await trainingRunInput(io, target, result, files);
    const stored = await recordRun(target.store, run, { inputs, outputs });
    io.stderr(`mlpad: recorded run ${stored.RunName} in experiment ${stored.ExperimentName} (${target.dir})\n`);
    return stored;
  } catch (e) { throw storeError(e); } finally { await target.store.close(); }
}

/** Records a job that failed as a Failed run with the error's message (best effort: a failure to record is only a warning), and closes the store. */
export async function recordFailedRun(io: CliIO, target: ExperimentTarget, error: unknown, parameters: Record<string, string | number> = {}): Promise<void> {
  try {
    const message = error instanceof Error ? error.message : String(error);
    const run = await recordRun(target.store, { ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: target.jobType, Backend: 'cpu', StartTime: target.started, Status: { PrimaryStatus: 'Failed', Message: message }, Parameters: parameters });
    io.stderr(`mlpad: recorded failed run ${run.RunName} in experiment ${run.ExperimentName} (${target.dir})\n`);
  } catch (e) {
    io.stderr(`warning: the failed run was not recorded: ${(e as Error).message}\n`);
  } finally { await target.store.close(); }
}

