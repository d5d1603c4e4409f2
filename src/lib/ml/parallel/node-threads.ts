// Histogram threads in Node: worker_threads started from source text (eval), so they run the same
// kernels under plain Node, tsx and vitest alike; a worker file (`new URL('./x.worker.ts', import.meta.url)`)
// would need a TypeScript loader inside every worker thread, which vitest does not give them.
import { markWorkerFailed } from './histogram-kernel.ts';
import { setWorkerSpawner } from './histogram-pool.ts';

/** Lets training in this Node process use `nthread` > 1. Call once before training; idempotent. */
export async function enableNodeThreads(): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  setWorkerSpawner((source, data) => {
    // A source that fails to load raises the pool's failure flag, so the caller fails at once instead of waiting.
    const code = `const { workerData } = require('node:worker_threads');\n${markWorkerFailed}\n`
      + `try { (${source})(workerData); } catch { markWorkerFailed(workerData.control); }`;
    const w = new Worker(code, { eval: true, workerData: data });
    // A parked worker must not keep the process alive if a caller forgets dispose().
    w.unref();
    return { terminate: () => void w.terminate() };
  });
}
