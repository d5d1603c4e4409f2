// The training worker's engine: the Arrow IPC bytes back to a table, then the one job runner
// (run-job.ts) that `mlpad train` also calls. Pure: the worker adds only Comlink and its TensorFlow.js setup.
import { tableFromIPC } from 'apache-arrow';
import { isSharedTable, tableFromShared, type SharedTable } from '../data/shared-table.ts';
import type { TfBackendName } from '../compute/types.ts';
import { getAlgorithm } from '../ml/registry.ts';
import { runTrainingJob } from './run-job.ts';
import type { TrainJob, TrainOptions, TrainResult, TrainRound, TrainStage } from './train-engine-api.ts';

/** The threads `job` asks for (its nthread; 1 when unset, invalid or not an algorithm parameter). */
export function requestedThreads(job: TrainJob): number {
  try {
    const n = (getAlgorithm(job.algorithm).resolve(job.hyperparameters) as { nthread?: unknown }).nthread;
    return typeof n === 'number' && n > 1 ? Math.floor(n) : 1;
  } catch {
    // train() reports the bad parameter.
    return 1;
  }
}

export interface TrainEngine {
  /** Runs `job` on the IPC stream `ipc`; calls `onRound` after each round and `onStage` when evaluation begins. Rejects naming the bad parameter or column. */
  train(ipc: Uint8Array | SharedTable, job: TrainJob, onRound?: (round: TrainRound) => void, options?: TrainOptions, onStage?: (stage: TrainStage) => void): Promise<TrainResult>;
}

/** Options of the engine. */
export interface TrainEngineOptions {
  /** Initialises TensorFlow.js on `requested` (the job's backend), within `allowed` (the algorithm's), for the algorithms that use it; resolves to the backend in use and why. Defaults to the global backend as it is. */
  tensorflow?: (requested: TfBackendName | 'auto', allowed?: readonly TfBackendName[]) => Promise<{ label: string; reason?: string }>;
}

export function createTrainEngine(options: TrainEngineOptions = {}): TrainEngine {
  return {
    train: (ipc, job, onRound, trainOptions = {}, onStage) => runTrainingJob({ train: isSharedTable(ipc) ? tableFromShared(ipc) : tableFromIPC(ipc) }, job, {
      onRound,
      ...(onStage ? { onStage } : {}),
      ...(trainOptions.surface ? { surface: trainOptions.surface } : {}),
      ...(options.tensorflow ? { tensorflow: (allowed?: readonly TfBackendName[]) => options.tensorflow!(job.backend ?? 'auto', allowed) } : {}),
    }),
  };
}
