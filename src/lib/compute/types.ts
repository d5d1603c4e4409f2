/** TensorFlow.js backends mlpad can run on, in the order it tries them. */
export type TfBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const TF_BACKEND_ORDER: readonly TfBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What `navigator.gpu.requestAdapter()` found, if anything. */
export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters (SwiftShader, lavapipe, WARP, or `isFallbackAdapter`): correct but slow. */
  software: boolean;
}

/** The compute environment as the training worker sees it. */
export interface BackendInfo {
  /** null when WebGPU is missing or no adapter was granted. */
  adapter: GpuAdapterInfo | null;
  /** Why there is no adapter, in a sentence, when `adapter` is null. */
  adapterError?: string;
  /** The TensorFlow.js backend in use. */
  tfBackend: TfBackendName;
  /** The backend the user asked for ('auto' = first that works in TF_BACKEND_ORDER). */
  requested: TfBackendName | 'auto';
  /** Backends that initialised successfully in this environment. */
  available: TfBackendName[];
  /** Backends that failed, with the reason. */
  failed: { name: TfBackendName; reason: string }[];
  /** Whether the page is cross-origin isolated (SharedArrayBuffer available to workers). */
  crossOriginIsolated: boolean;
  /** Logical cores reported by the environment. */
  cores: number;
}

/** Exposed by workers/compute.worker.ts. */
export interface ComputeEngineApi {
  /** Initialise TensorFlow.js with the requested backend (or the first that works) and describe the environment. */
  init(requested: TfBackendName | 'auto'): Promise<BackendInfo>;
  /** Run a small matmul on the active backend and return the elapsed milliseconds (a smoke test that it computes). */
  smokeTest(): Promise<{ ms: number; ok: boolean }>;
}
