import * as Comlink from 'comlink';
import { initTf, smokeTest } from '../src/lib/compute/tf-backend.ts';
import type { ComputeEngineApi } from '../src/lib/compute/types.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

const engine: ComputeEngineApi = {
  init: (requested) =>
    initTf(requested, {
      wasmPaths: TF_WASM_PATHS,
      gpu: self.navigator.gpu,
      cores: self.navigator.hardwareConcurrency ?? 1,
      crossOriginIsolated: self.crossOriginIsolated === true,
    }),
  smokeTest,
};

Comlink.expose(engine);
