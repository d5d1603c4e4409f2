// A k-NN model is its index: the (sampled, projected) training rows in float32 with their labels, plus the
// projection that queries go through. The model file therefore contains the training rows themselves — a
// copy of the data, not a summary of it — as SageMaker's k-NN model artifact does.
import { ModelFileError, floatsField, floatsToJson, numberField, readModelFile, writeModelFile } from '../model-file.ts';
import type { Reduction } from './dimension-reduction.ts';
import type { IndexMetric, PredictorType } from './knn-params.ts';

export const KNN_NAME = 'knn';
const VERSION = 1;

/** A fitted k-NN index. */
export interface KnnModel {
  predictorType: PredictorType;
  k: number;
  metric: IndexMetric;
  /** Features the model reads (before any projection). */
  featureDim: number;
  /** Classes (classifier); 0 for a regressor. */
  classes: number;
  /** Index rows, nRows × dim row-major, in the projected space when `reduction` is set. */
  rows: Float32Array;
  nRows: number;
  /** Dimensions of an index row: featureDim, or the reduction's target. */
  dim: number;
  /** One label per index row: a class index (classifier) or a value (regressor). */
  labels: Float32Array;
  reduction: Reduction | null;
  /** Queries per search batch (mini_batch_size). */
  batchSize: number;
  attributes: Record<string, string>;
}

function reductionToJson(r: Reduction | null): unknown {
  if (r === null) return null;
  if (r.type === 'sign') return { type: 'sign', target: r.target, input_dim: r.inputDim, signs: Array.from(r.signs) };
  return { type: 'fjlt', target: r.target, input_dim: r.inputDim, padded: r.padded, flips: Array.from(r.flips), coordinates: Array.from(r.coordinates) };
}

/** Serializes `model` as an mlpad model file (JSON); `attributes` are stored beside the model's own. */
export function writeKnnModel(model: KnnModel, attributes: Record<string, string> = {}): Uint8Array {
  const body = {
    predictor_type: model.predictorType,
    k: model.k,
    index_metric: model.metric,
    feature_dim: model.featureDim,
    classes: model.classes,
    n_rows: model.nRows,
    dim: model.dim,
    mini_batch_size: model.batchSize,
    dimension_reduction: reductionToJson(model.reduction),
    rows: floatsToJson(model.rows),
    labels: floatsToJson(model.labels),
  };
  return writeModelFile(KNN_NAME, VERSION, body, { ...model.attributes, ...attributes });
}

function fail(what: string): never {
  throw new ModelFileError(`the ${KNN_NAME} model file's ${what}`);
}

function count(body: Record<string, unknown>, key: string, min: number): number {
  const v = numberField(body, key, KNN_NAME);
  if (!Number.isInteger(v) || v < min) fail(`model.${key} must be an integer ≥ ${min}`);
  return v;
}

function signs(v: unknown, length: number, key: string): Int8Array {
  if (!Array.isArray(v) || v.length !== length || v.some((x) => x !== 1 && x !== -1)) fail(`model.dimension_reduction.${key} must hold ${length} values of 1 or -1`);
  return Int8Array.from(v as number[]);
}

function readReduction(v: unknown, featureDim: number, dim: number): Reduction | null {
  if (v === null || v === undefined) {
    if (dim !== featureDim) fail(`model.dim is ${dim} but there is no dimension_reduction from ${featureDim} features`);
    return null;
  }
  if (typeof v !== 'object') fail('model.dimension_reduction must be an object or null');
  const r = v as Record<string, unknown>;
  const target = count(r, 'target', 1);
  const inputDim = count(r, 'input_dim', 1);
  if (target !== dim || inputDim !== featureDim) fail(`model.dimension_reduction must map ${featureDim} features to ${dim}`);
  if (r.type === 'sign') return { type: 'sign', target, inputDim, signs: signs(r.signs, inputDim * target, 'signs') };
  if (r.type !== 'fjlt') fail('model.dimension_reduction.type must be "sign" or "fjlt"');
  const padded = count(r, 'padded', inputDim);
  const c = r.coordinates;
  if (!Array.isArray(c) || c.length !== target || c.some((x) => !Number.isInteger(x) || x < 0 || x >= padded)) {
    fail(`model.dimension_reduction.coordinates must hold ${target} integers in [0, ${padded})`);
  }
  return { type: 'fjlt', target, inputDim, padded, flips: signs(r.flips, inputDim, 'flips'), coordinates: Int32Array.from(c as number[]) };
}

/** Reads what writeKnnModel wrote; throws ModelFileError naming the field that is wrong. */
export function readKnnModel(bytes: Uint8Array | string): KnnModel {
  const file = readModelFile(bytes, KNN_NAME, VERSION);
  const b = file.model as Record<string, unknown>;
  const predictorType = b.predictor_type;
  if (predictorType !== 'classifier' && predictorType !== 'regressor') fail('model.predictor_type must be "classifier" or "regressor"');
  const metric = b.index_metric;
  if (metric !== 'L2' && metric !== 'INNER_PRODUCT' && metric !== 'COSINE') fail('model.index_metric must be "L2", "INNER_PRODUCT" or "COSINE"');
  const nRows = count(b, 'n_rows', 1);
  const k = count(b, 'k', 1);
  if (k > nRows) fail(`model.k must be at most model.n_rows (${nRows})`);
  const featureDim = count(b, 'feature_dim', 1);
  const dim = count(b, 'dim', 1);
  const classes = count(b, 'classes', 0);
  const labels = floatsField(b, 'labels', KNN_NAME, nRows);
  if (predictorType === 'classifier' && labels.some((y) => !Number.isInteger(y) || y < 0 || y >= classes)) {
    fail(`model.labels must be class indices in [0, ${classes - 1}]`);
  }
  return {
    predictorType, k, metric, featureDim, classes, nRows, dim, labels,
    rows: floatsField(b, 'rows', KNN_NAME, nRows * dim),
    reduction: readReduction(b.dimension_reduction, featureDim, dim),
    batchSize: count(b, 'mini_batch_size', 1),
    attributes: { ...file.attributes },
  };
}
