import * as Comlink from 'comlink';
import { createTuneEngine, type TrialWorker } from '../src/lib/engine/tune-engine.ts';
import type { TrialWorkerApi, TuneEngineApi, TuneOutcome } from '../src/lib/engine/tune-engine-api.ts';

// The Tune view's worker: holds the table and runs the tuning job; each trial runs in a nested worker of its
// own (a pool of MaxParallelTrainingJobs, at most the cores), which Chromium starts from a worker.
function spawn(): TrialWorker {
  const worker = new Worker(new URL('./tune-trial.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-tune-trial' });
  const remote = Comlink.wrap<TrialWorkerApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`a trial worker failed (${e.message || 'it could not start'})`)));
  });
  failed.catch(() => undefined);
  return {
    // IPC bytes are moved; a shared table is posted as it is (shared, never marked for transfer).
    setTable: (ipc) => remote.setTable(ipc instanceof Uint8Array ? Comlink.transfer(ipc, [ipc.buffer as ArrayBuffer]) : ipc),
    run: (job, onRound) => remote.run(job, Comlink.proxy(onRound)),
    terminate: () => worker.terminate(),
    failed,
  };
}

const engine = createTuneEngine({ spawn, maxWorkers: self.navigator.hardwareConcurrency || 1 });

/** Hand the best model over instead of copying it. */
const handed = (o: TuneOutcome) => (o.best ? Comlink.transfer(o, [o.best.model.buffer as ArrayBuffer, o.best.metricsJson.buffer as ArrayBuffer]) : o);

const api: TuneEngineApi = {
  setTable: (ipc) => engine.setTable(ipc),
  tune: async (job, onEvent) => handed(await engine.tune(job, onEvent)),
  stop: () => engine.stop(),
};

Comlink.expose(api);
