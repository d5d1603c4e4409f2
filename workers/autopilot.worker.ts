import * as Comlink from 'comlink';
import { createAutopilotEngine, type CandidateWorker } from '../src/lib/engine/autopilot-engine.ts';
import type { AutopilotEngineApi, AutopilotOutcome, CandidateWorkerApi } from '../src/lib/engine/autopilot-engine-api.ts';

// The Autopilot view's worker: holds the table, explores it and runs the Autopilot job; each candidate runs in
// one of a pool of nested workers (workers/autopilot-candidate.worker.ts), which Stop and the budget end by
// terminating it.
function spawn(): CandidateWorker {
  const worker = new Worker(new URL('./autopilot-candidate.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-autopilot-candidate' });
  const remote = Comlink.wrap<CandidateWorkerApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`a candidate worker failed (${e.message || 'it could not start'})`)));
  });
  failed.catch(() => undefined);
  return {
    run: (job, onRound) => remote.run(Comlink.transfer(job, job.tables.map((t) => t.buffer as ArrayBuffer)), Comlink.proxy(onRound)),
    terminate: () => worker.terminate(),
    failed,
  };
}

// Candidates at once by default: the machine's cores, at most 8 (each runner holds its own copy of the splits).
const engine = createAutopilotEngine({ spawn, maxParallel: Math.max(1, Math.min(self.navigator.hardwareConcurrency || 1, 8)) });

/** Hand the best model over instead of copying it. */
const handed = (o: AutopilotOutcome) => (o.best ? Comlink.transfer(o, [o.best.model.buffer as ArrayBuffer, o.best.metricsJson.buffer as ArrayBuffer]) : o);

const api: AutopilotEngineApi = {
  setTable: (ipc) => engine.setTable(ipc),
  infer: (request) => engine.infer(request),
  explore: (request) => engine.explore(request),
  run: async (job, onEvent) => handed(await engine.run(job, onEvent)),
  stop: () => engine.stop(),
};

Comlink.expose(api);
