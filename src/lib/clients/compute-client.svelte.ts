import * as Comlink from 'comlink';
import type { BackendInfo, ComputeEngineApi, TfBackendName } from '../compute/types.ts';

/** How long TensorFlow.js may take to start before the UI says it looks stuck (SwiftShader WebGPU is slow). */
const SLOW_INIT_MS = 60_000;

/** Owns the compute worker: initialises TensorFlow.js there and reports what it found. */
export class ComputeClient {
  /** What the worker reported; null until init resolves. */
  info = $state.raw<BackendInfo | null>(null);
  /** The backend the user asked for. */
  requested = $state<TfBackendName | 'auto'>('auto');
  busy = $state(false);
  error = $state<string | null>(null);
  smoke = $state.raw<{ ms: number; ok: boolean } | null>(null);

  #worker: Worker | null = null;
  #api: Comlink.Remote<ComputeEngineApi> | null = null;
  #generation = 0;

  /**
   * (Re)start the compute worker on `requested`. A fresh worker each time: tfjs keeps backend state per
   * thread, and starting clean is the only way to report what a forced backend really does.
   */
  async init(requested: TfBackendName | 'auto'): Promise<void> {
    const generation = ++this.#generation;
    this.#worker?.terminate();
    this.requested = requested;
    this.busy = true;
    this.error = null;
    this.smoke = null;
    this.info = null;
    try {
      const worker = new Worker(new URL('../../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-compute' });
      this.#worker = worker;
      this.#api = Comlink.wrap<ComputeEngineApi>(worker);
      const failed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (e) => {
          // A script that fails to load gives an event without a message: the worker is dead. Errors with a
          // message are uncaught errors inside it (e.g. from a wasm thread tfjs tried); init still answers.
          if (!e.message) {
            reject(new Error('the compute worker failed to start (a script it needs did not load; the browser console has details)'));
            return;
          }
          // Handled here, so it is logged once as a warning instead of surfacing as an uncaught page error.
          e.preventDefault();
          console.warn(`mlpad compute worker: ${e.message}`);
        });
      });
      // A backend that hangs while starting (e.g. wasm threads the page may not spawn) would leave the
      // badge on "starting…" forever; say so, and still take the answer if it comes later.
      const slow = setTimeout(() => {
        if (generation === this.#generation && !this.info) this.error = `TensorFlow.js has not finished starting after ${SLOW_INIT_MS / 1000} s; a backend may be stuck. Try forcing another backend.`;
      }, SLOW_INIT_MS);
      const info = await Promise.race([this.#api.init(requested), failed]).finally(() => clearTimeout(slow));
      if (generation === this.#generation) {
        this.info = info;
        this.error = null;
      }
    } catch (e) {
      if (generation === this.#generation) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  /** Time a small matmul on the active backend. */
  async smokeTest(): Promise<void> {
    if (!this.#api) return;
    const generation = this.#generation;
    this.busy = true;
    try {
      const r = await this.#api.smokeTest();
      if (generation === this.#generation) this.smoke = r;
    } catch (e) {
      if (generation === this.#generation) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  dispose(): void {
    this.#generation++;
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }
}
