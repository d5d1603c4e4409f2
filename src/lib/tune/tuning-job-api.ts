// The shapes of a tuning job, in SageMaker's field names where SageMaker has them
// (CreateHyperParameterTuningJob's request, DescribeHyperParameterTuningJob's and
// ListTrainingJobsForHyperParameterTuningJob's responses), plus the trial runner the caller injects.
import type { MetricValues, RawHyperparameters, Task } from '../ml/estimator.ts';
import type { TuningObjective } from './objective-metrics.ts';
import type { ParameterRanges } from './ranges.ts';

export type TuningStrategy = 'Bayesian' | 'Random' | 'Grid' | 'Hyperband';

/** SageMaker's HyperParameterTuningJobConfig. */
export interface HyperParameterTuningJobConfig {
  /** Defaults to Bayesian. */
  Strategy?: TuningStrategy;
  /** Hyperband's resource bounds; MinResource defaults to 1, MaxResource to the algorithm's rounds (num_round, epochs) as set or defaulted. */
  StrategyConfig?: { HyperbandStrategyConfig?: { MinResource?: number; MaxResource?: number } };
  HyperParameterTuningJobObjective: TuningObjective;
  ResourceLimits?: {
    /** Trials to run; defaults to Grid's combinations, Hyperband's full plan, else 10. */
    MaxNumberOfTrainingJobs?: number;
    /** Trials at once; defaults to 1. */
    MaxParallelTrainingJobs?: number;
    /** Wall-clock budget: running trials are stopped and no more start; defaults to none. */
    MaxRuntimeInSeconds?: number;
  };
  ParameterRanges: ParameterRanges;
  /** Auto stops a trial worse than the median of earlier trials at the same round; defaults to Off (Hyperband needs Off). */
  TrainingJobEarlyStoppingType?: 'Off' | 'Auto';
  /** Defaults to none. */
  TuningJobCompletionCriteria?: {
    /** End once a trial reaches this objective value. */
    TargetObjectiveMetricValue?: number;
    /** End after this many finished trials in a row fail to improve the best by 1% or more. */
    BestObjectiveNotImproving?: { MaxNumberOfTrainingJobsNotImproving: number };
  };
  /** Seed of the strategies' random choices; defaults to 0. */
  RandomSeed?: number;
}

/** What every trial trains: the algorithm and the hyperparameters that are not tuned. */
export interface TrainingJobDefinition {
  /** Registry key, e.g. 'xgboost'. */
  AlgorithmName: string;
  /** Defaults to none (the algorithm's defaults and the data's suggestions). */
  StaticHyperParameters?: RawHyperparameters;
}

/** SageMaker's WarmStartConfig, with the parents as the results of earlier runs. */
export interface WarmStartConfig {
  ParentHyperParameterTuningJobs: readonly TuningResult[];
  /** Both seed the Bayesian model with the parents' trials; IdenticalDataAndAlgorithm also lets a parent trial be the best. */
  WarmStartType: 'IdenticalDataAndAlgorithm' | 'TransferLearning';
}

/** A tuning job to run. */
export interface TuningJobConfig {
  /** Names the trials "<name>-001"…; defaults to "tuning-job". */
  HyperParameterTuningJobName?: string;
  HyperParameterTuningJobConfig: HyperParameterTuningJobConfig;
  TrainingJobDefinition: TrainingJobDefinition;
  /** Defaults to none. */
  WarmStartConfig?: WarmStartConfig;
  /** mlpad: the target's task when known, to check the objective; defaults to any task the algorithm trains. */
  Task?: Task | null;
}

/** One trial to run: its name, every hyperparameter it trains with, and Hyperband's resource. */
export interface TrialRequest {
  id: string;
  hyperparameters: RawHyperparameters;
  /** Rounds or epochs (already set in `hyperparameters` under the algorithm's resource parameter); Hyperband only. */
  resource?: number;
}

/** What a trial runner reports to the job and asks it. */
export interface TrialHooks {
  /** After each 0-based round, with the metrics the algorithm streamed. */
  onRound(step: number, metrics: { train?: MetricValues; validation?: MetricValues }): void;
  /** Polled each round: true asks the runner to stop the trial (early stopping, Hyperband, time, Stop). */
  shouldStop(): boolean;
}

/** A trial's outcome: its final metrics ("validation:auc" → value), or that it stopped before finishing. */
export interface TrialResult {
  /** Every metric of the finished job (see finalMetrics); absent when it stopped early. */
  metrics?: Record<string, number>;
  /** True when the runner stopped the trial at shouldStop's request. */
  stopped?: boolean;
}

/** Runs one trial; rejects with a message for a trial that fails (bad hyperparameters, diverged). */
export type RunTrial = (trial: TrialRequest, hooks: TrialHooks) => Promise<TrialResult>;

export type TrainingJobStatus = 'InProgress' | 'Completed' | 'Stopped' | 'Failed';

/** One trial as ListTrainingJobsForHyperParameterTuningJob describes it (HyperParameterTrainingJobSummary), plus mlpad's per-round record. */
export interface TrialRecord {
  TrainingJobName: string;
  TrainingJobStatus: TrainingJobStatus;
  /** The tuned values, as text. */
  TunedHyperParameters: Record<string, string>;
  /** The objective at the end (the last round's for a stopped trial). */
  FinalHyperParameterTuningJobObjectiveMetric?: { Type: 'Maximize' | 'Minimize'; MetricName: string; Value: number };
  ObjectiveStatus: 'Succeeded' | 'Pending' | 'Failed';
  FailureReason?: string;
  /** Why a Stopped trial stopped. */
  StoppedBy?: 'EarlyStopping' | 'Hyperband' | 'MaxRuntime' | 'User' | 'CompletionCriteria';
  /** Seconds since the tuning job started. */
  TrainingStartTime: number;
  TrainingEndTime?: number;
  /** The objective after each round (null where the round did not report it). */
  ObjectivePerStep: (number | null)[];
  /** Hyperband's bracket s. */
  HyperbandBracket?: number;
  /** The parent job a warm-start trial came from. */
  ParentHyperParameterTuningJob?: string;
}

/** Why the job ended. */
export type CompletionReason =
  | 'AllTrainingJobsCompleted' | 'MaxNumberOfTrainingJobsReached' | 'MaxRuntimeInSecondsReached'
  | 'TargetObjectiveMetricValueReached' | 'BestObjectiveNotImproving' | 'StoppedByUser';

/** A finished tuning job, in DescribeHyperParameterTuningJob's layout where it maps. */
export interface TuningResult {
  HyperParameterTuningJobName: string;
  HyperParameterTuningJobConfig: HyperParameterTuningJobConfig;
  TrainingJobDefinition: TrainingJobDefinition;
  WarmStartConfig?: { ParentHyperParameterTuningJobs: { HyperParameterTuningJobName: string }[]; WarmStartType: WarmStartConfig['WarmStartType'] };
  HyperParameterTuningJobStatus: 'Completed' | 'Stopped' | 'Failed';
  CompletionReason: CompletionReason;
  FailureReason?: string;
  TrainingJobStatusCounters: { Completed: number; InProgress: number; RetryableError: number; NonRetryableError: number; Stopped: number };
  ObjectiveStatusCounters: { Succeeded: number; Pending: number; Failed: number };
  /** The best Completed trial (a parent's with IdenticalDataAndAlgorithm warm start); absent when none completed. */
  BestTrainingJob?: TrialRecord;
  /** Every trial of this job, in launch order. */
  TrainingJobs: TrialRecord[];
  TuningJobCompletionDetails: { NumberOfTrainingJobsObjectiveNotImproving: number };
  ElapsedSeconds: number;
  /** Sentences about how the job ran (e.g. no per-round objective for early stopping). */
  Notes: string[];
}

/** What the caller follows and controls. */
export interface TuningHooks {
  onTrialStart?(trial: TrialRecord): void;
  /** After each round that reported the objective. */
  onTrialRound?(trial: TrialRecord, step: number, objective: number): void;
  /** When a trial ends, with the best trial so far. */
  onTrialEnd?(trial: TrialRecord, best: TrialRecord | undefined): void;
  /** Polled often: true stops the job, keeping every finished trial (running ones are stopped). Defaults to never. */
  shouldStop?(): boolean;
  /** Clock in seconds; defaults to performance.now() / 1000. */
  now?(): number;
}
