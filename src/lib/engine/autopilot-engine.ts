// The studio's Autopilot engine: exploreData for "Check the data", and runAutopilotJob (src/lib/autopilot) with
// its candidates sent to a pool of candidate runners (candidate-pool.ts), MaxParallelCandidates of them at
// once, that hold nothing between candidates. Environment-free: the worker adapter injects how a runner
// starts (a nested Web Worker in the studio, so Stop and the budget can end a candidate mid-round by
// terminating it); without one, candidates run in this thread, one at a time, through localCandidateRunner.
import { tableFromIPC, type Table } from 'apache-arrow';
import { tableFromInput } from '../data/shared-table.ts';
import type { CandidateOutcome, CandidateRequest, RunCandidate } from '../autopilot/autopilot-api.ts';
import { runCandidate, localCandidateRunner, type LocalRunnerOptions } from '../autopilot/candidate-runner.ts';
import { exploreData } from '../autopilot/exploration.ts';
import { runAutopilotJob } from '../autopilot/autopilot-job.ts';
import { better, objectiveScore } from '../autopilot/objective-score.ts';
import { inferProblem } from '../autopilot/problem.ts';
import type { TfBackendName } from '../compute/types.ts';
import type { AutopilotEngineApi, AutopilotEvent, AutopilotOutcome, CandidateRun, CandidateWorkerApi } from './autopilot-engine-api.ts';
import type { TrainResult } from './train-engine-api.ts';
import { createCandidatePool, type CandidatePool, type CandidateWorker } from './candidate-pool.ts';

/** Initialises TensorFlow.js on `requested` within `allowed` for the algorithms that use it. */
type TensorflowInit = (requested: TfBackendName | 'auto', allowed?: readonly TfBackendName[]) => Promise<{ label: string; reason?: string }>;

/** Options of a candidate runner. */
export interface CandidateRunnerOptions {
  /** Defaults to the global TensorFlow.js backend as it is. */
  tensorflow?: TensorflowInit;
  /** Whether outcomes carry the job pipeline's result (for the Train view); defaults to false. */
  keepJob?: boolean;
}

/** A candidate runner (what a candidate worker exposes): the request's tables come as IPC and are rebuilt here. */
export function createCandidateRunner(options: CandidateRunnerOptions = {}): CandidateWorkerApi {
  return {
    async run(job, onRound) {
      const tables = job.tables.map((b) => tableFromIPC(b));
      const request: CandidateRequest = {
        id: job.id, algorithm: job.algorithm, hyperparameters: job.hyperparameters, prepare: job.prepare, train: tables[job.train],
        ...(job.validation !== undefined ? { validation: tables[job.validation] } : {}),
        ...(job.test !== undefined ? { test: tables[job.test] } : {}),
        predict: job.predict.map((i) => tables[i]),
      };
      const local: LocalRunnerOptions = { keepJob: options.keepJob === true, ...(options.tensorflow ? { tensorflow: (allowed: readonly TfBackendName[] | undefined) => options.tensorflow!(job.backend ?? 'auto', allowed) } : {}) };
      // The engine ends a candidate by ending its runner, so this runner never stops one itself.
      const out = await runCandidate(request, { onRound: (step, metrics) => onRound(step, metrics), shouldStop: () => false }, local);
      if ('stopped' in out) throw new Error(`candidate ${job.id} stopped without being asked`);
      return out;
    },
  };
}

export { candidateJob, type CandidateWorker } from './candidate-pool.ts';

/** Options of the Autopilot engine. */
export interface AutopilotEngineOptions {
  /** Starts one candidate runner (workers/autopilot-candidate.worker.ts in the studio); defaults to none: candidates run in this thread and Stop lands between rounds. */
  spawn?(): CandidateWorker;
  /** Initialises TensorFlow.js for candidates run in this thread; defaults to the global backend as it is. */
  tensorflow?: TensorflowInit;
  /** How often the running candidate is checked against Stop and the budget, in ms; defaults to 100. */
  pollMs?: number;
  /** Candidates at once when the job's MaxParallelCandidates is not given (only with `spawn`); defaults to 1. */
  maxParallel?: number;
  /** Clock in seconds; defaults to performance.now() / 1000. */
  now?(): number;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The Autopilot engine: holds the table, explores it, and runs Autopilot jobs on it. */
export function createAutopilotEngine(options: AutopilotEngineOptions = {}): AutopilotEngineApi {
  const clock = options.now ?? (() => globalThis.performance.now() / 1000);
  const pollMs = options.pollMs ?? 100;
  let table: Table | null = null;
  let stopRequested = false;
  let pool: CandidatePool | null = null;

  const need = (): Table => {
    if (!table) throw new Error('the Autopilot engine has no table: load a dataset first');
    return table;
  };
  const retire = () => {
    pool?.close();
    pool = null;
  };

  async function run(job: Parameters<AutopilotEngineApi['run']>[0], onEvent: (event: AutopilotEvent) => void): Promise<AutopilotOutcome> {
    const data = need();
    stopRequested = false;
    const t0 = clock();
    const elapsed = () => clock() - t0;
    const emit = (e: AutopilotEvent) => { try { onEvent(e); } catch { /* a listener's failure does not end the job */ } };
    const parallel = options.spawn ? (job.config.MaxParallelCandidates ?? options.maxParallel ?? 1) : 1;
    const c = { ...job.config, MaxParallelCandidates: parallel };
    // Each run is scored with the objective the job will use (inferProblem is cheap and runAutopilotJob repeats it).
    const { objective } = inferProblem(data, c.Target, { objective: c.AutoMLJobObjective?.MetricName, problemType: c.ProblemType, positiveLabel: c.PositiveLabel });
    retire();
    if (options.spawn && Number.isInteger(parallel) && parallel >= 1) pool = createCandidatePool(options.spawn, { size: parallel, backend: job.backend ?? 'auto', pollMs });
    const base = pool ? pool.run : localCandidateRunner({ keepJob: true, ...(options.tensorflow ? { tensorflow: (allowed: readonly TfBackendName[] | undefined) => options.tensorflow!(job.backend ?? 'auto', allowed) } : {}) });
    const runs: CandidateRun[] = [];
    const ended = (r: CandidateRun) => { runs.push(r); emit({ type: 'end', run: r, elapsed: elapsed() }); };
    // The Train view's result of the candidate that may turn out best: the best test objective so far (an HPO
    // trial), and every run without validation rows (ENSEMBLING's refit); the rest are dropped as they end.
    const jobs = new Map<string, TrainResult>();
    let leader: { id: string; test: number; refit: boolean } | undefined;
    const keep = (request: CandidateRequest, out: CandidateOutcome, test: number | undefined) => {
      if (!out.job) return;
      const refit = request.validation === undefined;
      const leads = test !== undefined && Number.isFinite(test) && (leader === undefined || better(objective, test, leader.test));
      if (!refit && !leads) return;
      if (leads) {
        if (leader && !leader.refit) jobs.delete(leader.id);
        leader = { id: request.id, test: test!, refit };
      }
      jobs.set(request.id, { ...out.job, model: out.model, metricsJson: out.metricsJson });
    };
    const text = (h: CandidateRequest['hyperparameters']) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)]));
    const scored: RunCandidate = async (request, hooks) => {
      const started = clock();
      emit({ type: 'start', id: request.id, algorithm: request.algorithm, elapsed: elapsed() });
      const common = { id: request.id, algorithm: request.algorithm };
      let out: CandidateOutcome | { stopped: true };
      try {
        out = await base(request, hooks);
      } catch (e) {
        ended({ ...common, hyperparameters: text(request.hyperparameters), status: 'Failed', seconds: clock() - started, failure: messageOf(e) });
        throw e;
      }
      if ('stopped' in out) {
        ended({ ...common, hyperparameters: text(request.hyperparameters), status: 'Stopped', seconds: clock() - started });
        return out;
      }
      const r: CandidateRun = { ...common, hyperparameters: out.hyperparameters, status: 'Completed', seconds: clock() - started };
      request.predict.forEach((t, i) => {
        const p = out.predictions[i];
        if (t === request.test) { r.test = objectiveScore(objective, p.predictions, p.labels); r.secondsPerRow = p.secondsPerRow; }
        else if (t === request.validation) r.validation = objectiveScore(objective, p.predictions, p.labels);
      });
      ended(r);
      keep(request, out, r.test);
      const { job: _job, ...lean } = out;
      void _job;
      return lean;
    };
    emit({ type: 'stage', stage: 'exploring', elapsed: 0 });
    let training = false;
    try {
      const { BestModel, ...result } = await runAutopilotJob(data, c, scored, {
        now: clock,
        shouldStop: () => stopRequested,
        onProgress(line) {
          if (!training) { training = true; emit({ type: 'stage', stage: 'training', elapsed: elapsed() }); }
          emit({ type: 'progress', line, elapsed: elapsed() });
        },
      });
      const best = BestModel ? { candidateName: BestModel.entry.CandidateName, algorithm: BestModel.entry.Algorithm, model: BestModel.model, modelExtension: BestModel.modelExtension, metricsJson: BestModel.metricsJson } : null;
      return { result, best, runs, bestJob: BestModel ? jobs.get(BestModel.entry.CandidateName) ?? null : null };
    } finally {
      retire();
    }
  }

  return {
    async setTable(ipc) { table = tableFromInput(ipc); },
    async infer(request) {
      return inferProblem(need(), request.target, { objective: request.objective, problemType: request.problemType });
    },
    async explore(request) {
      const data = need();
      const t0 = clock();
      const problem = inferProblem(data, request.target, { objective: request.objective, problemType: request.problemType });
      const report = exploreData(data, request.target, problem);
      return { problem, report, seconds: clock() - t0 };
    },
    run,
    stop() { stopRequested = true; },
  };
}
