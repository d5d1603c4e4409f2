import * as Comlink from 'comlink';
import { createTrainEngine, requestedThreads } from '../src/lib/engine/train-engine.ts';
import { resultFile, type TrainEngineApi, type TrainJob, type TrainResult } from '../src/lib/engine/train-engine-api.ts';
import { enableBrowserThreads } from '../src/lib/ml/parallel/browser-threads.ts';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// One job per worker: the UI starts a fresh worker for each training job and cancels by terminating it.
// TensorFlow.js starts only for the algorithms that use it, on the backend the job asks for (auto: the
// fastest that works here; see initTrainingBackend).
const engine = createTrainEngine({
  tensorflow: (requested, allowed) => initTrainingBackend(requested, { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
});

/**
 * Hand the model, the predictions and the curves over instead of copying them, with the downloads made into
 * Blobs here, off the page's thread.
 */
function transferred(r: TrainResult): TrainResult {
  r.files = { model: resultFile(r, 'model'), predictions: resultFile(r, 'predictions'), metrics: resultFile(r, 'metrics') };
  const buffers = new Set<ArrayBufferLike>([r.model.buffer, r.predictionsCsv.buffer, r.metricsJson.buffer]);
  for (const v of Object.values(r.importance?.values ?? {})) buffers.add(v.buffer);
  if (r.points) for (const a of [r.points.rows, r.points.x, r.points.y, r.points.group]) if (a) buffers.add(a.buffer);
  for (const c of r.curves) buffers.add(c.x.buffer).add(c.y.buffer);
  if (r.surface) buffers.add(r.surface.values.buffer);
  for (const e of r.evaluations) {
    if (e.confusion) buffers.add(e.confusion.buffer);
    if (e.clusterSizes) buffers.add(e.clusterSizes.buffer);
    if (e.scores) buffers.add(e.scores.buffer);
    if (e.labels) buffers.add(e.labels.buffer);
    if (e.perClass) for (const a of [e.perClass.precision, e.perClass.recall, e.perClass.f1, e.perClass.support, e.perClass.auc]) if (a) buffers.add(a.buffer);
    for (const c of [e.roc, e.pr, e.residuals, ...(e.classRoc ?? []), ...(e.classPr ?? [])]) if (c) buffers.add(c.x.buffer).add(c.y.buffer);
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
  train: async (ipc, job, onRound, options, onStage) => transferred(await engine.train(ipc, await withThreads(job), onRound, options, onStage)),
};

Comlink.expose(api);
