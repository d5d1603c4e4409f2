// What both of Autopilot's modes share: the problem, the splits, the candidates, the runner, the clock and
// the budget, and what a mode hands back (leaderboard entries and the model files of the downloadable ones).
import type { Table } from 'apache-arrow';
import type { PrepareOptions } from '../ml/prepare/types.ts';
import type { CandidateOutcome, LeaderboardEntry, RunCandidate } from './autopilot-api.ts';
import type { CandidateAlgorithm } from './candidates.ts';
import type { ObjectiveMetric } from './objectives.ts';
import type { ProblemInference } from './problem.ts';

export interface JobContext {
  problem: ProblemInference;
  objective: ObjectiveMetric;
  candidates: CandidateAlgorithm[];
  /** The training split (every row has a target). */
  train: Table;
  /** Class index (classification) per row of `train`, for stratified splits; undefined for regression. */
  strata?: Float32Array;
  /** The test split. */
  test: Table;
  prepare: PrepareOptions;
  /** The prepare options of one candidate algorithm (Autopilot's preprocessing, scaled where the algorithm wants it). */
  prepareFor(c: CandidateAlgorithm): PrepareOptions;
  run: RunCandidate;
  seed: number;
  dataBytes: number;
  maxCandidates?: number;
  folds: number;
  /** Seconds since the job started. */
  elapsed(): number;
  /** Seconds the job may still run (Infinity without a budget). */
  remaining(): number;
  /** True once the user stopped the job or the budget is spent. */
  stopping(): boolean;
  userStopped(): boolean;
  progress(line: string): void;
  notes: string[];
}

/** A model file of a downloadable candidate. */
export interface CandidateFiles {
  model: Uint8Array;
  modelExtension: string;
  metricsJson: Uint8Array;
}

/** What a mode returns. */
export interface ModeResult {
  entries: LeaderboardEntry[];
  files: Map<string, CandidateFiles>;
}

export const filesOf = (o: CandidateOutcome): CandidateFiles => ({ model: o.model, modelExtension: o.modelExtension, metricsJson: o.metricsJson });

/** A figure for progress lines. */
export const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : Math.abs(v) >= 1e5 ? v.toExponential(3) : v.toFixed(4));
