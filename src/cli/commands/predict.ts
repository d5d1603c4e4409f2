// `mlpad predict`: a saved model applied to a data file, written as the one predictions CSV
// (src/lib/engine/predictions-csv.ts). The algorithm is read from the model file (XGBoost JSON or an mlpad
// model) unless --algorithm names it. Models trained by mlpad carry their feature encoding (raw columns in,
// same encoding out); models without one (native XGBoost) take the data's numeric columns by the model's
// feature names, or in order when it has none.
import { basename } from 'node:path';
import { loadBytes } from '../../lib/data/index.ts';
import { predictionsCsv } from '../../lib/engine/predictions-csv.ts';
import type { FeatureMatrix } from '../../lib/ml/matrix.ts';
import { detectAlgorithm } from '../../lib/ml/model-file.ts';
import { encodingFromAttributes } from '../../lib/ml/prepare/index.ts';
import { ModelDataError, modelFeatures } from '../../lib/engine/model-features.ts';
import type { AnyEstimator } from '../../lib/ml/registry.ts';
import { initTrainingBackend } from '../../lib/compute/training-backend.ts';
import type { CliCommand } from '../command.ts';
import { CliError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { algorithmOrUsage, asUserError } from './train.ts';

const HINT = 'mlpad predict --help';

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
      x = modelFeatures(table, encoding, estimator.featureNames?.(model) ?? [], estimator.featureCount(model), dataPath);
    } catch (e) {
      throw e instanceof ModelDataError ? new CliError(e.message) : e;
    }
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
