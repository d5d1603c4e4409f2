// `mlpad transform`: a batch transform as SageMaker runs one, over a data file, with its DataProcessing
// options (accept, join_source, input_filter, output_filter, split_type). The engine is
// src/lib/deploy/transform.ts; this file parses flags, reads and writes files and prints the report.
import { basename } from 'node:path';
import { initTrainingBackend } from '../../lib/compute/training-backend.ts';
import { loadBytes } from '../../lib/data/index.ts';
import { loadDeployModel, ModelDataError, type DeployModel } from '../../lib/deploy/deploy-model.ts';
import { FilterError } from '../../lib/deploy/filters.ts';
import { batchTransform, TransformError } from '../../lib/deploy/transform.ts';
import type { TransformReport } from '../../lib/deploy/types.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { asUserError } from './train.ts';

const HINT = 'mlpad transform --help';

/** The model at `path`, with TensorFlow.js started for the algorithms that compute on it. */
export async function readDeployModel(io: CliIO, path: string): Promise<DeployModel> {
  const bytes = await io.readFile(path);
  try {
    return await loadDeployModel(bytes, path, { tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });
  } catch (e) {
    throw e instanceof ModelDataError ? new CliError(e.message) : e;
  }
}

function choice<T extends string>(flag: string, value: string | undefined, options: Record<string, T>): T | undefined {
  if (value === undefined) return undefined;
  const hit = options[value.toLowerCase()];
  if (hit === undefined) throw new UsageError(`--${flag} must be ${Object.keys(options).join(' or ')}; got ${JSON.stringify(value)}`, HINT);
  return hit;
}

/** The report as lines for stderr (its notes name the missing and extra columns). */
export function reportSummary(report: TransformReport, out: string): string {
  const lines = [`mlpad: transformed ${report.rows.toLocaleString('en')} rows in ${(report.ms / 1000).toFixed(2)} s → ${out}`];
  for (const e of report.rowErrors.slice(0, 10)) lines.push(`  row ${e.row}: ${e.message}`);
  if (report.rowErrors.length > 10) lines.push(`  … ${report.rowErrors.length - 10} more row errors listed in the report`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export const transformCommand: CliCommand = {
  name: 'transform',
  summary: 'Batch transform: score a data file with a saved model, with SageMaker\'s batch-transform options',
  description:
    'Output rows are SageMaker\'s inference fields for the algorithm (xgboost: score; linear-learner,\n' +
    'factorization-machines, mlp: score, predicted_label; knn: predicted_label; kmeans: closest_cluster,\n' +
    'distance_to_cluster; pca: projection; randomcutforest: score). --join-source input puts the input row in\n' +
    'front (CSV) or adds the prediction as "SageMakerOutput" to the input record (JSON Lines). Filters are\n' +
    'JSONPath as SageMaker\'s: "$", "$[1:]", "$[0,-1]", "$[\'id\',\'score\']". Missing input columns are scored\n' +
    'as missing values and extra ones reported, by name. The report goes to stderr.',
  flags: [
    { name: 'model', type: 'string', required: true, valueName: 'FILE', help: 'model file (from mlpad train, or XGBoost JSON from Booster.save_model)' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'rows to score (CSV, TSV, JSON, JSON Lines, Parquet, Arrow)' },
    { name: 'out', type: 'string', required: true, valueName: 'FILE', help: 'where to write the output' },
    { name: 'accept', type: 'string', valueName: 'TYPE', help: 'text/csv (default) or application/jsonlines' },
    { name: 'join-source', type: 'string', valueName: 'input|none', help: 'join each prediction to its input row (default: none)' },
    { name: 'input-filter', type: 'string', valueName: 'SPEC', help: 'JSONPath of the input columns the model sees (default: $)' },
    { name: 'output-filter', type: 'string', valueName: 'SPEC', help: 'JSONPath of the output columns written (default: $)' },
    { name: 'split-type', type: 'string', valueName: 'line|none', help: 'line: one record per row; none: the whole file as one request (default: line)' },
    { name: 'batch-rows', type: 'string', valueName: 'N', help: 'rows per model call (default: 65536)' },
    { name: 'no-output-header', type: 'boolean', help: 'write CSV output without a header line, as SageMaker does' },
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const reading = loadOptionsFromFlags(flags, HINT);
    const accept = choice('accept', flags.accept as string | undefined, { 'text/csv': 'text/csv', 'application/jsonlines': 'application/jsonlines' } as const);
    const joinSource = choice('join-source', flags['join-source'] as string | undefined, { input: 'Input', none: 'None' } as const);
    const splitType = choice('split-type', flags['split-type'] as string | undefined, { line: 'Line', none: 'None' } as const);
    const batchText = flags['batch-rows'] as string | undefined;
    const batchRows = batchText === undefined ? undefined : Number(batchText);
    if (batchRows !== undefined && (!Number.isInteger(batchRows) || batchRows < 1)) throw new UsageError(`--batch-rows must be a whole number of at least 1; got ${JSON.stringify(batchText)}`, HINT);
    const m = await readDeployModel(io, flags.model as string);
    const dataPath = flags.data as string;
    const table = (await loadBytes(basename(dataPath), await io.readFile(dataPath), reading)).table;
    const out = flags.out as string;
    let result;
    try {
      result = await batchTransform(m, table, {
        accept, joinSource, splitType, batchRows,
        inputFilter: flags['input-filter'] as string | undefined,
        outputFilter: flags['output-filter'] as string | undefined,
        header: flags['no-output-header'] !== true,
      });
    } catch (e) {
      if (e instanceof ModelDataError) throw new CliError(`${dataPath}: ${e.message}`);
      if (e instanceof FilterError || e instanceof TransformError) throw new CliError(e.message);
      throw asUserError(e);
    }
    await io.writeFile(out, result.body);
    io.stderr(reportSummary(result.report, out));
    return 0;
  },
};
