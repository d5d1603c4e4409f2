import * as Comlink from 'comlink';
import type { BackendInfo, ComputeEngineApi, TfBackendName } from '../compute/types.ts';

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
        worker.addEventListener('error', (e) => reject(new Error(e.message || 'the compute worker failed to start')));
      });
      const info = await Promise.race([this.#api.init(requested), failed]);
      if (generation === this.#generation) this.info = info;
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
