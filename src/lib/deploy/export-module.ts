// A trained model as one standalone ES module: no imports, the model's parameters embedded as JSON data, the
// row encoding of training inside, and a small interpreter per algorithm (export-runtimes/) that reproduces
// mlpad's float32 arithmetic, so `predict(row)` in any browser or in Node answers as mlpad does. The
// runtimes are JavaScript text, not functions turned into text, so no compiler or minifier can rename or
// wrap what the module holds.
// The default import with a JSON attribute is the form Node's own ESM loader, tsx, Vite and Playwright all take.
import packageJson from '../../../package.json' with { type: 'json' };
import type { Estimator } from '../ml/estimator.ts';
import { detectAlgorithm } from '../ml/model-file.ts';
import { encodingFromAttributes } from '../ml/prepare/index.ts';
import type { FeatureEncoding } from '../ml/prepare/types.ts';
import { algorithmNames, getAlgorithm } from '../ml/registry.ts';
import { COMMON_RUNTIME, EXPORT_RUNTIMES } from './export-runtimes/index.ts';

/** Options of exportModule. */
export interface ExportModuleOptions {
  /** Name of the module (its file name without .mjs; letters, digits, '.', '_' and '-'); defaults to '<algorithm>-model'. */
  name?: string;
  /** mlpad version recorded in `metadata`; defaults to this build's package version. */
  mlpadVersion?: string;
  /** Export time recorded in `metadata`; defaults to now. */
  date?: Date;
}

/** The module's source text and the file name to save it under. */
export interface ExportedModule {
  code: string;
  fileName: string;
}

/** One raw input of an exported model, as `metadata.inputs` lists it. */
export interface ExportedInput {
  name: string;
  /** 'number' (numeric, boolean as 0/1 or yes/no, datetime as ISO text) or 'category' (text: a category or free text). */
  type: 'number' | 'category';
  /** The encoding mlpad applies: numeric, scaled, boolean, datetime, date-parts, one-hot, ordinal, target-encoding or hashed-ngrams. */
  encoding: FeatureEncoding['columns'][number]['kind'];
  /** Category inputs: the values the model knows. */
  categories?: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function fail(message: string): never {
  throw new Error(`exportModule: ${message}`);
}

/** The encoding of a model without one (a native XGBoost model): its features are numeric inputs of the same names. */
function plainEncoding(names: readonly string[], count: number): FeatureEncoding {
  const featureNames = names.length === count ? [...names] : Array.from({ length: count }, (_, j) => `f${j}`);
  return { columns: featureNames.map((name) => ({ name, kind: 'numeric' as const })), featureNames };
}

function fieldsOf(kind: string, task: string | undefined): string[] {
  if (kind === 'clustering') return ['closest_cluster', 'distance_to_cluster'];
  if (kind === 'decomposition') return ['projection'];
  if (kind === 'supervised' && (task === 'binary' || task === 'multiclass')) return ['predicted_label', 'score', 'probabilities'];
  return ['score'];
}

function inputsOf(encoding: FeatureEncoding): ExportedInput[] {
  return encoding.columns.map((c): ExportedInput => {
    switch (c.kind) {
      case 'one-hot': case 'ordinal': case 'target-encoding': return { name: c.name, type: 'category', encoding: c.kind, categories: [...c.categories] };
      case 'hashed-ngrams': return { name: c.name, type: 'category', encoding: c.kind };
      default: return { name: c.name, type: 'number', encoding: c.kind };
    }
  });
}

/** JSON as JavaScript text that also survives inside an HTML script element (no '<' characters). */
function literal(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A standalone ES module for the model in `modelBytes` (an mlpad model file or XGBoost JSON): it exports
 * `predict(row)`, `predictBatch(rows)` and `metadata`. Throws an Error naming what is wrong for bytes that
 * are not a model of a registry algorithm, or a bad option.
 */
export function exportModule(modelBytes: Uint8Array, options: ExportModuleOptions = {}): ExportedModule {
  if (!(modelBytes instanceof Uint8Array)) fail(`modelBytes must be a Uint8Array holding a model file (from mlpad train, or XGBoost JSON); got ${modelBytes === null ? 'null' : typeof modelBytes}`);
  if (modelBytes.length === 0) fail('modelBytes is empty; give the bytes of a model file');
  let algorithm: string;
  try { algorithm = detectAlgorithm(modelBytes); } catch (e) { fail((e as Error).message); }
  const runtime = EXPORT_RUNTIMES[algorithm];
  if (!runtime || !algorithmNames().includes(algorithm)) fail(`the model file names algorithm ${JSON.stringify(algorithm)}, which this mlpad does not know (it knows ${algorithmNames().join(', ')})`);
  const name = options.name ?? `${algorithm}-model`;
  if (typeof name !== 'string' || !NAME.test(name)) fail(`options.name must be 1–100 letters, digits, '.', '_' or '-' (starting with a letter or digit); got ${JSON.stringify(name)}`);
  const date = options.date ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) fail('options.date must be a valid Date');

  const estimator: Estimator<unknown, unknown> = getAlgorithm(algorithm);
  let model: unknown;
  let encoding: FeatureEncoding | undefined;
  try {
    model = estimator.deserialize(modelBytes);
    encoding = encodingFromAttributes(estimator.attributes(model));
  } catch (e) {
    fail((e as Error).message);
  }
  const count = estimator.featureCount(model);
  encoding ??= plainEncoding(estimator.featureNames?.(model) ?? [], count);
  if (encoding.featureNames.length !== count) {
    fail(`the model reads ${count} features but its encoding makes ${encoding.featureNames.length}; the file is inconsistent (was it edited?)`);
  }
  const sequential = runtime.sequential?.(model) ?? false;
  const classes = encoding.classes ?? null;
  const fields = fieldsOf(estimator.kind, encoding.task);
  const metadata = {
    algorithm,
    kind: estimator.kind,
    task: encoding.task ?? null,
    target: encoding.target ?? null,
    inputs: inputsOf(encoding),
    features: [...encoding.featureNames],
    classes,
    fields,
    sequential,
    mlpadVersion: options.mlpadVersion ?? packageJson.version,
    exportedAt: date.toISOString(),
  };
  const { columns, featureNames, impute } = encoding;
  const data = { encoding: { columns, featureNames, ...(impute ? { impute } : {}) }, classes, params: runtime.params(model) };
  const code = [
    header(name, metadata.algorithm, metadata.mlpadVersion, metadata.exportedAt, fields, sequential),
    `const MODEL = ${literal(data)};`,
    'const ENC = MODEL.encoding;',
    'const CLASSES = MODEL.classes;',
    'const P = MODEL.params;',
    `const NEEDS_FINITE = ${runtime.needsFinite};`,
    COMMON_RUNTIME,
    runtime.source,
    `/** What the model is: algorithm, inputs in order, classes, target, the result fields, mlpad version and export date. */`,
    `export const metadata = deepFreeze(${literal(metadata)});`,
    FOOTER.replace('SEQUENTIAL', String(sequential)),
  ].join('\n');
  return { code, fileName: `${name}.mjs` };
}

function header(name: string, algorithm: string, version: string, date: string, fields: string[], sequential: boolean): string {
  return `/**
 * ${name}: a ${algorithm} model exported by mlpad ${version.replace(/[^0-9A-Za-z.+-]/g, '')} on ${date}.
 * A standalone ES module (no imports) for any modern browser, Node 18+, Deno or a worker:
 *
 *   import { predict, predictBatch, metadata } from './${name}.mjs';
 *   const result = predict({ ...one row of raw column values... });   // → { ${fields.join(', ')} }
 *
 * A row is an object of raw values keyed by input name (metadata.inputs), as in the training data:
 * numbers, strings, booleans, dates (ISO 8601 text, a Date, or epoch milliseconds), null for missing.
 * A row that lacks an input treats it as missing (null); so does an empty string in a numeric, boolean
 * or date input; extra keys are ignored. Categories are matched exactly: one the model never saw sets no
 * one-hot feature (all 0) or, for a frequency-ranked input, a missing feature, as mlpad encodes it.
 * Missing features take the training mean where the algorithm needs a number (every algorithm but xgboost).
 * Text that is not a number in a numeric input throws a TypeError naming the row and input.
 * Numbers are computed as mlpad computes them (float32), so results equal mlpad's predictions.${sequential ? `
 * This model scores shingles of consecutive rows: call predictBatch(rows) with the rows in time order;
 * predict(row) throws.` : ''}
 */`;
}

const FOOTER = String.raw`
function deepFreeze(o) {
  if (o && typeof o === 'object') { for (const v of Object.values(o)) deepFreeze(v); Object.freeze(o); }
  return o;
}

/** Predictions for an array of rows, in order: one result object per row. */
export function predictBatch(rows) {
  if (!Array.isArray(rows)) throw new TypeError('predictBatch(rows): rows must be an array of row objects; got ' + describe(rows));
  return inferRows(rows.map((row, i) => encodeRow(row, i)));
}

/** The prediction for one row (an object of raw column values). */
export function predict(row) {
  if (SEQUENTIAL) throw new Error('predict(row): this model scores shingles of several consecutive rows; call predictBatch(rows) with the rows in time order');
  return inferRows([encodeRow(row, 0)])[0];
}
`;
