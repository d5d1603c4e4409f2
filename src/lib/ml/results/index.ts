// Evaluation summaries of a trained model: metrics, confusion matrix and curves, residuals.
export { evaluate, summaryMetrics, MAX_RESIDUALS, type Evaluation, type ClassificationEvaluation, type RegressionEvaluation } from './evaluate.ts';
export { rocCurve, prCurve, thin, MAX_CURVE_POINTS, type CurvePoint } from './curves.ts';
