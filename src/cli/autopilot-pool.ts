// The candidate runners of `mlpad autopilot`: worker threads behind the engine's candidate pool
// (src/lib/engine/candidate-pool.ts), up to MaxParallelCandidates of them, each running one candidate at a
// time (autopilot-worker.ts). A thread is ended to stop its candidate (Ctrl-C, the budget) and a fresh one
// takes the next. The worker file is TypeScript, so each thread registers tsx first, as tune-pool.ts does.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CandidateOutcome } from '../lib/autopilot/autopilot-api.ts';
import type { TfBackendName } from '../lib/compute/types.ts';
import type { CandidateJob } from '../lib/engine/autopilot-engine-api.ts';
import { tsxApi } from './tune-pool.ts';
import { createCandidatePool, type CandidatePool, type CandidateWorker } from '../lib/engine/candidate-pool.ts';
import type { MetricValues } from '../lib/ml/estimator.ts';

/** Candidates at once when --max-parallel is not given: the machine's cores, at most 8. */
export const defaultMaxParallel = (): number => Math.max(1, Math.min(availableParallelism(), 8));

type FromThread =
  | { type: 'ready' }
  | { type: 'round'; step: number; metrics: { train?: MetricValues; validation?: MetricValues } }
  | { type: 'done'; outcome: CandidateOutcome }
  | { type: 'failed'; message: string };

let bootSource: string | undefined;
function boot(): string {
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  const entry = new URL('./autopilot-worker.ts', import.meta.url).href;
  return bootSource ??= `(async () => { const { register } = await import(${JSON.stringify(tsxApi())}); register({ tsconfig: ${JSON.stringify(tsconfig)} }); await import(${JSON.stringify(entry)}); })()`
    + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'failed', message: 'a candidate thread could not start: ' + String(e && e.message || e) }); });`;
}

/** Starts one candidate thread. */
export function spawnCandidateThread(): CandidateWorker {
  const worker = new Worker(boot(), { eval: true });
  let fail!: (e: Error) => void;
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  failed.catch(() => undefined);
  let ready!: () => void;
  const started = new Promise<void>((resolve) => { ready = resolve; });
  let busy: { onRound: Parameters<CandidateWorker['run']>[1]; resolve: (o: CandidateOutcome) => void; reject: (e: Error) => void } | undefined;
  let ended = false;
  worker.on('message', (m: FromThread) => {
    if (m.type === 'ready') ready();
    else if (m.type === 'round') busy?.onRound(m.step, m.metrics);
    else if (m.type === 'done') { const b = busy; busy = undefined; b?.resolve(m.outcome); }
    else if (!busy) fail(new Error(m.message));
    else { const b = busy; busy = undefined; b.reject(new Error(m.message)); }
  });
  worker.on('error', (e) => fail(new Error(`a candidate thread failed (${e.message})`)));
  worker.on('exit', (code) => { if (!ended) fail(new Error(`a candidate thread exited (code ${code})`)); });
  return {
    async run(job: CandidateJob, onRound) {
      await Promise.race([started, failed]);
      const done = new Promise<CandidateOutcome>((resolve, reject) => { busy = { onRound, resolve, reject }; });
      worker.postMessage({ type: 'run', job }, job.tables.map((t) => t.buffer as ArrayBuffer));
      return done;
    },
    terminate() { ended = true; void worker.terminate(); },
    failed,
  };
}

/** A pool of up to `size` candidate threads. */
export function createAutopilotPool(size: number, backend: TfBackendName | 'auto' = 'auto'): CandidatePool {
  return createCandidatePool(spawnCandidateThread, { size, backend });
}
