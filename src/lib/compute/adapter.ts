import type { GpuAdapterInfo } from './types.ts';

// Software rasterisers that implement WebGPU on the CPU. They are correct but their timings say nothing
// about a real GPU, so the studio labels them.
const SOFTWARE_MARKERS = /swiftshader|lavapipe|llvmpipe|warp|software|microsoft basic render/i;

/** Describe a GPUAdapter in plain fields; `info` is read defensively because older engines lack it. */
export function describeAdapter(adapter: GPUAdapter): GpuAdapterInfo {
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const device = info?.device ?? '';
  const description = info?.description ?? '';
  const fallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true
    || (info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined)?.isFallbackAdapter === true;
  const software = fallback || SOFTWARE_MARKERS.test(`${vendor} ${architecture} ${device} ${description}`);
  return { vendor, architecture, device, description, software };
}

/** Ask `gpu` for an adapter; never throws: a missing API or a refused adapter comes back as `error`. */
export async function findAdapter(gpu: GPU | undefined): Promise<{ adapter: GPUAdapter | null; info: GpuAdapterInfo | null; error?: string }> {
  if (!gpu) return { adapter: null, info: null, error: 'WebGPU is not available here (navigator.gpu is undefined).' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { adapter: null, info: null, error: 'WebGPU is present but no adapter was granted (no usable GPU or driver).' };
    return { adapter, info: describeAdapter(adapter) };
  } catch (e) {
    return { adapter: null, info: null, error: `WebGPU adapter request failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
