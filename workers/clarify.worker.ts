import * as Comlink from 'comlink';
import { createClarifyEngine } from '../src/lib/engine/clarify-engine.ts';
import type { ClarifyEngineApi } from '../src/lib/engine/clarify-engine-api.ts';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// Clarify's jobs on one dataset and one model. Models that run on TensorFlow.js start it on the fastest
// backend the algorithm allows here.
const engine = createClarifyEngine({
  tensorflow: (allowed) => initTrainingBackend('auto', { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
});

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
