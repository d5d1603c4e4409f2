// Autopilot: from a table and a target to the problem, its objective and the data exploration report
// (the training stages build on these).
export * from './objectives.ts';
export { inferProblem, MIN_ROWS, SAGEMAKER_MIN_ROWS, type InferProblemOptions, type ProblemInference } from './problem.ts';
export { exploreData, type ColumnSummary, type DataExplorationReport, type ExploreOptions, type Finding, type FindingKind, type Severity, type Treatment } from './exploration.ts';
export { DUPLICATE_ROWS_WARN_SHARE, MISSING_DROP_SHARE, MISSING_WARN_SHARE, OUTLIER_WARN_SHARE, RARE_CLASS_ROWS } from './findings.ts';
export { LEAKAGE_BINS, LEAKAGE_FOLDS, LEAKAGE_MAX_CLASSES, LEAKAGE_THRESHOLD } from './leakage.ts';
export { iqrOutliers, type IqrOutliers } from './outliers.ts';
export { AutopilotError } from './errors.ts';
