// Autopilot's candidates several at a time (MaxParallelCandidates, parallel.ts) in `mlpad autopilot`'s pool of
// worker threads (src/cli/autopilot-pool.ts): for the same seed the leaderboard is the sequential job's, entry
// for entry (names, statuses and test objectives equal to the last bit: the same requests train the same
// models), while the pool really runs two candidates at once. Real training on loan-approval (2,000 rows).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutopilotPool } from '../../../src/cli/autopilot-pool.ts';
import { localCandidateRunner, runAutopilotJob, type AutopilotJobConfig, type AutopilotResult, type RunCandidate } from '../../../src/lib/autopilot/index.ts';
import { hpoTrialShares, mapLimit } from '../../../src/lib/autopilot/parallel.ts';
import { requestKey } from '../../../src/lib/autopilot/request-key.ts';
import { initTrainingBackend } from '../../../src/lib/compute/training-backend.ts';
import { takeRows } from '../../../src/lib/data/take-rows.ts';
import { createAutopilotEngine, createCandidateRunner, type CandidateWorker } from '../../../src/lib/engine/autopilot-engine.ts';
import { runMlpad } from '../cli/run-mlpad.ts';
import { fileTable, repoPath } from './fixtures.ts';

const LOAN = 'public/samples/loan-approval.csv';
let table: Table;
beforeAll(async () => { table = await fileTable(LOAN); }, 60_000);

const dir = mkdtempSync(join(tmpdir(), 'mlpad-autopilot-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The leaderboard as compared across thread counts: every figure but the clock's. */
const board = (r: AutopilotResult) => r.Leaderboard.map((e) => ({ name: e.CandidateName, status: e.CandidateStatus, validation: e.ValidationObjective, test: e.TestObjective, hyperparameters: e.HyperParameters }));

/** `run` counted: how many candidates were in flight at most. */
function counted(run: RunCandidate) {
  const state = { inFlight: 0, most: 0, runs: 0 };
  const wrapped: RunCandidate = async (request, hooks) => {
    state.runs++;
    state.most = Math.max(state.most, ++state.inFlight);
    try { return await run(request, hooks); } finally { state.inFlight--; }
  };
  return { state, run: wrapped };
}

async function both(config: AutopilotJobConfig) {
  const one = counted(localCandidateRunner({ tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) }));
  const sequential = await runAutopilotJob(table, { ...config, MaxParallelCandidates: 1 }, one.run);
  const pool = createAutopilotPool(2);
  try {
    const two = counted(pool.run);
    const parallel = await runAutopilotJob(table, { ...config, MaxParallelCandidates: 2 }, two.run);
    return { sequential, parallel, one: one.state, two: two.state };
  } finally {
    pool.close();
  }
}

describe('Autopilot with MaxParallelCandidates', () => {
  it('ENSEMBLING at 2 in worker threads gives the leaderboard of 1 in this thread (seed 7), two bags at once', async () => {
    const { sequential, parallel, one, two } = await both({ Target: 'approved', Seed: 7, Folds: 3, Algorithms: ['xgboost', 'linear-learner'], AutoMLJobConfig: { Mode: 'ENSEMBLING' } });
    expect(sequential.AutoMLJobStatus).toBe('Completed');
    expect(parallel.AutoMLJobStatus).toBe('Completed');
    expect(sequential.Leaderboard.filter((e) => e.CandidateStatus === 'Completed')).toHaveLength(4);
    expect(board(parallel)).toEqual(board(sequential));
    expect(parallel.BestCandidate?.CandidateName).toBe(sequential.BestCandidate?.CandidateName);
    expect(parallel.BestModel?.entry.CandidateName).toBe(sequential.BestModel?.entry.CandidateName);
    // 2 algorithms × 3 folds + the refit, each trained once in either run.
    expect(one).toMatchObject({ runs: 7, most: 1 });
    expect(two).toMatchObject({ runs: 7, most: 2 });
  }, 240_000);

  it('HYPERPARAMETER_TUNING at 2 gives the leaderboard of 1 (seed 3, 5 trials shared 3 + 2), two tuning jobs at once', async () => {
    const { sequential, parallel, two } = await both({ Target: 'approved', Seed: 3, Algorithms: ['xgboost', 'linear-learner'], AutoMLJobConfig: { Mode: 'HYPERPARAMETER_TUNING', CompletionCriteria: { MaxCandidates: 5 } } });
    // 5 trials and each algorithm's refit of its best trial on every training row.
    expect(sequential.Leaderboard.filter((e) => e.CandidateStatus === 'Completed')).toHaveLength(7);
    expect(sequential.Leaderboard.filter((e) => e.RefitOf !== undefined)).toHaveLength(2);
    expect(board(parallel)).toEqual(board(sequential));
    expect(two).toMatchObject({ runs: 7, most: 2 });
  }, 240_000);

  it('Stop with 2 at once: no candidate starts after it, the folds that finished are kept in their bags, status Stopped', async () => {
    let started = 0, finished = 0, afterStop = 0;
    const base = localCandidateRunner({ tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });
    const run: RunCandidate = async (request, hooks) => {
      started++;
      if (finished >= 3) afterStop++;
      const out = await base(request, hooks);
      if (!('stopped' in out)) finished++;
      return out;
    };
    const r = await runAutopilotJob(table, { Target: 'approved', Folds: 3, Algorithms: ['xgboost', 'knn'], MaxParallelCandidates: 2, AutoMLJobConfig: { Mode: 'ENSEMBLING' } }, run, { shouldStop: () => finished >= 3 });
    expect(r.AutoMLJobStatus).toBe('Stopped');
    expect(afterStop).toBe(0);
    // Three finished, and at most the one in the other lane when Stop came.
    expect(started).toBeLessThanOrEqual(4);
    const bags = r.Leaderboard.filter((e) => e.Kind === 'bagged');
    expect(bags.map((e) => e.Algorithm).sort()).toEqual(['knn', 'xgboost']);
    for (const b of bags.filter((e) => e.CandidateStatus === 'Stopped')) expect(b.FailureReason).toMatch(/^stopped after [0-3] of 3 folds \(Stop\)$/);
  }, 120_000);

  it('a candidate that fails in the first pass fails once, and its bag is on the leaderboard as Failed', async () => {
    const failing: RunCandidate = async (request, hooks) => {
      if (request.algorithm === 'knn') throw new Error('knn is broken here');
      return localCandidateRunner()(request, hooks);
    };
    const c = counted(failing);
    const r = await runAutopilotJob(table, { Target: 'approved', Folds: 3, Algorithms: ['xgboost', 'knn'], MaxParallelCandidates: 2, AutoMLJobConfig: { Mode: 'ENSEMBLING' } }, c.run);
    expect(r.Leaderboard.find((e) => e.CandidateName === 'knn-bagged')).toMatchObject({ CandidateStatus: 'Failed', FailureReason: 'knn is broken here' });
    // xgboost's 3 folds and refit, and knn's first fold once.
    expect(c.state.runs).toBe(5);
  }, 120_000);

  it('a bad MaxParallelCandidates names the field', async () => {
    await expect(runAutopilotJob(table, { Target: 'approved', MaxParallelCandidates: 0 }, localCandidateRunner())).rejects.toThrow('MaxParallelCandidates must be a whole number of at least 1; got 0');
    await expect(runAutopilotJob(table, { Target: 'approved', MaxParallelCandidates: 1.5 }, localCandidateRunner())).rejects.toThrow('MaxParallelCandidates must be a whole number of at least 1; got 1.5');
  });
});

describe('the studio engine with maxParallel 2', () => {
  it('keeps two candidate runners, ends them with the job, and ranks as one runner does (ENSEMBLING, seed 11)', async () => {
    const config: AutopilotJobConfig = { Target: 'approved', Seed: 11, Folds: 3, Algorithms: ['xgboost', 'knn'], AutoMLJobConfig: { Mode: 'ENSEMBLING' } };
    const jobOf = async (maxParallel: number) => {
      const state = { spawned: 0, terminated: 0 };
      const spawn = (): CandidateWorker => {
        state.spawned++;
        const r = createCandidateRunner({ tensorflow: (requested, allowed) => initTrainingBackend(requested, { allowed }), keepJob: true });
        return { run: (job, onRound) => r.run(job, onRound), terminate: () => { state.terminated++; }, failed: new Promise<never>(() => undefined) };
      };
      const engine = createAutopilotEngine({ spawn, maxParallel });
      await engine.setTable(tableToIPC(table, 'stream'));
      const { result, best, bestJob } = await engine.run({ config }, () => undefined);
      return { result, state, best, bestJob };
    };
    const one = await jobOf(1), two = await jobOf(2);
    expect(one.state).toEqual({ spawned: 1, terminated: 1 });
    expect(two.state).toEqual({ spawned: 2, terminated: 2 });
    expect(one.result.Leaderboard.map((e) => `${e.CandidateName} ${e.CandidateStatus}`)).toEqual(expect.arrayContaining(['xgboost-bagged Completed', 'knn-bagged Completed', 'ensemble-stacked Completed']));
    expect(board(two.result as AutopilotResult)).toEqual(board(one.result as AutopilotResult));
    // The best downloadable candidate's training result is kept for the Train view, with its own model file.
    for (const { best, bestJob, result } of [one, two]) {
      expect(best?.candidateName).toMatch(/-full$/);
      expect(bestJob).not.toBeNull();
      expect(bestJob!.algorithm).toBe(best!.algorithm);
      expect(bestJob!.model).toEqual(best!.model);
      expect(bestJob!.metricsJson).toEqual(best!.metricsJson);
      expect(bestJob!.hyperparameters).toEqual(result.Leaderboard.find((e) => e.CandidateName === best!.candidateName)!.HyperParameters);
      expect(bestJob!.evaluations.map((e) => e.split)).toEqual(['train', 'test']);
      const file = JSON.parse(new TextDecoder().decode(bestJob!.metricsJson)) as { test: Record<string, number> };
      const { rows, ...metrics } = file.test;
      expect(rows).toBe(result.Rows.test);
      expect(bestJob!.evaluations[1].metrics).toEqual(metrics);
    }
  }, 240_000);
});

describe('parallel.ts helpers', () => {
  it('hpoTrialShares hands trials out as the sequential job does (ceil of the trials left over the algorithms left)', () => {
    expect(hpoTrialShares(3, 100)).toEqual([34, 33, 33]);
    expect(hpoTrialShares(3, 2)).toEqual([1, 1, 0]);
    expect(hpoTrialShares(2, undefined)).toEqual([50, 50]);
    expect(hpoTrialShares(2, 500)).toEqual([50, 50]);
  });

  it('mapLimit keeps at most `limit` calls in flight and the results in input order', async () => {
    let inFlight = 0, most = 0;
    const out = await mapLimit([30, 10, 20, 5, 1], 2, async (ms, i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('requestKey is equal for the same rows taken twice and differs when one row differs', () => {
    const rows = Array.from({ length: 50 }, (_, i) => i);
    const request = (t: Table) => ({ id: 'a', algorithm: 'xgboost', hyperparameters: {}, train: t, predict: [t], prepare: { target: 'approved', task: 'binary' as const } });
    const a = requestKey(request(takeRows(table, rows)));
    expect(requestKey(request(takeRows(table, rows)))).toBe(a);
    expect(requestKey(request(takeRows(table, [...rows.slice(0, 49), 50])))).not.toBe(a);
    expect(requestKey({ ...request(takeRows(table, rows)), id: 'b' })).not.toBe(a);
  });
});

describe('mlpad autopilot --max-parallel', () => {
  it('--max-parallel 2 writes the leaderboard.json of --max-parallel 1 (hpo, 3 trials, seed 5)', async () => {
    const run = async (n: string) => {
      const out = join(dir, `p${n}`);
      const r = await runMlpad('autopilot', '--train', repoPath(LOAN), '--target', 'approved', '--mode', 'hpo', '--max-candidates', '3', '--seed', '5', '--max-parallel', n, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')) as { Leaderboard: { CandidateName: string; TestObjective?: number; CandidateStatus: string }[]; Notes: string[] };
    };
    const one = await run('1'), two = await run('2');
    // 3 trials (one each for xgboost, linear-learner, mlp) and their 3 refits.
    expect(one.Leaderboard.length).toBe(6);
    expect(one.Leaderboard.every((e) => e.CandidateStatus === 'Completed')).toBe(true);
    const pick = (l: typeof one) => l.Leaderboard.map((e) => [e.CandidateName, e.CandidateStatus, e.TestObjective]);
    expect(pick(two)).toEqual(pick(one));
    expect(two.Notes.some((n) => n.startsWith('2 tuning jobs at a time (MaxParallelCandidates 2)'))).toBe(true);
  }, 300_000);

  it('a bad --max-parallel is a usage error (exit 2)', async () => {
    const r = await runMlpad('autopilot', '--train', repoPath(LOAN), '--target', 'approved', '--max-parallel', '0', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-parallel must be a whole number of at least 1; got "0"');
  });
});
