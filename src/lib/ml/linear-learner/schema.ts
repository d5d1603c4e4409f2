// SageMaker linear-learner's hyperparameters: its names, defaults and valid ranges (developer guide
// "Linear Learner Hyperparameters" and the SageMaker Python SDK's validators). SageMaker spells many
// defaults `auto`; a numeric spec here has default null for those, and resolve() reads the text "auto"
// as unset, so the same job JSON runs in SageMaker and in mlpad.
import type { HyperparameterSpec } from '../hyperparameters.ts';

const spec = (s: Omit<HyperparameterSpec, 'sagemakerName'>): HyperparameterSpec => ({ ...s, sagemakerName: s.name });

/** Losses by predictor type (SageMaker's table); the first is what `auto` means. */
export const LOSSES_FOR = {
  binary_classifier: ['logistic', 'hinge_loss'],
  multiclass_classifier: ['softmax_loss'],
  regressor: ['squared_loss', 'absolute_loss', 'eps_insensitive_squared_loss', 'eps_insensitive_absolute_loss', 'quantile_loss', 'huber_loss'],
} as const;

export const PREDICTOR_TYPES = ['binary_classifier', 'multiclass_classifier', 'regressor'] as const;
export const LOSS_NAMES = ['auto', 'logistic', 'squared_loss', 'absolute_loss', 'hinge_loss', 'eps_insensitive_squared_loss',
  'eps_insensitive_absolute_loss', 'quantile_loss', 'huber_loss', 'softmax_loss'] as const;
/** f1 and cross_entropy_loss are the SDK's older spellings of f_beta (β = 1) and loss_function. */
export const SELECTION_CRITERIA = ['accuracy', 'f_beta', 'precision_at_target_recall', 'recall_at_target_precision', 'loss_function',
  'f1', 'cross_entropy_loss'] as const;
const AUTO_BOOL = ['auto', 'true', 'false'];

/** Numeric hyperparameters whose SageMaker default is `auto` (schema default null). */
export const AUTO_NUMBERS = ['learning_rate', 'wd', 'l1', 'momentum', 'beta_1', 'beta_2', 'bias_lr_mult', 'bias_wd_mult',
  'lr_scheduler_step', 'lr_scheduler_factor', 'lr_scheduler_minimum_lr', 'num_models', 'num_calibration_samples'] as const;

export const LINEAR_LEARNER_SCHEMA: readonly HyperparameterSpec[] = [
  spec({ name: 'predictor_type', type: 'enum', default: null, values: PREDICTOR_TYPES, help: 'binary_classifier, multiclass_classifier or regressor; required in SageMaker (mlpad fills it from the task).' }),
  spec({ name: 'num_classes', type: 'int', default: null, min: 3, max: 1_000_000, help: 'Number of classes (labels 0…num_classes−1); required for multiclass_classifier, refused otherwise.' }),
  spec({ name: 'feature_dim', type: 'int', default: null, min: 1, help: 'Number of features; empty = the data’s feature count (when given it must equal it).' }),
  spec({ name: 'epochs', type: 'int', default: 15, min: 1, help: 'Maximum number of passes over the training data.' }),
  spec({ name: 'mini_batch_size', type: 'int', default: 1000, min: 1, help: 'Rows per optimizer step.' }),
  spec({ name: 'loss', type: 'enum', default: 'auto', values: LOSS_NAMES, help: 'Loss: auto = logistic (binary), softmax_loss (multiclass), squared_loss (regressor).' }),
  spec({ name: 'optimizer', type: 'enum', default: 'auto', values: ['auto', 'sgd', 'adam', 'rmsprop'], help: 'Optimizer: auto = adam.' }),
  spec({ name: 'learning_rate', type: 'float', default: null, min: 0, minInclusive: false, help: 'Step size; auto (empty) = the parallel models try 0.03, 0.01, 0.1 and 0.003 (sgd: 0.3, 0.1, 1 and 0.03).' }),
  spec({ name: 'wd', type: 'float', default: null, min: 0, help: 'L2 weight (penalty wd/2·‖w‖² on the mean loss); auto (empty) = 1/rows, scikit-learn’s C = 1; with a validation set the models try 1/rows × 1, 10, 0.1, 100 and 0.' }),
  spec({ name: 'l1', type: 'float', default: null, min: 0, help: 'L1 regularization weight; auto (empty) = 0.' }),
  spec({ name: 'num_models', type: 'int', default: null, min: 1, help: 'Models trained side by side with nearby learning rates and regularization, the best kept; auto (empty) = one per distinct setting, at most 8.' }),
  spec({ name: 'use_bias', type: 'bool', default: true, help: 'Whether the model has a bias (intercept) term.' }),
  spec({ name: 'normalize_data', type: 'enum', default: 'true', values: AUTO_BOOL, help: 'Scale each feature to unit standard deviation before training (auto = true).' }),
  spec({ name: 'unbias_data', type: 'enum', default: 'auto', values: AUTO_BOOL, help: 'Shift each feature to mean 0 before training; auto = true when use_bias is true.' }),
  spec({ name: 'normalize_label', type: 'enum', default: 'auto', values: AUTO_BOOL, help: 'Scale the label to unit standard deviation (regressor only); auto = true for regressor.' }),
  spec({ name: 'unbias_label', type: 'enum', default: 'auto', values: AUTO_BOOL, help: 'Shift the label to mean 0 (regressor only); auto = true for regressor when use_bias is true.' }),
  spec({ name: 'num_point_for_scaler', type: 'int', default: 10_000, min: 1, help: 'Rows (a seeded sample) used to compute the feature and label means and deviations.' }),
  spec({ name: 'init_method', type: 'enum', default: 'uniform', values: ['uniform', 'normal'], help: 'Initial weights: uniform in [−init_scale, init_scale] or normal with sd init_sigma.' }),
  spec({ name: 'init_scale', type: 'float', default: 0.07, min: 0, minInclusive: false, help: 'Half-width of the uniform initial weights.' }),
  spec({ name: 'init_sigma', type: 'float', default: 0.01, min: 0, minInclusive: false, help: 'Standard deviation of the normal initial weights.' }),
  spec({ name: 'init_bias', type: 'float', default: 0, help: 'Initial bias.' }),
  spec({ name: 'momentum', type: 'float', default: null, min: 0, max: 1, maxInclusive: false, help: 'Momentum of sgd and rmsprop; auto (empty) = 0.' }),
  spec({ name: 'beta_1', type: 'float', default: null, min: 0, max: 1, maxInclusive: false, help: 'Adam’s first-moment decay; auto (empty) = 0.9.' }),
  spec({ name: 'beta_2', type: 'float', default: null, min: 0, max: 1, maxInclusive: false, help: 'Adam’s second-moment decay (rmsprop’s decay too); auto (empty) = 0.999 for adam, 0.9 for rmsprop.' }),
  spec({ name: 'bias_lr_mult', type: 'float', default: null, min: 0, minInclusive: false, help: 'Learning-rate multiplier of the bias; auto (empty) = 1.' }),
  spec({ name: 'bias_wd_mult', type: 'float', default: null, min: 0, help: 'L2 multiplier of the bias (its weight is wd × bias_wd_mult); auto (empty) = 0, no bias regularization.' }),
  spec({ name: 'use_lr_scheduler', type: 'bool', default: true, help: 'Decay the learning rate every lr_scheduler_step optimizer steps.' }),
  spec({ name: 'lr_scheduler_step', type: 'int', default: null, min: 1, help: 'Optimizer steps between decays; auto (empty) = the steps of one epoch.' }),
  spec({ name: 'lr_scheduler_factor', type: 'float', default: null, min: 0, minInclusive: false, max: 1, maxInclusive: false, help: 'Learning-rate multiplier at each decay; auto (empty) = 0.99.' }),
  spec({ name: 'lr_scheduler_minimum_lr', type: 'float', default: null, min: 0, minInclusive: false, help: 'The decayed learning rate never goes below this; auto (empty) = 1e-5.' }),
  spec({ name: 'early_stopping_patience', type: 'int', default: 3, min: 1, help: 'Epochs without improvement (each model on its own) before training stops, once every model has waited that long; set above epochs to disable.' }),
  spec({ name: 'early_stopping_tolerance', type: 'float', default: 0.001, min: 0, minInclusive: false, help: 'Relative improvement below which an epoch counts as no improvement.' }),
  spec({ name: 'binary_classifier_model_selection_criteria', type: 'enum', default: 'accuracy', values: SELECTION_CRITERIA, help: 'How the binary model and its decision threshold are chosen, on the validation set (else the training set).' }),
  spec({ name: 'target_recall', type: 'float', default: 0.8, min: 0, minInclusive: false, max: 1, maxInclusive: false, help: 'Recall held for precision_at_target_recall.' }),
  spec({ name: 'target_precision', type: 'float', default: 0.8, min: 0, minInclusive: false, max: 1, maxInclusive: false, help: 'Precision held for recall_at_target_precision.' }),
  spec({ name: 'f_beta', type: 'float', default: 1, min: 0, minInclusive: false, help: 'β of the F score for the f_beta criterion.' }),
  spec({ name: 'num_calibration_samples', type: 'int', default: null, min: 1, help: 'Rows (a seeded sample) used to choose the binary threshold; auto (empty) = up to 100,000.' }),
  spec({ name: 'positive_example_weight_mult', type: 'float', default: 1, min: 0, minInclusive: false, help: 'Weight of positive rows (binary); also "balanced" (negatives ÷ positives) or "auto" (the parallel models try 1 and balanced).' }),
  spec({ name: 'balance_multiclass_weights', type: 'bool', default: false, help: 'Weight classes so each counts equally in the loss (multiclass only).' }),
  spec({ name: 'accuracy_top_k', type: 'int', default: 3, min: 1, max: 1_000_000, help: 'k of the top_k_accuracy metric reported for multiclass.' }),
  spec({ name: 'margin', type: 'float', default: 1, min: 0, help: 'Margin of hinge_loss.' }),
  spec({ name: 'quantile', type: 'float', default: 0.5, min: 0, minInclusive: false, max: 1, maxInclusive: false, help: 'Quantile predicted with quantile_loss.' }),
  spec({ name: 'loss_insensitivity', type: 'float', default: 0.01, min: 0, minInclusive: false, help: 'Errors below this count as zero in the eps_insensitive losses (label units).' }),
  spec({ name: 'huber_delta', type: 'float', default: 1, min: 0, minInclusive: false, help: 'Huber loss is quadratic for errors below delta, linear above (label units).' }),
];

/** The form's open parameters, in order. */
export const LINEAR_LEARNER_COMMON = ['predictor_type', 'num_classes', 'epochs', 'mini_batch_size', 'loss', 'optimizer', 'learning_rate', 'wd',
  'l1', 'num_models', 'binary_classifier_model_selection_criteria', 'normalize_data'] as const;
