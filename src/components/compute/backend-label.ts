import { predictTrainingBackend } from '../../lib/compute/training-order.ts';
import type { BackendInfo, GpuAdapterInfo, TfBackendName } from '../../lib/compute/types.ts';

export const BACKEND_NAMES: Record<TfBackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU (JavaScript)' };

/** Whether the adapter is SwiftShader specifically (Chromium's CPU emulation of a GPU). */
export function isSwiftShader(a: GpuAdapterInfo): boolean {
  return /swiftshader/i.test(`${a.vendor} ${a.architecture} ${a.device} ${a.description}`);
}

/** One line naming the adapter, with the software caveat where it applies. */
export function adapterLabel(a: GpuAdapterInfo): string {
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ') || a.description || 'unknown adapter';
  if (!a.software) return name;
  return `software (${isSwiftShader(a) ? 'SwiftShader' : name}) — correct but slow; timings say nothing about a real GPU`;
}

/** The TensorFlow.js backend training takes here (the training worker's policy), else the probed one. */
export function trainingBackendOf(info: BackendInfo): TfBackendName {
  return predictTrainingBackend(info.requested, info.adapter, info.available).backend ?? info.tfBackend;
}

/** Short text for the header badge: the backend the tensor algorithms train on, and a software GPU when there is one. */
export function badgeText(info: BackendInfo): string {
  const backend = trainingBackendOf(info);
  const tf = backend === 'cpu' ? 'CPU' : backend === 'wasm' ? 'WASM' : BACKEND_NAMES[backend];
  if (info.adapter?.software && (backend === 'webgpu' || backend === 'webgl')) return `${tf} · software`;
  if (info.adapter?.software) return `${tf} · GPU is software`;
  return tf;
}
