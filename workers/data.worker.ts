import * as Comlink from 'comlink';
import { createDataEngine } from '../src/lib/engine/data-engine.ts';
import type { DataEngineApi, LoadedDataset } from '../src/lib/engine/data-engine-api.ts';

// One engine per worker. The UI starts a fresh worker for each load (cancel = terminate), one load ahead,
// and keeps one long-lived worker that holds the current table for profiling.
const engine = createDataEngine();

/** Hand the IPC bytes over instead of copying them; a shared table is posted as it is (its memory is shared, not copied). */
const transferred = (d: LoadedDataset) => (d.shared ? d : Comlink.transfer(d, [d.ipc.buffer]));

const api: DataEngineApi = {
  loadBlob: async (blob, name, options, onProgress) => transferred(await engine.loadBlob(blob, name, options, onProgress)),
  loadUrl: async (url, name, options, onProgress) => transferred(await engine.loadUrl(url, name, options, onProgress)),
  setTable: (ipc) => engine.setTable(ipc),
  profile: (overrides) => engine.profile(overrides),
  digest: () => engine.digest(),
  targetFacts: (target, type, task) => engine.targetFacts(target, type, task),
  warmUp: () => engine.warmUp(),
};

Comlink.expose(api);
