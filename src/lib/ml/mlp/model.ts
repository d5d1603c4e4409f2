// A trained multilayer perceptron as plain typed arrays (no live tensors), so a model outlives the
// TensorFlow.js backend that trained it and serialises without one.
import type { Activation, PredictorType } from './params.ts';

/** Batch-normalisation parameters of one hidden layer (inference uses the moving statistics). */
export interface BatchNormParams {
  gamma: Float32Array;
  beta: Float32Array;
  movingMean: Float32Array;
  movingVariance: Float32Array;
}

/** One affine layer: `y = x · weights + bias`, weights nIn × nOut row-major. */
export interface DenseLayer {
  nIn: number;
  nOut: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Present on hidden layers of a batch_norm network. */
  batchNorm?: BatchNormParams;
}

/** Batch-normalisation variance epsilon (PyTorch's default). */
export const BATCH_NORM_EPSILON = 1e-5;

export interface MlpModel {
  predictorType: PredictorType;
  /** Classes of a classifier (2 for binary); 1 for a regressor. */
  classes: number;
  /** Activation of the hidden layers. */
  activation: Activation;
  /** Hidden layers then the output layer (1 unit for binary and regression, `classes` for multiclass). */
  layers: DenseLayer[];
  /** Feature standardisation `(x − mean) / scale`; null when normalize_data was false. */
  featureMean: Float32Array | null;
  featureScale: Float32Array | null;
  /** Regressor label standardisation: prediction = output · labelScale + labelMean (0 and 1 when off). */
  labelMean: number;
  labelScale: number;
  /** String attributes stored with the model (the feature encoding). */
  attributes: Record<string, string>;
}

/** Number of features the model reads. */
export function mlpFeatureCount(model: MlpModel): number {
  return model.layers[0].nIn;
}

/** Units of the output layer for a predictor type and class count. */
export function outputUnits(predictorType: PredictorType, classes: number): number {
  return predictorType === 'multiclass_classifier' ? classes : 1;
}
