// A saved model made ready for Clarify: the estimator that reads it, its feature encoding, the columns an
// explanation speaks of, the outputs explained (one label per output), and the model as a batch function
// over rows of those columns (Kernel SHAP, PDP) with its outputs as Clarify explains them: the positive
// class's probability (binary), each class's probability (multiclass), the score (regression, anomaly).
import type { Table } from 'apache-arrow';
import type { FeatureMatrix, Inference } from '../ml/estimator.ts';
import { openModel } from '../ml/open-model.ts';
import type { FeatureEncoding } from '../ml/prepare/types.ts';
import type { AnyEstimator } from '../ml/registry.ts';
import { modelFeatures } from '../engine/model-features.ts';
import { explainSpace, spaceRows, spaceToFeatures, type ExplainSpace } from './explain-space.ts';
import type { BatchModel } from './shap/kernel-shap.ts';

export interface LoadedModel {
  estimator: AnyEstimator;
  model: unknown;
  encoding?: FeatureEncoding;
  space: ExplainSpace;
  /** One name per output explained: the positive class (binary), each class (multiclass), the target or "score". */
  labels: string[];
  /** Class labels in index order (classifiers); for binary, index 1 is the positive class. */
  classes?: string[];
  /** Whether the outputs are probabilities (use_logit applies). */
  probabilities: boolean;
}

/**
 * Reads a model file (XGBoost JSON or an mlpad model); throws naming `file` when it is not one. A model
 * without an mlpad encoding (native XGBoost) is asked once, on one row, what it outputs.
 */
export async function loadModel(bytes: Uint8Array, file = 'the model'): Promise<LoadedModel> {
  const { estimator, model, encoding } = openModel(bytes, file);
  const count = estimator.featureCount(model);
  const space = explainSpace(encoding, estimator.featureNames?.(model) ?? [], count);
  const task = encoding?.task;
  const classes = encoding?.classes;
  let labels: string[];
  let probabilities = false;
  if (estimator.kind === 'supervised' && task === 'binary' && classes) {
    labels = [classes[1]];
    probabilities = true;
  } else if (estimator.kind === 'supervised' && task === 'multiclass' && classes) {
    labels = [...classes];
    probabilities = true;
  } else {
    labels = [encoding?.target ?? 'score'];
  }
  if (!encoding && estimator.kind === 'supervised') {
    const probe = await estimator.infer(model, { features: new Float32Array(count), nRows: 1, nCols: count });
    if (probe.kind === 'classification') {
      probabilities = true;
      labels = probe.classes === 2 ? ['label0'] : Array.from({ length: probe.classes }, (_, k) => `label${k}`);
    }
  }
  return { estimator, model, encoding, space, labels, classes, probabilities };
}

/** The model's features and the explanation-space rows of `table`; throws ModelDataError naming missing columns. */
export function modelInputs(m: LoadedModel, table: Table, file = 'the data'): { x: FeatureMatrix; rows: Float32Array } {
  const x = modelFeatures(table, m.encoding, m.estimator.featureNames?.(m.model) ?? [], m.estimator.featureCount(m.model), file);
  return { x, rows: spaceRows(m.space, x) };
}

/** What Clarify explains of an inference: n × labels.length, row-major. */
export function explainedOutputs(inf: Inference, n: number, labels: number): Float32Array {
  switch (inf.kind) {
    case 'classification':
      if (inf.classes === 2 && labels === 1) return Float32Array.from(inf.probabilities.subarray(0, n));
      return Float32Array.from(inf.probabilities.subarray(0, n * labels));
    case 'regression':
    case 'anomaly':
      return Float32Array.from(inf.score.subarray(0, n));
    case 'clustering':
      return Float32Array.from(inf.distanceToCluster.subarray(0, n));
    case 'decomposition': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = inf.projection[i * inf.components];
      return out;
    }
  }
}

/** The model over rows of its explanation space, for Kernel SHAP and PDP. */
export function batchModel(m: LoadedModel): BatchModel {
  return async (rows, n) => {
    const x = spaceToFeatures(m.space, rows, n);
    const inf = await m.estimator.infer(m.model, x);
    return explainedOutputs(inf, n, m.labels.length);
  };
}
