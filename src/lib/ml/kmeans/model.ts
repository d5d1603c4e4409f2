// A trained k-means model and its file: mlpad's envelope around { k, feature_dim, centres, feature_names }.
import { ModelFileError, floatsField, floatsToJson, numberField, readModelFile, writeModelFile } from '../model-file.ts';

export const KMEANS_FILE_VERSION = 1;

/** k centres in the model's feature space. */
export interface KMeansModel {
  k: number;
  /** Features per row. */
  d: number;
  /** k × d, row-major. */
  centres: Float32Array;
  /** Column names of the training features; defaults to none. */
  featureNames?: string[];
  /** String attributes stored with the model (the feature encoding); defaults to {}. */
  attributes: Record<string, string>;
}

/** The model as mlpad kmeans JSON v1, with the model's attributes overlaid by `attributes`. */
export function writeKMeansModel(model: KMeansModel, attributes?: Record<string, string>): Uint8Array {
  const body: Record<string, unknown> = { k: model.k, feature_dim: model.d, centres: floatsToJson(model.centres) };
  if (model.featureNames) body.feature_names = model.featureNames;
  return writeModelFile('kmeans', KMEANS_FILE_VERSION, body, { ...model.attributes, ...attributes });
}

/** Reads what writeKMeansModel wrote; throws ModelFileError naming what is wrong. */
export function readKMeansModel(bytes: Uint8Array | string): KMeansModel {
  const file = readModelFile(bytes, 'kmeans', KMEANS_FILE_VERSION);
  const body = file.model as Record<string, unknown>;
  const k = numberField(body, 'k', 'kmeans');
  const d = numberField(body, 'feature_dim', 'kmeans');
  if (!Number.isInteger(k) || k < 1) throw new ModelFileError(`the kmeans model file's model.k must be a positive integer; got ${k}`);
  if (!Number.isInteger(d) || d < 1) throw new ModelFileError(`the kmeans model file's model.feature_dim must be a positive integer; got ${d}`);
  const centres = floatsField(body, 'centres', 'kmeans', k * d);
  if (centres.some((v) => !Number.isFinite(v))) throw new ModelFileError('the kmeans model file\'s model.centres must be finite numbers');
  const names = body.feature_names;
  let featureNames: string[] | undefined;
  if (names !== undefined) {
    if (!Array.isArray(names) || names.length !== d || names.some((s) => typeof s !== 'string')) {
      throw new ModelFileError(`the kmeans model file's model.feature_names must be ${d} strings`);
    }
    featureNames = names as string[];
  }
  return { k, d, centres, featureNames, attributes: { ...file.attributes } };
}
