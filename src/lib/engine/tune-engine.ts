// The studio's tuning engine: runTuningJob (src/lib/tune) with its trials dispatched to a pool of trial
// runners, each holding its own copy of the table and running the one job pipeline (runTrainingJob).
// Environment-free: the worker adapter injects how a trial runner starts (a nested Web Worker in the
// studio; in-process in tests), so this file has no DOM, no Comlink and no worker code.
import type { Table } from 'apache-arrow';
import { tableFromInput, type TableInput } from '../data/shared-table.ts';
import type { TfBackendName } from '../compute/types.ts';
import { finalMetrics } from '../tune/objective-metrics.ts';
import { runTuningJob } from '../tune/tuning-job.ts';
import type { RunTrial, TrialHooks, TrialResult, TuningJobConfig } from '../tune/tuning-job-api.ts';
import { runTrainingJob } from './run-job.ts';
import type { TrainJob } from './train-engine-api.ts';
import type { BestModel, TrialOutcome, TrialWorkerApi, TuneEngineApi, TuneEvent, TuneJob, TuneOutcome } from './tune-engine-api.ts';

class TrialStopped extends Error {}

/** Options of a trial runner. */
export interface TrialRunnerOptions {
  /** Initialises TensorFlow.js on `requested` within `allowed` for the algorithms that use it; defaults to the global backend as it is. */
  tensorflow?: (requested: TfBackendName | 'auto', allowed?: readonly TfBackendName[]) => Promise<{ label: string; reason?: string }>;
}

/** A trial runner: the table once, then any number of trials, one at a time. */
export function createTrialRunner(options: TrialRunnerOptions = {}): TrialWorkerApi {
  let table: Table | null = null;
  return {
    async setTable(ipc) { table = tableFromInput(ipc); },
    async run(job, onRound) {
      if (!table) throw new Error('the trial runner has no table: call setTable first');
      let answer: boolean | Promise<boolean> = false;
      let stopped = false;
      try {
        const r = await runTrainingJob({ train: table }, job, {
          onRound(round) { answer = onRound(round); },
          // The job decides on each round before the next one trains, so a stop lands where it was decided.
          async betweenRounds() { if (await answer) { stopped = true; throw new TrialStopped('stopped'); } },
          ...(options.tensorflow ? { tensorflow: (allowed?: readonly TfBackendName[]) => options.tensorflow!(job.backend ?? 'auto', allowed) } : {}),
        });
        return { status: 'completed', metrics: finalMetrics(r.evaluations), model: r.model, modelFormat: r.modelFormat, metricsJson: r.metricsJson };
      } catch (e) {
        if (stopped || e instanceof TrialStopped) return { status: 'stopped' };
        throw e;
      }
    },
  };
}

/** A started trial runner as the pool holds it. */
export interface TrialWorker extends TrialWorkerApi {
  /** Ends the runner at once (a trial that does not stop when asked). */
  terminate(): void;
  /** Rejects with a sentence if the runner crashes or cannot start; never resolves otherwise. */
  failed: Promise<never>;
}

/** Options of the tuning engine. */
export interface TuneEngineOptions {
  /** Starts one trial runner (workers/tune-trial.worker.ts in the studio). */
  spawn(): TrialWorker;
  /** Most trial runners at once (the machine's cores); defaults to 4. */
  maxWorkers?: number;
  /** Least time a trial asked to stop gets before its runner is ended, in ms; defaults to 1000 (or 3 of its slowest rounds, if longer). */
  stopGraceMs?: number;
  /** How often running trials are asked whether the job wants them stopped, in ms; defaults to 200. */
  pollMs?: number;
}

interface Slot {
  worker: TrialWorker;
  ready: Promise<void>;
  busy: boolean;
  /** The runner crashed or could not start. */
  dead?: boolean;
}

interface Active {
  hooks: TrialHooks;
  slot: Slot;
  asked: boolean;
  slowestMs: number;
  kill?: () => void;
}

/** The tuning engine: holds the table and runs tuning jobs on a pool of trial runners. */
export function createTuneEngine(options: TuneEngineOptions): TuneEngineApi {
  const maxWorkers = Math.max(1, Math.floor(options.maxWorkers ?? 4));
  const grace = options.stopGraceMs ?? 1000;
  let ipc: TableInput | null = null;
  let stopRequested = false;

  async function tune(job: TuneJob, onEvent: (event: TuneEvent) => void): Promise<TuneOutcome> {
    const bytes = ipc;
    if (!bytes) throw new Error('the tuning engine has no table: load a dataset first');
    stopRequested = false;
    const limits = job.config.HyperParameterTuningJobConfig.ResourceLimits ?? {};
    const requested = limits.MaxParallelTrainingJobs ?? 1;
    const size = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, maxWorkers) : requested;
    const config: TuningJobConfig = size === requested ? job.config : {
      ...job.config,
      HyperParameterTuningJobConfig: { ...job.config.HyperParameterTuningJobConfig, ResourceLimits: { ...limits, MaxParallelTrainingJobs: size } },
    };
    const slots: Slot[] = [];
    const start = (): Slot => {
      const worker = options.spawn();
      // Each runner gets its own copy of IPC bytes (the engine keeps its bytes for the runners that follow); a shared table is shared.
      const slot: Slot = { worker, ready: Promise.race([worker.setTable(bytes instanceof Uint8Array ? bytes.slice() : bytes), worker.failed]), busy: false };
      slot.ready.catch(() => { slot.dead = true; });
      worker.failed.catch(() => { slot.dead = true; });
      return slot;
    };
    const active = new Set<Active>();
    const kept = new Map<string, Extract<TrialOutcome, { status: 'completed' }>>();

    const runTrial: RunTrial = async (trial, hooks): Promise<TrialResult> => {
      let slot = slots.find((s) => !s.busy);
      if (!slot) {
        if (slots.length >= size) throw new Error(`all ${size} trial workers are busy`);
        slot = start();
        slots.push(slot);
      }
      slot.busy = true;
      const a: Active = { hooks, slot, asked: false, slowestMs: 0 };
      active.add(a);
      const killed = new Promise<TrialOutcome>((resolve) => { a.kill = () => resolve({ status: 'stopped' }); });
      try {
        await slot.ready;
        const trainJob: TrainJob = { algorithm: job.config.TrainingJobDefinition.AlgorithmName, hyperparameters: trial.hyperparameters, prepare: job.prepare, backend: job.backend ?? 'auto' };
        let last = Date.now();
        const outcome = await Promise.race([
          slot.worker.run(trainJob, (r) => {
            const t = Date.now();
            a.slowestMs = Math.max(a.slowestMs, t - last);
            last = t;
            hooks.onRound(r.round, { ...(r.train ? { train: r.train } : {}), ...(r.validation ? { validation: r.validation } : {}) });
            const stop = hooks.shouldStop();
            if (stop) ask(a);
            return stop;
          }),
          slot.worker.failed,
          killed,
        ]);
        if (outcome.status === 'stopped') return { stopped: true };
        kept.set(trial.id, outcome);
        return { metrics: outcome.metrics };
      } catch (e) {
        // A crashed runner cannot take the next trial: a fresh one starts in its place.
        if (slot.dead) retire(slot);
        throw e;
      } finally {
        active.delete(a);
        slot.busy = false;
      }
    };

    const retire = (slot: Slot) => {
      slot.worker.terminate();
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
    };

    /** The job wants trial `a` stopped: it gets a little time, then its runner is ended. */
    const ask = (a: Active) => {
      if (a.asked) return;
      a.asked = true;
      setTimeout(() => {
        if (!active.has(a)) return;
        retire(a.slot);
        a.kill?.();
      }, Math.max(grace, 3 * a.slowestMs));
    };

    // Stop, MaxRuntimeInSeconds and early stopping are noticed between rounds; a trial still preparing or
    // inside a long round is asked here.
    const poll = setInterval(() => {
      for (const a of active) if (!a.asked && a.hooks.shouldStop()) ask(a);
    }, options.pollMs ?? 200);

    const emit = (e: TuneEvent) => { try { onEvent(e); } catch { /* a listener's failure does not end the job */ } };
    const snapshot = <T>(v: T): T => structuredClone(v);
    let result;
    try {
      result = await runTuningJob(config, (trial, hooks) => runTrial(trial, hooks), {
        onTrialStart: (t) => emit({ type: 'start', trial: snapshot(t) }),
        onTrialRound: (t, step, objective) => emit({ type: 'round', name: t.TrainingJobName, step, objective }),
        onTrialEnd: (t, best) => {
          for (const id of [...kept.keys()]) if (id !== best?.TrainingJobName) kept.delete(id);
          emit({ type: 'end', trial: snapshot(t), best: best?.TrainingJobName ?? null });
        },
        shouldStop: () => stopRequested,
      });
    } finally {
      clearInterval(poll);
      for (const s of slots) s.worker.terminate();
    }
    if (size !== requested) result.Notes.push(`MaxParallelTrainingJobs ${requested} was lowered to ${size}, the cores this machine has`);
    const name = result.BestTrainingJob?.TrainingJobName;
    const files = name !== undefined ? kept.get(name) : undefined;
    const best: BestModel | null = name !== undefined && files ? { trainingJobName: name, model: files.model, modelFormat: files.modelFormat, metricsJson: files.metricsJson } : null;
    return { result, best, workers: Number.isFinite(size) ? size : 1 };
  }

  return {
    async setTable(bytes) { ipc = bytes; },
    tune,
    stop() { stopRequested = true; },
  };
}
