// A pool of candidate runners for Autopilot: up to `size` runners (nested Web Workers in the studio, worker
// threads in `mlpad autopilot`), each taking one candidate at a time as Arrow IPC. A runner is polled against
// the candidate's shouldStop and ended (terminated) when it says stop, so Stop and the budget land in the
// middle of a round; a fresh runner takes its place for the next candidate. Environment-free: the caller
// injects how a runner starts.
import { tableToIPC, type Table } from 'apache-arrow';
import type { CandidateOutcome, CandidateRequest, RunCandidate } from '../autopilot/autopilot-api.ts';
import type { TfBackendName } from '../compute/types.ts';
import type { CandidateJob, CandidateWorkerApi } from './autopilot-engine-api.ts';

/** A started candidate runner as the pool holds it. */
export interface CandidateWorker extends CandidateWorkerApi {
  /** Ends the runner at once (the candidate in it is lost). */
  terminate(): void;
  /** Rejects with a sentence if the runner crashes or cannot start; never resolves otherwise. */
  failed: Promise<never>;
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

/** Options of createCandidatePool. */
export interface CandidatePoolOptions {
  /** Runners at most; defaults to 1. */
  size?: number;
  /** TensorFlow.js backend of the candidates that use it; defaults to 'auto'. */
  backend?: TfBackendName | 'auto';
  /** How often a running candidate is checked against its shouldStop, in ms; defaults to 100. */
  pollMs?: number;
}

/** The pool: a RunCandidate that spreads candidates over the runners, and close() to end them all. */
export interface CandidatePool {
  run: RunCandidate;
  /** Terminates every runner (candidates in flight are lost). */
  close(): void;
}

interface Slot { w: CandidateWorker; dead: boolean }

/** A pool of up to `options.size` runners started with `spawn` when a candidate needs one. */
export function createCandidatePool(spawn: () => CandidateWorker, options: CandidatePoolOptions = {}): CandidatePool {
  const size = options.size ?? 1;
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`createCandidatePool: size must be a whole number of at least 1; got ${JSON.stringify(size)}`);
  const pollMs = options.pollMs ?? 100;
  const backend = options.backend ?? 'auto';
  const idle: Slot[] = [];
  const live = new Set<Slot>();
  const waiting: (() => void)[] = [];
  let closed = false;

  const start = (): Slot => {
    const slot: Slot = { w: spawn(), dead: false };
    slot.w.failed.catch(() => { slot.dead = true; });
    live.add(slot);
    return slot;
  };
  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const slot = idle.pop();
      if (slot) return slot;
      if (live.size < size) return start();
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const release = (slot: Slot) => {
    if (live.has(slot) && !closed) idle.push(slot);
    waiting.shift()?.();
  };
  const retire = (slot: Slot) => {
    slot.w.terminate();
    live.delete(slot);
  };

  const run: RunCandidate = async (request, hooks) => {
    if (hooks.shouldStop()) return { stopped: true };
    const slot = await acquire();
    let kill!: () => void;
    const killed = new Promise<{ stopped: true }>((resolve) => { kill = () => resolve({ stopped: true }); });
    const poll = setInterval(() => {
      if (!hooks.shouldStop()) return;
      clearInterval(poll);
      retire(slot);
      kill();
    }, pollMs);
    try {
      if (hooks.shouldStop()) return { stopped: true };
      const out: CandidateOutcome | { stopped: true } = await Promise.race([slot.w.run(candidateJob(request, backend), (step, metrics) => hooks.onRound(step, metrics)), slot.w.failed, killed]);
      return out;
    } catch (e) {
      // A crashed runner cannot take the next candidate: a fresh one starts in its place.
      if (slot.dead) retire(slot);
      throw e;
    } finally {
      clearInterval(poll);
      release(slot);
    }
  };

  return {
    run,
    close() {
      closed = true;
      for (const slot of live) slot.w.terminate();
      live.clear();
      idle.length = 0;
    },
  };
}
