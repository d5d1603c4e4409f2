// HYPERPARAMETER_TUNING's refit: the best trial of an algorithm's tuning job trained again on every training
// row (the tuning split and the validation split the trials held out), with the hyperparameters it was asked to
// train with (statics, tuned values, Hyperband's resource; not the resolved text it reports, which is not always
// valid input), as AutoGluon's refit_full and SageMaker Autopilot's final training do: a trial learns from 80% of
// the training split, the refit from all of it.
// The refit has no held-out validation of its own (it trained on the validation rows), so, like ENSEMBLING's
// `<algorithm>-full` model, it is scored on the test split only: no ValidationObjective. Without validation,
// what an algorithm decides on validation it decides on the training rows, as ENSEMBLING's full model does:
// early stopping (linear-learner, mlp) and linear-learner's choice among its num_models models.
import type { RawHyperparameters } from '../ml/hyperparameters.ts';
import type { LeaderboardEntry } from './autopilot-api.ts';
import type { CandidateAlgorithm } from './candidates.ts';
import { filesOf, fmt, type CandidateFiles, type JobContext } from './job-context.ts';
import { objectiveScore } from './objective-score.ts';

/** The leaderboard name of the refit of trial `trialName`. */
export const refitName = (trialName: string): string => `${trialName}-full`;

/**
 * Trains candidate `c` with `hyperparameters` (the best trial's, `trialName`) on all of ctx.train and scores it
 * on ctx.test. Undefined when the job is stopping (or stops it), or when the refit fails (a note says why).
 */
export async function refitBestTrial(ctx: JobContext, c: CandidateAlgorithm, trialName: string, hyperparameters: RawHyperparameters): Promise<{ entry: LeaderboardEntry; files: CandidateFiles } | undefined> {
  if (ctx.stopping()) return undefined;
  const name = refitName(trialName);
  let out;
  try {
    out = await ctx.run(
      { id: name, algorithm: c.algorithm, hyperparameters, train: ctx.train, test: ctx.test, predict: [ctx.test], prepare: ctx.prepareFor(c) },
      { onRound() {}, shouldStop: () => ctx.stopping() },
    );
  } catch (e) {
    ctx.notes.push(`refitting ${trialName} on every training row failed (${e instanceof Error ? e.message : String(e)}); its tuning-split model stays on the leaderboard`);
    return undefined;
  }
  if ('stopped' in out) return undefined;
  const p = out.predictions[0];
  const entry: LeaderboardEntry = {
    CandidateName: name, Algorithm: c.algorithm, Kind: 'single', HyperParameters: out.hyperparameters,
    TestObjective: objectiveScore(ctx.objective, p.predictions, p.labels),
    TrainingSeconds: out.trainSeconds, InferenceSecondsPerRow: p.secondsPerRow, TrainingRows: ctx.train.numRows, RefitOf: trialName,
    CandidateStatus: 'Completed', Downloadable: true,
  };
  ctx.progress(`${name}: ${trialName}'s hyperparameters refitted on all ${ctx.train.numRows} training rows, test ${ctx.objective} ${fmt(entry.TestObjective)}`);
  return { entry, files: filesOf(out) };
}
