// The Autopilot form to SageMaker's CreateAutoMLJob fields, and the sentence each wrong field gets.
import { describe, expect, it } from 'vitest';
import type { ProblemInference } from '../../../../src/lib/autopilot/problem.ts';
import { buildJob, defaultSetup, DEFAULT_BUDGET_SECONDS } from '../../../../src/components/autopilot/autopilot-form.ts';

const binary: ProblemInference = {
  target: 'approved', problemType: 'BinaryClassification', objective: 'F1', objectiveIsDefault: true,
  allowedObjectives: ['Accuracy', 'AUC', 'BalancedAccuracy', 'F1', 'LogLoss', 'Precision', 'Recall'],
  classes: ['0', '1'], positiveLabel: '1', targetType: 'boolean', rows: 200, reason: 'two classes',
};

describe('buildJob', () => {
  it('a fresh form is AUTO with a 60 s budget, the default objective and the inferred problem type', () => {
    const { config, problems } = buildJob(defaultSetup('approved'), binary);
    expect(problems).toEqual({});
    expect(DEFAULT_BUDGET_SECONDS).toBe(60);
    expect(config).toEqual({ Target: 'approved', AutoMLJobConfig: { Mode: 'AUTO', CompletionCriteria: { MaxAutoMLJobRuntimeInSeconds: 60 } } });
  });

  it('HPO with 4 candidates, an objective and a problem type carry over in SageMaker\'s names', () => {
    const setup = { ...defaultSetup('approved'), mode: 'HYPERPARAMETER_TUNING' as const, maxCandidates: ' 4 ', objective: 'AUC', problemType: 'BinaryClassification' as const, budget: '30.5' };
    expect(buildJob(setup, binary).config).toEqual({
      Target: 'approved', ProblemType: 'BinaryClassification', AutoMLJobObjective: { MetricName: 'AUC' },
      AutoMLJobConfig: { Mode: 'HYPERPARAMETER_TUNING', CompletionCriteria: { MaxAutoMLJobRuntimeInSeconds: 30.5, MaxCandidates: 4 } },
    });
  });

  it('an empty budget means none', () => {
    expect(buildJob({ ...defaultSetup('approved'), budget: '' }, binary).config?.AutoMLJobConfig?.CompletionCriteria).toEqual({});
  });

  it('each wrong field gets a sentence naming it and what to type, and no config', () => {
    const r = buildJob({ ...defaultSetup(''), budget: '-1', maxCandidates: '2.5', objective: 'MSE' }, binary);
    expect(r.config).toBeUndefined();
    expect(r.problems.target).toBe('Choose the column to predict.');
    expect(r.problems.budget).toBe('The time budget must be a number of seconds above 0 (or empty for none); got “-1”.');
    expect(r.problems.maxCandidates).toContain('Max candidates must be a whole number of at least 1');
    expect(r.problems.objective).toBe('MSE does not apply to BinaryClassification; choose one of Accuracy, AUC, BalancedAccuracy, F1, LogLoss, Precision, Recall.');
    expect(buildJob({ ...defaultSetup('approved'), budget: 'abc' }, binary).problems.budget).toContain('“abc”');
    expect(buildJob({ ...defaultSetup('approved'), maxCandidates: '0' }, binary).problems.maxCandidates).toContain('“0”');
  });

  it('an objective is not judged before the problem is known', () => {
    expect(buildJob({ ...defaultSetup('approved'), objective: 'MSE' }, null).problems).toEqual({});
  });
});
