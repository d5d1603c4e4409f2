import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { initTf, smokeTest } from '../src/lib/compute/tf-backend.ts';
import type { ComputeEngineApi } from '../src/lib/compute/types.ts';

const engine: ComputeEngineApi = {
  init: (requested) =>
    initTf(requested, {
      wasmPaths: {
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        // tfjs insists on an entry for every binary; the threaded build is switched off (see initTf), so
        // this one is never fetched and shipping its 400 KB would be waste.
        'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
      },
      gpu: self.navigator.gpu,
      cores: self.navigator.hardwareConcurrency ?? 1,
      crossOriginIsolated: self.crossOriginIsolated === true,
    }),
  smokeTest,
};

Comlink.expose(engine);
