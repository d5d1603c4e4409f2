// Starting ranges for the Tune form, after the ranges SageMaker's documentation recommends for tuning its
// built-in algorithms ("Tune an XGBoost model", "Tune a linear learner model"), narrowed where a browser
// tab should finish a first job in a minute. `chosen` ones start ticked. Every other hyperparameter starts
// from a range around its default (tune-form.ts rangeRow).
// These belong with each estimator's schema (a tuning hint per hyperparameter); they live here until the
// schema has such a field, and the unit tests check each one against the schema and ranges.ts.
import type { ScalingType } from '../../lib/tune/ranges.ts';

/** A preset range; `chosen` ranges are ticked in a new form. */
export interface PresetRange {
  min: number;
  max: number;
  scaling: ScalingType;
  chosen?: boolean;
}

/** By algorithm, then hyperparameter. */
export const PRESET_RANGES: Readonly<Record<string, Readonly<Record<string, PresetRange>>>> = {
  xgboost: {
    eta: { min: 0.05, max: 0.5, scaling: 'Logarithmic', chosen: true },
    max_depth: { min: 2, max: 8, scaling: 'Linear', chosen: true },
    min_child_weight: { min: 1, max: 20, scaling: 'Logarithmic', chosen: true },
    subsample: { min: 0.5, max: 1, scaling: 'Linear', chosen: true },
    num_round: { min: 20, max: 300, scaling: 'Logarithmic' },
    alpha: { min: 0.001, max: 10, scaling: 'Logarithmic' },
    lambda: { min: 0.001, max: 10, scaling: 'Logarithmic' },
    gamma: { min: 0, max: 5, scaling: 'Linear' },
    colsample_bytree: { min: 0.5, max: 1, scaling: 'Linear' },
  },
  'linear-learner': {
    learning_rate: { min: 0.0001, max: 1, scaling: 'Logarithmic', chosen: true },
    wd: { min: 0.0000001, max: 1, scaling: 'Logarithmic', chosen: true },
    l1: { min: 0.0000001, max: 1, scaling: 'Logarithmic' },
    mini_batch_size: { min: 100, max: 5000, scaling: 'Logarithmic' },
    epochs: { min: 5, max: 30, scaling: 'Linear' },
  },
};

/** The preset range of `name` for `algorithm`, if there is one. */
export function presetRange(algorithm: string, name: string): PresetRange | undefined {
  return PRESET_RANGES[algorithm]?.[name];
}
