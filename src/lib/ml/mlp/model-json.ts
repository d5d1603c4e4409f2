// The mlp model file: the mlpad envelope around layer shapes, activation, float32 weights (shortest
// round-trip decimals) and the standardisation statistics, so a read-back model predicts identically.
import { floatsField, floatsToJson, ModelFileError, numberField, readModelFile, writeModelFile } from '../model-file.ts';
import type { DenseLayer, MlpModel } from './model.ts';
import type { Activation, PredictorType } from './params.ts';

const NAME = 'mlp';
const VERSION = 1;
const PREDICTOR_TYPES: readonly PredictorType[] = ['binary_classifier', 'multiclass_classifier', 'regressor'];
const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'logistic', 'identity'];

/** The model as file bytes; `attributes` (default: the model's own) travel in the envelope. */
export function writeMlpModel(model: MlpModel, attributes: Record<string, string> = model.attributes): Uint8Array {
  const body = {
    predictor_type: model.predictorType,
    classes: model.classes,
    activation: model.activation,
    layers: model.layers.map((l) => ({
      n_in: l.nIn, n_out: l.nOut, weights: floatsToJson(l.weights), bias: floatsToJson(l.bias),
      ...(l.batchNorm ? { batch_norm: {
        gamma: floatsToJson(l.batchNorm.gamma), beta: floatsToJson(l.batchNorm.beta),
        moving_mean: floatsToJson(l.batchNorm.movingMean), moving_variance: floatsToJson(l.batchNorm.movingVariance),
      } } : {}),
    })),
    feature_mean: model.featureMean ? floatsToJson(model.featureMean) : null,
    feature_scale: model.featureScale ? floatsToJson(model.featureScale) : null,
    label_mean: model.labelMean,
    label_scale: model.labelScale,
  };
  return writeModelFile(NAME, VERSION, body, attributes);
}

function fail(what: string): never {
  throw new ModelFileError(`the ${NAME} model file's ${what}`);
}

function readLayer(raw: unknown, k: number, nIn: number): DenseLayer {
  if (typeof raw !== 'object' || raw === null) fail(`model.layers[${k}] must be an object`);
  const l = raw as Record<string, unknown>;
  const nOut = numberField(l, 'n_out', NAME);
  if (numberField(l, 'n_in', NAME) !== nIn) fail(`model.layers[${k}].n_in must be ${nIn} (the previous layer's units)`);
  if (!Number.isInteger(nOut) || nOut < 1) fail(`model.layers[${k}].n_out must be a positive integer`);
  const layer: DenseLayer = { nIn, nOut, weights: floatsField(l, 'weights', NAME, nIn * nOut), bias: floatsField(l, 'bias', NAME, nOut) };
  if (l.batch_norm !== undefined) {
    if (typeof l.batch_norm !== 'object' || l.batch_norm === null) fail(`model.layers[${k}].batch_norm must be an object`);
    const b = l.batch_norm as Record<string, unknown>;
    layer.batchNorm = {
      gamma: floatsField(b, 'gamma', NAME, nOut), beta: floatsField(b, 'beta', NAME, nOut),
      movingMean: floatsField(b, 'moving_mean', NAME, nOut), movingVariance: floatsField(b, 'moving_variance', NAME, nOut),
    };
  }
  return layer;
}

/** Reads what writeMlpModel wrote; throws ModelFileError naming the field that is wrong. */
export function readMlpModel(bytes: Uint8Array | string): MlpModel {
  const file = readModelFile(bytes, NAME, VERSION);
  const body = file.model as Record<string, unknown>;
  const predictorType = body.predictor_type as PredictorType;
  if (!PREDICTOR_TYPES.includes(predictorType)) fail(`model.predictor_type must be one of ${PREDICTOR_TYPES.join(', ')}`);
  const activation = body.activation as Activation;
  if (!ACTIVATIONS.includes(activation)) fail(`model.activation must be one of ${ACTIVATIONS.join(', ')}`);
  const classes = numberField(body, 'classes', NAME);
  const wantClasses = predictorType === 'binary_classifier' ? 2 : predictorType === 'regressor' ? 1 : undefined;
  if (!Number.isInteger(classes) || (wantClasses !== undefined ? classes !== wantClasses : classes < 2)) {
    fail(`model.classes must be ${wantClasses ?? 'an integer ≥ 2'} for a ${predictorType}`);
  }
  if (!Array.isArray(body.layers) || body.layers.length === 0) fail('model.layers must be a non-empty array');
  const featureMean = body.feature_mean === null ? null : floatsField(body, 'feature_mean', NAME);
  const nIn = featureMean?.length ?? numberField((body.layers[0] ?? {}) as Record<string, unknown>, 'n_in', NAME);
  const featureScale = body.feature_scale === null ? null : floatsField(body, 'feature_scale', NAME, nIn);
  if ((featureMean === null) !== (featureScale === null)) fail('model.feature_mean and model.feature_scale must both be arrays or both null');
  const layers: DenseLayer[] = [];
  let width = nIn;
  (body.layers as unknown[]).forEach((raw, k) => {
    const layer = readLayer(raw, k, width);
    layers.push(layer);
    width = layer.nOut;
  });
  const expected = predictorType === 'multiclass_classifier' ? classes : 1;
  if (width !== expected) fail(`output layer must have ${expected} units for a ${predictorType}; it has ${width}`);
  return {
    predictorType, classes, activation, layers, featureMean, featureScale,
    labelMean: numberField(body, 'label_mean', NAME), labelScale: numberField(body, 'label_scale', NAME),
    attributes: { ...file.attributes },
  };
}
