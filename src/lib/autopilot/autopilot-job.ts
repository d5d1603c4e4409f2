// An Autopilot job from a table and a target to a leaderboard: infer the problem and objective, explore the
// data (dropping what the report drops), hold out the test split first, run the mode (ENSEMBLING or
// HYPERPARAMETER_TUNING; AUTO picks by data size) within the budget, and rank every candidate by its test
// objective. Pure engine: candidates run through the injected RunCandidate (this thread, or a worker pool).
import type { Table } from 'apache-arrow';
import type { SemanticType } from '../data/types.ts';
import { textColumn } from '../ml/prepare/column-values.ts';
import { fitTarget } from '../ml/prepare/labels.ts';
import type { PrepareOptions } from '../ml/prepare/types.ts';
import type { AutopilotHooks, AutopilotJobConfig, AutopilotMode, AutopilotResult, RunCandidate } from './autopilot-api.ts';
import { candidateAlgorithms } from './candidates.ts';
import { trainingTypeOf } from './column-type.ts';
import { holdOut, rowsOf, TEST_FRACTION } from './data-split.ts';
import { AutopilotError } from './errors.ts';
import { exploreData } from './exploration.ts';
import { HYPERBAND_BYTES } from './hpo-mode.ts';
import type { JobContext, ModeResult } from './job-context.ts';
import { bestCandidate, sortLeaderboard } from './leaderboard.ts';
import { objectiveInfo } from './objectives.ts';
import { runModeInParallel } from './parallel.ts';
import { inferProblem } from './problem.ts';

/** Data size below which AUTO ensembles (SageMaker Autopilot's 100 MB), and above which it tunes. */
export const AUTO_SIZE_THRESHOLD = HYPERBAND_BYTES;

/** Folds of ENSEMBLING's bagging when Folds is not given (AutoGluon's and SageMaker's 5). */
export const DEFAULT_FOLDS = 5;

const MODES: readonly AutopilotMode[] = ['AUTO', 'ENSEMBLING', 'HYPERPARAMETER_TUNING'];
const TASK = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' } as const;

/** The bytes of the table's Arrow buffers (values, offsets, validity, dictionaries). */
export function tableBytes(table: Table): number {
  let bytes = 0;
  for (const field of table.schema.fields) {
    for (const data of table.getChild(field.name)!.data) {
      bytes += (data.values?.byteLength ?? 0) + (data.valueOffsets?.byteLength ?? 0) + (data.nullBitmap?.byteLength ?? 0);
      const dict = data.dictionary?.data ?? [];
      for (const d of dict) bytes += (d.values?.byteLength ?? 0) + (d.valueOffsets?.byteLength ?? 0);
    }
  }
  return bytes;
}

function checkConfig(table: Table, config: AutopilotJobConfig): void {
  if (table === null || typeof table !== 'object' || typeof table.getChild !== 'function') throw new TypeError('runAutopilotJob: table must be an Arrow Table');
  if (config === null || typeof config !== 'object') throw new TypeError('runAutopilotJob: config must be an object');
  const mode = config.AutoMLJobConfig?.Mode;
  if (mode !== undefined && !MODES.includes(mode)) throw new AutopilotError(`AutoMLJobConfig.Mode must be one of ${MODES.join(', ')}; got ${JSON.stringify(mode)}`);
  const cc = config.AutoMLJobConfig?.CompletionCriteria ?? {};
  if (cc.MaxCandidates !== undefined && !(Number.isInteger(cc.MaxCandidates) && cc.MaxCandidates >= 1)) {
    throw new AutopilotError(`CompletionCriteria.MaxCandidates must be a whole number of at least 1; got ${JSON.stringify(cc.MaxCandidates)}`);
  }
  const budget = cc.MaxAutoMLJobRuntimeInSeconds;
  if (budget !== undefined && !(typeof budget === 'number' && budget > 0)) {
    throw new AutopilotError(`CompletionCriteria.MaxAutoMLJobRuntimeInSeconds must be a number of seconds above 0; got ${JSON.stringify(budget)}`);
  }
  if (config.Folds !== undefined && !(Number.isInteger(config.Folds) && config.Folds >= 2)) throw new AutopilotError(`Folds must be a whole number of at least 2; got ${JSON.stringify(config.Folds)}`);
  const parallel = config.MaxParallelCandidates;
  if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1)) throw new AutopilotError(`MaxParallelCandidates must be a whole number of at least 1; got ${JSON.stringify(parallel)}`);
  if (config.Seed !== undefined && !Number.isInteger(config.Seed)) throw new AutopilotError(`Seed must be a whole number; got ${JSON.stringify(config.Seed)}`);
}

/** Rows of `table` whose `target` is present. */
function present(table: Table, target: string): number[] {
  const text = textColumn(table.getChild(target)!);
  const rows: number[] = [];
  text.forEach((t, i) => { if (t !== null) rows.push(i); });
  return rows;
}

/**
 * Runs the Autopilot job `config` on `table`, each candidate through `run`. Throws AutopilotError for a bad
 * config, target or objective (before training); a budget too small for any candidate, and Stop before one
 * finished, end with AutoMLJobStatus Failed or Stopped and a FailureReason, keeping whatever finished.
 */
export async function runAutopilotJob(table: Table, config: AutopilotJobConfig, run: RunCandidate, hooks: AutopilotHooks = {}): Promise<AutopilotResult> {
  checkConfig(table, config);
  const clock = hooks.now ?? (() => globalThis.performance.now() / 1000);
  const t0 = clock();
  const target = config.Target;
  const problem = inferProblem(table, target, { objective: config.AutoMLJobObjective?.MetricName, problemType: config.ProblemType, positiveLabel: config.PositiveLabel });
  const report = exploreData(table, target, problem);
  const dropped = new Set(report.dropped.map((d) => d.column));
  const keep = table.schema.fields.map((f) => f.name).filter((n) => !dropped.has(n));
  const types: Record<string, SemanticType> = {};
  for (const name of keep) if (name !== target) types[name] = trainingTypeOf(table.getChild(name)!, name);
  const seed = config.Seed ?? 0;
  const task = TASK[problem.problemType];
  const data = table.select(keep);
  const rows = present(data, target);
  const labelsOf = (t: Table) => (task === 'regression' ? undefined : fitTarget(t.getChild(target)!, target, task, problem.positiveLabel).labels);
  let train: Table, test: Table;
  if (config.Test) {
    const missing = keep.filter((n) => config.Test!.getChild(n) === null);
    if (missing.length > 0) throw new AutopilotError(`the test table lacks column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')} of the training data; give a test file with the same columns`);
    const t = config.Test.select(keep);
    const testRows = present(t, target);
    if (testRows.length === 0) throw new AutopilotError(`the test table has no rows with a value in target ${JSON.stringify(target)}`);
    train = rowsOf(data, rows);
    test = rowsOf(t, testRows);
  } else {
    const split = holdOut(rows, TEST_FRACTION, labelsOf(data), seed);
    train = rowsOf(data, split.rest);
    test = rowsOf(data, split.held);
  }
  const prepare: PrepareOptions = {
    target, task, types, ...(problem.positiveLabel !== undefined ? { positiveLabel: problem.positiveLabel } : {}),
    split: { validationFraction: 0, testFraction: 0, seed },
  };
  const preprocessing = config.Preprocessing ?? 'autopilot';
  if (preprocessing !== 'autopilot' && preprocessing !== 'default') throw new AutopilotError(`Preprocessing must be autopilot or default; got ${JSON.stringify(preprocessing)}`);
  const dataBytes = config.DataSizeBytes ?? tableBytes(table);
  const requested = config.AutoMLJobConfig?.Mode ?? 'AUTO';
  const mode = requested === 'AUTO' ? (dataBytes < AUTO_SIZE_THRESHOLD ? 'ENSEMBLING' : 'HYPERPARAMETER_TUNING') : requested;
  const cc = config.AutoMLJobConfig?.CompletionCriteria ?? {};
  const budget = cc.MaxAutoMLJobRuntimeInSeconds ?? Infinity;
  const notes: string[] = [];
  let userStop = false;
  const userStopped = () => (userStop ||= hooks.shouldStop?.() === true);
  const ctx: JobContext = {
    problem, objective: problem.objective, candidates: candidateAlgorithms(problem.problemType, config.Algorithms ? { algorithms: config.Algorithms } : {}),
    train, strata: labelsOf(train), test, prepare, run, seed, dataBytes,
    prepareFor: (c) => (preprocessing === 'autopilot' ? { ...prepare, preprocessing, scale: c.scale } : prepare),
    ...(cc.MaxCandidates !== undefined ? { maxCandidates: cc.MaxCandidates } : {}),
    folds: config.Folds ?? DEFAULT_FOLDS,
    elapsed: () => clock() - t0,
    remaining: () => budget - (clock() - t0),
    stopping: () => userStopped() || clock() - t0 >= budget,
    userStopped,
    progress: (line) => hooks.onProgress?.(line),
    notes,
  };
  hooks.onProgress?.(`${problem.problemType}, objective ${problem.objective}; ${mode}${requested === 'AUTO' ? ` (AUTO: ${(dataBytes / 1048576).toFixed(1)} MB of data)` : ''}; ${train.numRows} training rows, ${test.numRows} test rows; candidates ${ctx.candidates.map((c) => c.algorithm).join(', ')}`);
  const result: ModeResult = await runModeInParallel(mode, ctx, config.MaxParallelCandidates ?? 1);

  const leaderboard = sortLeaderboard(result.entries, problem.objective);
  const best = bestCandidate(leaderboard);
  const bestFile = bestCandidate(leaderboard, true);
  const files = bestFile ? result.files.get(bestFile.CandidateName) : undefined;
  const elapsed = ctx.elapsed();
  let status: AutopilotResult['AutoMLJobStatus'] = 'Completed';
  let failure: string | undefined;
  if (!best) {
    status = userStop ? 'Stopped' : 'Failed';
    const fails = result.entries.filter((e) => e.CandidateStatus === 'Failed');
    failure = userStop ? 'stopped before any candidate finished'
      : elapsed >= budget ? `the budget of ${budget} s (MaxAutoMLJobRuntimeInSeconds) ended before any candidate finished; raise it (the first candidate ran ${elapsed.toFixed(1)} s without finishing)`
      : fails.length > 0 ? `every candidate failed; the first: ${fails[0].FailureReason}` : 'no candidate ran';
  } else if (userStop) {
    status = 'Stopped';
    notes.push(`stopped by the user after ${elapsed.toFixed(1)} s; the ${leaderboard.filter((e) => e.CandidateStatus === 'Completed').length} finished candidates are kept`);
  } else if (elapsed >= budget) {
    notes.push(`the budget of ${budget} s ended the job; the finished candidates are kept`);
  }
  return {
    AutoMLJobStatus: status, ...(failure ? { FailureReason: failure } : {}),
    Mode: mode, RequestedMode: requested, Problem: problem,
    Objective: { MetricName: problem.objective, Type: objectiveInfo(problem.objective)!.direction },
    Report: report, Leaderboard: leaderboard,
    ...(best ? { BestCandidate: best } : {}),
    ...(bestFile && files ? { BestModel: { entry: bestFile, ...files } } : {}),
    Rows: { train: train.numRows, test: test.numRows }, DataSizeBytes: dataBytes, ElapsedSeconds: elapsed, Notes: notes,
  };
}
