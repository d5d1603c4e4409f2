// Histogram threads in Node: worker_threads started from source text (eval), so they run the same
// kernels under plain Node, tsx and vitest alike; a worker file (`new URL('./x.worker.ts', import.meta.url)`)
// would need a TypeScript loader inside every worker thread, which vitest does not give them.
import { setWorkerSpawner } from './histogram-pool.ts';

/** Lets training in this Node process use `nthread` > 1. Call once before training; idempotent. */
export async function enableNodeThreads(): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  setWorkerSpawner((source, data) => {
    const w = new Worker(`const { workerData } = require('node:worker_threads');\n(${source})(workerData);`, { eval: true, workerData: data });
    // A parked worker must not keep the process alive if a caller forgets dispose().
    w.unref();
    return { terminate: () => void w.terminate() };
  });
}
