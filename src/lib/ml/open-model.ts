// A model file (XGBoost JSON or an mlpad model) opened by the estimator its content names, with the column
// encoding mlpad saved inside it (absent for native XGBoost). Clarify, the Model Monitor and the deploy
// engine all open models through here, so a file that is not a model gets one message naming it.
import { detectAlgorithm } from './model-file.ts';
import { encodingFromAttributes } from './prepare/index.ts';
import type { FeatureEncoding } from './prepare/types.ts';
import { getAlgorithm, type AnyEstimator } from './registry.ts';

export interface OpenedModel {
  estimator: AnyEstimator;
  model: unknown;
  /** The encoding from raw columns to the model's features; absent for a model trained outside mlpad. */
  encoding?: FeatureEncoding;
}

/** Opens `bytes`; throws an Error whose message starts with `file` when they are not a model mlpad reads. */
export function openModel(bytes: Uint8Array, file = 'the model'): OpenedModel {
  try {
    const estimator = getAlgorithm(detectAlgorithm(bytes));
    const model: unknown = estimator.deserialize(bytes);
    return { estimator, model, encoding: encodingFromAttributes(estimator.attributes(model)) };
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}
