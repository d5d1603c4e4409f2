// Which TensorFlow.js backend a training job runs on. A forced backend is used if the algorithm allows it;
// 'auto' takes the first that works of the algorithm's allowed backends (webgpu → webgl → wasm → cpu), except
// that GPU backends are passed over when the only GPU is a software one (SwiftShader, lavapipe): emulated on
// the CPU they are several times slower than wasm. The choice comes back with the sentence why.
import * as tf from '@tensorflow/tfjs';
import { findAdapter } from './adapter.ts';
import { initTf, type TfInitOptions } from './tf-backend.ts';
import { trainingOrder } from './training-order.ts';
import type { TfBackendName } from './types.ts';

/** The backend a job trains on and, where auto passed one over or the request was not allowed, why. */
export interface TrainingBackend {
  backend: TfBackendName;
  /** E.g. "TensorFlow.js wasm". */
  label: string;
  reason?: string;
}

/** Initialises TensorFlow.js for a training job; `allowed` (the algorithm's backends) defaults to all. */
export async function initTrainingBackend(requested: TfBackendName | 'auto', options: TfInitOptions & { allowed?: readonly TfBackendName[] } = {}): Promise<TrainingBackend> {
  const adapter = requested === 'auto' ? (await findAdapter(options.gpu)).info : null;
  const { order, reasons } = trainingOrder(requested, adapter, options.allowed);
  const info = await initTf(order[0] ?? 'cpu', { ...options, only: order });
  return { backend: info.tfBackend, label: `TensorFlow.js ${tf.getBackend()}`, ...(reasons.length ? { reason: `TensorFlow.js ${info.tfBackend}: ${reasons.join('; ')}.` } : {}) };
}
