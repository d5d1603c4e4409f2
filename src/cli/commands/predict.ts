// `mlpad predict`: a saved model applied to a data file, written as CSV. Models trained by mlpad carry
// their feature encoding (raw columns in, same encoding out); natively trained XGBoost models are read
// too, taking the data's numeric columns by the model's feature_names, or in order when it has none.
import { basename } from 'node:path';
import type { Table } from 'apache-arrow';
import { loadBytes } from '../../lib/data/index.ts';
import type { FeatureMatrix } from '../../lib/ml/matrix.ts';
import { parseNumbers } from '../../lib/ml/prepare/column-values.ts';
import { encodeFeatures, readEncoding } from '../../lib/ml/prepare/index.ts';
import type { FeatureEncoding } from '../../lib/ml/prepare/types.ts';
import { getAlgorithm } from '../../lib/ml/registry.ts';
import { predictForEvaluation, taskOfObjective } from '../../lib/ml/results/index.ts';
import type { XGBoostModel } from '../../lib/ml/xgboost/model.ts';
import { buildSchema } from '../../lib/profile/schema.ts';
import type { CliCommand } from '../command.ts';
import { CliError } from '../errors.ts';

/** Shortest decimal that reads back as the same float32 (what the model computed, no float64 noise). */
export function formatFloat32Plain(v: number): string {
  const x = Math.fround(v);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : String(x);
  for (let p = 1; p <= 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
  return String(x);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function numericCheck(table: Table, name: string): Float32Array {
  const parsed = parseNumbers(table.getChild(name)!);
  if (parsed.unparsable > 0 && parsed.example) {
    throw new CliError(`column ${JSON.stringify(name)} must be numeric but ${parsed.unparsable} cells are not numbers (first: ${JSON.stringify(parsed.example.text)} in data row ${parsed.example.row + 1})`);
  }
  return Float32Array.from(parsed.values);
}

/** Features for a model without an mlpad encoding: columns named by feature_names, else all numeric columns in order. */
function nativeFeatures(table: Table, model: XGBoostModel): FeatureMatrix {
  const columns = table.schema.fields.map((f) => f.name);
  if (model.featureNames.length > 0) {
    const missing = model.featureNames.filter((n) => !columns.includes(n));
    if (missing.length > 0) {
      throw new CliError(`the data lacks feature columns ${missing.map((n) => JSON.stringify(n)).join(', ')} that the model was trained on (the model has no mlpad encoding, so columns are matched by its feature_names)`);
    }
    return { features: model.featureNames.map((n) => numericCheck(table, n)), nRows: table.numRows, nCols: model.featureNames.length };
  }
  const numeric = buildSchema(table).filter((c) => c.type === 'integer' || c.type === 'float' || c.type === 'boolean').map((c) => c.name);
  if (numeric.length !== model.numFeature) {
    throw new CliError(`the model expects ${model.numFeature} features but the data has ${numeric.length} numeric columns (${numeric.join(', ')}); the model has no feature_names, so they must match in number and order`);
  }
  return { features: numeric.map((n) => numericCheck(table, n)), nRows: table.numRows, nCols: numeric.length };
}

function classesOf(model: XGBoostModel, encoding: FeatureEncoding | undefined): string[] | undefined {
  if (encoding?.classes) return encoding.classes;
  const task = taskOfObjective(model.objective);
  if (task === 'binary') return ['0', '1'];
  if (task === 'multiclass') return Array.from({ length: model.numClass }, (_, k) => String(k));
  return undefined;
}

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'Apply a saved model to a data file and write predictions as CSV',
  description:
    'Classification writes predicted_label and probability_<class> per class; regression writes prediction.\n' +
    'Rows are in the order of the data file. Models from `mlpad train` encode raw columns as in training;\n' +
    'native XGBoost JSON models read numeric columns by their feature_names (or all numeric columns in order).',
  flags: [
    { name: 'model', type: 'string', required: true, valueName: 'FILE', help: 'XGBoost JSON model (from mlpad train or Booster.save_model)' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'rows to predict (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'out', type: 'string', valueName: 'FILE', help: 'where to write the CSV (default: stdout)' },
    { name: 'algorithm', type: 'string', valueName: 'NAME', help: 'the algorithm that wrote the model (default xgboost)' },
  ],
  async run(flags, io) {
    const algorithm = getAlgorithm((flags.algorithm as string | undefined) ?? 'xgboost');
    const bytes = await io.readFile(flags.model as string);
    const encoding = readEncoding(bytes);
    let model: XGBoostModel;
    try { model = algorithm.deserialize(bytes); } catch (e) { throw new CliError(`${flags.model}: ${(e as Error).message}`); }
    const dataPath = flags.data as string;
    const table = (await loadBytes(basename(dataPath), await io.readFile(dataPath))).table;
    const x = encoding ? encodeFeatures(table, encoding, { invalidNumbers: 'error' }) : nativeFeatures(table, model);
    // The mlpad encoding names the model's features; a model trained on more columns than given cannot predict.
    if (x.nCols < model.numFeature) throw new CliError(`the data gives ${x.nCols} features but the model was trained on ${model.numFeature}`);
    const rounds = model.bestScore !== undefined && model.bestIteration !== undefined ? model.bestIteration + 1 : undefined;
    const preds = predictForEvaluation(model, x, rounds);
    const classes = classesOf(model, encoding);
    const lines: string[] = [];
    if (!classes) {
      lines.push('prediction');
      for (let i = 0; i < x.nRows; i++) lines.push(formatFloat32Plain(preds[i]));
    } else {
      lines.push(['predicted_label', ...classes.map((c) => `probability_${c}`)].map(csvField).join(','));
      const K = classes.length;
      const binary = K === 2 && preds.length === x.nRows;
      for (let i = 0; i < x.nRows; i++) {
        const probs = binary ? [Math.fround(1 - preds[i]), preds[i]] : Array.from(preds.subarray(i * K, (i + 1) * K));
        let best = 0;
        if (binary) best = preds[i] > 0.5 ? 1 : 0;
        else for (let c = 1; c < K; c++) if (probs[c] > probs[best]) best = c;
        lines.push([csvField(classes[best]), ...probs.map(formatFloat32Plain)].join(','));
      }
    }
    const csv = lines.join('\n') + '\n';
    const out = flags.out as string | undefined;
    if (out === undefined) io.stdout(csv);
    else {
      await io.writeFile(out, csv);
      io.stderr(`mlpad: predicted ${x.nRows} rows${rounds !== undefined ? ` (best iteration: ${rounds} rounds)` : ''} → ${out}\n`);
    }
    return 0;
  },
};
