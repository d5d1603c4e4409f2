// A saved model made ready to answer requests: the estimator that reads it, its feature encoding, and the
// facts an endpoint needs (the inputs a headerless CSV row holds, in order; the fields of each answer; the
// default Accept). `score` turns a table of those inputs into the model's Inference through the same
// modelFeatures that `mlpad predict` and Clarify use, so an endpoint and a batch transform predict alike.
// Environment-free: TensorFlow.js is started only through the injected `tensorflow` hook.
import { DataType, makeVector, Table, type Vector } from 'apache-arrow';
import type { TfBackendName } from '../compute/types.ts';
import { ModelDataError, modelFeatures } from '../engine/model-features.ts';
import type { Inference, Task } from '../ml/estimator.ts';
import { openModel } from '../ml/open-model.ts';
import type { ColumnEncoding, FeatureEncoding } from '../ml/prepare/types.ts';
import type { AnyEstimator } from '../ml/registry.ts';
import { responseFields, responseDefaultAccept } from './response-shapes.ts';
import type { DeployInput, DeployModelFacts } from './types.ts';

export { ModelDataError } from '../engine/model-features.ts';

/** Options of loadDeployModel. */
export interface DeployModelOptions {
  /** Starts TensorFlow.js for a model that runs on it (called once, with the backends it allows, before its first inference); defaults to none (the global backend as it is). */
  tensorflow?: (allowed?: readonly TfBackendName[]) => Promise<unknown>;
}

/** A model ready to answer requests. */
export interface DeployModel {
  estimator: AnyEstimator;
  model: unknown;
  /** The mlpad feature encoding; absent for a natively trained XGBoost model. */
  encoding?: FeatureEncoding;
  facts: DeployModelFacts;
  /** The model file's name, for messages. */
  file: string;
  /** Whether the inputs have no real names (a native model without feature_names: f0…fN−1 by position). */
  positional: boolean;
  /** Starts TensorFlow.js once when the estimator needs it; resolved when ready. */
  ready(): Promise<void>;
}

/** A request row's value for column `c`: a category (one-hot, ordinal, target-encoded; a text for hashed n-grams, which has no list), else a number. */
function inputOf(c: ColumnEncoding): DeployInput {
  switch (c.kind) {
    case 'one-hot': case 'ordinal': case 'target-encoding': return { name: c.name, type: 'category', categories: [...c.categories] };
    case 'hashed-ngrams': return { name: c.name, type: 'category' };
    default: return { name: c.name, type: 'number' };
  }
}

/**
 * Reads a model file (XGBoost JSON or an mlpad model) for serving. Errors name `name` (the model file).
 * A model without an mlpad encoding (native XGBoost) is asked once, on one row of zeros, what it outputs.
 */
export async function loadDeployModel(bytes: Uint8Array, name = 'the model', options: DeployModelOptions = {}): Promise<DeployModel> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`loadDeployModel: bytes must be a Uint8Array holding the model file; got ${typeof bytes}`);
  let opened;
  try {
    opened = openModel(bytes, name);
  } catch (e) {
    throw new ModelDataError((e as Error).message);
  }
  const { estimator, model, encoding } = opened;
  const count = estimator.featureCount(model);
  const names = estimator.featureNames?.(model) ?? [];
  const positional = !encoding && names.length === 0;
  const inputs: DeployInput[] = encoding
    ? encoding.columns.map(inputOf)
    : (names.length > 0 ? names : Array.from({ length: count }, (_, j) => `f${j}`)).map((n) => ({ name: n, type: 'number' as const }));
  let started: Promise<void> | undefined;
  const ready = () => (started ??= estimator.compute === 'tfjs' && options.tensorflow ? options.tensorflow(estimator.tfBackends).then(() => undefined) : Promise.resolve());
  let task: Task | undefined = encoding?.task;
  let classes = encoding?.classes ? [...encoding.classes] : undefined;
  if (!encoding && estimator.kind === 'supervised') {
    await ready();
    const probe = await estimator.infer(model, { features: Array.from({ length: count }, () => new Float32Array(1)), nRows: 1, nCols: count });
    if (probe.kind === 'classification') {
      task = probe.classes === 2 ? 'binary' : 'multiclass';
      classes = Array.from({ length: probe.classes }, (_, k) => String(k));
    } else task = 'regression';
  }
  const facts: DeployModelFacts = {
    algorithm: estimator.name,
    kind: estimator.kind,
    ...(task ? { task } : {}),
    inputs,
    ...(classes ? { classes } : {}),
    ...(encoding?.target !== undefined ? { target: encoding.target } : {}),
    fields: responseFields(estimator.name, estimator.kind, task),
    defaultAccept: responseDefaultAccept(estimator.name),
  };
  return { estimator, model, encoding, facts, file: name, positional, ready };
}

/** Whether a vector holds plain numbers (not text, dates or timestamps). */
function isPlainNumber(v: Vector): boolean {
  return DataType.isFloat(v.type) || DataType.isInt(v.type);
}

/**
 * Datetime inputs given as numbers are epoch seconds (what a request can send); the encoder reads plain
 * numbers as milliseconds, so scale them. Other columns pass as they are.
 */
function datetimeSecondsAsMs(table: Table, encoding: FeatureEncoding | undefined): Table {
  const dates = encoding?.columns.filter((c) => (c.kind === 'datetime' || c.kind === 'date-parts') && table.getChild(c.name) && isPlainNumber(table.getChild(c.name)!)) ?? [];
  if (dates.length === 0) return table;
  const columns = Object.create(null) as Record<string, Vector>;
  for (const f of table.schema.fields) {
    const v = table.getChild(f.name)!;
    if (dates.some((d) => d.name === f.name)) {
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) { const x = v.get(i) as number | bigint | null; out[i] = x === null ? NaN : Number(x) * 1000; }
      columns[f.name] = makeVector(out);
    } else columns[f.name] = v;
  }
  return new Table(columns);
}

/**
 * The model's outputs for `table`, whose columns are named as `m.facts.inputs` (extra columns are ignored;
 * a positional model reads every numeric column in order). Throws ModelDataError naming the model file when
 * the table does not fit the model.
 */
export async function score(m: DeployModel, table: Table): Promise<Inference> {
  if (!(table instanceof Table)) throw new TypeError('score: table must be an Arrow Table whose columns are the model\'s inputs');
  const { estimator, model, encoding } = m;
  const x = modelFeatures(datetimeSecondsAsMs(table, encoding), encoding, estimator.featureNames?.(model) ?? [], estimator.featureCount(model), `the data for ${m.file}`);
  await m.ready();
  return estimator.infer(model, x);
}
