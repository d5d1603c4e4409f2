// Histogram threads in a browser: nested module workers (workers/histogram.worker.ts), started from the
// training worker. The pool spawns its workers synchronously and then blocks its thread in Atomics.wait,
// and Chromium delivers neither a nested worker's start nor a `worker.postMessage` while the parent's
// event loop is blocked. So each worker is started, given a MessageChannel port (port messages do not
// wait for the sender's event loop) and has said 'ready' here, while this thread can still await, before
// the spawner hands any of them out; the spawner then posts the pool's data on the port.
import { canShareMemory, setWorkerSpawner } from './histogram-pool.ts';

/** Spin loads of a page's pool threads before they sleep (see setWorkerSpawner): short, the page needs its share of the cores. */
const PAGE_SPIN = 2_000;

/** What a histogram worker posts once it listens on its port for its data. */
export const HISTOGRAM_WORKER_READY = 'mlpad-histogram-ready';

/** The first message a histogram worker gets: the port its HistogramWorkerData will arrive on. */
export interface HistogramWorkerPort {
  port: MessagePort;
}

/** The part of a Worker this launcher uses (a DOM Worker has it; tests pass a fake). */
export interface ThreadWorker {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'error', listener: (e: { data?: unknown; message?: string }) => void): void;
  terminate(): void;
}

export interface BrowserThreadOptions {
  /** How long each worker may take to say it is ready, in ms; defaults to 10,000. */
  timeoutMs?: number;
}

/** Resolves when `w` posts HISTOGRAM_WORKER_READY; rejects on its error event or after `timeoutMs`. */
function whenReady(w: ThreadWorker, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a histogram worker did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    w.addEventListener('message', (e) => {
      if (e.data !== HISTOGRAM_WORKER_READY) return;
      clearTimeout(timer);
      resolve();
    });
    w.addEventListener('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`a histogram worker failed to start (${e.message || 'no reason given'})`));
    });
  });
}

/**
 * Lets training in this thread use up to `n` threads: starts n − 1 workers with `createWorker`, waits
 * until each is ready, then sets the histogram pool's spawner to hand them out (one per pool thread; the
 * pool's source text is not needed, the workers carry the kernel). Returns the threads now available:
 * 1 + the workers that started, or 1 (spawner left unset, training stays single-threaded) when n ≤ 1,
 * memory cannot be shared (no SharedArrayBuffer, or the page is not cross-origin isolated) or no worker
 * started. Call once per training worker, before training.
 */
export async function enableBrowserThreads(n: number, createWorker: () => ThreadWorker, options: BrowserThreadOptions = {}): Promise<number> {
  setWorkerSpawner(null);
  if (!(n > 1) || !canShareMemory() || typeof MessageChannel === 'undefined') return 1;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started: { worker: ThreadWorker; port: MessagePort }[] = [];
  const waits: Promise<void>[] = [];
  for (let i = 1; i < Math.floor(n); i++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const worker = createWorker();
      started.push({ worker, port: port1 });
      waits.push(whenReady(worker, timeoutMs));
      worker.postMessage({ port: port2 } satisfies HistogramWorkerPort, [port2]);
    } catch {
      // Workers cannot be created here (a CSP, a sandbox): use those that could.
      break;
    }
  }
  const outcomes = await Promise.allSettled(waits);
  const stop = (t: { worker: ThreadWorker; port: MessagePort }) => { t.port.close(); t.worker.terminate(); };
  const ready = started.filter((t, i) => {
    if (outcomes[i]?.status === 'fulfilled') return true;
    stop(t);
    return false;
  });
  if (ready.length === 0) return 1;
  setWorkerSpawner((_source, data) => {
    const t = ready.shift();
    // The pool catches this and trains in its own thread.
    if (!t) throw new Error('no started histogram worker is left');
    t.port.postMessage(data);
    return { terminate: () => stop(t) };
  }, PAGE_SPIN);
  return 1 + ready.length;
}
