// What the studio can say about a training job before it runs: the task a target makes, and which
// columns can be features. Uses prepare's own rules, so the form shows what training will do.
import type { SemanticType } from '../../lib/data/types.ts';
import type { Task } from '../../lib/ml/prepare/types.ts';
import type { ColumnSchema, DatasetProfile } from '../../lib/profile/types.ts';
import { MAX_ONE_HOT } from '../../lib/ml/prepare/encode-columns.ts';

// The pure function lives with the engine (the profile worker runs it); re-exported for the studio's callers.
export { targetFacts, type TargetFacts } from '../../lib/profile/target-facts.ts';

const NOT_FEATURES: readonly SemanticType[] = ['id', 'text'];

/** Columns that can be features: all but the target and those typed id or text. */
export function candidateFeatures(columns: ColumnSchema[], target: string | null): ColumnSchema[] {
  return columns.filter((c) => c.name !== target && !NOT_FEATURES.includes(c.type));
}

/** Columns that can order rows for a time split. */
export function timeColumns(columns: ColumnSchema[]): ColumnSchema[] {
  return columns.filter((c) => c.type === 'datetime' || c.type === 'integer' || c.type === 'float');
}

export const TASK_LABEL: Record<Task, string> = {
  binary: 'binary classification',
  multiclass: 'multiclass classification',
  regression: 'regression',
};

/**
 * How many model features `chosen` columns make, as prepare encodes them: a categorical column with at most
 * MAX_ONE_HOT values (any number with `categorical` 'one-hot') gives one 0/1 feature per value, any other
 * column one feature. Uses the profile's
 * distinct counts; without a profile, one per column.
 */
export function featureWidth(chosen: readonly string[], columns: readonly ColumnSchema[], profile: DatasetProfile | null, categorical?: 'one-hot'): number {
  let width = 0;
  for (const name of chosen) {
    const type = columns.find((c) => c.name === name)?.type;
    const distinct = profile?.columns.find((c) => c.name === name)?.distinct;
    const oneHot = type === 'categorical' && distinct !== undefined && (categorical === 'one-hot' || distinct <= MAX_ONE_HOT);
    width += oneHot ? Math.max(1, distinct) : 1;
  }
  return width;
}
