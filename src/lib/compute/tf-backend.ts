import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { findAdapter } from './adapter.ts';
import { TF_BACKEND_ORDER, type BackendInfo, type TfBackendName } from './types.ts';

/** Where the tfjs wasm binaries are served from; leave undefined in Node, where tfjs finds them itself. */
export interface TfInitOptions {
  /** Map of wasm file name to URL (see setWasmPaths); defaults to tfjs' own resolution. */
  wasmPaths?: Record<string, string>;
  /** The WebGPU entry point (navigator.gpu in browsers, the `webgpu` package in Node); defaults to none. */
  gpu?: GPU;
  /** Logical cores, for the report; defaults to 1. */
  cores?: number;
  /** Whether SharedArrayBuffer may be shared, for the report; defaults to false. */
  crossOriginIsolated?: boolean;
  /** Seconds to wait for one backend to initialise before calling it failed; defaults to 20. */
  probeTimeoutSeconds?: number;
  /** Try only these backends, in this order, stopping at the first that works (a training job's choice); defaults to probing every backend in TF_BACKEND_ORDER. */
  only?: readonly TfBackendName[];
}

let wasmConfigured = false;

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function tryBackend(name: TfBackendName, timeoutSeconds: number): Promise<string | null> {
  if (!tf.engine().registryFactory[name]) return `the ${name} backend is not registered in this build`;
  try {
    return await withTimeout(probeBackend(name), timeoutSeconds, `initialising ${name}`);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function probeBackend(name: TfBackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `${name} failed to initialise`;
    await tf.ready();
    // A backend can initialise and still fail at the first kernel (e.g. WebGL without a context); prove it computes.
    const probe = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)));
    const values = await probe.data();
    probe.dispose();
    return values[0] === 2 && values[1] === 3 ? null : `${name} computed a wrong result`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Initialise TensorFlow.js on `requested`, or on the first backend in TF_BACKEND_ORDER that works when
 * 'auto'. A forced backend that fails falls back to auto so the studio never ends without one.
 */
export async function initTf(requested: TfBackendName | 'auto', options: TfInitOptions = {}): Promise<BackendInfo> {
  if (requested !== 'auto' && !TF_BACKEND_ORDER.includes(requested)) {
    throw new RangeError(`backend must be one of auto, ${TF_BACKEND_ORDER.join(', ')}; got ${JSON.stringify(requested)}`);
  }
  if (options.wasmPaths && !wasmConfigured) {
    setWasmPaths(options.wasmPaths);
    wasmConfigured = true;
  }
  // The threaded wasm build starts helper workers from blob: scripts, which the page's CSP forbids
  // (script-src has no blob:), and mlpad parallelises with its own worker pool anyway.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // In Node the cpu backend prints a banner recommending tfjs-node (which cannot be installed here) on stderr,
  // into the CLI's output; production mode keeps it quiet.
  if (tf.env().getBool('IS_NODE')) tf.env().set('PROD', true);
  const { info, error } = await findAdapter(options.gpu);
  const failed: BackendInfo['failed'] = [];
  const available: TfBackendName[] = [];
  const order = options.only ?? (requested === 'auto' ? TF_BACKEND_ORDER : [requested, ...TF_BACKEND_ORDER.filter((b) => b !== requested)]);
  let chosen: TfBackendName | null = null;
  for (const name of order) {
    if (options.only && chosen) break;
    if (name === 'webgpu' && !info) {
      failed.push({ name, reason: error ?? 'no WebGPU adapter' });
      continue;
    }
    const reason = await tryBackend(name, options.probeTimeoutSeconds ?? 20);
    if (reason === null) {
      available.push(name);
      chosen ??= name;
    } else {
      failed.push({ name, reason });
    }
  }
  if (!chosen) throw new Error(`No TensorFlow.js backend works here: ${failed.map((f) => `${f.name}: ${f.reason}`).join('; ')}`);
  // Probing left the last working backend active; switch to the chosen one.
  await tf.setBackend(chosen);
  await tf.ready();
  return {
    adapter: info,
    adapterError: info ? undefined : error,
    tfBackend: chosen,
    requested,
    available,
    failed,
    crossOriginIsolated: options.crossOriginIsolated ?? false,
    cores: options.cores ?? 1,
  };
}

/** A 256×256 matmul on the active backend: proves the backend computes and gives a rough time. */
export async function smokeTest(): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  const a = tf.ones([256, 256]);
  const c = tf.matMul(a, a);
  const v = await c.data();
  a.dispose();
  c.dispose();
  return { ms: performance.now() - t0, ok: v[0] === 256 && v[v.length - 1] === 256 };
}
