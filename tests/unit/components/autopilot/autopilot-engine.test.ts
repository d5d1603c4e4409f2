// The Autopilot view's engine, run directly (no workers): candidate runners are started in-process behind the
// same CandidateJob bytes a nested worker gets, so the streaming of runs, their scores against the
// leaderboard's, the best model's bytes, Stop and the budget ending a candidate that never finishes (by
// ending its runner) are checked on the real job pipeline (XGBoost and k-NN on loan-approval, 2,000 rows).
import { readFileSync } from 'node:fs';
import { tableToIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AutopilotJobConfig } from '../../../../src/lib/autopilot/autopilot-api.ts';
import { loadBytes } from '../../../../src/lib/data/index.ts';
import { candidateJob, createAutopilotEngine, createCandidateRunner, type CandidateWorker } from '../../../../src/lib/engine/autopilot-engine.ts';
import type { AutopilotEvent, CandidateWorkerApi } from '../../../../src/lib/engine/autopilot-engine-api.ts';
import { openModel } from '../../../../src/lib/ml/open-model.ts';

const SAMPLE = new URL('../../../../public/samples/loan-approval.csv', import.meta.url);
let table: Table;

beforeAll(async () => {
  table = (await loadBytes('loan-approval.csv', new Uint8Array(readFileSync(SAMPLE)))).table;
}, 60_000);

/** In-process runners; `hang(n)` makes the n-th run (1-based) never finish. */
function pool(hang: (n: number) => boolean = () => false) {
  const state = { spawned: 0, terminated: 0, runs: 0 };
  const spawn = (): CandidateWorker => {
    state.spawned++;
    const r = createCandidateRunner();
    const run: CandidateWorkerApi['run'] = (job, onRound) => (hang(++state.runs) ? new Promise(() => undefined) : r.run(job, onRound));
    return { run, terminate: () => { state.terminated++; }, failed: new Promise<never>(() => undefined) };
  };
  return { state, spawn };
}

const hpo = (max: number, extra: Partial<AutopilotJobConfig['AutoMLJobConfig']> = {}): Omit<AutopilotJobConfig, 'Test'> => ({
  Target: 'approved', Algorithms: ['xgboost', 'knn'],
  AutoMLJobConfig: { Mode: 'HYPERPARAMETER_TUNING', CompletionCriteria: { MaxCandidates: max }, ...extra },
});

describe('autopilot engine', () => {
  it('streams each run scored exactly as the leaderboard scores it, and hands back the best model file', async () => {
    const p = pool();
    const engine = createAutopilotEngine({ spawn: p.spawn });
    await engine.setTable(tableToIPC(table, 'stream'));
    const events: AutopilotEvent[] = [];
    const { result, best, runs } = await engine.run({ config: hpo(3) }, (e) => events.push(e));
    expect(result.AutoMLJobStatus).toBe('Completed');
    expect(events[0]).toMatchObject({ type: 'stage', stage: 'exploring' });
    expect(events.filter((e) => e.type === 'stage').map((e) => (e as { stage: string }).stage)).toEqual(['exploring', 'training']);
    // 3 trials shared 2 + 1 by xgboost and knn, each algorithm's best then refitted on every training row.
    expect(events.filter((e) => e.type === 'start')).toHaveLength(5);
    expect(runs).toHaveLength(5);
    // One runner for the whole job (candidates run one at a time), ended with the job.
    expect(p.state.spawned).toBe(1);
    expect(p.state.terminated).toBe(1);
    expect(result.Leaderboard).toHaveLength(5);
    expect(result.Leaderboard.filter((e) => e.RefitOf !== undefined).map((e) => e.Algorithm).sort()).toEqual(['knn', 'xgboost']);
    for (const e of result.Leaderboard) {
      const r = runs.find((x) => x.id === e.CandidateName)!;
      expect(r.status).toBe('Completed');
      expect(r.test).toBe(e.TestObjective);
      expect(r.validation).toBe(e.ValidationObjective);
      expect(r.test!).toBeGreaterThan(0);
      expect(r.test!).toBeLessThanOrEqual(1);
    }
    expect(best).not.toBeNull();
    expect(best!.candidateName).toBe(result.BestCandidate!.CandidateName);
    const opened = openModel(best!.model, 'the best model');
    expect(opened.estimator.name).toBe(best!.algorithm);
  }, 120_000);

  it('Stop ends a candidate that never finishes by ending its runner, and keeps the finished ones', async () => {
    const p = pool((n) => n === 3);
    const engine = createAutopilotEngine({ spawn: p.spawn, pollMs: 20 });
    await engine.setTable(tableToIPC(table, 'stream'));
    const t0 = performance.now();
    let starts = 0;
    // Stop once the third candidate (the one that never finishes) has started.
    const { result, runs } = await engine.run({ config: hpo(6) }, (e) => { if (e.type === 'start' && ++starts === 3) setTimeout(() => engine.stop(), 50); });
    expect(performance.now() - t0).toBeLessThan(60_000);
    expect(result.AutoMLJobStatus).toBe('Stopped');
    expect(result.Leaderboard.filter((e) => e.CandidateStatus === 'Completed')).toHaveLength(2);
    expect(runs.map((r) => r.status)).toEqual(['Completed', 'Completed', 'Stopped']);
    expect(result.BestCandidate).toBeDefined();
    expect(p.state.terminated).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('the time budget ends a candidate that never finishes; the job fails with the budget sentence', async () => {
    const p = pool(() => true);
    const engine = createAutopilotEngine({ spawn: p.spawn, pollMs: 20 });
    await engine.setTable(tableToIPC(table, 'stream'));
    const { result, best, runs } = await engine.run({ config: hpo(2, { CompletionCriteria: { MaxCandidates: 2, MaxAutoMLJobRuntimeInSeconds: 0.5 } }) }, () => undefined);
    expect(result.AutoMLJobStatus).toBe('Failed');
    expect(result.FailureReason).toContain('MaxAutoMLJobRuntimeInSeconds');
    expect(best).toBeNull();
    expect(runs[0].status).toBe('Stopped');
    expect(p.state.terminated).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('infer and explore answer "Check the data"; a refused target rejects with Autopilot\'s sentence', async () => {
    const engine = createAutopilotEngine();
    await expect(engine.explore({ target: 'approved' })).rejects.toThrow('no table');
    await engine.setTable(tableToIPC(table, 'stream'));
    const p = await engine.infer({ target: 'approved' });
    expect(p.problemType).toBe('BinaryClassification');
    expect(p.objective).toBe('F1');
    const { problem, report } = await engine.explore({ target: 'approved', objective: 'AUC' });
    expect(problem.objective).toBe('AUC');
    expect(report.target).toBe('approved');
    expect(report.columns.map((c) => c.name)).toEqual(table.schema.fields.map((f) => f.name));
    await expect(engine.infer({ target: 'nope' })).rejects.toThrow(/nope/);
  }, 60_000);

  it('candidateJob sends each distinct table once and keeps where each is used', async () => {
    const a = table.slice(0, 100), b = table.slice(100, 150), c = table.slice(150, 200);
    const job = candidateJob({ id: 'x', algorithm: 'xgboost', hyperparameters: {}, train: a, validation: b, test: c, predict: [b, c], prepare: { target: 'approved' } });
    expect(job.tables).toHaveLength(3);
    expect([job.train, job.validation, job.test, job.predict]).toEqual([0, 1, 2, [1, 2]]);
    expect(job.backend).toBe('auto');
  });
});

