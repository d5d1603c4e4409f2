import * as Comlink from 'comlink';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { createTrialRunner } from '../src/lib/engine/tune-engine.ts';
import type { TrialWorkerApi } from '../src/lib/engine/tune-engine-api.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// One trial worker of a tuning job (started by workers/tune.worker.ts): its own copy of the table, then one
// trial at a time through the job pipeline, each round answered by the job before the next trains.
const runner = createTrialRunner({
  tensorflow: (requested, allowed) => initTrainingBackend(requested, { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
});

const api: TrialWorkerApi = {
  setTable: (ipc) => runner.setTable(ipc),
  run: async (job, onRound) => {
    const o = await runner.run(job, onRound);
    return o.status === 'completed' ? Comlink.transfer(o, [o.model.buffer as ArrayBuffer, o.metricsJson.buffer as ArrayBuffer]) : o;
  },
};

Comlink.expose(api);
