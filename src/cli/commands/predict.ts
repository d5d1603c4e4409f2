// `mlpad predict`: a saved model applied to a data file, written as the one predictions CSV
// (src/lib/engine/predictions-csv.ts). The algorithm is read from the model file (XGBoost JSON or an mlpad
// model) unless --algorithm names it. Models trained by mlpad carry their feature encoding (raw columns in,
// same encoding out); models without one (native XGBoost) take the data's numeric columns by the model's
// feature names, or in order when it has none.
import { basename } from 'node:path';
import type { Table } from 'apache-arrow';
import { loadBytes } from '../../lib/data/index.ts';
import { predictionsCsv } from '../../lib/engine/predictions-csv.ts';
import type { FeatureMatrix } from '../../lib/ml/matrix.ts';
import { detectAlgorithm } from '../../lib/ml/model-file.ts';
import { parseNumbers } from '../../lib/ml/prepare/column-values.ts';
import { encodeFeatures, encodingFromAttributes } from '../../lib/ml/prepare/index.ts';
import type { AnyEstimator } from '../../lib/ml/registry.ts';
import { initTrainingBackend } from '../../lib/compute/training-backend.ts';
import { buildSchema } from '../../lib/profile/schema.ts';
import type { CliCommand } from '../command.ts';
import { CliError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { algorithmOrUsage, asUserError } from './train.ts';

const HINT = 'mlpad predict --help';

function numericCheck(table: Table, name: string, file: string): Float32Array {
  const parsed = parseNumbers(table.getChild(name)!);
  if (parsed.unparsable > 0 && parsed.example) {
    throw new CliError(`${file}: column ${JSON.stringify(name)} must be numeric but ${parsed.unparsable} cells are not numbers (first: ${JSON.stringify(parsed.example.text)} in data row ${parsed.example.row + 1})`);
  }
  return Float32Array.from(parsed.values);
}

/** Features for a model without an mlpad encoding: columns named by its feature names, else all numeric columns in order. */
function plainFeatures(table: Table, names: readonly string[], count: number, file: string): FeatureMatrix {
  const columns = table.schema.fields.map((f) => f.name);
  if (names.length > 0) {
    const missing = names.filter((n) => !columns.includes(n));
    if (missing.length > 0) {
      throw new CliError(`${file}: the data lacks feature columns ${missing.map((n) => JSON.stringify(n)).join(', ')} that the model was trained on (the model has no mlpad encoding, so columns are matched by its feature names)`);
    }
    return { features: names.map((n) => numericCheck(table, n, file)), nRows: table.numRows, nCols: names.length };
  }
  const numeric = buildSchema(table).filter((c) => c.type === 'integer' || c.type === 'float' || c.type === 'boolean').map((c) => c.name);
  if (numeric.length !== count) {
    throw new CliError(`${file}: the model expects ${count} features but the data has ${numeric.length} numeric columns (${numeric.join(', ')}); the model has no feature names, so they must match in number and order`);
  }
  return { features: numeric.map((n) => numericCheck(table, n, file)), nRows: table.numRows, nCols: numeric.length };
}

/** The estimator for a model file: --algorithm if given (it must match the file), else the one the file names. */
function estimatorFor(bytes: Uint8Array, given: string | undefined, file: string): AnyEstimator {
  let detected: string;
  try { detected = detectAlgorithm(bytes); } catch (e) { throw new CliError(`${file}: ${(e as Error).message}`); }
  if (given === undefined) return algorithmOrUsage(detected, HINT);
  const estimator = algorithmOrUsage(given, HINT);
  if (detected !== estimator.name) throw new CliError(`${file}: the model file holds a ${detected} model, not a ${estimator.name} model; leave --algorithm out to use the file's`);
  return estimator;
}

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'Apply a saved model to a data file and write predictions as CSV',
  description:
    'Columns are SageMaker\'s inference fields: predicted_label and probability_<class> per class (classifiers),\n' +
    'score (regression, randomcutforest), closest_cluster and distance_to_cluster (kmeans), projection_1..N\n' +
    '(pca). Rows are in the order of the data file. Models from `mlpad train` encode raw columns as in training;\n' +
    'native XGBoost JSON models read numeric columns by their feature_names (or all numeric columns in order).',
  flags: [
    { name: 'model', type: 'string', required: true, valueName: 'FILE', help: 'model file (from mlpad train, or XGBoost JSON from Booster.save_model)' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'rows to predict (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'out', type: 'string', valueName: 'FILE', help: 'where to write the CSV (default: stdout)' },
    { name: 'algorithm', type: 'string', valueName: 'NAME', help: 'the algorithm that wrote the model (default: read from the file)' },
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const modelPath = flags.model as string;
    const reading = loadOptionsFromFlags(flags, 'mlpad predict --help');
    const given = flags.algorithm as string | undefined;
    if (given !== undefined) algorithmOrUsage(given, HINT);
    const bytes = await io.readFile(modelPath);
    const estimator = estimatorFor(bytes, given, modelPath);
    let model: unknown;
    try { model = estimator.deserialize(bytes); } catch (e) { throw new CliError(`${modelPath}: ${(e as Error).message}`); }
    let encoding;
    try { encoding = encodingFromAttributes(estimator.attributes(model)); } catch (e) { throw new CliError(`${modelPath}: ${(e as Error).message}`); }
    const dataPath = flags.data as string;
    const table = (await loadBytes(basename(dataPath), await io.readFile(dataPath), reading)).table;
    let x: FeatureMatrix;
    try {
      x = encoding ? encodeFeatures(table, encoding, { invalidNumbers: 'error' }) : plainFeatures(table, estimator.featureNames?.(model) ?? [], estimator.featureCount(model), dataPath);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${dataPath}: ${(e as Error).message}`);
    }
    const count = estimator.featureCount(model);
    if (x.nCols < count) throw new CliError(`${dataPath}: the data gives ${x.nCols} features but the model was trained on ${count}`);
    if (estimator.compute === 'tfjs') await initTrainingBackend('auto', { allowed: estimator.tfBackends });
    const inference = await estimator.infer(model, x).catch((e: unknown) => { throw asUserError(e); });
    const csv = predictionsCsv(inference, x.nRows, encoding);
    const out = flags.out as string | undefined;
    if (out === undefined) io.stdout(csv);
    else {
      await io.writeFile(out, csv);
      io.stderr(`mlpad: predicted ${x.nRows} rows with the ${estimator.name} model → ${out}\n`);
    }
    return 0;
  },
};
