import * as Comlink from 'comlink';
import { createMonitorEngine } from '../src/lib/engine/monitor-engine.ts';
import type { MonitorEngineApi } from '../src/lib/engine/monitor-engine-api.ts';

// Model Monitor's baseline and timeline on one dataset.
const engine = createMonitorEngine();

const api: MonitorEngineApi = {
  open: (ipc) => engine.open(ipc),
  span: (column) => engine.span(column),
  run: (cfg, onProgress) => engine.run(cfg, onProgress),
};

Comlink.expose(api);
