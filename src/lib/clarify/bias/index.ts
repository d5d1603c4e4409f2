// mlpad's bias metrics: the numbers and report layout of SageMaker Clarify (smclarify).
export { preTrainingBias, postTrainingBias } from './report.ts';
export { thresholdBias, THRESHOLD_METRICS, type ThresholdBias } from './threshold.ts';
export { METRIC_DESCRIPTIONS, PRE_TRAINING_NAMES, POST_TRAINING_NAMES } from './descriptions.ts';
export type {
  BiasColumn, BiasColumns, BiasConfig, BiasSection, FacetResult, FeatureColumns, MetricResult, MetricValue,
} from './types.ts';
