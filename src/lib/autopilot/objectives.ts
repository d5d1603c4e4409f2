// Autopilot's problem types and objective metrics, under SageMaker Autopilot's names (CreateAutoMLJob's
// ProblemType and AutoMLJobObjective.MetricName), so a job described here reads the same on SageMaker.
// Checked against the AutoMLJobObjective API reference: tabular MetricName values are Regression MAE, MSE,
// R2, RMSE; BinaryClassification Accuracy, AUC, BalancedAccuracy, F1, Precision, Recall; Multiclass
// Accuracy, BalancedAccuracy, F1macro, PrecisionMacro, RecallMacro; defaults MSE, F1 and Accuracy.
// LogLoss is not a MetricName there (it is only a reported candidate metric, AutoMLMetricExtendedEnum);
// mlpad accepts it as an objective for either classification type and says so in `sageMakerObjective`.

/** SageMaker Autopilot's tabular ProblemType values. */
export type ProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

export const PROBLEM_TYPES: readonly ProblemType[] = ['BinaryClassification', 'MulticlassClassification', 'Regression'];

/** Objective metric names (SageMaker's MetricName spelling). */
export type ObjectiveMetric =
  | 'Accuracy' | 'AUC' | 'BalancedAccuracy' | 'F1' | 'F1macro' | 'LogLoss' | 'MAE' | 'MSE'
  | 'Precision' | 'PrecisionMacro' | 'R2' | 'Recall' | 'RecallMacro' | 'RMSE';

/** What one objective is and where it applies. */
export interface ObjectiveInfo {
  name: ObjectiveMetric;
  /** Problem types the metric is defined for. */
  problemTypes: readonly ProblemType[];
  /** 'Maximize' for scores (Accuracy, AUC, R2, ...), 'Minimize' for losses and errors. */
  direction: 'Maximize' | 'Minimize';
  /** Whether SageMaker's AutoMLJobObjective accepts it as MetricName (false only for LogLoss). */
  sageMakerObjective: boolean;
  /** One line for a learner. */
  help: string;
}

const B: ProblemType = 'BinaryClassification';
const M: ProblemType = 'MulticlassClassification';
const R: ProblemType = 'Regression';

/** Every objective, in SageMaker's alphabetical listing order. */
export const OBJECTIVES: readonly ObjectiveInfo[] = [
  { name: 'Accuracy', problemTypes: [B, M], direction: 'Maximize', sageMakerObjective: true, help: 'share of rows whose predicted class is right' },
  { name: 'AUC', problemTypes: [B], direction: 'Maximize', sageMakerObjective: true, help: 'area under the ROC curve: how well the scores rank positives above negatives, at every threshold' },
  { name: 'BalancedAccuracy', problemTypes: [B, M], direction: 'Maximize', sageMakerObjective: true, help: 'mean of the per-class recalls, so a rare class counts as much as a common one' },
  { name: 'F1', problemTypes: [B], direction: 'Maximize', sageMakerObjective: true, help: 'harmonic mean of precision and recall of the positive class' },
  { name: 'F1macro', problemTypes: [M], direction: 'Maximize', sageMakerObjective: true, help: 'F1 of each class, averaged with equal weight' },
  { name: 'LogLoss', problemTypes: [B, M], direction: 'Minimize', sageMakerObjective: false, help: 'cross-entropy of the predicted probabilities (an mlpad extension: SageMaker reports it but does not optimize it)' },
  { name: 'MAE', problemTypes: [R], direction: 'Minimize', sageMakerObjective: true, help: 'mean absolute error' },
  { name: 'MSE', problemTypes: [R], direction: 'Minimize', sageMakerObjective: true, help: 'mean squared error' },
  { name: 'Precision', problemTypes: [B], direction: 'Maximize', sageMakerObjective: true, help: 'share of predicted positives that are positive' },
  { name: 'PrecisionMacro', problemTypes: [M], direction: 'Maximize', sageMakerObjective: true, help: 'precision of each class, averaged with equal weight' },
  { name: 'R2', problemTypes: [R], direction: 'Maximize', sageMakerObjective: true, help: 'share of the target variance the model explains' },
  { name: 'Recall', problemTypes: [B], direction: 'Maximize', sageMakerObjective: true, help: 'share of positives the model finds' },
  { name: 'RecallMacro', problemTypes: [M], direction: 'Maximize', sageMakerObjective: true, help: 'recall of each class, averaged with equal weight' },
  { name: 'RMSE', problemTypes: [R], direction: 'Minimize', sageMakerObjective: true, help: 'root mean squared error, in the target\'s units' },
];

/** SageMaker's default objective per problem type. */
export const DEFAULT_OBJECTIVE: Readonly<Record<ProblemType, ObjectiveMetric>> = {
  BinaryClassification: 'F1',
  MulticlassClassification: 'Accuracy',
  Regression: 'MSE',
};

/** The objectives defined for `problemType`, in OBJECTIVES order. */
export function objectivesFor(problemType: ProblemType): ObjectiveMetric[] {
  return OBJECTIVES.filter((o) => o.problemTypes.includes(problemType)).map((o) => o.name);
}

/** The ObjectiveInfo of `name`, or undefined when it is not an objective. */
export function objectiveInfo(name: string): ObjectiveInfo | undefined {
  return OBJECTIVES.find((o) => o.name === name);
}
