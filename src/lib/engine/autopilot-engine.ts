// The studio's Autopilot engine: exploreData for "Check the data", and runAutopilotJob (src/lib/autopilot) with
// its candidates sent one at a time to a candidate runner that holds nothing between candidates. The engine
// runs no candidate in parallel because the job does not (HPO trials run one at a time, as do a bag's folds),
// so one runner is the whole pool. Environment-free: the worker adapter injects how a runner starts (a nested
// Web Worker in the studio, so Stop and the budget can end a candidate mid-round by terminating it); without
// one, candidates run in this thread through localCandidateRunner.
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { CandidateOutcome, CandidateRequest, RunCandidate } from '../autopilot/autopilot-api.ts';
import { runCandidate, localCandidateRunner, type LocalRunnerOptions } from '../autopilot/candidate-runner.ts';
import { exploreData } from '../autopilot/exploration.ts';
import { runAutopilotJob } from '../autopilot/autopilot-job.ts';
import { objectiveScore } from '../autopilot/objective-score.ts';
import { inferProblem } from '../autopilot/problem.ts';
import type { TfBackendName } from '../compute/types.ts';
import type { AutopilotEngineApi, AutopilotEvent, AutopilotOutcome, CandidateJob, CandidateRun, CandidateWorkerApi } from './autopilot-engine-api.ts';

/** Initialises TensorFlow.js on `requested` within `allowed` for the algorithms that use it. */
type TensorflowInit = (requested: TfBackendName | 'auto', allowed?: readonly TfBackendName[]) => Promise<{ label: string; reason?: string }>;

/** Options of a candidate runner. */
export interface CandidateRunnerOptions {
  /** Defaults to the global TensorFlow.js backend as it is. */
  tensorflow?: TensorflowInit;
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
      const local: LocalRunnerOptions = options.tensorflow ? { tensorflow: (allowed) => options.tensorflow!(job.backend ?? 'auto', allowed) } : {};
      // The engine ends a candidate by ending its runner, so this runner never stops one itself.
      const out = await runCandidate(request, { onRound: (step, metrics) => onRound(step, metrics), shouldStop: () => false }, local);
      if ('stopped' in out) throw new Error(`candidate ${job.id} stopped without being asked`);
      return out;
    },
  };
}

/** `request` as a CandidateJob: each distinct table as one Arrow IPC stream. */
export function candidateJob(request: CandidateRequest, backend: TfBackendName | 'auto' = 'auto'): CandidateJob {
  const distinct: Table[] = [];
  const at = (t: Table) => {
    const i = distinct.indexOf(t);
    return i >= 0 ? i : distinct.push(t) - 1;
  };
  const train = at(request.train);
  const validation = request.validation ? at(request.validation) : undefined;
  const test = request.test ? at(request.test) : undefined;
  const predict = request.predict.map(at);
  return {
    id: request.id, algorithm: request.algorithm, hyperparameters: request.hyperparameters, prepare: request.prepare, backend,
    tables: distinct.map((t) => tableToIPC(t, 'stream')), train, ...(validation !== undefined ? { validation } : {}), ...(test !== undefined ? { test } : {}), predict,
  };
}

/** A started candidate runner as the engine holds it. */
export interface CandidateWorker extends CandidateWorkerApi {
  /** Ends the runner at once (the candidate in it is lost). */
  terminate(): void;
  /** Rejects with a sentence if the runner crashes or cannot start; never resolves otherwise. */
  failed: Promise<never>;
}

/** Options of the Autopilot engine. */
export interface AutopilotEngineOptions {
  /** Starts one candidate runner (workers/autopilot-candidate.worker.ts in the studio); defaults to none: candidates run in this thread and Stop lands between rounds. */
  spawn?(): CandidateWorker;
  /** Initialises TensorFlow.js for candidates run in this thread; defaults to the global backend as it is. */
  tensorflow?: TensorflowInit;
  /** How often the running candidate is checked against Stop and the budget, in ms; defaults to 100. */
  pollMs?: number;
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
  let worker: { w: CandidateWorker; dead: boolean } | null = null;

  const need = (): Table => {
    if (!table) throw new Error('the Autopilot engine has no table: load a dataset first');
    return table;
  };
  const retire = () => {
    worker?.w.terminate();
    worker = null;
  };

  /** A RunCandidate on the spawned runner: polled against shouldStop, which ends the runner. */
  const pooled = (spawn: () => CandidateWorker, backend: TfBackendName | 'auto'): RunCandidate => async (request, hooks) => {
    if (hooks.shouldStop()) return { stopped: true };
    if (!worker) {
      const w = spawn();
      const slot = { w, dead: false };
      w.failed.catch(() => { slot.dead = true; });
      worker = slot;
    }
    const slot = worker;
    let kill!: () => void;
    const killed = new Promise<{ stopped: true }>((resolve) => { kill = () => resolve({ stopped: true }); });
    const poll = setInterval(() => {
      if (!hooks.shouldStop()) return;
      clearInterval(poll);
      retire();
      kill();
    }, pollMs);
    try {
      return await Promise.race([slot.w.run(candidateJob(request, backend), (step, metrics) => hooks.onRound(step, metrics)), slot.w.failed, killed]);
    } catch (e) {
      // A crashed runner cannot take the next candidate: a fresh one starts in its place.
      if (slot.dead && worker === slot) retire();
      throw e;
    } finally {
      clearInterval(poll);
    }
  };

  async function run(job: Parameters<AutopilotEngineApi['run']>[0], onEvent: (event: AutopilotEvent) => void): Promise<AutopilotOutcome> {
    const data = need();
    stopRequested = false;
    const t0 = clock();
    const elapsed = () => clock() - t0;
    const emit = (e: AutopilotEvent) => { try { onEvent(e); } catch { /* a listener's failure does not end the job */ } };
    const c = job.config;
    // Each run is scored with the objective the job will use (inferProblem is cheap and runAutopilotJob repeats it).
    const { objective } = inferProblem(data, c.Target, { objective: c.AutoMLJobObjective?.MetricName, problemType: c.ProblemType, positiveLabel: c.PositiveLabel });
    const base = options.spawn ? pooled(options.spawn, job.backend ?? 'auto') : localCandidateRunner(options.tensorflow ? { tensorflow: (allowed) => options.tensorflow!(job.backend ?? 'auto', allowed) } : {});
    const runs: CandidateRun[] = [];
    const ended = (r: CandidateRun) => { runs.push(r); emit({ type: 'end', run: r, elapsed: elapsed() }); };
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
      return out;
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
      return { result, best, runs };
    } finally {
      retire();
    }
  }

  return {
    async setTable(ipc) { table = tableFromIPC(ipc); },
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
