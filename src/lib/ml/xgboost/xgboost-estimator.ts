// XGBoost as an mlpad Estimator: SageMaker's hyperparameters, hist training, XGBoost JSON models.
// tree_method gpu_hist trains only through fitAsync (WebGPU is asynchronous): sync fit throws rather than
// silently falling back to the CPU, so a caller never believes it used the GPU when it did not.
import { requestComputeDevice } from '../gpu/device.ts';
import type { AsyncFitOptions, Estimator, PredictOptions } from '../estimator.ts';
import { validateFeatureMatrix } from '../matrix.ts';
import type { XGBoostModel } from './model.ts';
import { outputGroups } from './model.ts';
import { fromXGBoostJSON, toXGBoostJSON } from './model-json.ts';
import { XGBOOST_SCHEMA, resolveXGBoostParams, type XGBoostParams } from './params.ts';
import { predictXGBoost } from './predict.ts';
import { trainXGBoost } from './train.ts';
import { trainXGBoostAsync } from './train-async.ts';

async function fitAsync(data: Parameters<typeof trainXGBoost>[0], params: XGBoostParams, options: AsyncFitOptions = {}): Promise<XGBoostModel> {
  const { gpu, ...fitOptions } = options;
  if (params.tree_method !== 'gpu_hist') return trainXGBoostAsync(data, params, fitOptions, null);
  if (gpu) return trainXGBoostAsync(data, params, fitOptions, { device: gpu });
  const got = await requestComputeDevice();
  if (!got.device) throw new Error(`tree_method gpu_hist needs WebGPU: ${got.reason} Set tree_method to hist to train on the CPU.`);
  try {
    return await trainXGBoostAsync(data, params, fitOptions, { device: got.device });
  } finally {
    got.device.destroy();
  }
}

export const xgboostEstimator: Estimator<XGBoostParams, XGBoostModel> = {
  name: 'xgboost',
  description: 'Gradient-boosted trees, compatible with XGBoost 1.7 (hist): same hyperparameters, same model file.',
  schema: XGBOOST_SCHEMA,
  resolve: resolveXGBoostParams,
  fit: (data, params, options) => trainXGBoost(data, params, options),
  fitAsync,
  predict(model, features, options: PredictOptions = {}) {
    validateFeatureMatrix(features, 'features');
    return predictXGBoost(model, features, options);
  },
  outputsPerRow(model, options: PredictOptions = {}) {
    if (options.outputMargin) return outputGroups(model);
    return model.objective === 'multi:softprob' ? model.numClass : 1;
  },
  serialize: (model) => new TextEncoder().encode(toXGBoostJSON(model)),
  deserialize: (bytes) => fromXGBoostJSON(bytes),
};
