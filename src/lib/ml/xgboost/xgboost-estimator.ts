// XGBoost as an mlpad Estimator: SageMaker's hyperparameters, hist training, XGBoost JSON models.
import type { Estimator, PredictOptions } from '../estimator.ts';
import { validateFeatureMatrix } from '../matrix.ts';
import type { XGBoostModel } from './model.ts';
import { outputGroups } from './model.ts';
import { fromXGBoostJSON, toXGBoostJSON } from './model-json.ts';
import { XGBOOST_SCHEMA, resolveXGBoostParams, type XGBoostParams } from './params.ts';
import { predictXGBoost } from './predict.ts';
import { trainXGBoost } from './train.ts';

export const xgboostEstimator: Estimator<XGBoostParams, XGBoostModel> = {
  name: 'xgboost',
  description: 'Gradient-boosted trees, compatible with XGBoost 1.7 (hist): same hyperparameters, same model file.',
  schema: XGBOOST_SCHEMA,
  resolve: resolveXGBoostParams,
  fit: (data, params, options) => trainXGBoost(data, params, options),
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
