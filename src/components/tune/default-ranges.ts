// Starting ranges for the Tune form: each estimator's tunePresets (Estimator.tunePresets, defined in the
// algorithm's folder after the ranges SageMaker's documentation recommends). `chosen` ones start ticked.
// Every other hyperparameter starts from a range around its default (tune-form.ts rangeRow).
import type { TunePreset } from '../../lib/ml/estimator.ts';
import { algorithmNames, getAlgorithm } from '../../lib/ml/registry.ts';

/** A preset range; `chosen` ranges are ticked in a new form. */
export type PresetRange = TunePreset;

/** By algorithm, then hyperparameter: every registered estimator's tunePresets. */
export const PRESET_RANGES: Readonly<Record<string, Readonly<Record<string, PresetRange>>>> = Object.fromEntries(
  algorithmNames().map(getAlgorithm).filter((e) => e.tunePresets !== undefined).map((e) => [e.name, e.tunePresets!]),
);

/** The preset range of `name` for `algorithm`, if there is one. */
export function presetRange(algorithm: string, name: string): PresetRange | undefined {
  return PRESET_RANGES[algorithm]?.[name];
}
