import * as Comlink from 'comlink';
import { createClarifyEngine, type InferPool } from '../src/lib/engine/clarify-engine.ts';
import type { BatchModel } from '../src/lib/clarify/shap/kernel-shap.ts';
import type { ClarifyInferApi } from './clarify-infer.worker.ts';
import type { ClarifyEngineApi } from '../src/lib/engine/clarify-engine-api.ts';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// Clarify's jobs on one dataset and one model. Models that run on TensorFlow.js start it on the fastest
// backend the algorithm allows here.
const engine = createClarifyEngine({
  tensorflow: (allowed) => initTrainingBackend('auto', { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
  pool: startPool,
});

/** One inference worker per core (at most 8), each holding the model, for Kernel SHAP on CPU models. */
async function startPool(model: Uint8Array): Promise<InferPool | null> {
  const size = Math.min(8, self.navigator.hardwareConcurrency || 1);
  if (size < 2) return null;
  const workers = Array.from({ length: size }, () => new Worker(new URL('./clarify-infer.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-clarify-infer' }));
  try {
    const apis = workers.map((w) => Comlink.wrap<ClarifyInferApi>(w));
    await Promise.all(apis.map((a) => a.load(model.slice())));
    const members: BatchModel[] = apis.map((a) => (rows, n) => a.infer(Comlink.transfer(rows, [rows.buffer as ArrayBuffer]), n));
    return { members, close: () => workers.forEach((w) => w.terminate()) };
  } catch {
    workers.forEach((w) => w.terminate());
    return null;
  }
}

const api: ClarifyEngineApi = {
  open: (ipc, model) => engine.open(ipc, model),
  bias: (cfg, useModel) => engine.bias(cfg, useModel),
  biasAt: (threshold) => engine.biasAt(threshold),
  shap: async (cfg, onProgress) => {
    const r = await engine.shap(cfg, onProgress);
    return Comlink.transfer(r, [r.values.buffer, r.global.buffer, r.expectedValue.buffer, r.data.buffer] as ArrayBuffer[]);
  },
  pdp: (features, grid, maxRows, onProgress) => engine.pdp(features, grid, maxRows, onProgress),
};

Comlink.expose(api);
