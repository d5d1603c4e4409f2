// --model for the commands that explain or monitor a model: the file read as Clarify reads models, with
// TensorFlow.js started for the algorithms that compute on it; a file that is not a model is one line naming it.
import { loadModel, type LoadedModel } from '../lib/clarify/loaded-model.ts';
import { initTrainingBackend } from '../lib/compute/training-backend.ts';
import { CliError } from './errors.ts';
import type { CliIO } from './io.ts';

/** The model at `path`, ready to infer. */
export async function readModel(io: CliIO, path: string): Promise<LoadedModel> {
  let m: LoadedModel;
  try {
    m = await loadModel(await io.readFile(path), path);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  if (m.estimator.compute === 'tfjs') await initTrainingBackend('auto', { allowed: m.estimator.tfBackends });
  return m;
}
