// What the studio can say about a training job before it runs: the task a target makes, and which
// columns can be features. Uses prepare's own rules, so the form shows what training will do.
import type { SemanticType } from '../../lib/data/types.ts';
import type { Task } from '../../lib/ml/prepare/types.ts';
import type { ColumnSchema, DatasetProfile } from '../../lib/profile/types.ts';
import { MAX_ONE_HOT } from '../../lib/ml/prepare/encode-columns.ts';
import { fitTarget, inferTask } from '../../lib/ml/prepare/labels.ts';
import type { Table } from 'apache-arrow';

/** What the target implies, as prepare will see it: the task, its classes, or why it cannot be trained on. */
export interface TargetFacts {
  inferred: Task;
  /** Class labels in index order for classification; empty for regression. */
  classes: string[];
  /** Why the target cannot be used as it is (e.g. one class); null when fine. */
  problem: string | null;
}

/** Facts about `target` in `table` for `task` (inferred when null), computed with prepare's own rules. */
export function targetFacts(table: Table, target: string, type: SemanticType, task: Task | null): TargetFacts {
  const column = table.getChild(target);
  if (!column) return { inferred: 'regression', classes: [], problem: `There is no column ${JSON.stringify(target)}.` };
  const inferred = inferTask(column, type);
  try {
    const fitted = fitTarget(column, target, task ?? inferred);
    return { inferred, classes: fitted.classes ?? [], problem: null };
  } catch (e) {
    return { inferred, classes: [], problem: e instanceof Error ? e.message : String(e) };
  }
}

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
