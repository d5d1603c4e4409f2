// Predictions from neighbours: a classifier takes the majority vote of the k nearest labels (ties go to the
// smallest class index, as scikit-learn's mode does) and reports vote fractions as probabilities; a
// regressor averages the neighbours' targets.
import type { Inference } from '../estimator.ts';
import { firstMissing, rowMajor, validateFeatureMatrix, type FeatureMatrix } from '../matrix.ts';
import { project } from './dimension-reduction.ts';
import { exactIndex } from './exact-nearness.ts';
import type { KnnModel } from './knn-model.ts';
import { searchNeighbours } from './search-neighbours.ts';

/** Majority vote and vote fractions (nQueries × classes, row-major) of k neighbours per query. */
export function vote(indices: Int32Array, nQueries: number, k: number, labels: Float32Array, classes: number): { predictedLabel: Int32Array; fractions: Float32Array } {
  const predictedLabel = new Int32Array(nQueries);
  const fractions = new Float32Array(nQueries * classes);
  const counts = new Int32Array(classes);
  for (let q = 0; q < nQueries; q++) {
    counts.fill(0);
    for (let r = 0; r < k; r++) counts[labels[indices[q * k + r]]]++;
    let best = 0;
    for (let c = 1; c < classes; c++) if (counts[c] > counts[best]) best = c;
    predictedLabel[q] = best;
    for (let c = 0; c < classes; c++) fractions[q * classes + c] = counts[c] / k;
  }
  return { predictedLabel, fractions };
}

/** Mean target of k neighbours per query (summed in float64). */
export function average(indices: Int32Array, nQueries: number, k: number, labels: Float32Array): Float32Array {
  const out = new Float32Array(nQueries);
  for (let q = 0; q < nQueries; q++) {
    let s = 0;
    for (let r = 0; r < k; r++) s += labels[indices[q * k + r]];
    out[q] = s / k;
  }
  return out;
}

/** Checks `x` has `featureDim` features and no missing or infinite cell; returns its rows, row-major. */
export function checkedRows(x: FeatureMatrix, featureDim: number, what: string): Float32Array {
  validateFeatureMatrix(x, what);
  if (x.nCols !== featureDim) {
    throw new RangeError(`${what} has ${x.nCols} feature columns but the knn model reads ${featureDim}`);
  }
  const missing = firstMissing(x);
  if (missing) {
    throw new RangeError(`${what} has a missing value in column ${missing.column} (row ${missing.row}); knn needs complete rows (fill them, e.g. with the training means)`);
  }
  const values = rowMajor(x);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${what} has ${values[i]} in column ${i % x.nCols} (row ${Math.floor(i / x.nCols)}); knn needs finite values`);
    }
  }
  return values;
}

/** The k nearest index rows of each row of `x` (projected as the index was). */
export async function neighboursOf(model: KnnModel, x: FeatureMatrix, what = 'features') {
  const raw = checkedRows(x, model.featureDim, what);
  const queries = model.reduction ? project(model.reduction, raw, x.nRows) : raw;
  const index = exactIndex(model.rows, model.nRows, model.dim, model.metric);
  return searchNeighbours(index, queries, x.nRows, model.k, model.batchSize);
}

/** The model's SageMaker-style outputs for `x`: predicted_label and probabilities, or score. */
export async function inferKnn(model: KnnModel, x: FeatureMatrix, what = 'features'): Promise<Inference> {
  const { indices } = await neighboursOf(model, x, what);
  const n = x.nRows;
  if (model.predictorType === 'regressor') return { kind: 'regression', score: average(indices, n, model.k, model.labels) };
  const { predictedLabel, fractions } = vote(indices, n, model.k, model.labels, model.classes);
  if (model.classes === 2) {
    const positive = new Float32Array(n);
    for (let i = 0; i < n; i++) positive[i] = fractions[i * 2 + 1];
    return { kind: 'classification', predictedLabel, probabilities: positive, classes: 2 };
  }
  return { kind: 'classification', predictedLabel, probabilities: fractions, classes: model.classes };
}
