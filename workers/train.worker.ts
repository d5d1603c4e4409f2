import * as Comlink from 'comlink';
import { createTrainEngine } from '../src/lib/engine/train-engine.ts';
import type { TrainEngineApi, TrainResult } from '../src/lib/engine/train-engine-api.ts';

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

const api: TrainEngineApi = {
  train: async (ipc, job, onRound) => transferred(engine.train(ipc, job, onRound)),
};

Comlink.expose(api);
