// What the candidate notebook reads beside the data file: the rows of every split and the fitted feature
// encodings. The rows are written out as row numbers rather than re-implemented in Python: they come from
// the same functions the job ran (holdOut with the job's seed: the test split first, then HPO's validation
// split of the rest with seed + 1; targetFolds for the out-of-fold target encoding), so the notebook trains
// on exactly the rows mlpad trained on. An encoding comes from the model file when the job kept that
// candidate's file, else it is fitted again on the same rows with the same options (the job's pipeline).
import type { Table } from 'apache-arrow';
import type { SemanticType } from '../../data/types.ts';
import { openModel } from '../../ml/open-model.ts';
import { trainingMeans } from '../../ml/prepare/impute.ts';
import { textColumn } from '../../ml/prepare/column-values.ts';
import { fitTarget } from '../../ml/prepare/labels.ts';
import { prepareTrainingData } from '../../ml/prepare/prepare-training-data.ts';
import { targetFolds } from '../../ml/prepare/target-encoding.ts';
import type { FeatureEncoding, Task } from '../../ml/prepare/types.ts';
import { getAlgorithm } from '../../ml/registry.ts';
import type { AutopilotResult, LeaderboardEntry } from '../autopilot-api.ts';
import { candidateAlgorithms } from '../candidates.ts';
import { trainingTypeOf } from '../column-type.ts';
import { holdOut, rowsOf, TEST_FRACTION, VALIDATION_FRACTION } from '../data-split.ts';

/** Algorithms the candidate notebook reproduces in Python. */
export const NOTEBOOK_ALGORITHMS: readonly string[] = ['xgboost', 'mlp', 'linear-learner', 'knn'];

/** The split file (`split.json`): 0-based data rows of the file (header excluded). */
export interface SplitFile {
  /** Rows the candidate trained on. */
  train: number[];
  /** HYPERPARAMETER_TUNING's validation rows (empty for ENSEMBLING, whose folds are not reproduced, and for an HPO refit, which trained on them). */
  validation: number[];
  /** Test rows: of the data file, or of the separate test file when `test_from_file`. */
  test: number[];
  test_from_file: boolean;
  /** Per training row (in `train` order), its fold of the out-of-fold target encoding. */
  target_folds: number[];
  seed: number;
}

/** The candidates a notebook reproduces, with their encodings and the split. */
export interface CandidateData {
  split: SplitFile;
  /** The candidate the notebook reproduces: the best single model of a supported algorithm. */
  candidate: LeaderboardEntry;
  /** The best XGBoost candidate (Dask and SageMaker sections); undefined when none finished. */
  xgboost?: LeaderboardEntry;
  /** Feature encoding per candidate name. */
  encodings: Record<string, FeatureEncoding>;
  /** The candidate whose model file the job kept (`model.json`), when it is one of the two. */
  modelFileCandidate?: string;
  /** Sentences for the notebook about what differs from the leaderboard's best. */
  notes: string[];
}

/** Options of candidateData. */
export interface CandidateDataOptions {
  /** The separate test table the job was given; defaults to none (the test split was held out of `table`). */
  test?: Table;
  /** The job's seed; defaults to 0. */
  seed?: number;
}

const TASK: Record<string, Task> = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' };

const usable = (e: LeaderboardEntry) => e.CandidateStatus === 'Completed' && e.Kind !== 'stacked' && NOTEBOOK_ALGORITHMS.includes(e.Algorithm) && e.TestObjective !== undefined && Number.isFinite(e.TestObjective);

function present(table: Table, target: string): number[] {
  const rows: number[] = [];
  textColumn(table.getChild(target)!).forEach((t, i) => { if (t !== null) rows.push(i); });
  return rows;
}

/**
 * The split rows and encodings the candidate notebook needs for the finished job `result` on `table` (the
 * table the job was given). Throws RangeError when no finished candidate is of an algorithm the notebook
 * reproduces (xgboost, mlp, linear-learner, knn).
 */
export function candidateData(table: Table, result: AutopilotResult, options: CandidateDataOptions = {}): CandidateData {
  if (table === null || typeof table !== 'object' || typeof table.getChild !== 'function') throw new TypeError('candidateData: table must be the Arrow Table the job ran on');
  if (result === null || typeof result !== 'object' || !Array.isArray(result.Leaderboard)) throw new TypeError('candidateData: result must be runAutopilotJob\'s result');
  const candidate = result.Leaderboard.find(usable);
  if (!candidate) throw new RangeError(`candidateData: no finished candidate of ${NOTEBOOK_ALGORITHMS.join(', ')} to reproduce; the notebook needs one`);
  const xgboost = result.Leaderboard.find((e) => usable(e) && e.Algorithm === 'xgboost');
  const notes: string[] = [];
  const best = result.BestCandidate;
  if (best && best.CandidateName !== candidate.CandidateName) {
    notes.push(`The leaderboard's best candidate ${best.CandidateName} (${best.Kind} ${best.Algorithm}) is not reproduced: the notebook reproduces single models of ${NOTEBOOK_ALGORITHMS.join(', ')}; this notebook reproduces ${candidate.CandidateName}, the best of those.`);
  }
  if (candidate.Kind === 'bagged') notes.push(`${candidate.CandidateName} is bagged over k folds in mlpad; the notebook trains one model on the whole training split, so its objective differs from the leaderboard's.`);

  const seed = options.seed ?? 0;
  const target = result.Problem.target;
  const task = TASK[result.Problem.problemType];
  const dropped = new Set(result.Report.dropped.map((d) => d.column));
  const keep = table.schema.fields.map((f) => f.name).filter((n) => !dropped.has(n));
  const data = table.select(keep);
  const labelsOf = (t: Table) => (task === 'regression' ? undefined : fitTarget(t.getChild(target)!, target, task, result.Problem.positiveLabel).labels);
  const rows = present(data, target);
  let rest: Uint32Array, test: Uint32Array;
  if (options.test) {
    rest = Uint32Array.from(rows);
    test = Uint32Array.from(present(options.test, target));
  } else {
    ({ rest, held: test } = holdOut(rows, TEST_FRACTION, labelsOf(data), seed));
  }
  let train = rest, validation = new Uint32Array(0);
  // An HPO trial trained on the training split less its validation split; a refit (RefitOf) on all of it.
  if (result.Mode === 'HYPERPARAMETER_TUNING' && candidate.RefitOf === undefined) {
    const v = holdOut(Uint32Array.from({ length: rest.length }, (_, i) => i), VALIDATION_FRACTION, labelsOf(rowsOf(data, rest)), seed + 1);
    train = Uint32Array.from(v.rest, (i) => rest[i]);
    validation = Uint32Array.from(v.held, (i) => rest[i]);
  }
  const folds = new Array<number>(train.length).fill(0);
  targetFolds(Uint32Array.from({ length: train.length }, (_, i) => i), seed).forEach((f, k) => { for (const i of f) folds[i] = k; });

  const types: Record<string, SemanticType> = {};
  for (const name of keep) if (name !== target) types[name] = trainingTypeOf(table.getChild(name)!, name);
  const trainTable = rowsOf(data, train);
  const settings = new Map(candidateAlgorithms(result.Problem.problemType).map((c) => [c.algorithm, c]));
  const bestFile = result.BestModel;
  const encodings: Record<string, FeatureEncoding> = {};
  let modelFileCandidate: string | undefined;
  for (const entry of xgboost && xgboost !== candidate ? [candidate, xgboost] : [candidate]) {
    if (bestFile && bestFile.entry.CandidateName === entry.CandidateName) {
      const opened = openModel(bestFile.model, `the ${entry.CandidateName} model file`);
      if (opened.encoding) { encodings[entry.CandidateName] = opened.encoding; modelFileCandidate = entry.CandidateName; continue; }
    }
    const estimator = getAlgorithm(entry.Algorithm);
    const prepared = prepareTrainingData(trainTable, {
      target, task, types, ...(result.Problem.positiveLabel !== undefined ? { positiveLabel: result.Problem.positiveLabel } : {}),
      split: { validationFraction: 0, testFraction: 0, seed }, invalidNumbers: 'missing',
      preprocessing: 'autopilot', scale: settings.get(entry.Algorithm)?.scale ?? false,
      ...(estimator.categorical ? { categorical: estimator.categorical } : {}),
    });
    encodings[entry.CandidateName] = { ...prepared.encoding, ...(estimator.acceptsMissing ? {} : { impute: trainingMeans(prepared.train) }) };
  }
  return {
    split: { train: Array.from(train), validation: Array.from(validation), test: Array.from(test), test_from_file: options.test !== undefined, target_folds: folds, seed },
    candidate, ...(xgboost ? { xgboost } : {}), encodings, ...(modelFileCandidate ? { modelFileCandidate } : {}), notes,
  };
}
