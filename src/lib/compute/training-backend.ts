// Which TensorFlow.js backend a training job runs on. A forced backend is used if the algorithm allows it;
// 'auto' takes the first that works of the algorithm's allowed backends (webgpu → webgl → wasm → cpu), except
// that GPU backends are passed over when the only GPU is a software one (SwiftShader, lavapipe): emulated on
// the CPU they are several times slower than wasm. The choice comes back with the sentence why.
import * as tf from '@tensorflow/tfjs';
import { findAdapter } from './adapter.ts';
import { initTf, type TfInitOptions } from './tf-backend.ts';
import { TF_BACKEND_ORDER, type TfBackendName } from './types.ts';

/** The backend a job trains on and, where auto passed one over or the request was not allowed, why. */
export interface TrainingBackend {
  backend: TfBackendName;
  /** E.g. "TensorFlow.js wasm". */
  label: string;
  reason?: string;
}

/** Initialises TensorFlow.js for a training job; `allowed` (the algorithm's backends) defaults to all. */
export async function initTrainingBackend(requested: TfBackendName | 'auto', options: TfInitOptions & { allowed?: readonly TfBackendName[] } = {}): Promise<TrainingBackend> {
  const allowed = options.allowed ?? TF_BACKEND_ORDER;
  const reasons: string[] = [];
  let wanted: TfBackendName | 'auto' = requested;
  if (requested !== 'auto' && !allowed.includes(requested)) {
    reasons.push(`this algorithm does not run on ${requested}`);
    wanted = 'auto';
  }
  let order = allowed.slice();
  if (wanted === 'auto') {
    const { info } = await findAdapter(options.gpu);
    if (info?.software) {
      order = order.filter((b) => b !== 'webgpu' && b !== 'webgl');
      reasons.push(`the GPU here is a software one (${info.architecture || info.vendor || 'emulated'}), slower than wasm on the CPU`);
    }
  } else {
    order = [wanted, ...order.filter((b) => b !== wanted)];
  }
  const info = await initTf(order[0] ?? 'cpu', { ...options, only: order });
  return { backend: info.tfBackend, label: `TensorFlow.js ${tf.getBackend()}`, ...(reasons.length ? { reason: `TensorFlow.js ${info.tfBackend}: ${reasons.join('; ')}.` } : {}) };
}
