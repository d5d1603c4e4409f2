import * as Comlink from 'comlink';
import { createTrainEngine, requestedThreads } from '../src/lib/engine/train-engine.ts';
import type { TrainEngineApi, TrainJob, TrainResult } from '../src/lib/engine/train-engine-api.ts';
import { enableBrowserThreads } from '../src/lib/ml/parallel/browser-threads.ts';

// One job per worker: the UI starts a fresh worker for each training job and cancels by terminating it.
const engine = createTrainEngine();

/** Hand the model, the predictions and the curves over instead of copying them. */
function transferred(r: TrainResult): TrainResult {
  const buffers = new Set<ArrayBufferLike>([r.model.buffer, r.predictionsCsv.buffer, r.importance.gain.buffer, r.importance.weight.buffer, r.importance.cover.buffer]);
  for (const e of r.evaluations) {
    if (e.confusion) buffers.add(e.confusion.buffer);
    for (const c of [e.roc, e.pr, e.residuals]) if (c) buffers.add(c.x.buffer).add(c.y.buffer);
  }
  return Comlink.transfer(r, [...buffers] as ArrayBuffer[]);
}

/**
 * Starts the histogram threads `job` asks for (nested workers, ready before training blocks this thread)
 * and returns the job with nthread lowered to the threads that started.
 */
async function withThreads(job: TrainJob): Promise<TrainJob> {
  const wanted = requestedThreads(job);
  if (wanted <= 1) return job;
  const started = self.crossOriginIsolated
    ? await enableBrowserThreads(wanted, () => new Worker(new URL('./histogram.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-histogram' }))
    : 1;
  return started >= wanted ? job : { ...job, hyperparameters: { ...job.hyperparameters, nthread: started } };
}

const api: TrainEngineApi = {
  train: async (ipc, job, onRound) => transferred(await engine.train(ipc, await withThreads(job), onRound)),
};

Comlink.expose(api);
