// Finds a WebGPU device for compute kernels. Never throws: a page without WebGPU, a blocked adapter or a
// lost device all come back as `{ device: null, reason }`, so callers fall back to the CPU path with a
// sentence they can show.

/** A device ready for compute work, or why there is none. */
export type ComputeDeviceResult =
  | { device: GPUDevice; adapterInfo: ComputeAdapterInfo; software: boolean; reason?: undefined }
  | { device: null; reason: string };

/** The adapter's self-description (fields are empty strings where the browser hides them). */
export interface ComputeAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

/** Options of requestComputeDevice. */
export interface ComputeDeviceOptions {
  /** Accept a software (CPU-emulated) adapter such as SwiftShader; defaults to true. */
  allowSoftware?: boolean;
  /** Adapter power preference; defaults to 'high-performance'. */
  powerPreference?: GPUPowerPreference;
}

// Software rasterisers report themselves in the adapter strings; isFallbackAdapter is not set by all
// implementations (Dawn's SwiftShader adapter in Node, for one).
// Each device keeps its GPU object reachable: in Node, the webgpu package's GPU owns the Dawn instance, and
// if it is garbage-collected while its device is in use the process crashes (seen with create([]) passed
// inline). A WeakMap entry lives exactly as long as its device.
const owners = new WeakMap<GPUDevice, GPU>();

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|warp|basic render/i;

/**
 * Requests a compute device from `gpu` (defaults to `navigator.gpu`). Resolves to `{ device: null, reason }`
 * when WebGPU is unavailable, no adapter is found, the adapter is software and `allowSoftware` is false,
 * or the device request fails.
 */
export async function requestComputeDevice(gpu?: GPU, options: ComputeDeviceOptions = {}): Promise<ComputeDeviceResult> {
  const { allowSoftware = true, powerPreference = 'high-performance' } = options;
  try {
    const api = gpu ?? (typeof navigator !== 'undefined' ? (navigator as Navigator & { gpu?: GPU }).gpu : undefined);
    if (!api) return { device: null, reason: 'WebGPU is not available here (no navigator.gpu).' };
    const adapter = await api.requestAdapter({ powerPreference });
    if (!adapter) return { device: null, reason: 'WebGPU found no adapter.' };
    const adapterInfo = readInfo(adapter);
    const fallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true
      || (adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true;
    const software = fallback || SOFTWARE.test(`${adapterInfo.vendor} ${adapterInfo.architecture} ${adapterInfo.device} ${adapterInfo.description}`);
    if (software && !allowSoftware) {
      return { device: null, reason: `The WebGPU adapter is a software one (${describe(adapterInfo)}); a hardware adapter is needed.` };
    }
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
        maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      },
    });
    owners.set(device, api);
    return { device, adapterInfo, software };
  } catch (e) {
    return { device: null, reason: `WebGPU device request failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function readInfo(adapter: GPUAdapter): ComputeAdapterInfo {
  const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
  };
}

function describe(info: ComputeAdapterInfo): string {
  return [info.vendor, info.architecture, info.description].filter(Boolean).join(', ') || 'unnamed adapter';
}
