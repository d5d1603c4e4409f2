// The Autopilot form as the user fills it, and the job it describes: SageMaker's CreateAutoMLJob fields
// (Mode, CompletionCriteria, AutoMLJobObjective) from what was typed, with a sentence per field that is wrong.
import type { AutopilotJobConfig, AutopilotMode } from '../../lib/autopilot/autopilot-api.ts';
import type { ProblemType } from '../../lib/autopilot/objectives.ts';
import type { ProblemInference } from '../../lib/autopilot/problem.ts';

/** The budget a new form starts with, in seconds: the "a leaderboard in a minute". */
export const DEFAULT_BUDGET_SECONDS = 60;

/** The form's fields, as typed. */
export interface AutopilotSetup {
  /** Column to predict. */
  target: string;
  /** '' for the inferred problem type. */
  problemType: '' | ProblemType;
  /** '' for the problem type's default objective (SageMaker's F1, Accuracy, MSE). */
  objective: string;
  mode: AutopilotMode;
  /** MaxAutoMLJobRuntimeInSeconds as typed; '' for no budget. */
  budget: string;
  /** MaxCandidates as typed; '' for the mode's default. */
  maxCandidates: string;
}

/** A fresh form: AUTO mode, a 60 s budget, everything else inferred. */
export function defaultSetup(target = ''): AutopilotSetup {
  return { target, problemType: '', objective: '', mode: 'AUTO', budget: String(DEFAULT_BUDGET_SECONDS), maxCandidates: '' };
}

/** The modes, with what each does in a sentence. */
export const MODES: readonly { value: AutopilotMode; label: string; help: string }[] = [
  { value: 'AUTO', label: 'Auto', help: 'Ensembling below 100 MB of data, hyperparameter tuning above (SageMaker’s rule).' },
  { value: 'ENSEMBLING', label: 'Ensembling', help: 'Each algorithm bagged over 5 folds, then stacked on the out-of-fold predictions.' },
  { value: 'HYPERPARAMETER_TUNING', label: 'Hyperparameter tuning', help: 'Bayesian search over every algorithm’s ranges (Hyperband above 100 MB), trials sharing Max candidates.' },
];

export type SetupField = 'target' | 'objective' | 'budget' | 'maxCandidates';

/** What the form asks for, or why it cannot run yet. */
export interface BuiltJob {
  config?: Omit<AutopilotJobConfig, 'Test'>;
  problems: Partial<Record<SetupField, string>>;
}

/**
 * The job `setup` describes, checked against `problem` (the target's inferred problem; null while unknown).
 * Each wrong field gets a sentence that says what to type.
 */
export function buildJob(setup: AutopilotSetup, problem: ProblemInference | null): BuiltJob {
  const problems: BuiltJob['problems'] = {};
  if (!setup.target) problems.target = 'Choose the column to predict.';
  const objective = setup.objective.trim();
  if (objective && problem && !problem.allowedObjectives.includes(objective as ProblemInference['objective'])) {
    problems.objective = `${objective} does not apply to ${problem.problemType}; choose one of ${problem.allowedObjectives.join(', ')}.`;
  }
  const budgetText = setup.budget.trim();
  const budget = Number(budgetText);
  if (budgetText !== '' && !(Number.isFinite(budget) && budget > 0)) problems.budget = `The time budget must be a number of seconds above 0 (or empty for none); got “${setup.budget}”.`;
  const maxText = setup.maxCandidates.trim();
  const max = Number(maxText);
  if (maxText !== '' && !(Number.isInteger(max) && max >= 1)) problems.maxCandidates = `Max candidates must be a whole number of at least 1 (or empty for the mode’s default); got “${setup.maxCandidates}”.`;
  if (Object.keys(problems).length > 0) return { problems };
  const criteria = { ...(budgetText !== '' ? { MaxAutoMLJobRuntimeInSeconds: budget } : {}), ...(maxText !== '' ? { MaxCandidates: max } : {}) };
  return {
    problems,
    config: {
      Target: setup.target,
      ...(setup.problemType ? { ProblemType: setup.problemType } : {}),
      ...(objective ? { AutoMLJobObjective: { MetricName: objective } } : {}),
      AutoMLJobConfig: { Mode: setup.mode, CompletionCriteria: criteria },
    },
  };
}
