// The semantic type the training pipeline gives a column: the studio's inference, except that text whose
// cells are nearly all numbers is a numeric column with stray strings (a typo, "unknown"). This repeats
// prepare-training-data's private effectiveType so Autopilot reads columns as training will; exporting
// that one from src/lib/ml/prepare would let this file go.
import type { Vector } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { inferSemanticType, looksLikeIdName } from '../profile/infer-type.ts';
import { isTextStorage, numericShare, textColumn } from '../ml/prepare/column-values.ts';
import { NUMERIC_SHARE } from '../ml/prepare/encode-columns.ts';

/** The type training uses for `column` (named `name`) when the user overrides nothing. */
export function trainingTypeOf(column: Vector, name: string): SemanticType {
  const inferred = inferSemanticType(column, name);
  if (inferred !== 'categorical' && inferred !== 'id' && inferred !== 'text') return inferred;
  if (!isTextStorage(column) || looksLikeIdName(name)) return inferred;
  return numericShare(textColumn(column)) >= NUMERIC_SHARE ? 'float' : inferred;
}
