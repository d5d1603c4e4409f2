// Where the page serves TensorFlow.js' wasm binaries (Vite emits them as assets), for every worker that
// initialises TensorFlow.js.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

export const TF_WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  // tfjs insists on an entry for every binary; the threaded build is switched off (see initTf), so
  // this one is never fetched and shipping its 400 KB would be waste.
  'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
};
