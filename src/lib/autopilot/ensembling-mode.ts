// ENSEMBLING, as AutoGluon stacks: per candidate algorithm, k models on k stratified folds (default or lightly
// adjusted hyperparameters), each predicting the fold it did not train on (out-of-fold predictions) and the
// test split (averaged over the k models: the bagged model); then a stacker (ensemble.ts) fitted on the
// out-of-fold predictions of every complete bag. The stack is a leaderboard entry with its figures but no
// model file (`mlpad predict` reads one registry model per file); the downloadable model is the best bag's
// algorithm refitted on the whole training split when time allows, else that bag's first fold model.
import type { CandidateOutcome, LeaderboardEntry } from './autopilot-api.ts';
import { complement, kFolds, rowsOf } from './data-split.ts';
import { applyStack, atThreshold, averagePredictions, decisionThreshold, fitStack } from './ensemble.ts';
import { filesOf, fmt, type JobContext, type ModeResult } from './job-context.ts';
import { better, objectiveScore, type Predictions } from './objective-score.ts';

interface Bag {
  algorithm: string;
  oof: Predictions;
  test: Predictions;
  oofObjective: number;
  first: CandidateOutcome;
  entry: LeaderboardEntry;
}

/** Out-of-fold predictions in training-row order from each fold's predictions of its own rows. */
function assemble(n: number, folds: Uint32Array[], parts: Predictions[]): Predictions {
  const first = parts[0];
  if (first.kind === 'regression') {
    const score = new Float64Array(n);
    folds.forEach((rows, f) => { const p = parts[f]; if (p.kind === 'regression') rows.forEach((r, i) => { score[r] = p.score[i]; }); });
    return { kind: 'regression', score };
  }
  const k = first.classes;
  const probabilities = new Float64Array(n * k), predictedLabel = new Int32Array(n);
  folds.forEach((rows, f) => {
    const p = parts[f];
    if (p.kind !== 'classification') return;
    rows.forEach((r, i) => { predictedLabel[r] = p.predictedLabel[i]; for (let c = 0; c < k; c++) probabilities[r * k + c] = p.probabilities[i * k + c]; });
  });
  return { kind: 'classification', classes: k, probabilities, predictedLabel };
}

function labelsInRowOrder(n: number, folds: Uint32Array[], parts: Float32Array[]): Float32Array {
  const out = new Float32Array(n);
  folds.forEach((rows, f) => rows.forEach((r, i) => { out[r] = parts[f][i]; }));
  return out;
}

export async function runEnsemblingMode(ctx: JobContext): Promise<ModeResult> {
  const n = ctx.train.numRows;
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const folds = kFolds(all, ctx.folds, ctx.strata, ctx.seed + 1);
  const classes = ctx.problem.classes?.length;
  const candidates = ctx.candidates.slice(0, ctx.maxCandidates ?? ctx.candidates.length);
  ctx.notes.push(`ENSEMBLING: ${candidates.length} algorithms bagged over ${ctx.folds} stratified folds of the ${n} training rows, stacked by ${ctx.problem.problemType === 'Regression' ? 'ridge regression (closed form)' : 'L2-regularised multinomial logistic regression on log-probabilities'}`);
  const entries: LeaderboardEntry[] = [];
  const files: ModeResult['files'] = new Map();
  const bags: Bag[] = [];
  let labels: Float32Array | undefined;
  for (const c of candidates) {
    if (ctx.stopping()) break;
    const name = `${c.algorithm}-bagged`;
    const outs: CandidateOutcome[] = [];
    let failure: string | undefined, stopped = false;
    for (let f = 0; f < folds.length && !failure; f++) {
      if (ctx.stopping()) { stopped = true; break; }
      const held = rowsOf(ctx.train, folds[f]);
      try {
        const out = await ctx.run(
          { id: `${c.algorithm}-fold-${f + 1}`, algorithm: c.algorithm, hyperparameters: c.ensemble, train: rowsOf(ctx.train, complement(all, folds[f])), validation: held, test: ctx.test, predict: [held, ctx.test], prepare: ctx.prepareFor(c) },
          { onRound() {}, shouldStop: () => ctx.stopping() },
        );
        if ('stopped' in out) { stopped = true; break; }
        const got = out.predictions[0].predictions;
        if (classes !== undefined && (got.kind !== 'classification' || got.classes !== classes)) failure = `fold ${f + 1} trained on ${got.kind === 'classification' ? got.classes : 0} classes, not the ${classes} of the data (a class too rare for ${ctx.folds} folds)`;
        else outs.push(out);
      } catch (e) { failure = e instanceof Error ? e.message : String(e); }
    }
    const seconds = outs.reduce((s, o) => s + o.trainSeconds, 0);
    if (failure || stopped) {
      entries.push({ CandidateName: name, Algorithm: c.algorithm, Kind: 'bagged', HyperParameters: outs[0]?.hyperparameters ?? {}, TrainingSeconds: seconds, CandidateStatus: failure ? 'Failed' : 'Stopped', FailureReason: failure ?? `stopped after ${outs.length} of ${ctx.folds} folds (${ctx.userStopped() ? 'Stop' : 'time budget'})`, Downloadable: false });
      ctx.progress(`${name}: ${failure ? `failed: ${failure}` : `stopped after ${outs.length} of ${ctx.folds} folds`}`);
      continue;
    }
    const oof = assemble(n, folds, outs.map((o) => o.predictions[0].predictions));
    labels ??= labelsInRowOrder(n, folds, outs.map((o) => o.predictions[0].labels));
    const test = averagePredictions(outs.map((o) => o.predictions[1].predictions));
    const entry: LeaderboardEntry = {
      CandidateName: name, Algorithm: c.algorithm, Kind: 'bagged', HyperParameters: outs[0].hyperparameters,
      ValidationObjective: objectiveScore(ctx.objective, oof, labels), TestObjective: objectiveScore(ctx.objective, test, outs[0].predictions[1].labels),
      TrainingSeconds: seconds, InferenceSecondsPerRow: outs.reduce((s, o) => s + o.predictions[1].secondsPerRow, 0),
      CandidateStatus: 'Completed', Downloadable: false, DownloadNote: `a bag of ${ctx.folds} models; download the single model of this algorithm instead`,
    };
    entries.push(entry);
    bags.push({ algorithm: c.algorithm, oof, test, oofObjective: entry.ValidationObjective!, first: outs[0], entry });
    ctx.progress(`${name}: out-of-fold ${ctx.objective} ${fmt(entry.ValidationObjective)}, test ${fmt(entry.TestObjective)} (${seconds.toFixed(1)} s)`);
  }
  if (bags.length === 0) return { entries, files };
  const testLabels = bags[0].first.predictions[1].labels;
  let best = 0;
  bags.forEach((b, i) => { if (better(ctx.objective, b.oofObjective, bags[best].oofObjective)) best = i; });

  if (bags.length >= 2) {
    const now = globalThis.performance.now();
    const stack = fitStack(bags.map((b) => b.oof), labels!, best);
    const rawOof = applyStack(stack, bags.map((b) => b.oof));
    const threshold = decisionThreshold(rawOof, labels!, ctx.objective);
    const oofStack = atThreshold(rawOof, threshold);
    const t1 = globalThis.performance.now();
    const testStack = atThreshold(applyStack(stack, bags.map((b) => b.test)), threshold);
    const applySeconds = (globalThis.performance.now() - t1) / 1000;
    const entry: LeaderboardEntry = {
      CandidateName: 'ensemble-stacked', Algorithm: 'ensemble', Kind: 'stacked',
      HyperParameters: { base_models: bags.map((b) => `${b.algorithm}-bagged`).join(','), stacker: stack.kind === 'regression' ? 'ridge' : 'logistic', weights: Array.from(stack.weights, (w) => w.toPrecision(4)).join(','), ...(threshold !== 0.5 ? { decision_threshold: threshold.toPrecision(4) } : {}) },
      ValidationObjective: objectiveScore(ctx.objective, oofStack, labels!), TestObjective: objectiveScore(ctx.objective, testStack, testLabels),
      TrainingSeconds: bags.reduce((s, b) => s + b.entry.TrainingSeconds, 0) + (t1 - now) / 1000,
      InferenceSecondsPerRow: bags.reduce((s, b) => s + (b.entry.InferenceSecondsPerRow ?? 0), 0) + applySeconds / Math.max(1, ctx.test.numRows),
      CandidateStatus: 'Completed', Downloadable: false,
      DownloadNote: 'the stacked ensemble has no model file yet: `mlpad predict` reads one registry model per file; download the best single model',
    };
    entries.push(entry);
    ctx.progress(`ensemble-stacked: out-of-fold ${ctx.objective} ${fmt(entry.ValidationObjective)} (in-sample for the stacker), test ${fmt(entry.TestObjective)}`);
  }

  // The downloadable single model: the best bag's algorithm on every training row, else its first fold model.
  const b = bags[best];
  const c = candidates.find((x) => x.algorithm === b.algorithm)!;
  let single: CandidateOutcome | undefined, name = `${b.algorithm}-full`;
  if (!ctx.stopping()) {
    try {
      const out = await ctx.run({ id: name, algorithm: b.algorithm, hyperparameters: c.ensemble, train: ctx.train, test: ctx.test, predict: [ctx.test], prepare: ctx.prepareFor(c) }, { onRound() {}, shouldStop: () => ctx.stopping() });
      if (!('stopped' in out)) single = out;
    } catch (e) { ctx.notes.push(`refitting ${b.algorithm} on every training row failed (${(e as Error).message}); its first fold model is the downloadable one`); }
  }
  if (!single) { single = b.first; name = `${b.algorithm}-fold-1`; }
  const p = single.predictions[single.predictions.length - 1];
  entries.push({
    CandidateName: name, Algorithm: b.algorithm, Kind: 'single', HyperParameters: single.hyperparameters,
    TestObjective: objectiveScore(ctx.objective, p.predictions, p.labels), TrainingSeconds: single.trainSeconds, InferenceSecondsPerRow: p.secondsPerRow,
    TrainingRows: single === b.first ? n - folds[0].length : n,
    CandidateStatus: 'Completed', Downloadable: true,
  });
  files.set(name, filesOf(single));
  return { entries, files };
}
