// linear-learner's model file: the mlpad envelope around the kept model's scaling, weights and threshold.
// Floats are written so that they read back bit-identically, so a reloaded model predicts the same.
import { ModelFileError, floatsField, floatsToJson, numberField, readModelFile, writeModelFile } from '../model-file.ts';
import type { LinearLearnerModel } from './model.ts';
import type { LossName, PredictorType } from './params.ts';
import { LOSSES_FOR, PREDICTOR_TYPES } from './schema.ts';

export const LINEAR_LEARNER_FILE_VERSION = 1;
const NAME = 'linear-learner';

export function writeLinearLearnerModel(model: LinearLearnerModel, attributes: Record<string, string> = model.attributes): Uint8Array {
  const body = {
    predictor_type: model.predictorType,
    loss: model.loss,
    n_cols: model.nCols,
    outputs: model.outputs,
    feature_shift: floatsToJson(model.featureShift),
    feature_scale: floatsToJson(model.featureScale),
    weights: floatsToJson(model.weights),
    bias: floatsToJson(model.bias),
    label_shift: model.labelShift,
    label_scale: model.labelScale,
    threshold: model.threshold,
    kept: model.kept,
  };
  return writeModelFile(NAME, LINEAR_LEARNER_FILE_VERSION, body, attributes);
}

export function readLinearLearnerModel(bytes: Uint8Array | string): LinearLearnerModel {
  const file = readModelFile(bytes, NAME, LINEAR_LEARNER_FILE_VERSION);
  const b = file.model as Record<string, unknown>;
  const predictorType = b.predictor_type as PredictorType;
  if (!PREDICTOR_TYPES.includes(predictorType)) throw new ModelFileError(`the ${NAME} model file's model.predictor_type must be one of ${PREDICTOR_TYPES.join(', ')}`);
  const losses: readonly string[] = LOSSES_FOR[predictorType];
  if (!losses.includes(b.loss as string)) throw new ModelFileError(`the ${NAME} model file's model.loss must be one of ${losses.join(', ')}`);
  const nCols = numberField(b, 'n_cols', NAME);
  const outputs = numberField(b, 'outputs', NAME);
  if (!Number.isInteger(nCols) || nCols < 1 || !Number.isInteger(outputs) || outputs < 1) {
    throw new ModelFileError(`the ${NAME} model file's model.n_cols and model.outputs must be positive integers`);
  }
  const k = b.kept as Record<string, unknown> | undefined;
  if (typeof k !== 'object' || k === null) throw new ModelFileError(`the ${NAME} model file has no model.kept object`);
  return {
    predictorType,
    loss: b.loss as LossName,
    nCols,
    outputs,
    featureShift: floatsField(b, 'feature_shift', NAME, nCols),
    featureScale: floatsField(b, 'feature_scale', NAME, nCols),
    weights: floatsField(b, 'weights', NAME, nCols * outputs),
    bias: floatsField(b, 'bias', NAME, outputs),
    labelShift: numberField(b, 'label_shift', NAME),
    labelScale: numberField(b, 'label_scale', NAME),
    threshold: numberField(b, 'threshold', NAME),
    kept: {
      index: numberField(k, 'index', NAME),
      learningRate: numberField(k, 'learningRate', NAME),
      wd: numberField(k, 'wd', NAME),
      l1: numberField(k, 'l1', NAME),
      positiveWeight: numberField(k, 'positiveWeight', NAME),
    },
    attributes: { ...file.attributes },
  };
}
