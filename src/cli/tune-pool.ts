// The trial runner of `mlpad tune`: a pool of worker threads (one per MaxParallelTrainingJobs), each loading
// the data once and running trials through runTrainingJob (tune-worker.ts). The worker file is TypeScript,
// so each thread registers tsx first; that works under bin/mlpad.js, tsx and vitest alike. The pool keeps
// the model bytes of finished trials until the caller drops them (it keeps only the best).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunTrial, TrialHooks } from '../lib/tune/tuning-job-api.ts';
import type { TuneWorkerData } from './tune-worker.ts';

/** A finished trial's files. */
export interface TrialArtifacts {
  model: Uint8Array;
  metricsJson: Uint8Array;
}

/** The pool: `runTrial` for runTuningJob, the kept artifacts, and close(). */
export interface TrialPool {
  runTrial: RunTrial;
  /** The files of finished trial `id`, unless dropped. */
  artifacts(id: string): TrialArtifacts | undefined;
  /** Forgets every trial's files but `keep`'s. */
  keepOnly(keep: string | undefined): void;
  close(): Promise<void>;
}

/** tsx's ESM register API, resolved through its package exports. */
/** The file URL of tsx's ESM API, for worker threads that register tsx before importing a TypeScript entry. */
export function tsxApi(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'round'; id: string; step: number; train?: Record<string, number>; validation?: Record<string, number> }
  | { type: 'done'; id: string; metrics: Record<string, number>; model: Uint8Array; metricsJson: Uint8Array }
  | { type: 'stopped'; id: string }
  | { type: 'failed'; id: string; message: string };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** Why the thread could not start, if it could not. */
  broken?: string;
  /** Taken by a trial waiting for the thread to be ready. */
  claimed?: boolean;
  busy?: { hooks: TrialHooks; resolve: (r: Awaited<ReturnType<RunTrial>>) => void; reject: (e: Error) => void };
}

/** Starts `size` worker threads, each loading the data of `data`. */
export function createTrialPool(size: number, data: TuneWorkerData): TrialPool {
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  const entry = new URL('./tune-worker.ts', import.meta.url).href;
  const source = `(async () => { const { register } = await import(${JSON.stringify(tsxApi())}); register({ tsconfig: ${JSON.stringify(tsconfig)} }); await import(${JSON.stringify(entry)}); })()`
    + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'failed', id: '', message: String(e && e.message || e) }); });`;
  const kept = new Map<string, TrialArtifacts>();
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = new Worker(source, { eval: true, workerData: data });
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((r) => { ready = r; }) };
    worker.on('message', (m: FromWorker) => {
      const busy = slot.busy;
      if (m.type === 'ready') { ready(); return; }
      if (m.type === 'round') {
        busy?.hooks.onRound(m.step, { ...(m.train ? { train: m.train } : {}), ...(m.validation ? { validation: m.validation } : {}) });
        worker.postMessage({ type: 'ack', stop: busy?.hooks.shouldStop() ?? true });
        return;
      }
      if (m.type === 'failed' && m.id === '') { slot.broken = m.message; ready(); }
      slot.busy = undefined;
      if (m.type === 'done') { kept.set(m.id, { model: m.model, metricsJson: m.metricsJson }); busy?.resolve({ metrics: m.metrics }); }
      else if (m.type === 'stopped') busy?.resolve({ stopped: true });
      else busy?.reject(new Error(m.message));
    });
    worker.on('error', (e) => { slot.busy?.reject(e); slot.busy = undefined; });
    return slot;
  });
  return {
    async runTrial(trial, hooks) {
      const slot = slots.find((s) => !s.busy && !s.claimed);
      if (!slot) throw new Error(`the trial pool has ${size} threads and all are busy`);
      slot.claimed = true;
      try { await slot.ready; } finally { slot.claimed = false; }
      if (slot.broken) throw new Error(`a trial thread could not start: ${slot.broken}`);
      const done = new Promise<Awaited<ReturnType<RunTrial>>>((resolve, reject) => { slot.busy = { hooks, resolve, reject }; });
      slot.worker.postMessage({ type: 'trial', id: trial.id, hyperparameters: trial.hyperparameters });
      return done;
    },
    artifacts: (id) => kept.get(id),
    keepOnly(keep) { for (const id of [...kept.keys()]) if (id !== keep) kept.delete(id); },
    async close() { await Promise.all(slots.map((s) => s.worker.terminate())); },
  };
}
