// Evaluation summaries of a trained model: metrics, confusion matrix and curves, residuals.
export { evaluate, summaryMetrics, MAX_RESIDUALS, type Evaluation, type ClassificationEvaluation, type RegressionEvaluation, type OneVsRest } from './evaluate.ts';
export { perClassMetrics, type PerClassMetrics } from './per-class.ts';
export { confusionAt, binaryMetricsAt, thresholdSample, MAX_THRESHOLD_ROWS, type BinaryMetrics } from './threshold.ts';
export { rocCurve, prCurve, thin, MAX_CURVE_POINTS, type CurvePoint } from './curves.ts';
