import { Worker as NodeWorker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { enableBrowserThreads, HISTOGRAM_WORKER_READY, type HistogramWorkerPort, type ThreadWorker } from '../../../../src/lib/ml/parallel/browser-threads.ts';
import { histogramWorkerSource, type HistogramWorkerData } from '../../../../src/lib/ml/parallel/histogram-kernel.ts';
import { createHistogramPool, setWorkerSpawner, threadsAvailable } from '../../../../src/lib/ml/parallel/histogram-pool.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

type Listener = (e: { data?: unknown; message?: string }) => void;

/** A Worker stand-in: given its port, says ready (or fails, or stays silent) and records what arrives on the port. */
class FakeWorker implements ThreadWorker {
  readonly sent: unknown[] = [];
  terminated = false;
  port: MessagePort | null = null;
  private readonly listeners: Record<string, Listener[]> = { message: [], error: [] };

  constructor(private readonly behaviour: 'ready' | 'error' | 'silent') {
    if (behaviour === 'error') setTimeout(() => { for (const l of this.listeners.error) l({ message: 'blocked by CSP' }); }, 1);
  }
  addEventListener(type: 'message' | 'error', listener: Listener): void { this.listeners[type].push(listener); }
  postMessage(message: unknown): void {
    this.port = (message as HistogramWorkerPort).port;
    this.port.onmessage = (e) => this.sent.push(e.data);
    if (this.behaviour === 'ready') setTimeout(() => { for (const l of this.listeners.message) l({ data: HISTOGRAM_WORKER_READY }); }, 1);
  }
  terminate(): void {
    this.terminated = true;
    this.port?.close();
  }
}

/** A real thread behind the ThreadWorker face: Node's worker_threads running the kernel as histogram.worker.ts does. */
function nodeHistogramWorker(): ThreadWorker {
  const w = new NodeWorker(
    `const { parentPort } = require('node:worker_threads');\nconst main = ${histogramWorkerSource()};\n`
    + `parentPort.once('message', ({ port }) => { port.once('message', (d) => { port.close(); main(d); }); parentPort.postMessage(${JSON.stringify(HISTOGRAM_WORKER_READY)}); });`,
    { eval: true },
  );
  w.unref();
  return {
    postMessage: (m, transfer) => w.postMessage(m, transfer as never),
    addEventListener: (type, l) => void (type === 'message' ? w.on('message', (data) => l({ data })) : w.on('error', (e) => l({ message: e.message }))),
    terminate: () => void w.terminate(),
  };
}

/** Shared inputs of `n` rows × `nCols` Uint8 codes, 16 bins per feature, with seeded gradients. */
function inputs(n: number, nCols: number) {
  const rng = new SeededRandom(3);
  const codes = new Uint8Array(new SharedArrayBuffer(n * nCols));
  for (let i = 0; i < codes.length; i++) codes[i] = Math.floor(rng.next() * 16);
  const histOffsets = Uint32Array.from({ length: nCols + 1 }, (_, j) => 16 * j);
  const gpair = new Float32Array(new SharedArrayBuffer(8 * n));
  for (let i = 0; i < 2 * n; i++) gpair[i] = i % 2 ? rng.next() : rng.next() - 0.5;
  const rows = new Uint32Array(new SharedArrayBuffer(4 * n));
  for (let i = 0; i < n; i++) rows[i] = i;
  return { codes, nCols, histOffsets, gpair, rows };
}

const g = globalThis as { crossOriginIsolated?: boolean };

describe('enableBrowserThreads', () => {
  afterEach(() => {
    setWorkerSpawner(null);
    delete g.crossOriginIsolated;
  });

  it('enableBrowserThreads(3, ready workers) waits for both and posts each pool thread its data on that worker’s port', async () => {
    const made: FakeWorker[] = [];
    const n = await enableBrowserThreads(3, () => {
      const w = new FakeWorker('ready');
      made.push(w);
      return w;
    });
    expect(n).toBe(3);
    expect(made).toHaveLength(2);
    expect(threadsAvailable()).toBe(true);
    const pool = createHistogramPool(inputs(16, 2), 3);
    expect(pool.nThreads).toBe(3);
    await expect.poll(() => made.map((w) => (w.sent[0] as HistogramWorkerData | undefined)?.index)).toEqual([1, 2]);
    pool.dispose();
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('enableBrowserThreads(3, one worker failing) counts only the worker that started and terminates the other', async () => {
    const made = [new FakeWorker('error'), new FakeWorker('ready')];
    let i = 0;
    expect(await enableBrowserThreads(3, () => made[i++])).toBe(2);
    expect(made[0].terminated).toBe(true);
    expect(made[1].terminated).toBe(false);
  });

  it('enableBrowserThreads gives up on a worker that never says ready within timeoutMs and leaves threads off', async () => {
    const w = new FakeWorker('silent');
    expect(await enableBrowserThreads(2, () => w, { timeoutMs: 20 })).toBe(1);
    expect(w.terminated).toBe(true);
    expect(threadsAvailable()).toBe(false);
  });

  it('enableBrowserThreads returns 1 without starting workers when the page is not cross-origin isolated, n ≤ 1 or Worker throws', async () => {
    let calls = 0;
    const create = () => { calls++; return new FakeWorker('ready'); };
    g.crossOriginIsolated = false;
    expect(await enableBrowserThreads(4, create)).toBe(1);
    delete g.crossOriginIsolated;
    expect(await enableBrowserThreads(1, create)).toBe(1);
    expect(calls).toBe(0);
    expect(await enableBrowserThreads(3, () => { throw new Error('worker-src forbids it'); })).toBe(1);
    expect(threadsAvailable()).toBe(false);
  });

  it('a pool asking for more threads than started falls back to its own thread', async () => {
    expect(await enableBrowserThreads(2, () => new FakeWorker('ready'))).toBe(2);
    const pool = createHistogramPool(inputs(16, 2), 3);
    expect(pool.nThreads).toBe(1);
    pool.dispose();
  });

  it('real threads behind the launcher build the same histogram as one thread, to 1e-9', async () => {
    expect(await enableBrowserThreads(3, nodeHistogramWorker)).toBe(3);
    const x = inputs(30_000, 5);
    const pool = createHistogramPool(x, 3);
    const one = createHistogramPool(x, 1);
    try {
      expect(pool.nThreads).toBe(3);
      const len = 2 * x.histOffsets[x.nCols];
      const a = new Float64Array(len), b = new Float64Array(len);
      one.build(0, 30_000, a);
      pool.build(0, 30_000, b);
      for (let s = 0; s < len; s++) expect(Math.abs(a[s] - b[s])).toBeLessThan(1e-9);
    } finally {
      pool.dispose();
    }
  });
});
