// Autopilot: from a table and a target to the problem, its objective and the data exploration report
// (the training stages build on these).
export * from './objectives.ts';
export { inferProblem, MIN_ROWS, SAGEMAKER_MIN_ROWS, type InferProblemOptions, type ProblemInference } from './problem.ts';
export { exploreData, type ColumnSummary, type DataExplorationReport, type ExploreOptions, type Finding, type FindingKind, type Severity, type Treatment } from './exploration.ts';
export { DUPLICATE_ROWS_WARN_SHARE, MISSING_DROP_SHARE, MISSING_WARN_SHARE, OUTLIER_WARN_SHARE, RARE_CLASS_ROWS } from './findings.ts';
export { LEAKAGE_BINS, LEAKAGE_FOLDS, LEAKAGE_MAX_CLASSES, LEAKAGE_THRESHOLD } from './leakage.ts';
export { iqrOutliers, type IqrOutliers } from './outliers.ts';
export { AutopilotError } from './errors.ts';
export { runAutopilotJob, tableBytes, AUTO_SIZE_THRESHOLD, DEFAULT_FOLDS } from './autopilot-job.ts';
export type { AutopilotHooks, AutopilotJobConfig, AutopilotMode, AutopilotResult, CandidateOutcome, CandidateRequest, CandidateStatus, LeaderboardEntry, RunCandidate } from './autopilot-api.ts';
export { candidateAlgorithms, type CandidateAlgorithm, type CandidateOptions } from './candidates.ts';
export { localCandidateRunner, runCandidate, type LocalRunnerOptions } from './candidate-runner.ts';
export { applyStack, atThreshold, averagePredictions, decisionThreshold, fitStack, STACK_ITERATIONS, STACK_L2, STACK_RIDGE, type StackModel } from './ensemble.ts';
export { holdOut, kFolds, MIN_FOLD_ROWS, TEST_FRACTION, VALIDATION_FRACTION } from './data-split.ts';
export { DEFAULT_HPO_TRIALS, HYPERBAND_BYTES } from './hpo-mode.ts';
export { bestCandidate, leaderboardText, sortLeaderboard } from './leaderboard.ts';
export { better, maximizes, objectiveScore, predictionsOf, tuningMetric, type Predictions } from './objective-score.ts';
