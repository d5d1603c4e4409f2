// SageMaker's hosting artifact for an XGBoost model: model.tar.gz holding one file, `xgboost-model`, which
// SageMaker's built-in XGBoost container loads (sagemaker-xgboost-container, algorithm_mode/serve_utils.py
// get_loaded_booster: it tries pickle.load, then xgb.Booster().load_model(path); XGBoost 1.x reads a file
// whose first byte is '{' as JSON whatever its name). The container predicts with the Booster's
// best_ntree_limit, which mlpad writes after early stopping, so it uses the same trees as mlpad. Requests
// to it carry the model's features (metadata features: after mlpad's encoding), not raw columns.
import { detectAlgorithm, ModelFileError } from '../ml/model-file.ts';
import { getAlgorithm } from '../ml/registry.ts';
import { gzip, tar } from './tar.ts';

/** Options of sagemakerArtifact. */
export interface SagemakerArtifactOptions {
  /** Modification time stored in the archive; defaults to now. */
  mtime?: Date;
}

/** The artifact: model.tar.gz bytes to upload to S3 as the model's ModelDataUrl. */
export interface SagemakerArtifact {
  bytes: Uint8Array;
  fileName: 'model.tar.gz';
}

/** The file name SageMaker's XGBoost container looks for in /opt/ml/model. */
export const XGBOOST_MODEL_FILE = 'xgboost-model';

function fail(message: string): never {
  throw new Error(`sagemakerArtifact: ${message}`);
}

/** model.tar.gz for SageMaker's built-in XGBoost container, from an XGBoost model file (mlpad's or native XGBoost JSON). */
export async function sagemakerArtifact(modelBytes: Uint8Array, options: SagemakerArtifactOptions = {}): Promise<SagemakerArtifact> {
  if (!(modelBytes instanceof Uint8Array)) fail(`modelBytes must be a Uint8Array holding an XGBoost model file; got ${modelBytes === null ? 'null' : typeof modelBytes}`);
  if (modelBytes.length === 0) fail('modelBytes is empty; give the bytes of an XGBoost model file');
  const mtime = options.mtime ?? new Date();
  if (!(mtime instanceof Date) || Number.isNaN(mtime.getTime())) fail('options.mtime must be a valid Date');
  let algorithm: string;
  try { algorithm = detectAlgorithm(modelBytes); } catch (e) { fail((e as Error).message); }
  if (algorithm !== 'xgboost') {
    const why = algorithm === 'mlp' ? 'SageMaker has no built-in mlp container' : `SageMaker's built-in ${algorithm} container loads a different format (its own MXNet-based artifact), not an mlpad model file`;
    fail(`the model is a ${algorithm} model: ${why}, so model.tar.gz is made for XGBoost models only. Export it as an ES module instead (mlpad export --format esm)`);
  }
  try {
    getAlgorithm('xgboost').deserialize(modelBytes);
  } catch (e) {
    fail(e instanceof ModelFileError || e instanceof Error ? e.message : String(e));
  }
  // XGBoost detects JSON by the first byte: drop a byte-order mark or leading white space.
  let start = 0;
  if (modelBytes[0] === 0xef && modelBytes[1] === 0xbb && modelBytes[2] === 0xbf) start = 3;
  while (start < modelBytes.length && (modelBytes[start] === 0x20 || modelBytes[start] === 0x0a || modelBytes[start] === 0x0d || modelBytes[start] === 0x09)) start++;
  const data = modelBytes.subarray(start);
  return { bytes: await gzip(tar([{ name: XGBOOST_MODEL_FILE, data, mode: 0o644, mtime }])), fileName: 'model.tar.gz' };
}
