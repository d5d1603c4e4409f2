// Which fields each algorithm's SageMaker container answers with, and its default Accept. This mirrors
// SageMaker's per-algorithm response pages (the containers differ: XGBoost answers `score` only and
// text/csv by default; k-NN answers `predicted_label` only), so the table is keyed by the registry name.
import type { EstimatorKind, Task } from '../ml/estimator.ts';
import type { PredictionRecord, ResponseContentType } from './types.ts';

/** Supervised algorithms whose container answers the score alone (XGBoost: probability, class probabilities or value). */
const SCORE_ONLY = new Set(['xgboost']);
/** Supervised algorithms whose container answers predicted_label alone (k-NN: the class, or the value for regression). */
const LABEL_ONLY = new Set(['knn']);
/** Algorithms whose container answers text/csv when the request names no Accept. */
const CSV_BY_DEFAULT = new Set(['xgboost']);

/** The fields of each PredictionRecord of a model. */
export function responseFields(algorithm: string, kind: EstimatorKind, task: Task | undefined): (keyof PredictionRecord)[] {
  switch (kind) {
    case 'clustering': return ['closest_cluster', 'distance_to_cluster'];
    case 'decomposition': return ['projection'];
    case 'anomaly': return ['score'];
    case 'supervised':
      if (SCORE_ONLY.has(algorithm)) return ['score'];
      if (LABEL_ONLY.has(algorithm)) return ['predicted_label'];
      return task === 'regression' ? ['score'] : ['score', 'predicted_label'];
  }
}

/** The Accept a model's container uses when a request names none. */
export function responseDefaultAccept(algorithm: string): ResponseContentType {
  return CSV_BY_DEFAULT.has(algorithm) ? 'text/csv' : 'application/json';
}

/** The top-level key of a JSON response: `projections` (pca), `scores` (randomcutforest), else `predictions`. */
export function responseListKey(kind: EstimatorKind): string {
  return kind === 'decomposition' ? 'projections' : kind === 'anomaly' ? 'scores' : 'predictions';
}
