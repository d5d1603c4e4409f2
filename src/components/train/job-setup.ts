// The data side of a training job as the form holds it, and how it becomes PrepareOptions.
import type { SemanticType } from '../../lib/data/types.ts';
import type { PrepareOptions, SplitMethod, Task } from '../../lib/ml/prepare/types.ts';

/** What the data half of the form holds. Percentages are as typed (0–100). */
export interface JobSetup {
  algorithm: string;
  target: string;
  /** Train without the target (algorithms whose target is optional: a label only evaluates); defaults to false. */
  noTarget: boolean;
  /** null: use the inferred task. */
  task: Task | null;
  /** Feature columns left out by the user (everything else eligible is in). */
  excluded: string[];
  split: SplitMethod;
  timeColumn: string;
  validationPct: number;
  testPct: number;
  seed: number;
}

export function defaultSetup(algorithm: string, target: string): JobSetup {
  return { algorithm, target, noTarget: false, task: null, excluded: [], split: 'stratified', timeColumn: '', validationPct: 20, testPct: 10, seed: 0 };
}

/** A sentence naming the split field that is out of range, or null when the split is usable. */
export function splitProblem(s: JobSetup): string | null {
  if (!(s.validationPct >= 0 && s.validationPct < 100)) return `Validation % must be in [0, 100); got ${s.validationPct}`;
  if (!(s.testPct >= 0 && s.testPct < 100)) return `Test % must be in [0, 100); got ${s.testPct}`;
  if (s.validationPct + s.testPct >= 100) return `Validation % + test % must leave rows to train on (under 100); got ${s.validationPct + s.testPct}`;
  if (!Number.isInteger(s.seed)) return `Seed must be an integer; got ${s.seed}`;
  if (s.split === 'time' && !s.timeColumn) return 'A time split needs a time column: pick one, or split at random.';
  return null;
}

/** PrepareOptions for the worker; `task` null trains without a target. */
export function prepareOptions(s: JobSetup, task: Task | null, features: string[], types: Record<string, SemanticType>): PrepareOptions {
  return {
    ...(task !== null ? { target: s.target, task } : {}),
    features,
    types: { ...types },
    split: {
      // Stratifying a regression target means nothing; a random split is what the user would get anyway.
      method: s.split === 'stratified' && (task === 'regression' || task === null) ? 'random' : s.split,
      validationFraction: s.validationPct / 100,
      testFraction: s.testPct / 100,
      timeColumn: s.split === 'time' ? s.timeColumn : undefined,
      seed: s.seed,
    },
  };
}
