import * as Comlink from 'comlink';
import { batchModel, loadModel } from '../src/lib/clarify/loaded-model.ts';
import type { BatchModel } from '../src/lib/clarify/shap/kernel-shap.ts';

// A member of the Clarify worker's inference pool: holds one model and evaluates batches of rows (in the
// model's explanation space) for Kernel SHAP. Only models that compute on the CPU use the pool.
let model: BatchModel | null = null;

const api = {
  async load(bytes: Uint8Array): Promise<void> {
    model = batchModel(await loadModel(bytes));
  },
  async infer(rows: Float32Array, n: number): Promise<Float32Array> {
    if (!model) throw new Error('no model loaded in the inference worker');
    const out = await model(rows, n);
    return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
  },
};

export type ClarifyInferApi = typeof api;
Comlink.expose(api);
