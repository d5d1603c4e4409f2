// The semantic type the training pipeline gives a column when the user overrides nothing (see
// src/lib/ml/prepare/training-type.ts), so Autopilot reads columns as training will.
import type { Vector } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { trainingType } from '../ml/prepare/training-type.ts';
import { inferSemanticType } from '../profile/infer-type.ts';

/** The type training uses for `column` (named `name`) when the user overrides nothing. */
export function trainingTypeOf(column: Vector, name: string): SemanticType {
  return trainingType(column, name, inferSemanticType(column, name));
}
