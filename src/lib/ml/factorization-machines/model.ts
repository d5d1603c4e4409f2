// A trained factorization machine, ŷ = w0 + Σ wᵢxᵢ + Σ_{i<j} ⟨vᵢ, vⱼ⟩ xᵢxⱼ, and its file body. The model
// holds plain arrays (no tensors), so it outlives any TensorFlow.js backend and needs no disposing.
import { floatsField, floatsToJson, ModelFileError, numberField } from '../model-file.ts';
import type { PredictorType } from './params.ts';

export const FM_NAME = 'factorization-machines';
export const FM_FILE_VERSION = 1;

export interface FmModel {
  predictorType: PredictorType;
  /** k, the length of each factor vector. */
  numFactors: number;
  /** Number of input features n. */
  nCols: number;
  /** w0. */
  bias: number;
  /** w, one weight per feature. */
  linear: Float32Array;
  /** V, n × k row-major: feature i's factor vector is factors[i·k .. i·k + k − 1]. */
  factors: Float32Array;
  /** Feature names seen in training; defaults to none. */
  featureNames?: string[];
  /** String attributes stored with the model (the feature encoding under `mlpad_encoding`). */
  attributes: Record<string, string>;
}

/** The parameters as one n × (k + 1) table, row i = [vᵢ, wᵢ], the layout training and prediction gather from. */
export function tableOf(model: FmModel): Float32Array {
  const { nCols: n, numFactors: k } = model;
  const table = new Float32Array(n * (k + 1));
  for (let i = 0; i < n; i++) {
    table.set(model.factors.subarray(i * k, i * k + k), i * (k + 1));
    table[i * (k + 1) + k] = model.linear[i];
  }
  return table;
}

/** Splits an n × (k + 1) table back into factors and linear weights. */
export function splitTable(table: Float32Array, n: number, k: number): { factors: Float32Array; linear: Float32Array } {
  const factors = new Float32Array(n * k);
  const linear = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    factors.set(table.subarray(i * (k + 1), i * (k + 1) + k), i * k);
    linear[i] = table[i * (k + 1) + k];
  }
  return { factors, linear };
}

/** The model file body (SageMaker's names where it has them). */
export function modelBody(model: FmModel): Record<string, unknown> {
  return {
    predictor_type: model.predictorType,
    num_factors: model.numFactors,
    feature_dim: model.nCols,
    bias: Math.fround(model.bias),
    linear: floatsToJson(model.linear),
    factors: floatsToJson(model.factors),
    ...(model.featureNames ? { feature_names: model.featureNames } : {}),
  };
}

/** Reads a body written by modelBody; throws ModelFileError naming the bad field. */
export function modelFromBody(body: Record<string, unknown>, attributes: Record<string, string>): FmModel {
  const predictorType = body.predictor_type;
  if (predictorType !== 'binary_classifier' && predictorType !== 'regressor') {
    throw new ModelFileError(`the ${FM_NAME} model file's model.predictor_type must be "binary_classifier" or "regressor"`);
  }
  const k = numberField(body, 'num_factors', FM_NAME);
  const n = numberField(body, 'feature_dim', FM_NAME);
  if (!Number.isInteger(k) || k < 1 || !Number.isInteger(n) || n < 1) {
    throw new ModelFileError(`the ${FM_NAME} model file's model.num_factors and model.feature_dim must be positive integers`);
  }
  const names = body.feature_names;
  if (names !== undefined && (!Array.isArray(names) || names.length !== n || names.some((s) => typeof s !== 'string'))) {
    throw new ModelFileError(`the ${FM_NAME} model file's model.feature_names must hold ${n} strings`);
  }
  const linear = floatsField(body, 'linear', FM_NAME, n);
  const factors = floatsField(body, 'factors', FM_NAME, n * k);
  if (linear.some((x) => !Number.isFinite(x)) || factors.some((x) => !Number.isFinite(x))) {
    throw new ModelFileError(`the ${FM_NAME} model file's model.linear and model.factors must hold finite numbers`);
  }
  return {
    predictorType, numFactors: k, nCols: n, bias: numberField(body, 'bias', FM_NAME), linear, factors,
    ...(names ? { featureNames: names as string[] } : {}), attributes,
  };
}
