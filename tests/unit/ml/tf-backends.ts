// Convention 10 for TensorFlow.js algorithms: write a suite once, run it on every backend Node has
// (cpu and wasm; WebGPU runs in the browser tests). `describeEachTfBackend` sets the backend before the
// suite's tests and restores nothing: each suite sets its own.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe } from 'vitest';

/** Backends present in Node. */
export const NODE_TF_BACKENDS = ['cpu', 'wasm'] as const;

/** Runs `suite` once per Node backend, each inside `describe('<name> on <backend>')`. */
export function describeEachTfBackend(name: string, suite: (backend: string) => void): void {
  for (const backend of NODE_TF_BACKENDS) {
    describe(`${name} on ${backend}`, () => {
      beforeAll(async () => {
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        const ok = await tf.setBackend(backend);
        if (!ok) throw new Error(`TensorFlow.js backend ${backend} did not initialise`);
        await tf.ready();
      });
      suite(backend);
    });
  }
}
