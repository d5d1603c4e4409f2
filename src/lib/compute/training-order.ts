// The policy that picks a training job's TensorFlow.js backend, without TensorFlow.js itself: the training
// worker applies it (training-backend.ts) and the Compute view shows what it will choose, so the two agree.
// 'auto' takes the algorithm's allowed backends in order (webgpu → webgl → wasm → cpu) but passes over GPU
// backends when the only GPU is a software one; a forced backend the algorithm cannot use falls back to auto.
import { TF_BACKEND_ORDER, type GpuAdapterInfo, type TfBackendName } from './types.ts';

/** The backends to try for a training job, in order, and the reasons for what was passed over. */
export function trainingOrder(requested: TfBackendName | 'auto', adapter: GpuAdapterInfo | null, allowed: readonly TfBackendName[] = TF_BACKEND_ORDER): { order: TfBackendName[]; reasons: string[] } {
  const reasons: string[] = [];
  let wanted: TfBackendName | 'auto' = requested;
  if (requested !== 'auto' && !allowed.includes(requested)) {
    reasons.push(`this algorithm does not run on ${requested}`);
    wanted = 'auto';
  }
  let order = allowed.slice();
  if (wanted === 'auto') {
    if (adapter?.software) {
      order = order.filter((b) => b !== 'webgpu' && b !== 'webgl');
      reasons.push(`the GPU here is a software one (${adapter.architecture || adapter.vendor || 'emulated'}), slower than wasm on the CPU`);
    }
  } else {
    order = [wanted, ...order.filter((b) => b !== wanted)];
  }
  return { order, reasons };
}

/** The backend a training job would get among those that work here (`available`, from the Compute view's probe). */
export function predictTrainingBackend(requested: TfBackendName | 'auto', adapter: GpuAdapterInfo | null, available: readonly TfBackendName[], allowed?: readonly TfBackendName[]): { backend: TfBackendName | null; reason?: string } {
  const { order, reasons } = trainingOrder(requested, adapter, allowed);
  const backend = order.find((b) => available.includes(b)) ?? null;
  return { backend, ...(reasons.length && backend ? { reason: `TensorFlow.js ${backend}: ${reasons.join('; ')}.` } : {}) };
}

