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

/** Short text for the header badge. */
export function badgeText(info: BackendInfo): string {
  const tf = info.tfBackend === 'cpu' ? 'CPU' : info.tfBackend === 'wasm' ? 'WASM' : BACKEND_NAMES[info.tfBackend];
  if (info.tfBackend === 'webgpu' && info.adapter?.software) return `${tf} · software`;
  return tf;
}
