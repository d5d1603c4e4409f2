// HYPERPARAMETER_TUNING: tuning across the candidate algorithms. runTuningJob tunes one algorithm, so the
// job runs one tuning job per candidate algorithm in turn, sharing the trial count (MaxCandidates, at most
// 100) and the time left evenly among the algorithms still to run (time an algorithm leaves unused passes
// on). Bayesian search below 100 MB of data, Hyperband above (Bayesian for algorithms without rounds or
// epochs). Each trial trains on the training split less a 20% validation split, the tuning objective is the
// Autopilot objective's per-algorithm metric (tuningMetric), and every finished trial is scored on the
// validation and test splits with the Autopilot objective itself. After each tuning job, its best trial (by the
// tuning metric on the validation split) is refitted on every training row as `<trial>-full` (hpo-refit.ts);
// refits do not count against MaxCandidates.
import { getAlgorithm } from '../ml/registry.ts';
import { resourceParameter } from '../tune/hyperband.ts';
import { defaultDirection } from '../tune/objective-metrics.ts';
import type { RawHyperparameters } from '../ml/hyperparameters.ts';
import type { ParameterRanges } from '../tune/ranges.ts';
import { runTuningJob } from '../tune/tuning-job.ts';
import type { RunTrial, TuningStrategy } from '../tune/tuning-job-api.ts';
import type { CandidateOutcome, LeaderboardEntry } from './autopilot-api.ts';
import { holdOut, rowsOf, VALIDATION_FRACTION } from './data-split.ts';
import { refitBestTrial } from './hpo-refit.ts';
import { filesOf, fmt, type JobContext, type ModeResult } from './job-context.ts';
import { objectiveScore, tuningMetric } from './objective-score.ts';

/** Data size from which tuning uses Hyperband instead of Bayesian search (SageMaker Autopilot's 100 MB). */
export const HYPERBAND_BYTES = 100 * 1024 * 1024;

/** Trials of a HYPERPARAMETER_TUNING job when MaxCandidates is not given. */
export const DEFAULT_HPO_TRIALS = 100;

const TASK = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' } as const;

/** `ranges` without the parameter named `name`. */
function without(ranges: ParameterRanges, name: string): ParameterRanges {
  const keep = <T extends { Name: string }>(list?: readonly T[]) => (list ?? []).filter((r) => r.Name !== name);
  return { ContinuousParameterRanges: keep(ranges.ContinuousParameterRanges), IntegerParameterRanges: keep(ranges.IntegerParameterRanges), CategoricalParameterRanges: keep(ranges.CategoricalParameterRanges) };
}

export async function runHpoMode(ctx: JobContext): Promise<ModeResult> {
  const metric = tuningMetric(ctx.objective, ctx.problem.problemType);
  const split = holdOut(Uint32Array.from({ length: ctx.train.numRows }, (_, i) => i), VALIDATION_FRACTION, ctx.strata, ctx.seed + 1);
  const fit = rowsOf(ctx.train, split.rest), validation = rowsOf(ctx.train, split.held);
  const large = ctx.dataBytes >= HYPERBAND_BYTES;
  let trialsLeft = Math.min(ctx.maxCandidates ?? DEFAULT_HPO_TRIALS, DEFAULT_HPO_TRIALS);
  const entries: LeaderboardEntry[] = [];
  const files: ModeResult['files'] = new Map();
  const outcomes = new Map<string, CandidateOutcome>();
  // Every trial's hyperparameters as asked (statics, tuned values, Hyperband's resource), for the refit of the best.
  const asked = new Map<string, RawHyperparameters>();
  ctx.notes.push(`HYPERPARAMETER_TUNING: ${ctx.candidates.length} algorithms share ${trialsLeft} trials; tuning metric ${metric}; ${large ? 'Hyperband (data of 100 MB or more)' : 'Bayesian search (data under 100 MB)'}; trials validate on ${validation.numRows} rows and train on ${fit.numRows}`);
  let done = 0;
  for (let a = 0; a < ctx.candidates.length; a++) {
    const c = ctx.candidates[a];
    const algosLeft = ctx.candidates.length - a;
    const trials = Math.ceil(trialsLeft / algosLeft);
    if (trials < 1) continue;
    if (ctx.stopping()) break;
    const runtime = ctx.remaining() / algosLeft;
    const estimator = getAlgorithm(c.algorithm);
    const resource = large ? resourceParameter(estimator, c.statics) : undefined;
    const strategy: TuningStrategy = resource ? 'Hyperband' : 'Bayesian';
    const ranges = resource ? without(c.ranges, resource.name) : c.ranges;
    const runTrial: RunTrial = async (trial, hooks) => {
      asked.set(trial.id, trial.hyperparameters);
      const out = await ctx.run(
        { id: trial.id, algorithm: c.algorithm, hyperparameters: trial.hyperparameters, train: fit, validation, test: ctx.test, predict: [validation, ctx.test], prepare: ctx.prepareFor(c) },
        { onRound: hooks.onRound, shouldStop: () => hooks.shouldStop() || ctx.stopping() },
      );
      if ('stopped' in out) return { stopped: true };
      outcomes.set(trial.id, out);
      return { metrics: out.metrics };
    };
    const result = await runTuningJob({
      HyperParameterTuningJobName: c.algorithm,
      HyperParameterTuningJobConfig: {
        Strategy: strategy,
        HyperParameterTuningJobObjective: { MetricName: metric, Type: defaultDirection(metric) },
        ResourceLimits: { MaxNumberOfTrainingJobs: trials, MaxParallelTrainingJobs: 1, ...(Number.isFinite(runtime) ? { MaxRuntimeInSeconds: Math.max(runtime, 1e-3) } : {}) },
        ParameterRanges: ranges,
        RandomSeed: ctx.seed,
      },
      TrainingJobDefinition: { AlgorithmName: c.algorithm, StaticHyperParameters: c.statics },
      Task: TASK[ctx.problem.problemType],
    }, runTrial, {
      shouldStop: () => ctx.stopping(),
      onTrialEnd(t) {
        done++;
        const o = outcomes.get(t.TrainingJobName);
        const test = o ? objectiveScore(ctx.objective, o.predictions[1].predictions, o.predictions[1].labels) : undefined;
        ctx.progress(`trial ${done} ${t.TrainingJobName}: ${t.TrainingJobStatus}${o ? `, validation ${ctx.objective} ${fmt(objectiveScore(ctx.objective, o.predictions[0].predictions, o.predictions[0].labels))}, test ${fmt(test)}` : t.FailureReason ? ` (${t.FailureReason})` : ''}`);
      },
    });
    trialsLeft -= result.TrainingJobs.length;
    for (const t of result.TrainingJobs) {
      const o = outcomes.get(t.TrainingJobName);
      const completed = t.TrainingJobStatus === 'Completed' && o !== undefined;
      if (completed) files.set(t.TrainingJobName, filesOf(o));
      entries.push({
        CandidateName: t.TrainingJobName, Algorithm: c.algorithm, Kind: 'single',
        HyperParameters: o ? o.hyperparameters : { ...t.TunedHyperParameters },
        ...(o ? {
          ValidationObjective: objectiveScore(ctx.objective, o.predictions[0].predictions, o.predictions[0].labels),
          TestObjective: objectiveScore(ctx.objective, o.predictions[1].predictions, o.predictions[1].labels),
          InferenceSecondsPerRow: o.predictions[1].secondsPerRow, TrainingRows: fit.numRows,
        } : {}),
        TrainingSeconds: o ? o.trainSeconds : (t.TrainingEndTime ?? t.TrainingStartTime) - t.TrainingStartTime,
        CandidateStatus: completed ? 'Completed' : t.TrainingJobStatus === 'Failed' ? 'Failed' : 'Stopped',
        ...(t.FailureReason ? { FailureReason: t.FailureReason } : t.StoppedBy ? { FailureReason: `stopped by ${t.StoppedBy}` } : {}),
        Downloadable: completed,
      });
    }
    ctx.notes.push(...result.Notes.map((n) => `${c.algorithm}: ${n}`));
    const best = result.BestTrainingJob?.TrainingJobName;
    if (best !== undefined && outcomes.has(best)) {
      const refit = await refitBestTrial(ctx, c, best, asked.get(best)!);
      if (refit) { entries.push(refit.entry); files.set(refit.entry.CandidateName, refit.files); }
    }
  }
  return { entries, files };
}
