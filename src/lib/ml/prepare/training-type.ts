// The semantic type training gives a column: the studio's inference, except that text whose cells are nearly
// all numbers is a numeric column with stray strings (a typo, "unknown"), not an id or category column (the
// profiler reads such text as text). The training pipeline and Autopilot's report both read columns so.
import type { Vector } from 'apache-arrow';
import type { SemanticType } from '../../data/types.ts';
import { looksLikeIdName } from '../../profile/infer-type.ts';
import { columnNumericShare, isTextStorage } from './column-values.ts';
import { NUMERIC_SHARE } from './encode-columns.ts';

/** `inferred` (the schema's type of `column`, named `name`) as training uses it. */
export function trainingType(column: Vector, name: string, inferred: SemanticType): SemanticType {
  if (inferred !== 'categorical' && inferred !== 'id' && inferred !== 'text') return inferred;
  if (!isTextStorage(column) || looksLikeIdName(name)) return inferred;
  return columnNumericShare(column) >= NUMERIC_SHARE ? 'float' : inferred;
}
