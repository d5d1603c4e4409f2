// One split's evaluation from a model's Inference, by kind: the supervised metrics and charts of
// ../ml/results, SageMaker k-means' msd/ssd, PCA's explained variance of the split, and Random Cut
// Forest's score summary (with accuracy / precision / recall / F1 at the threshold when labels are given).
import type { FitData, Inference, ModelSummary } from '../ml/estimator.ts';
import { rocAuc } from '../ml/metrics/auc.ts';
import type { FeatureEncoding } from '../ml/prepare/types.ts';
import { anomalyMetrics } from '../ml/results/anomaly-metrics.ts';
import { explainedVarianceRatios } from '../ml/results/explained-variance.ts';
import { evaluate, thresholdSample, type CurvePoint, type Evaluation } from '../ml/results/index.ts';
import type { CurvePoints, SplitEvaluation, SplitName } from './train-engine-api.ts';

const points = (p: CurvePoint[]): CurvePoints => ({ x: Float32Array.from(p, (q) => q.x), y: Float32Array.from(p, (q) => q.y) });

function curve(p: CurvePoint[] | undefined): CurvePoints | undefined {
  return p ? points(p) : undefined;
}

function supervised(split: SplitName, e: Evaluation, labels: Float32Array, preds: Float32Array): SplitEvaluation {
  if (e.task === 'regression') {
    return {
      split, rows: e.rows, metrics: { rmse: e.rmse, mae: e.mae, r2: e.r2 },
      residuals: { x: Float32Array.from(e.residuals, (r) => r.predicted), y: Float32Array.from(e.residuals, (r) => r.actual - r.predicted) },
    };
  }
  const { perClass, oneVsRest } = e;
  return {
    split, rows: e.rows, metrics: { auc: e.auc, accuracy: e.accuracy, logloss: e.logloss },
    confusion: Int32Array.from(e.confusionMatrix.flat()),
    roc: curve(e.roc),
    pr: curve(e.pr),
    perClass: { ...perClass, ...(oneVsRest ? { auc: Float64Array.from(oneVsRest, (c) => c.auc) } : {}) },
    ...(oneVsRest ? { classRoc: oneVsRest.map((c) => points(c.roc)), classPr: oneVsRest.map((c) => points(c.pr)) } : {}),
    ...(e.task === 'binary' ? thresholdSample(preds, labels) : {}),
  };
}

function anomaly(split: SplitName, score: Float32Array, data: FitData, summary: ModelSummary): SplitEvaluation {
  const n = score.length;
  let mean = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) { mean += score[i]; min = Math.min(min, score[i]); max = Math.max(max, score[i]); }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (score[i] - mean) ** 2;
  const threshold = summary.scoreThreshold ?? NaN;
  let flagged = 0;
  for (let i = 0; i < n; i++) if (score[i] > threshold) flagged++;
  const metrics: Record<string, number> = { score_mean: mean, score_std: Math.sqrt(ss / n), score_min: min, score_max: max, threshold, anomalies: flagged };
  if (data.labels) {
    Object.assign(metrics, anomalyMetrics(score, data.labels, threshold), { auc: rocAuc(score, data.labels) });
  }
  return { split, rows: n, metrics };
}

/** Evaluates `inference` of `data` (labels used where the kind has a target). */
export function evaluateInference(split: SplitName, inference: Inference, data: FitData, encoding: FeatureEncoding, summary: ModelSummary): SplitEvaluation {
  switch (inference.kind) {
    case 'classification':
    case 'regression': {
      if (!data.labels || !encoding.task) throw new RangeError(`the ${split} rows have no labels to evaluate against`);
      const preds = inference.kind === 'regression' ? inference.score : inference.probabilities;
      const predicted = inference.kind === 'classification' ? inference.predictedLabel : undefined;
      return supervised(split, evaluate(encoding.task, data.labels, preds, encoding.classes, predicted), data.labels, preds);
    }
    case 'clustering': {
      let ssd = 0;
      for (const d of inference.distanceToCluster) ssd += d * d;
      const k = summary.centres?.k ?? (Math.max(-1, ...inference.closestCluster) + 1);
      const sizes = new Int32Array(k);
      for (const c of inference.closestCluster) sizes[c]++;
      return { split, rows: data.nRows, metrics: { msd: ssd / data.nRows, ssd }, clusterSizes: sizes };
    }
    case 'decomposition':
      return { split, rows: data.nRows, metrics: { explained_variance_ratio: Array.from(explainedVarianceRatios(data, inference.projection, inference.components)) } };
    case 'anomaly':
      return anomaly(split, inference.score, data, summary);
  }
}
