// `mlpad train`: the studio's training job from the shell, through the same job runner as the studio's
// worker (src/lib/engine/run-job.ts). This file adds only flags, files, progress on stderr and the outputs:
// the model file (encoding inside) and metrics.json.
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Table } from 'apache-arrow';
import { initTrainingBackend } from '../../lib/compute/training-backend.ts';
import { TF_BACKEND_ORDER, type TfBackendName } from '../../lib/compute/types.ts';
import { loadBytes } from '../../lib/data/index.ts';
import { runTrainingJob } from '../../lib/engine/run-job.ts';
import type { TrainRound } from '../../lib/engine/train-engine-api.ts';
import { HyperparameterError, validateHyperparameters, type RawHyperparameters } from '../../lib/ml/hyperparameters.ts';
import { ModelFileError } from '../../lib/ml/model-file.ts';
import { enableNodeThreads } from '../../lib/ml/parallel/node-threads.ts';
import { algorithmNames, getAlgorithm, type AnyEstimator } from '../../lib/ml/registry.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { experimentFlagSpecs, openExperimentTarget, recordFailedRun, recordTrainingRun } from '../experiment-flags.ts';
import type { LoadOptions } from '../../lib/data/types.ts';

const HINT = 'mlpad train --help';

/**
 * `--hp` values: NAME=VALUE pairs separated by spaces or commas. A comma only separates when a NAME=
 * follows, so list values survive: "eval_metric=auc,logloss,max_depth=4".
 */
export function parseHyperparameters(text: string | undefined): RawHyperparameters {
  const out: RawHyperparameters = {};
  if (text === undefined) return out;
  for (const token of text.trim().split(/[\s,]+(?=[A-Za-z_][A-Za-z0-9_]*=)/)) {
    const t = token.trim();
    if (t === '') continue;
    const eq = t.indexOf('=');
    if (eq <= 0) throw new UsageError(`--hp takes NAME=VALUE pairs (e.g. --hp "eta=0.1 max_depth=4"); got ${JSON.stringify(t)}`, HINT);
    const name = t.slice(0, eq).trim();
    if (Object.hasOwn(out, name)) throw new UsageError(`--hp gives ${name} twice`, HINT);
    out[name] = t.slice(eq + 1).trim().replace(/,$/, '');
  }
  return out;
}

/** Read one data file; the loader's warnings (padded rows, a "missing" token that fills a column) go to stderr. */
/** Reads a data file, printing its load warnings to stderr. */
export async function load(io: CliIO, path: string, options: LoadOptions): Promise<Table> {
  const loaded = await loadBytes(basename(path), await io.readFile(path), options);
  for (const w of loaded.warnings) io.stderr(`warning: ${basename(path)}: ${w}\n`);
  return loaded.table;
}

function formatRound(r: TrainRound): string {
  const parts = [`[${r.round}]`];
  for (const [set, values] of [['train', r.train], ['validation', r.validation]] as const) {
    for (const [k, v] of Object.entries(values ?? {})) parts.push(`${set}-${k}:${v.toFixed(5)}`);
  }
  return parts.join('\t');
}

/** Most threads `mlpad train` uses by default, as the studio (past this, histogram threads gain little). */
const MAX_DEFAULT_THREADS = 8;

/**
 * XGBoost's default: every core. For an algorithm with an `nthread` hyperparameter that the user left unset,
 * sets it to the machine's cores (at most MAX_DEFAULT_THREADS) and returns the note that says so.
 */
export function defaultThreads(algorithm: AnyEstimator, raw: RawHyperparameters, cores = availableParallelism()): string | undefined {
  if (!algorithm.schema.some((s) => s.name === 'nthread') || raw.nthread !== undefined) return undefined;
  const threads = Math.max(1, Math.min(cores, MAX_DEFAULT_THREADS));
  raw.nthread = String(threads);
  return `nthread = ${threads} (the machine's cores${cores > MAX_DEFAULT_THREADS ? `, at most ${MAX_DEFAULT_THREADS}` : ''}, as XGBoost); --hp nthread=1 for one thread`;
}

function requireInt(text: string | undefined, name: string, dflt: number): number {
  if (text === undefined) return dflt;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} must be an integer in [1, ∞); got ${JSON.stringify(text)}`, HINT);
  return v;
}

/** The estimator named by --algorithm; an unknown name is a usage error (exit 2). */
export function algorithmOrUsage(name: string, hint: string): AnyEstimator {
  try { return getAlgorithm(name); } catch (e) { throw new UsageError(`--algorithm: ${(e as Error).message}`, hint); }
}

/** Input the user can fix (a hyperparameter, a model file, a range) is one line and exit 1, not a crash. */
/** --invalid-numbers: 'error' (the default) or 'missing'; a usage error otherwise. */
export function invalidNumbersFlag(flags: Record<string, unknown>, hint: string): 'error' | 'missing' {
  const invalid = (flags['invalid-numbers'] as string | undefined) ?? 'error';
  if (invalid !== 'error' && invalid !== 'missing') throw new UsageError(`--invalid-numbers must be error or missing; got ${JSON.stringify(invalid)}`, hint);
  return invalid;
}

/** --target as `estimator` takes it: required for supervised algorithms, refused by those that learn without one. */
export function targetFlag(flags: Record<string, unknown>, estimator: AnyEstimator, command: string, hint: string): string | undefined {
  const target = flags.target as string | undefined;
  if (target === undefined && estimator.target === 'required') throw new UsageError(`'mlpad ${command}' needs --target COLUMN for ${estimator.name}`, hint);
  if (target !== undefined && estimator.target === 'none') throw new UsageError(`${estimator.name} learns without a target; remove --target ${target}`, hint);
  return target;
}

export function asUserError(e: unknown): unknown {
  if (e instanceof HyperparameterError || e instanceof ModelFileError || e instanceof RangeError) return new CliError(e.message);
  return e;
}

/** The studio's default share of rows held out for validation. */
export const DEFAULT_HOLDOUT = 0.2;

/**
 * The share of the training file held out for validation: for a supervised algorithm given neither
 * --validation nor --test, --holdout (the studio's 20% by default); given either file, none (every row trains,
 * as native XGBoost does) unless early stopping needs a validation set and none was given; unsupervised
 * algorithms use every row.
 */
function holdOutFraction(algorithm: AnyEstimator, raw: RawHyperparameters, flags: Record<string, unknown>): number {
  const text = flags.holdout as string | undefined;
  const given = text === undefined ? undefined : Number(text);
  if (given !== undefined && !(given >= 0 && given < 1)) throw new UsageError(`--holdout must be a fraction in [0, 1); got ${JSON.stringify(text)}`, HINT);
  if (algorithm.kind !== 'supervised') return 0;
  if (flags.validation !== undefined) return 0;
  if (flags.test !== undefined) return given ?? (algorithm.wantsValidation?.(raw) === true ? DEFAULT_HOLDOUT : 0);
  return given ?? DEFAULT_HOLDOUT;
}

function backendFlag(text: string | undefined): TfBackendName | 'auto' {
  const v = text ?? 'auto';
  if (v !== 'auto' && !(TF_BACKEND_ORDER as readonly string[]).includes(v)) {
    throw new UsageError(`--backend must be one of auto, ${TF_BACKEND_ORDER.join(', ')}; got ${JSON.stringify(v)}`, HINT);
  }
  return v as TfBackendName | 'auto';
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a model on a data file and write the model file and its metrics',
  description:
    `Algorithms: ${algorithmNames().join(', ')}. Unsupervised ones (kmeans, pca, randomcutforest) take no --target\n` +
    '(randomcutforest may take one: a 0/1 anomaly label used only to evaluate). A supervised job given neither\n' +
    '--validation nor --test holds out 20% of the training rows (stratified for classes) for validation, as the\n' +
    'studio does (--holdout sets the share, 0 trains on every row); given either file, every row trains.\n' +
    'Progress goes to stderr; metrics.json holds { train, validation, test, load_seconds, train_seconds,\n' +
    'rounds, best_iteration, hyperparameters, notes, ... } and is printed on stdout when --metrics-out is not given.\n' +
    'The model file carries the feature encoding, so `mlpad predict` reads raw columns.',
  flags: [
    { name: 'algorithm', type: 'string', valueName: 'NAME', help: `the algorithm: ${algorithmNames().join(', ')} (default xgboost)` },
    { name: 'train', type: 'string', required: true, valueName: 'FILE', help: 'training data (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'target', type: 'string', valueName: 'COLUMN', help: 'the column to predict (required for supervised algorithms)' },
    { name: 'validation', type: 'string', valueName: 'FILE', help: 'validation data (metrics per round, early stopping)' },
    { name: 'test', type: 'string', valueName: 'FILE', help: 'test data, evaluated once after training' },
    { name: 'holdout', type: 'string', valueName: 'FRACTION', help: 'share of the training rows held out for validation when no --validation or --test file is given (default 0.2, as the studio; 0 trains on every row)' },
    { name: 'hp', type: 'string', multiple: true, valueName: 'NAME=VALUE ...', help: 'hyperparameters, e.g. --hp eta=0.1 max_depth=4 (repeatable; commas also separate)' },
    { name: 'positive-label', type: 'string', valueName: 'LABEL', help: 'positive class of a binary target (default: second in sorted order)' },
    { name: 'model-out', type: 'string', valueName: 'FILE', help: 'where to write the model (default model.json)' },
    { name: 'metrics-out', type: 'string', valueName: 'FILE', help: 'where to write metrics.json (default: stdout)' },
    { name: 'progress-every', type: 'string', valueName: 'N', help: 'print metrics every N rounds (default 10)' },
    { name: 'invalid-numbers', type: 'string', valueName: 'error|missing', help: 'text in a numeric column: refuse (default) or read as missing' },
    { name: 'backend', type: 'string', valueName: 'NAME', help: 'TensorFlow.js backend for tensor algorithms: auto, wasm or cpu (default auto)' },
    { name: 'preprocessing', type: 'string', valueName: 'default|autopilot', help: 'autopilot: date parts from datetimes, target encoding above 32 categories, hashed n-grams for text (default: default)' },
    { name: 'scale', type: 'boolean', help: 'standardize numeric columns with the training rows\' mean and standard deviation (linear models, MLP, k-NN)' },
    ...loadFlagSpecs('every data file (train, validation, test)'),
    ...experimentFlagSpecs(),
  ],
  async run(flags, io) {
    const algorithm = algorithmOrUsage((flags.algorithm as string | undefined) ?? 'xgboost', HINT);
    const raw = parseHyperparameters(flags.hp as string | undefined);
    const every = requireInt(flags['progress-every'] as string | undefined, 'progress-every', 10);
    const invalid = invalidNumbersFlag(flags, HINT);
    const backend = backendFlag(flags.backend as string | undefined);
    const preprocessing = (flags.preprocessing as string | undefined) ?? 'default';
    if (preprocessing !== 'default' && preprocessing !== 'autopilot') throw new UsageError(`--preprocessing must be default or autopilot; got ${JSON.stringify(preprocessing)}`, HINT);
    const reading = loadOptionsFromFlags(flags, HINT);
    const target = targetFlag(flags, algorithm, 'train', HINT);
    // Names and ranges first, so a typo fails before a large file is read.
    try { validateHyperparameters(algorithm.schema, raw); } catch (e) { throw asUserError(e); }
    const holdOut = holdOutFraction(algorithm, raw, flags);
    const threadNote = defaultThreads(algorithm, raw);
    if (Number(raw.nthread ?? 1) > 1) await enableNodeThreads();
    const experiment = await openExperimentTarget(flags, HINT, flags.train as string, 'Training');

    const train = await load(io, flags.train as string, reading);
    const validation = flags.validation ? await load(io, flags.validation as string, reading) : undefined;
    const test = flags.test ? await load(io, flags.test as string, reading) : undefined;
    let announced = false;
    const result = await runTrainingJob({ train, validation, test, names: { validation: flags.validation as string | undefined, test: flags.test as string | undefined } }, {
      algorithm: algorithm.name,
      hyperparameters: raw,
      prepare: { ...(target !== undefined ? { target } : {}), positiveLabel: flags['positive-label'] as string | undefined, split: { validationFraction: holdOut },
        ...(preprocessing === 'autopilot' ? { preprocessing } : {}), ...(flags.scale === true ? { scale: true } : {}) },
      backend,
    }, {
      invalidNumbers: invalid,
      tensorflow: (allowed) => initTrainingBackend(backend, { allowed }),
      onRound(r) {
        if (!announced) { announced = true; io.stderr(`mlpad: training ${algorithm.name}\n`); }
        if ((r.round + 1) % every === 0 || r.round === 0 || r.round === r.totalRounds - 1) io.stderr(formatRound(r) + '\n');
      },
    }).catch(async (e: unknown) => {
      const err = asUserError(e);
      if (experiment) await recordFailedRun(io, experiment, err, { 'mlpad.Algorithm': algorithm.name });
      throw err;
    });
    const modelOut = (flags['model-out'] as string | undefined) ?? 'model.json';
    await io.writeFile(modelOut, new TextDecoder().decode(result.model));
    const metrics = { ...JSON.parse(new TextDecoder().decode(result.metricsJson)), model: modelOut };
    if (threadNote) metrics.notes.push(threadNote);
    if (holdOut > 0) {
      const rows = result.evaluations.find((e) => e.split === 'validation')?.rows ?? 0;
      metrics.notes.push(`${Math.round(holdOut * 100)}% of the training rows (${rows}) were held out for validation, as the studio does; --holdout 0 trains on every row`);
    }
    const json = JSON.stringify(metrics, null, 2) + '\n';
    const metricsOut = flags['metrics-out'] as string | undefined;
    if (metricsOut) await io.writeFile(metricsOut, json);
    else io.stdout(json);
    for (const n of metrics.notes as string[]) io.stderr(`note: ${n}\n`);
    if (experiment) {
      await recordTrainingRun(io, experiment, result, { data: { train: flags.train as string, validation: flags.validation as string | undefined, test: flags.test as string | undefined },
        model: { path: modelOut, bytes: result.model }, metricsJson: json, parameters: { ...(target !== undefined ? { 'mlpad.Target': target } : {}), 'mlpad.HoldOut': holdOut } });
    }
    io.stderr(`mlpad: trained ${result.algorithm} (${result.rounds} round${result.rounds === 1 ? '' : 's'}) in ${result.trainSeconds.toFixed(2)} s on ${result.compute} → ${modelOut}${metricsOut ? `, ${metricsOut}` : ''}\n`);
    return 0;
  },
};
