// The trained PCA model and its file, "mlpad pca JSON v1". The fields follow SageMaker's PCA model
// (mean, v, s) under readable names: mean, components (k × d, like scikit-learn's components_),
// singular_values, explained_variance and explained_variance_ratio.
import { floatsField, floatsToJson, ModelFileError, numberField, readModelFile, writeModelFile } from '../model-file.ts';
import type { ColumnMoments } from './moments.ts';
import type { PcaSolution } from './solution.ts';

export const PCA_FILE_VERSION = 1;

export interface PcaModel {
  /** Feature columns the model reads. */
  nCols: number;
  /** Components kept. */
  k: number;
  /** Training column means (subtracted before projecting when `subtractMean`). */
  mean: Float32Array;
  /** k × nCols row-major unit components, largest variance first. */
  components: Float32Array;
  /** √(vᵀ M v) per component for the decomposed scatter M (SageMaker's "s"). */
  singularValues: number[];
  /** Variance of each projection column on the training data (denominator: rows − 1). */
  explainedVariance: number[];
  /** explainedVariance over the training data's total variance (the sum of column variances). */
  explainedVarianceRatio: number[];
  subtractMean: boolean;
  algorithmMode: 'regular' | 'randomized';
  /** String attributes stored with the model (the feature encoding). */
  attributes: Record<string, string>;
}

/** The model of `solution` for data with `moments`. A constant data set explains ratio 0 per component. */
export function buildModel(solution: PcaSolution, moments: ColumnMoments, subtractMean: boolean, algorithmMode: PcaModel['algorithmMode']): PcaModel {
  let total = 0;
  for (const s of moments.sumSquares) total += s;
  const dof = moments.weight > 1 ? moments.weight - 1 : moments.weight;
  const centred = Array.from(solution.centred);
  return {
    nCols: solution.d,
    k: solution.k,
    mean: Float32Array.from(moments.mean),
    components: Float32Array.from(solution.components),
    singularValues: Array.from(solution.decomposed, Math.sqrt),
    explainedVariance: centred.map((c) => c / dof),
    explainedVarianceRatio: centred.map((c) => (total > 0 ? c / total : 0)),
    subtractMean,
    algorithmMode,
    attributes: {},
  };
}

export function serializePca(model: PcaModel, attributes: Record<string, string> = model.attributes): Uint8Array {
  return writeModelFile('pca', PCA_FILE_VERSION, {
    num_components: model.k,
    feature_dim: model.nCols,
    subtract_mean: model.subtractMean,
    algorithm_mode: model.algorithmMode,
    mean: floatsToJson(model.mean),
    components: floatsToJson(model.components),
    singular_values: model.singularValues,
    explained_variance: model.explainedVariance,
    explained_variance_ratio: model.explainedVarianceRatio,
  }, attributes);
}

function numbers(body: Record<string, unknown>, key: string, length: number): number[] {
  const v = body[key];
  if (!Array.isArray(v) || v.length !== length || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new ModelFileError(`the pca model file's model.${key} must hold ${length} finite numbers`);
  }
  return v as number[];
}

export function deserializePca(bytes: Uint8Array | string): PcaModel {
  const file = readModelFile(bytes, 'pca', PCA_FILE_VERSION);
  const body = file.model as Record<string, unknown>;
  const k = numberField(body, 'num_components', 'pca');
  const nCols = numberField(body, 'feature_dim', 'pca');
  if (!Number.isInteger(nCols) || nCols < 1 || !Number.isInteger(k) || k < 1 || k > nCols) {
    throw new ModelFileError(`the pca model file's model.num_components must be an integer in [1, feature_dim]; got ${k} with feature_dim ${nCols}`);
  }
  if (typeof body.subtract_mean !== 'boolean') throw new ModelFileError("the pca model file's model.subtract_mean must be true or false");
  const mode = body.algorithm_mode;
  if (mode !== 'regular' && mode !== 'randomized') throw new ModelFileError("the pca model file's model.algorithm_mode must be regular or randomized");
  const mean = floatsField(body, 'mean', 'pca', nCols);
  const components = floatsField(body, 'components', 'pca', k * nCols);
  if (mean.some((x) => !Number.isFinite(x)) || components.some((x) => !Number.isFinite(x))) {
    throw new ModelFileError("the pca model file's model.mean and model.components must hold finite numbers");
  }
  return {
    nCols,
    k,
    mean,
    components,
    singularValues: numbers(body, 'singular_values', k),
    explainedVariance: numbers(body, 'explained_variance', k),
    explainedVarianceRatio: numbers(body, 'explained_variance_ratio', k),
    subtractMean: body.subtract_mean,
    algorithmMode: mode,
    attributes: { ...file.attributes },
  };
}
