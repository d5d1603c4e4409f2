// `mlpad train`: the studio's training job from the shell. Load → prepare (encode, split) → fit with
// per-round progress on stderr → XGBoost JSON model carrying the feature encoding → metrics.json.
import { enableNodeThreads } from '../../lib/ml/parallel/node-threads.ts';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Table } from 'apache-arrow';
import { loadBytes } from '../../lib/data/index.ts';
import type { RoundMetrics, TrainingData } from '../../lib/ml/estimator.ts';
import { HyperparameterError, validateHyperparameters, type RawHyperparameters } from '../../lib/ml/hyperparameters.ts';
import { attachEncoding, encodeFeatures, encodeLabels, prepareTrainingData } from '../../lib/ml/prepare/index.ts';
import type { FeatureEncoding, PreparedData, Task } from '../../lib/ml/prepare/types.ts';
import { getAlgorithm } from '../../lib/ml/registry.ts';
import { evaluate, featureImportance, predictForEvaluation, summaryMetrics } from '../../lib/ml/results/index.ts';
import type { XGBoostModel } from '../../lib/ml/xgboost/model.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';

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

function taskOfObjective(objective: string | undefined): Task | undefined {
  if (objective === undefined) return undefined;
  if (objective.startsWith('multi:')) return 'multiclass';
  if (objective.startsWith('binary:')) return 'binary';
  return 'regression';
}

const DEFAULT_OBJECTIVE: Record<Task, string> = { binary: 'binary:logistic', multiclass: 'multi:softprob', regression: 'reg:squarederror' };

async function load(io: CliIO, path: string): Promise<Table> {
  return (await loadBytes(basename(path), await io.readFile(path))).table;
}

/** A second file encoded as the training data was; rows without a target are dropped and noted. */
function encodeHeldOut(table: Table, encoding: FeatureEncoding, what: string, notes: string[], strict: boolean): TrainingData {
  const x = encodeFeatures(table, encoding, { invalidNumbers: strict ? 'error' : 'missing', onNote: (n) => notes.push(`${what}: ${n}`) });
  const labels = encodeLabels(table, encoding);
  const keep: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === labels[i]) keep.push(i);
  if (keep.length === 0) throw new CliError(`${what} has no rows with a value in target ${JSON.stringify(encoding.target)}`);
  if (keep.length < labels.length) notes.push(`${what}: ${labels.length - keep.length} rows with a missing target were dropped`);
  const cols = x.features as Float32Array[];
  const pick = (a: Float32Array) => Float32Array.from(keep, (i) => a[i]);
  return { features: cols.map(pick), nRows: keep.length, nCols: x.nCols, featureNames: x.featureNames, labels: pick(labels) };
}

function formatRound(round: number, m: RoundMetrics): string {
  const parts = [`[${round}]`];
  for (const [set, values] of [['train', m.train], ['validation', m.validation]] as const) {
    for (const [k, v] of Object.entries(values ?? {})) parts.push(`${set}-${k}:${v.toFixed(5)}`);
  }
  return parts.join('\t');
}

function requireInt(text: string | undefined, name: string, dflt: number): number {
  if (text === undefined) return dflt;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} must be an integer in [1, ∞); got ${JSON.stringify(text)}`, HINT);
  return v;
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a model on a data file and write the model file and its metrics',
  description:
    'Without --validation, 20% of the training rows (stratified for classes) are held out for validation when\n' +
    'early_stopping_rounds is set; otherwise every row trains. Progress goes to stderr; metrics.json holds\n' +
    '{ train, validation, test, load_seconds, train_seconds, num_round, best_iteration, notes, ... } and is\n' +
    'printed on stdout when --metrics-out is not given. The model is XGBoost JSON with the feature encoding\n' +
    'in the learner attribute "mlpad_encoding", so `mlpad predict` can read raw columns.',
  flags: [
    { name: 'algorithm', type: 'string', valueName: 'NAME', help: 'the algorithm (default xgboost)' },
    { name: 'train', type: 'string', required: true, valueName: 'FILE', help: 'training data (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'target', type: 'string', required: true, valueName: 'COLUMN', help: 'the column to predict' },
    { name: 'validation', type: 'string', valueName: 'FILE', help: 'validation data (metrics per round, early stopping)' },
    { name: 'test', type: 'string', valueName: 'FILE', help: 'test data, evaluated once after training' },
    { name: 'hp', type: 'string', multiple: true, valueName: 'NAME=VALUE ...', help: 'hyperparameters, e.g. --hp eta=0.1 max_depth=4 (repeatable; commas also separate)' },
    { name: 'positive-label', type: 'string', valueName: 'LABEL', help: 'positive class of a binary target (default: second in sorted order)' },
    { name: 'model-out', type: 'string', valueName: 'FILE', help: 'where to write the model (default model.json)' },
    { name: 'metrics-out', type: 'string', valueName: 'FILE', help: 'where to write metrics.json (default: stdout)' },
    { name: 'progress-every', type: 'string', valueName: 'N', help: 'print metrics every N rounds (default 10)' },
    { name: 'invalid-numbers', type: 'string', valueName: 'error|missing', help: 'text in a numeric column: refuse (default) or read as missing' },
  ],
  async run(flags, io) {
    const algorithm = getAlgorithmOrUsage((flags.algorithm as string | undefined) ?? 'xgboost');
    const raw = parseHyperparameters(flags.hp as string | undefined);
    const every = requireInt(flags['progress-every'] as string | undefined, 'progress-every', 10);
    const invalid = (flags['invalid-numbers'] as string | undefined) ?? 'error';
    if (invalid !== 'error' && invalid !== 'missing') throw new UsageError(`--invalid-numbers must be error or missing; got ${JSON.stringify(invalid)}`, HINT);
    const strict = invalid === 'error';
    // Names and ranges first, so a typo fails before a large file is read.
    const early = hp(() => validateHyperparameters(algorithm.schema, raw));
    const target = flags.target as string;

    const t0 = performance.now();
    const table = await load(io, flags.train as string);
    const validationTable = flags.validation ? await load(io, flags.validation as string) : undefined;
    const testTable = flags.test ? await load(io, flags.test as string) : undefined;
    const holdOut = validationTable === undefined && early.early_stopping_rounds !== null ? 0.2 : 0;
    const prepared: PreparedData = prepareTrainingData(table, {
      target, task: taskOfObjective(raw.objective as string | undefined), positiveLabel: flags['positive-label'] as string | undefined,
      split: { validationFraction: holdOut }, invalidNumbers: strict ? 'error' : 'missing',
    });
    const { encoding, notes } = prepared;
    if (holdOut > 0) notes.push(`20% of the training rows (${prepared.validation?.nRows ?? 0}) were held out for validation (early_stopping_rounds is set)`);
    const validation = validationTable ? encodeHeldOut(validationTable, encoding, 'validation', notes, strict) : prepared.validation;
    const test = testTable ? encodeHeldOut(testTable, encoding, 'test', notes, strict) : undefined;
    const loadSeconds = (performance.now() - t0) / 1000;

    const params = { ...raw };
    params.objective ??= DEFAULT_OBJECTIVE[encoding.task];
    const nClass = encoding.classes?.length ?? 0;
    if (encoding.task === 'multiclass') {
      if (raw.num_class !== undefined && Number(raw.num_class) !== nClass) {
        throw new CliError(`num_class is ${raw.num_class} but target ${JSON.stringify(target)} has ${nClass} classes (${encoding.classes!.join(', ')}); remove num_class or set it to ${nClass}`);
      }
      params.num_class = nClass;
    }
    const resolved = hp(() => algorithm.resolve(params));
    if (resolved.tree_method === 'gpu_hist') {
      throw new CliError('tree_method gpu_hist builds histograms with WebGPU, which the studio has and the mlpad command does not; use tree_method hist (it grows the same trees) or train in the studio');
    }
    // nthread > 1 builds histograms on worker threads; the pool needs Node's worker launcher first.
    if (Number(resolved.nthread ?? 1) > 1) await enableNodeThreads();

    io.stderr(`mlpad: training ${algorithm.name} on ${prepared.train.nRows} rows × ${prepared.train.nCols} features (${encoding.task}${encoding.classes ? `, classes ${encoding.classes.join(', ')}` : ''})${validation ? `, validating on ${validation.nRows} rows` : ''}\n`);
    const numRound = Number(resolved.num_round);
    const t1 = performance.now();
    let fitted: XGBoostModel;
    try {
      fitted = algorithm.fit(prepared.train, resolved, {
        validation,
        callbacks: {
          onRound(round: number, m: RoundMetrics) {
            if ((round + 1) % every === 0 || round === 0 || round === numRound - 1) io.stderr(formatRound(round, m) + '\n');
          },
        },
      });
    } catch (e) {
      if (e instanceof RangeError) throw new CliError(e.message);
      throw e;
    }
    const trainSeconds = (performance.now() - t1) / 1000;
    const model = attachEncoding(fitted, encoding);
    const modelOut = (flags['model-out'] as string | undefined) ?? 'model.json';
    await io.writeFile(modelOut, new TextDecoder().decode(algorithm.serialize(model)));

    const rounds = model.bestScore !== undefined && model.bestIteration !== undefined ? model.bestIteration + 1 : undefined;
    const score = (d: TrainingData | undefined) => {
      if (!d) return null;
      return summaryMetrics(evaluate(encoding.task, d.labels, predictForEvaluation(model, d, rounds), encoding.classes));
    };
    const metrics = {
      algorithm: algorithm.name,
      task: encoding.task,
      target,
      ...(encoding.classes ? { classes: encoding.classes } : {}),
      ...(encoding.task === 'binary' ? { positive_label: encoding.classes![1] } : {}),
      objective: resolved.objective,
      train: score(prepared.train),
      validation: score(validation),
      test: score(test),
      load_seconds: loadSeconds,
      train_seconds: trainSeconds,
      num_round: Math.floor(model.trees.length / Math.max(1, model.numClass)),
      ...(rounds !== undefined ? { best_iteration: model.bestIteration, metrics_use_rounds: rounds } : {}),
      feature_importance: featureImportance(model),
      notes,
      model: modelOut,
    };
    const json = JSON.stringify(metrics, null, 2) + '\n';
    const metricsOut = flags['metrics-out'] as string | undefined;
    if (metricsOut) await io.writeFile(metricsOut, json);
    else io.stdout(json);
    for (const n of notes) io.stderr(`note: ${n}\n`);
    io.stderr(`mlpad: trained ${metrics.num_round} rounds in ${trainSeconds.toFixed(2)} s → ${modelOut}${metricsOut ? `, ${metricsOut}` : ''}\n`);
    return 0;
  },
};

function getAlgorithmOrUsage(name: string) {
  try { return getAlgorithm(name); } catch (e) { throw new UsageError(`--algorithm: ${(e as Error).message}`, HINT); }
}

/** Hyperparameter problems are the user's input, not a crash: exit 1 with the validator's sentence. */
function hp<T>(f: () => T): T {
  try { return f(); } catch (e) {
    if (e instanceof HyperparameterError) throw new CliError(e.message);
    throw e;
  }
}
