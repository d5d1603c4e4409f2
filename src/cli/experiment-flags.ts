// `--experiment NAME [--run NAME] [--store DIR]` for the commands that record their job as a run (train, and
// later tune, autopilot…): the flags, opening the store folder early (so a taken run name fails before a long
// job), and turning a finished training job into a run with its parameters, per-round metrics, final metrics
// and artifacts.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { TrainResult } from '../lib/engine/train-engine-api.ts';
import { ExperimentsError, getRun, migrate, recordRun, type ArtifactInput, type CompletedRunInput, type JobType, type Run } from '../lib/experiments/index.ts';
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

/** The short name of where a job ran, from the engine's description ("WebGPU (…)", "TensorFlow.js wasm", "CPU, 2 threads"). */
export function backendName(compute: string): string {
  if (/webgpu/i.test(compute)) return 'webgpu';
  if (/wasm/i.test(compute)) return 'wasm';
  return 'cpu';
}

/** A hyperparameter as SageMaker records it: a number when the text is one, else the text. */
export const paramValue = (v: string): string | number => (/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v.trim()) && Number.isFinite(Number(v)) ? Number(v) : v);

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

/** The run of a finished training job: resolved hyperparameters, per-round and final metrics, data hashes, model and metrics.json. */
export async function trainingRunInput(io: CliIO, target: ExperimentTarget, result: TrainResult, files: TrainingRunFiles): Promise<{ run: CompletedRunInput; inputs: ArtifactInput[]; outputs: ArtifactInput[] }> {
  const metrics: Record<string, { Step: number; Value: number }[]> = {};
  for (const r of result.history) {
    for (const [set, values] of [['train', r.train], ['validation', r.validation]] as const) {
      for (const [k, v] of Object.entries(values ?? {})) if (Number.isFinite(v)) (metrics[`${set}:${k}`] ??= []).push({ Step: r.round, Value: v });
    }
  }
  for (const e of result.evaluations) for (const [k, v] of Object.entries(e.metrics)) if (typeof v === 'number' && Number.isFinite(v)) metrics[`final.${e.split}:${k}`] = [{ Step: 0, Value: v }];
  metrics.train_seconds = [{ Step: 0, Value: result.trainSeconds }];
  const inputs: ArtifactInput[] = [];
  for (const [name, path] of Object.entries(files.data)) if (path !== undefined) inputs.push(await dataArtifact(io, name, path));
  const run: CompletedRunInput = {
    ExperimentName: target.experiment, ...(target.run !== undefined ? { RunName: target.run } : {}), JobType: target.jobType,
    Backend: backendName(result.compute), StartTime: target.started,
    Parameters: {
      ...Object.fromEntries(Object.entries(result.hyperparameters).map(([k, v]) => [k, paramValue(v)])),
      'mlpad.Algorithm': result.algorithm, 'mlpad.Compute': result.compute, 'mlpad.Rounds': result.rounds, ...(files.parameters ?? {}),
    },
    Metrics: metrics,
  };
  const outputs: ArtifactInput[] = [
    { name: 'model', bytes: files.model.bytes, fileName: basename(files.model.path), mediaType: 'application/json', type: 'Model' },
    { name: 'metrics', bytes: new TextEncoder().encode(files.metricsJson), fileName: 'metrics.json', mediaType: 'application/json', type: 'Metrics' },
  ];
  return { run, inputs, outputs };
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

