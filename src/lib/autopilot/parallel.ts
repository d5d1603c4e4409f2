// Autopilot's candidates several at a time (MaxParallelCandidates), with the leaderboard of the sequential job
// for the same seed. The modes (hpo-mode.ts, ensembling-mode.ts) run their candidates one after another; the
// parallel job runs each candidate algorithm's share of a mode side by side, through the same mode functions:
// - HYPERPARAMETER_TUNING: one tuning job per algorithm, each with the trial count the sequential job gives
//   it (ceil of the trials left over the algorithms left), run at once. Each tuning job still runs its trials
//   one at a time, so its Bayesian search sees what it saw in sequence.
// - ENSEMBLING: first every algorithm's bag (its k fold models) at once, each in a one-algorithm run of the
//   mode stopped after its folds; then the mode itself over all algorithms, answered from those finished
//   folds (matched by requestKey, so only the very same request reuses an outcome) and training only what is
//   left (the refit of the best algorithm on every training row).
// Differences from the sequential job: each algorithm may use all of the time left (not an even share), and
// HPO trials an algorithm leaves unused (a search space it exhausted) do not pass on to the next.
import type { CandidateOutcome, RunCandidate } from './autopilot-api.ts';
import { runEnsemblingMode } from './ensembling-mode.ts';
import { DEFAULT_HPO_TRIALS, runHpoMode } from './hpo-mode.ts';
import type { JobContext, ModeResult } from './job-context.ts';
import { requestKey } from './request-key.ts';

/** Maps `items` through `fn` with at most `limit` calls in flight; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

/** HPO's trial share of each candidate algorithm, as the sequential job hands them out. */
export function hpoTrialShares(algorithms: number, maxCandidates: number | undefined): number[] {
  let left = Math.min(maxCandidates ?? DEFAULT_HPO_TRIALS, DEFAULT_HPO_TRIALS);
  return Array.from({ length: algorithms }, (_, a) => {
    const t = Math.max(0, Math.ceil(left / (algorithms - a)));
    left -= t;
    return t;
  });
}

async function hpoInParallel(ctx: JobContext, parallel: number): Promise<ModeResult> {
  const shares = hpoTrialShares(ctx.candidates.length, ctx.maxCandidates);
  ctx.notes.push(`${Math.min(parallel, ctx.candidates.length)} tuning jobs at a time (MaxParallelCandidates ${parallel}): ${ctx.candidates.map((c, i) => `${c.algorithm} ${shares[i]}`).join(', ')} trials, each job's trials in sequence`);
  const parts = await mapLimit(ctx.candidates, parallel, async (c, i) => {
    if (shares[i] < 1 || ctx.stopping()) return { result: { entries: [], files: new Map() } as ModeResult, notes: [] as string[] };
    const notes: string[] = [];
    const result = await runHpoMode({ ...ctx, candidates: [c], maxCandidates: shares[i], notes });
    return { result, notes: notes.map((n, k) => (k === 0 ? `${c.algorithm}: ${n}` : n)) };
  });
  const out: ModeResult = { entries: [], files: new Map() };
  for (const p of parts) {
    out.entries.push(...p.result.entries);
    for (const [k, v] of p.result.files) out.files.set(k, v);
    ctx.notes.push(...p.notes);
  }
  return out;
}

async function ensemblingInParallel(ctx: JobContext, parallel: number): Promise<ModeResult> {
  // Every ended candidate by request (finished, stopped, or failed as its error); the full run takes each once.
  const done = new Map<string, CandidateOutcome | { stopped: true } | { failed: unknown }>();
  const said = new Set<string>();
  const say = (line: string) => { said.add(line); ctx.progress(line); };
  const candidates = ctx.candidates.slice(0, ctx.maxCandidates ?? ctx.candidates.length);
  await mapLimit(candidates, parallel, async (c) => {
    let folds = 0;
    const run: RunCandidate = async (request, hooks) => {
      let out;
      try {
        out = await ctx.run(request, hooks);
      } catch (e) {
        done.set(requestKey(request), { failed: e });
        throw e;
      }
      done.set(requestKey(request), out);
      if (!('stopped' in out)) folds++;
      return out;
    };
    // Stopping once the folds are in skips the one-algorithm run's refit: the full run below decides which to refit.
    await runEnsemblingMode({ ...ctx, candidates: [c], maxCandidates: 1, notes: [], run, progress: say, stopping: () => ctx.stopping() || folds >= ctx.folds });
  });
  const replay: RunCandidate = async (request, hooks) => {
    const key = requestKey(request);
    const out = done.get(key);
    if (out) {
      done.delete(key);
      if ('failed' in out) throw out.failed;
      return out;
    }
    if (ctx.stopping()) return { stopped: true };
    return ctx.run(request, { onRound: hooks.onRound, shouldStop: () => ctx.stopping() || hooks.shouldStop() });
  };
  ctx.notes.push(`${Math.min(parallel, candidates.length)} bags trained at a time (MaxParallelCandidates ${parallel}), each bag's folds in sequence`);
  return runEnsemblingMode({
    ...ctx, run: replay,
    // Folds finished before a Stop or the budget are still assembled into their bags, as in sequence.
    stopping: () => (done.size > 0 ? false : ctx.stopping()),
    progress: (line) => { if (!said.has(line)) ctx.progress(line); },
  });
}

/** Runs `mode` with up to `parallel` candidates at a time (1: the mode itself). */
export function runModeInParallel(mode: 'ENSEMBLING' | 'HYPERPARAMETER_TUNING', ctx: JobContext, parallel: number): Promise<ModeResult> {
  if (parallel <= 1) return mode === 'ENSEMBLING' ? runEnsemblingMode(ctx) : runHpoMode(ctx);
  return mode === 'ENSEMBLING' ? ensemblingInParallel(ctx, parallel) : hpoInParallel(ctx, parallel);
}
