// `mlpad export`: a trained model as something that runs outside mlpad. --format esm writes a standalone ES
// module (predict(row), predictBatch(rows), metadata; no imports) for any browser or Node; --format
// sagemaker writes model.tar.gz for SageMaker's built-in XGBoost container (XGBoost models only).
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { exportModule } from '../../lib/deploy/export-module.ts';
import { sagemakerArtifact } from '../../lib/deploy/export-sagemaker.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';

const HINT = 'mlpad export --help';
const FORMATS = ['esm', 'sagemaker'] as const;

/** Writes bytes (CliIO writes text only), creating the folder; failure is a CliError naming the file. */
async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(path, bytes);
  } catch (error) {
    throw new CliError(`cannot write ${JSON.stringify(path)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The module name for an --out path: its file name without the extension, made safe. */
function moduleName(out: string): string {
  const stem = basename(out, extname(out)).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return stem === '' ? 'model' : stem;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a saved model as a standalone ES module, or as SageMaker\'s XGBoost model.tar.gz',
  description:
    '--format esm: one JavaScript file with no imports that runs in any browser or Node and predicts as mlpad does:\n' +
    '  import { predict, predictBatch, metadata } from \'./model.mjs\'; predict({ age: 41, colour: \'red\' })\n' +
    'Rows hold raw column values as in the training data; the training encoding is inside the module.\n' +
    '--format sagemaker (XGBoost models only): model.tar.gz holding xgboost-model, for SageMaker\'s built-in\n' +
    'XGBoost container (upload it to S3 as the model data). Requests to that endpoint carry the model\'s\n' +
    'features after mlpad\'s encoding (one-hot columns etc., listed in the ES module\'s metadata.features), as CSV.',
  flags: [
    { name: 'model', type: 'string', required: true, valueName: 'FILE', help: 'model file (from mlpad train, or XGBoost JSON)' },
    { name: 'format', type: 'string', required: true, valueName: 'esm|sagemaker', help: 'esm: a standalone ES module; sagemaker: model.tar.gz for SageMaker\'s XGBoost container' },
    { name: 'out', type: 'string', required: true, valueName: 'FILE', help: 'where to write it (e.g. model.mjs, model.tar.gz)' },
  ],
  async run(flags, io) {
    const format = flags.format as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be esm or sagemaker; got ${JSON.stringify(format)}`, HINT);
    const modelPath = flags.model as string;
    const out = flags.out as string;
    const bytes = await io.readFile(modelPath);
    if (format === 'esm') {
      let code: string;
      try {
        code = exportModule(bytes, { name: moduleName(out) }).code;
      } catch (e) {
        throw new CliError(`${modelPath}: ${(e as Error).message.replace(/^exportModule: /, '')}`);
      }
      await writeBytes(out, new TextEncoder().encode(code));
      io.stderr(`mlpad: wrote ${out} (${(code.length / 1024).toFixed(1)} KiB), a standalone ES module: import { predict, predictBatch, metadata } from it\n`);
      return 0;
    }
    let artifact;
    try {
      artifact = await sagemakerArtifact(bytes);
    } catch (e) {
      throw new CliError(`${modelPath}: ${(e as Error).message.replace(/^sagemakerArtifact: /, '')}`);
    }
    await writeBytes(out, artifact.bytes);
    io.stderr(`mlpad: wrote ${out} (${artifact.bytes.length} bytes) holding xgboost-model for SageMaker's built-in XGBoost container\n`);
    return 0;
  },
};
