// What a target column implies before a job runs: the task, its classes, or why it cannot be trained on.
// Uses prepare's own rules, so the form shows what training will do. It reads the whole column, so the
// studio runs it in the profile worker (DataEngineApi.targetFacts), never on the page's thread.
import type { Table } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { fitTarget, inferTask } from '../ml/prepare/labels.ts';
import type { Task } from '../ml/prepare/types.ts';

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
