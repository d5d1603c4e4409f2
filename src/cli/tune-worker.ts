// One trial runner thread of `mlpad tune` (see tune-pool.ts): loads the data files once, then runs each
// trial it is sent through the one job pipeline (runTrainingJob), streaming every round to the pool and
// waiting for its answer before the next, so a stop (early stopping, Hyperband, time, Stop) lands on the
// round it was decided for.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { initTrainingBackend } from '../lib/compute/training-backend.ts';
import { loadBytes, type LoadOptions } from '../lib/data/index.ts';
import { runTrainingJob, type JobTables } from '../lib/engine/run-job.ts';
import type { RawHyperparameters } from '../lib/ml/hyperparameters.ts';
import type { PrepareOptions } from '../lib/ml/prepare/types.ts';
import { finalMetrics } from '../lib/tune/objective-metrics.ts';

/** What the pool gives each worker. */
export interface TuneWorkerData {
  algorithm: string;
  files: { train: string; validation?: string; test?: string };
  reading: LoadOptions;
  prepare: PrepareOptions;
  invalidNumbers: 'error' | 'missing';
}

/** Messages from the pool. */
export type ToWorker = { type: 'trial'; id: string; hyperparameters: RawHyperparameters } | { type: 'ack'; stop: boolean };

class TrialStopped extends Error {}

const port = parentPort!;
const data = workerData as TuneWorkerData;

async function table(path: string) {
  return (await loadBytes(basename(path), new Uint8Array(await readFile(path)), data.reading)).table;
}

const tables: Promise<JobTables> = (async () => ({
  train: await table(data.files.train),
  ...(data.files.validation ? { validation: await table(data.files.validation) } : {}),
  ...(data.files.test ? { test: await table(data.files.test) } : {}),
  names: { validation: data.files.validation, test: data.files.test },
}))();

let posted = 0, acked = 0;
let waiting: (() => void) | undefined;
let stop = false;

async function run(id: string, hyperparameters: RawHyperparameters): Promise<void> {
  posted = acked = 0;
  stop = false;
  try {
    const result = await runTrainingJob(await tables, { algorithm: data.algorithm, hyperparameters, prepare: data.prepare }, {
      invalidNumbers: data.invalidNumbers,
      tensorflow: (allowed) => initTrainingBackend('auto', { allowed }),
      onRound(r) {
        posted++;
        port.postMessage({ type: 'round', id, step: r.round, train: r.train, validation: r.validation });
      },
      async betweenRounds() {
        while (acked < posted) await new Promise<void>((resolve) => { waiting = resolve; });
        if (stop) throw new TrialStopped('stopped');
      },
    });
    const { model, metricsJson } = result;
    port.postMessage({ type: 'done', id, metrics: finalMetrics(result.evaluations), model, metricsJson }, [model.buffer as ArrayBuffer, metricsJson.buffer as ArrayBuffer]);
  } catch (e) {
    if (e instanceof TrialStopped || stop) port.postMessage({ type: 'stopped', id });
    else port.postMessage({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'ack') {
    acked++;
    stop ||= m.stop;
    waiting?.();
  } else void run(m.id, m.hyperparameters);
});
port.postMessage({ type: 'ready' });
