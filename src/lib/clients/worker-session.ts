// A worker that holds data across several jobs (the Clarify and Monitor sessions): opened for a key (the
// table, the model), reused while the key is the same, and ended by Cancel, which terminates the worker
// (a job in a tight loop cannot read messages) so the next job opens a fresh one.
import * as Comlink from 'comlink';
import { jobEnds, type JobEnds } from './worker-job.ts';

export class WorkerSession<Api> {
  #worker: Worker | null = null;
  #api: Comlink.Remote<Api> | null = null;
  #key: readonly unknown[] | null = null;
  #ends: JobEnds | null = null;

  /** `start` makes the worker; `failure(reason)` words the error when it fails. */
  constructor(private readonly start: () => Worker, private readonly failure: (reason: string) => string) {}

  /**
   * The worker's API for `key` (compared item by item, by identity). A new key ends the old worker, starts a
   * fresh one and awaits `init` on it (which sends the data); a failed init closes it again.
   */
  async open(key: readonly unknown[], init: (api: Comlink.Remote<Api>) => Promise<void>): Promise<Comlink.Remote<Api>> {
    if (this.#api && this.#key && this.#key.length === key.length && this.#key.every((k, i) => k === key[i])) return this.#api;
    this.close();
    const worker = this.start();
    this.#worker = worker;
    this.#ends = jobEnds(worker, this.failure);
    const api = Comlink.wrap<Api>(worker);
    try {
      await this.race(init(api));
    } catch (e) {
      if (this.#worker === worker) this.close();
      throw e;
    }
    this.#api = api;
    this.#key = key;
    return api;
  }

  /** The open session's API; null when none is open. */
  get api(): Comlink.Remote<Api> | null {
    return this.#api;
  }

  /** `p`, or the rejection of a Cancel (Cancelled) or of the worker failing, whichever comes first. */
  race<T>(p: Promise<T>): Promise<T> {
    const ends = this.#ends;
    if (!ends) return Promise.reject(new Error('the worker session is closed'));
    return Promise.race([p, ends.cancelled, ends.failed]);
  }

  /** Rejects the job in flight with Cancelled and ends the worker. */
  cancel(): void {
    this.#ends?.cancel();
    this.close();
  }

  /** Ends the worker; the next open starts a fresh one. */
  close(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#key = null;
    this.#ends = null;
  }
}
