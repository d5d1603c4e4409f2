// One candidate runner thread of `mlpad autopilot` (see autopilot-pool.ts): takes a candidate as Arrow IPC,
// runs it through the studio's candidate runner (the one job pipeline, then the packaged model's
// predictions), streams its rounds and hands the outcome's bytes back. The pool ends the thread to stop it.
import { parentPort } from 'node:worker_threads';
import { initTrainingBackend } from '../lib/compute/training-backend.ts';
import type { CandidateJob } from '../lib/engine/autopilot-engine-api.ts';
import { createCandidateRunner } from '../lib/engine/autopilot-engine.ts';

/** Messages from the pool. */
export interface ToCandidateThread { type: 'run'; job: CandidateJob }

const port = parentPort!;
const runner = createCandidateRunner({ tensorflow: (requested, allowed) => initTrainingBackend(requested, { allowed }) });

port.on('message', (m: ToCandidateThread) => {
  void (async () => {
    try {
      const o = await runner.run(m.job, (step, metrics) => port.postMessage({ type: 'round', step, metrics }));
      const buffers: ArrayBufferLike[] = [o.model.buffer, o.metricsJson.buffer];
      for (const p of o.predictions) {
        buffers.push(p.labels.buffer);
        const q = p.predictions;
        if (q.kind === 'regression') buffers.push(q.score.buffer);
        else buffers.push(q.probabilities.buffer, q.predictedLabel.buffer);
      }
      // The same buffer listed twice cannot be transferred.
      port.postMessage({ type: 'done', outcome: o }, [...new Set(buffers as ArrayBuffer[])]);
    } catch (e) {
      port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
port.postMessage({ type: 'ready' });
