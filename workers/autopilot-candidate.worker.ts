import * as Comlink from 'comlink';
import { initTrainingBackend } from '../src/lib/compute/training-backend.ts';
import { createCandidateRunner } from '../src/lib/engine/autopilot-engine.ts';
import type { CandidateWorkerApi } from '../src/lib/engine/autopilot-engine-api.ts';
import { TF_WASM_PATHS } from './tf-wasm-paths.ts';

// One candidate of an Autopilot job (started by workers/autopilot.worker.ts): its tables as Arrow IPC, then
// the one job pipeline and the packaged model's predictions (runCandidate); the outcome's bytes are handed back.
const runner = createCandidateRunner({
  tensorflow: (requested, allowed) => initTrainingBackend(requested, { wasmPaths: TF_WASM_PATHS, gpu: self.navigator.gpu, allowed }),
  keepJob: true,
});

const api: CandidateWorkerApi = {
  run: async (job, onRound) => {
    const o = await runner.run(job, onRound);
    const buffers = [o.model.buffer, o.metricsJson.buffer];
    for (const p of o.predictions) {
      buffers.push(p.labels.buffer);
      const q = p.predictions;
      if (q.kind === 'regression') buffers.push(q.score.buffer);
      else buffers.push(q.probabilities.buffer, q.predictedLabel.buffer);
    }
    // The same buffer listed twice cannot be transferred.
    return Comlink.transfer(o, [...new Set(buffers as ArrayBuffer[])]);
  },
};

Comlink.expose(api);
