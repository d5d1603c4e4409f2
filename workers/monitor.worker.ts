import * as Comlink from 'comlink';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { createMonitorEngine } from '../src/lib/engine/monitor-engine.ts';
import type { MonitorEngineApi } from '../src/lib/engine/monitor-engine-api.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// Model Monitor's baseline and timeline on one dataset. A model that runs on TensorFlow.js (bias predicted by
// the model, attribution drift) starts it on the fastest backend the algorithm allows here.
const engine = createMonitorEngine({
  tensorflow: (allowed) => initTrainingBackend('auto', { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
});

const api: MonitorEngineApi = {
  open: (ipc) => engine.open(ipc),
  span: (column) => engine.span(column),
  run: (cfg, onProgress) => engine.run(cfg, onProgress),
};

Comlink.expose(api);
