import { describe, expect, it } from 'vitest';
import type { DataFacts } from '../../../../src/lib/ml/estimator.ts';
import { linearLearnerEstimator as ll } from '../../../../src/lib/ml/linear-learner/linear-learner-estimator.ts';
import { modelSettings } from '../../../../src/lib/ml/linear-learner/model-grid.ts';
import { withPredictor } from '../../../../src/lib/ml/linear-learner/params.ts';
import { errorOf } from '../hyperparameter-error.ts';

const facts = (task: DataFacts['task'], classes?: string[]): DataFacts => ({ task, classes, nRows: 100, nCols: 4, featureNames: ['a', 'b', 'c', 'd'] });

/** The HyperparameterError `f` throws (fails the test when it throws nothing or something else). */

describe('linear-learner hyperparameters', () => {
  it('schema uses SageMaker names and defaults (epochs 15, mini_batch_size 1000, patience 3, tolerance 0.001)', () => {
    const byName = Object.fromEntries(ll.schema.map((s) => [s.name, s]));
    expect(ll.schema.every((s) => s.sagemakerName === s.name)).toBe(true);
    expect(byName.epochs.default).toBe(15);
    expect(byName.mini_batch_size.default).toBe(1000);
    expect(byName.early_stopping_patience.default).toBe(3);
    expect(byName.early_stopping_tolerance.default).toBe(0.001);
    expect(byName.init_scale.default).toBe(0.07);
    expect(byName.num_classes.min).toBe(3);
    expect(ll.commonParameters.every((n) => byName[n] !== undefined)).toBe(true);
  });

  it('resolve reads "auto" as unset and maps loss auto and optimizer auto once predictor_type is known', () => {
    const p = ll.resolve({ predictor_type: 'regressor', learning_rate: 'auto', wd: 'auto', num_models: 'auto', optimizer: 'auto' });
    expect(p.learning_rate).toBeNull();
    expect(p.wd).toBeNull();
    expect(p.num_models).toBeNull();
    expect(p.optimizer).toBe('adam');
    expect(p.loss).toBe('squared_loss');
    expect(ll.resolve({ predictor_type: 'binary_classifier' }).loss).toBe('logistic');
    expect(ll.resolve({ predictor_type: 'multiclass_classifier', num_classes: 3 }).loss).toBe('softmax_loss');
    expect(ll.resolve({ learning_rate: '0.05', use_bias: 'false' })).toMatchObject({ learning_rate: 0.05, use_bias: false, predictor_type: null, loss: null });
  });

  it('positive_example_weight_mult takes a number, "balanced" or "auto"', () => {
    expect(ll.resolve({ predictor_type: 'binary_classifier', positive_example_weight_mult: '2.5' }).positive_example_weight_mult).toBe(2.5);
    expect(ll.resolve({ predictor_type: 'binary_classifier', positive_example_weight_mult: 'balanced' }).positive_example_weight_mult).toBe('balanced');
    expect(ll.resolve({ predictor_type: 'binary_classifier', positive_example_weight_mult: 'auto' }).positive_example_weight_mult).toBe('auto');
    expect(errorOf(() => ll.resolve({ positive_example_weight_mult: 0 })).message).toBe('positive_example_weight_mult must be in (0, ∞); got 0');
  });

  it('f1 and cross_entropy_loss are read as f_beta (β = 1) and loss_function', () => {
    expect(ll.resolve({ binary_classifier_model_selection_criteria: 'f1', f_beta: 1 })).toMatchObject({ binary_classifier_model_selection_criteria: 'f_beta', f_beta: 1 });
    expect(ll.resolve({ binary_classifier_model_selection_criteria: 'cross_entropy_loss' }).binary_classifier_model_selection_criteria).toBe('loss_function');
    expect(errorOf(() => ll.resolve({ binary_classifier_model_selection_criteria: 'f1', f_beta: 2 })).parameter).toBe('f_beta');
  });

  it('range errors name the parameter and its valid range', () => {
    expect(errorOf(() => ll.resolve({ epochs: 0 })).message).toBe('epochs must be an integer in [1, ∞); got 0');
    expect(errorOf(() => ll.resolve({ momentum: 1 })).message).toBe('momentum must be in [0, 1); got 1');
    expect(errorOf(() => ll.resolve({ quantile: '1.5' })).message).toBe('quantile must be in (0, 1); got "1.5"');
    expect(errorOf(() => ll.resolve({ learning_rate: 'fast' })).message).toBe('learning_rate must be a number in (0, ∞); got "fast"');
    expect(errorOf(() => ll.resolve({ num_classes: 2 })).message).toBe('num_classes must be an integer in [3, 1000000]; got 2');
    expect(errorOf(() => ll.resolve({ optimizer: 'adamw' })).message).toMatch(/^optimizer must be one of auto, sgd, adam, rmsprop; got "adamw"/);
  });

  it('refuses a loss that does not suit predictor_type, naming the losses that do', () => {
    const e = errorOf(() => ll.resolve({ predictor_type: 'binary_classifier', loss: 'squared_loss' }));
    expect(e.parameter).toBe('loss');
    expect(e.message).toBe('loss squared_loss does not suit predictor_type binary_classifier; use auto or one of logistic, hinge_loss');
    expect(errorOf(() => withPredictor(ll.resolve({ loss: 'softmax_loss' }), 'regressor')).parameter).toBe('loss');
  });

  it('refuses parameters SageMaker would ignore for the predictor type instead of ignoring them', () => {
    expect(errorOf(() => ll.resolve({ predictor_type: 'binary_classifier', num_classes: 3 })).message)
      .toBe('num_classes applies to multiclass_classifier only; leave it empty for binary_classifier');
    expect(errorOf(() => ll.resolve({ predictor_type: 'binary_classifier', normalize_label: 'true' })).parameter).toBe('normalize_label');
    expect(errorOf(() => ll.resolve({ predictor_type: 'regressor', balance_multiclass_weights: true })).parameter).toBe('balance_multiclass_weights');
    expect(errorOf(() => ll.resolve({ predictor_type: 'regressor', positive_example_weight_mult: 2 })).parameter).toBe('positive_example_weight_mult');
  });

  it('taskDefaults fills predictor_type (and num_classes for multiclass) and taskOf reads it back', () => {
    expect(ll.taskDefaults(facts('binary', ['no', 'yes']))).toEqual({ predictor_type: 'binary_classifier' });
    expect(ll.taskDefaults(facts('multiclass', ['a', 'b', 'c', 'd']))).toEqual({ predictor_type: 'multiclass_classifier', num_classes: '4' });
    expect(ll.taskDefaults(facts('regression'))).toEqual({ predictor_type: 'regressor' });
    expect(ll.taskOf!({ predictor_type: 'multiclass_classifier' })).toBe('multiclass');
    expect(ll.taskOf!({ predictor_type: 'regressor' })).toBe('regression');
    expect(ll.taskOf!({})).toBeUndefined();
  });

  it('checkData refuses predictor_type against the task and num_classes against the class count', () => {
    const e = errorOf(() => ll.checkData!(ll.resolve({ predictor_type: 'binary_classifier' }), facts('multiclass', ['a', 'b', 'c'])));
    expect(e.parameter).toBe('predictor_type');
    expect(e.message).toBe('predictor_type binary_classifier does not fit this target, a multiclass task (3 classes); use predictor_type multiclass_classifier');
    const n = errorOf(() => ll.checkData!(ll.resolve({ predictor_type: 'multiclass_classifier', num_classes: 4 }), facts('multiclass', ['a', 'b', 'c'])));
    expect(n.parameter).toBe('num_classes');
    expect(n.message).toBe('num_classes must equal the number of classes in the target (3); got 4');
    expect(errorOf(() => ll.checkData!(ll.resolve({ feature_dim: 5 }), facts('regression'))).message).toBe('feature_dim must equal the number of features (4); got 5');
    expect(() => ll.checkData!(ll.resolve({ predictor_type: 'regressor' }), facts('regression'))).not.toThrow();
  });

  it('the model grid keeps the given settings for model 0 and varies only the learning rate without validation', () => {
    const given = modelSettings(ll.resolve({ predictor_type: 'regressor', learning_rate: 0.05, wd: 0.01, num_models: 3 }), { rows: 100, validation: true, balancedWeight: 1 });
    expect(given[0]).toEqual({ learningRate: 0.05, wd: 0.01, l1: 0, positiveWeight: 1 });
    const auto = modelSettings(ll.resolve({ predictor_type: 'regressor' }), { rows: 200, validation: false, balancedWeight: 1 });
    expect(auto.map((s) => s.learningRate)).toEqual([0.03, 0.01, 0.1, 0.003]);
    expect(new Set(auto.map((s) => s.wd))).toEqual(new Set([1 / 200]));
    const withValidation = modelSettings(ll.resolve({ predictor_type: 'regressor' }), { rows: 200, validation: true, balancedWeight: 1 });
    expect(withValidation).toHaveLength(8);
    expect(new Set(withValidation.map((s) => s.wd)).size).toBeGreaterThan(1);
    const pw = modelSettings(ll.resolve({ predictor_type: 'binary_classifier', positive_example_weight_mult: 'auto', learning_rate: 0.1, wd: 0 }), { rows: 200, validation: false, balancedWeight: 3 });
    expect(pw.map((s) => s.positiveWeight).sort()).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
  });
});
