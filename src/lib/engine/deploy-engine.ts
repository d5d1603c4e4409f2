// The Deploy worker's engine: the models made ready to answer requests (by id), the studio's table, one
// in-tab endpoint wired to those models, and the jobs of the Deploy view (batch transform, a shadow test,
// a simulated traffic shift, a deliberately bad model for a class to watch being rolled back, the export
// files). Pure: the worker file only exposes it. Batch transform is stateless (the model's bytes and the
// rows come with the call) so the client can run it in a worker of its own and cancel by terminating it.
import type { Table } from 'apache-arrow';
import { tableFromInput, type TableInput } from '../data/shared-table.ts';
import type { TfBackendName } from '../compute/types.ts';
import { loadBytes } from '../data/index.ts';
import { loadDeployModel, type DeployModel } from '../deploy/deploy-model.ts';
import { shuffledColumn } from '../deploy/bad-model.ts';
import { exampleFor } from '../deploy/example.ts';
import { modelInvoker } from '../deploy/invoke.ts';
import { outputRows, previewOf } from '../deploy/transform-preview.ts';
import { Endpoint, type InvocationLogEntry } from '../deploy/endpoint.ts';
import { replayRequests } from '../deploy/replay.ts';
import { exportModule } from '../deploy/export-module.ts';
import { sagemakerArtifact } from '../deploy/export-sagemaker.ts';
import { simulateRollout, type RolloutResult } from '../deploy/rollout.ts';
import type { ShadowStats } from '../deploy/shadow.ts';
import { trafficMonitor } from '../deploy/traffic-monitor.ts';
import { batchTransform } from '../deploy/transform.ts';
import type { InferenceRequest } from '../deploy/types.ts';
import { runTrainingJob } from './run-job.ts';
import {
  LOG_BODY_CHARS, LOG_LINES, PREVIEW_ROWS,
  type DeployedModelInfo, type DeployProgress, type EndpointState, type InvokeOutcome, type LogLine, type ModelExample,
  type DeployEngineApi, type DeployFile, type RolloutConfig, type ShadowConfig, type TrafficOutcome, type TransformOutcome, type TransformRequest,
  type TransformSource, type VariantSpec,
} from './deploy-engine-api.ts';

/** Options of the engine. */
export interface DeployEngineOptions {
  /** Starts TensorFlow.js for a model that runs on it (called with the backends it allows); defaults to none. */
  tensorflow?: (allowed?: readonly TfBackendName[]) => Promise<unknown>;
  /** Seed of the endpoint's routing and capture sampling; defaults to 0 (a class replays the same routing). */
  seed?: number;
}

/** Requests sent between two yields to the event loop (so progress, stats and Cancel get through). */
const YIELD_EVERY = 10;
const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Rows per model call in batch transform: small enough for a progress bar that moves. */
const TRANSFORM_BATCH_ROWS = 4096;

const cut = (s: string) => (s.length > LOG_BODY_CHARS ? `${s.slice(0, LOG_BODY_CHARS - 1)}…` : s);

function logLine(e: InvocationLogEntry, seq: number): LogLine {
  return { seq, at: e.time, variant: e.variant || null, status: e.status, ms: e.latencyMs, request: cut(e.request.body), response: cut(e.response.body) };
}

interface Held {
  info: DeployedModelInfo;
  model: DeployModel;
  bytes: Uint8Array;
}

export function createDeployEngine(options: DeployEngineOptions = {}): DeployEngineApi {
  const models = new Map<string, Held>();
  let nextId = 1;
  let table: Table | null = null;
  let endpoint: Endpoint | null = null;
  let served = new Map<string, string>();
  let capture = { enabled: false, samplingPercent: 100 };
  let invocations = 0;
  let cursor = 0;
  const replays = new Map<string, InferenceRequest[]>();
  const tensorflow = options.tensorflow;

  const held = (id: string): Held => {
    const h = models.get(id);
    if (!h) throw new RangeError(`there is no model ${JSON.stringify(id)} here; add it in the Models card first`);
    return h;
  };
  const data = (what: string): Table => {
    if (!table) throw new Error(`${what} needs a dataset: load one in the Data view first`);
    return table;
  };
  const load = (bytes: Uint8Array, name: string) => loadDeployModel(bytes, name, tensorflow ? { tensorflow } : {});

  async function hold(bytes: Uint8Array, name: string): Promise<DeployedModelInfo> {
    const model = await load(bytes, name);
    // Whether SageMaker's hosting artifact can be made is the exporter's call: try it once, keep why not.
    const sagemaker = await sagemakerArtifact(bytes).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^sagemakerArtifact: /, ''));
    const info: DeployedModelInfo = { id: `m${nextId++}`, name, facts: model.facts, sagemaker };
    models.set(info.id, { info, model, bytes });
    return info;
  }

  function state(): EndpointState {
    const stats = endpoint?.stats() ?? [];
    const log = endpoint ? endpoint.log().slice(-LOG_LINES) : [];
    const first = invocations - log.length + 1;
    return {
      variants: stats.map((s) => ({ ...s, modelId: served.get(s.name) ?? '' })),
      capture: { ...capture, records: endpoint && capture.enabled ? captured() : 0 },
      log: log.map((e, k) => logLine(e, first + k)).reverse(),
    };
  }
  let capturedCount = 0;
  let capturedAt = -1;
  function captured(): number {
    // Counting lines of the capture file is O(records); do it once per invocation count.
    if (capturedAt !== invocations && endpoint) {
      const text = endpoint.captureJsonLines();
      capturedCount = text ? text.split('\n').filter((l) => l.trim()).length : 0;
      capturedAt = invocations;
    }
    return capturedCount;
  }

  async function invoke(req: InferenceRequest): Promise<InvokeOutcome> {
    if (!endpoint) throw new Error('there is no endpoint yet: choose the variants and press Deploy');
    const a = await endpoint.invoke(req);
    invocations++;
    const { variant, latencyMs, id: _id, ...response } = a;
    return { response, variant: variant || null, ms: latencyMs };
  }

  function requestsFor(modelId: string): InferenceRequest[] {
    let r = replays.get(modelId);
    if (!r) {
      const t = data('Sending rows');
      const m = held(modelId).model;
      r = replayRequests(t, m.facts.inputs.map((i) => i.name)).map((item) => item.request);
      replays.set(modelId, r);
    }
    return r;
  }

  return {
    async setTable(ipc: TableInput | null): Promise<void> {
      table = ipc ? tableFromInput(ipc) : null;
      replays.clear();
      cursor = 0;
    },

    addModel: (bytes: Uint8Array, name: string) => hold(bytes, name),

    /** Forgets a model; an endpoint serving it is deleted with it (returns whether it was). */
    removeModel(id: string): boolean {
      models.delete(id);
      replays.delete(id);
      if (endpoint && [...served.values()].includes(id)) {
        endpoint = null;
        served = new Map();
        return true;
      }
      return false;
    },

    example(id: string): ModelExample {
      return exampleFor(held(id).model, table);
    },

    async transform(model: { bytes: Uint8Array; name: string }, source: TransformSource, o: TransformRequest, onProgress?: DeployProgress): Promise<TransformOutcome> {
      const m = await load(model.bytes, model.name);
      let input: Table;
      let name: string;
      if (source.kind === 'file') {
        if (source.bytes.length === 0) throw new Error(`${source.name} is empty: choose a file with rows to transform`);
        input = (await loadBytes(source.name, source.bytes)).table;
        name = source.name;
      } else {
        input = tableFromInput(source.ipc);
        name = source.name;
      }
      const header = o.header ?? true;
      const r = await batchTransform(m, input, { batchRows: TRANSFORM_BATCH_ROWS, ...o, header }, { onProgress: (done, total) => onProgress?.(done, total) });
      const ext = r.contentType === 'text/csv' ? 'csv' : r.contentType === 'application/jsonlines' ? 'jsonl' : 'json';
      return {
        output: new TextEncoder().encode(r.body),
        contentType: r.contentType,
        fileName: `${name.replace(/\.[^.]*$/, '') || 'data'}-transformed.${ext}`,
        report: r.report,
        preview: previewOf(r.body, r.contentType, PREVIEW_ROWS, header && r.contentType === 'text/csv'),
        outputRows: r.contentType === 'application/json' ? r.report.rows : outputRows(r.body, header && r.contentType === 'text/csv'),
      };
    },

    /** Creates (or replaces) the endpoint with these production variants and data capture settings. */
    deploy(variants: VariantSpec[], captureConfig: { enabled: boolean; samplingPercent: number }): EndpointState {
      if (!Array.isArray(variants) || variants.length === 0) throw new RangeError('choose at least one model to deploy as a production variant');
      const wired = variants.map((v) => ({ name: v.name, weight: v.weight, invoke: modelInvoker(held(v.modelId).model) }));
      endpoint = new Endpoint('mlpad-endpoint', wired, { capture: { enabled: captureConfig.enabled, samplingPercent: captureConfig.samplingPercent }, seed: options.seed ?? 0 });
      served = new Map(variants.map((v) => [v.name, v.modelId]));
      capture = { enabled: captureConfig.enabled, samplingPercent: captureConfig.samplingPercent };
      invocations = 0;
      capturedAt = -1;
      return state();
    },

    deleteEndpoint(): EndpointState {
      endpoint = null;
      served = new Map();
      invocations = 0;
      return state();
    },

    updateWeights(weights: Record<string, number>): EndpointState {
      if (!endpoint) throw new Error('there is no endpoint yet: choose the variants and press Deploy');
      endpoint.updateWeights(weights);
      return state();
    },

    invoke,

    /** Sends the dataset's next `n` rows, one CSV request each, in the first variant's input order. */
    async sendRows(n: number, onProgress?: (done: number, total: number, s: EndpointState) => void): Promise<TrafficOutcome> {
      if (!endpoint) throw new Error('there is no endpoint yet: choose the variants and press Deploy');
      if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new RangeError(`the number of rows to send must be a whole number from 1 to 100,000; got ${String(n)}`);
      const first = served.values().next().value as string;
      const requests = requestsFor(first);
      if (requests.length === 0) throw new Error('the dataset has no rows to send');
      const statuses: Record<number, number> = {};
      const t0 = globalThis.performance.now();
      for (let k = 0; k < n; k++) {
        const a = await invoke(requests[cursor]);
        cursor = (cursor + 1) % requests.length;
        statuses[a.response.status] = (statuses[a.response.status] ?? 0) + 1;
        if ((k + 1) % YIELD_EVERY === 0 || k === n - 1) {
          onProgress?.(k + 1, n, state());
          await yieldNow();
        }
      }
      return { sent: n, statuses, ms: globalThis.performance.now() - t0 };
    },

    endpointState: state,

    captureJsonLines(): Uint8Array {
      return new TextEncoder().encode(endpoint?.captureJsonLines() ?? '');
    },

    /** Replays the dataset through a production variant with a shadow copy of every request, and compares. */
    async shadowTest(cfg: ShadowConfig, onProgress?: DeployProgress): Promise<ShadowStats> {
      const t = data('A shadow test');
      const prod = held(cfg.production).model;
      const shadow = held(cfg.shadow).model;
      const rows = cfg.rows !== undefined ? Math.min(cfg.rows, t.numRows) : t.numRows;
      const items = replayRequests(rows < t.numRows ? t.slice(0, rows) : t, prod.facts.inputs.map((i) => i.name), cfg.label ? { label: cfg.label } : {});
      const ep = new Endpoint('shadow-test', [{ name: 'production', weight: 1, invoke: modelInvoker(prod, true) }], {
        shadow: { variant: { name: 'shadow', weight: 0, invoke: modelInvoker(shadow, true) }, samplingPercent: 100 },
        logLimit: items.length + 1,
      });
      const labels = new Map<string, number | string>();
      for (let k = 0; k < items.length; k++) {
        const a = await ep.invoke(items[k].request);
        if (items[k].label !== undefined) labels.set(a.id, items[k].label!);
        if ((k + 1) % (YIELD_EVERY * 10) === 0) { onProgress?.(k + 1, items.length); await yieldNow(); }
      }
      await ep.settled();
      onProgress?.(items.length, items.length);
      return ep.shadowStats(labels)!;
    },

    /** Trains the algorithm of model `baseId` with its defaults on the dataset with the target's values shuffled: a model that has learnt nothing. */
    async makeBadModel(baseId: string, seed = 7): Promise<{ info: DeployedModelInfo; bytes: Uint8Array }> {
      const base = held(baseId);
      const { target, algorithm, task } = base.model.facts;
      if (!target) throw new Error(`${base.info.name} has no target, so there are no labels to shuffle; choose a supervised model`);
      const t = data('Making a bad model');
      if (!t.getChild(target)) throw new Error(`the dataset has no column ${JSON.stringify(target)} (the target of ${base.info.name}); load the data it was trained on`);
      const features = base.model.facts.inputs.map((i) => i.name).filter((n) => t.getChild(n));
      const r = await runTrainingJob({ train: shuffledColumn(t, target, seed) }, { algorithm, hyperparameters: {}, prepare: { target, features, ...(task ? { task } : {}) } }, {
        ...(tensorflow ? { tensorflow: async (allowed?: readonly TfBackendName[]) => { await tensorflow(allowed); return { label: 'TensorFlow.js' }; } } : {}),
      });
      const info = await hold(r.model, `${algorithm} on shuffled ${target} (deliberately bad)`);
      return { info, bytes: r.model.slice() };
    },

    async rollout(cfg: RolloutConfig): Promise<RolloutResult> {
      const t = data('A traffic shift');
      const blue = held(cfg.blue);
      const green = held(cfg.green);
      if (cfg.blue === cfg.green) throw new RangeError('blue and green are the same model: choose another model as green');
      const inputs = blue.model.facts.inputs.map((i) => i.name);
      const items = replayRequests(t, inputs, cfg.label ? { label: cfg.label } : {});
      const monitor = cfg.alarms.some((a) => a.metric === 'monitor_violations') ? trafficMonitor(t, green.model.facts.inputs.map((i) => i.name)) : undefined;
      return simulateRollout({ name: 'blue', weight: 100, invoke: modelInvoker(blue.model, true) }, { name: 'green', weight: 0, invoke: modelInvoker(green.model, true) }, items, cfg.policy, cfg.alarms, monitor ? { monitor } : {});
    },

    exportModule(id: string): DeployFile {
      const { code, fileName } = exportModule(held(id).bytes);
      return { bytes: new TextEncoder().encode(code), fileName };
    },

    async sagemakerArtifact(id: string): Promise<DeployFile> {
      const a = await sagemakerArtifact(held(id).bytes);
      return { bytes: a.bytes, fileName: a.fileName };
    },
  };
}
