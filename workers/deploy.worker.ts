import * as Comlink from 'comlink';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { createDeployEngine } from '../src/lib/engine/deploy-engine.ts';
import type { DeployEngineApi, DeployFile } from '../src/lib/engine/deploy-engine-api.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// The Deploy view's models, endpoint and jobs. A model that runs on TensorFlow.js starts it on the fastest
// backend the algorithm allows here. Files made here are handed over, not copied.
const engine = createDeployEngine({
  tensorflow: (allowed) => initTrainingBackend('auto', { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
});

const handed = (f: DeployFile) => Comlink.transfer(f, [f.bytes.buffer as ArrayBuffer]);

const api: DeployEngineApi = {
  setTable: (ipc) => engine.setTable(ipc),
  addModel: (bytes, name) => engine.addModel(bytes, name),
  removeModel: (id) => engine.removeModel(id),
  example: (id) => engine.example(id),
  transform: async (model, source, options, onProgress) => {
    const r = await engine.transform(model, source, options, onProgress);
    return Comlink.transfer(r, [r.output.buffer as ArrayBuffer]);
  },
  deploy: (variants, capture) => engine.deploy(variants, capture),
  deleteEndpoint: () => engine.deleteEndpoint(),
  updateWeights: (weights) => engine.updateWeights(weights),
  invoke: (req) => engine.invoke(req),
  sendRows: (n, onProgress) => engine.sendRows(n, onProgress),
  endpointState: () => engine.endpointState(),
  captureJsonLines: () => { const b = engine.captureJsonLines(); return Comlink.transfer(b, [b.buffer as ArrayBuffer]); },
  shadowTest: (cfg, onProgress) => engine.shadowTest(cfg, onProgress),
  rollout: (cfg) => engine.rollout(cfg),
  makeBadModel: async (baseId) => { const r = await engine.makeBadModel(baseId); return Comlink.transfer(r, [r.bytes.buffer as ArrayBuffer]); },
  exportModule: (id) => handed(engine.exportModule(id)),
  sagemakerArtifact: async (id) => handed(await engine.sagemakerArtifact(id)),
};

Comlink.expose(api);
