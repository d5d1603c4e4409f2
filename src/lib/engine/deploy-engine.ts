// The Deploy worker's engine: the models made ready to answer requests (by id), the studio's table, one
// in-tab endpoint wired to those models, and the jobs of the Deploy view (batch transform, a shadow test,
// a simulated traffic shift, a deliberately bad model for a class to watch being rolled back, the export
// files). Pure: the worker file only exposes it. Batch transform is stateless (the model's bytes and the
// rows come with the call) so the client can run it in a worker of its own and cancel by terminating it.
import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import type { TfBackendName } from '../compute/types.ts';
import { loadBytes } from '../data/index.ts';
import { parseCsvRows } from '../deploy/csv-row.ts';
import { loadDeployModel, ModelDataError, score, type DeployModel } from '../deploy/deploy-model.ts';
import { Endpoint, type InvocationLogEntry, type Invoker } from '../deploy/endpoint.ts';
import { parsePayload, PayloadError } from '../deploy/payload.ts';
import { replayRequests } from '../deploy/replay.ts';
import { formatResponse } from '../deploy/response.ts';
import { exportModule } from '../deploy/export-module.ts';
import { sagemakerArtifact } from '../deploy/export-sagemaker.ts';
import { simulateRollout, type RolloutResult } from '../deploy/rollout.ts';
import type { ShadowStats } from '../deploy/shadow.ts';
import { batchTransform } from '../deploy/transform.ts';
import type { InferenceRequest, InferenceResponse } from '../deploy/types.ts';
import { takeRows } from '../data/take-rows.ts';
import { tableFromColumns } from '../data/arrow-vectors.ts';
import { SeededRandom } from '../ml/random.ts';
import { numericColumn } from '../profile/numeric-column.ts';
import { textColumn } from '../ml/prepare/column-values.ts';
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
const TEXT = 'text/plain; charset=utf-8';
/** The largest request body a real-time SageMaker endpoint accepts: 6 MB (larger files are for batch transform). */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
const utf8Bytes = (s: string) => (s.length * 3 <= MAX_REQUEST_BYTES ? s.length : new TextEncoder().encode(s).length);
/** Rows per model call in batch transform: small enough for a progress bar that moves. */
const TRANSFORM_BATCH_ROWS = 4096;

/**
 * A model as an endpoint variant's invoker: parse the payload, score, format; a bad request is a 4xx answer.
 * `withLabels` adds predicted_label to a classifier's records (SageMaker's XGBoost answers with the score
 * alone), so a shadow test and a roll-out's accuracy alarm compare labels by the estimator's own rule.
 */
export function modelInvoker(m: DeployModel, withLabels = false): Invoker {
  const classifier = m.facts.task === 'binary' || m.facts.task === 'multiclass';
  const facts = withLabels && classifier && !m.facts.fields.includes('predicted_label') ? { ...m.facts, fields: [...m.facts.fields, 'predicted_label' as const] } : m.facts;
  return async (req: InferenceRequest): Promise<InferenceResponse> => {
    if (utf8Bytes(req.body) > MAX_REQUEST_BYTES) {
      return { status: 413, body: `the request body is larger than an endpoint takes (6 MB); score a file this large with batch transform`, contentType: TEXT, records: [] };
    }
    try {
      const table = parsePayload(req, facts);
      const inference = await score(m, table);
      const r = formatResponse(facts, inference, table.numRows, req.accept);
      return { status: 200, body: r.body, contentType: r.contentType, records: r.records };
    } catch (e) {
      if (e instanceof PayloadError) return { status: e.status, body: e.message, contentType: TEXT, records: [] };
      if (e instanceof ModelDataError) return { status: 400, body: e.message, contentType: TEXT, records: [] };
      throw e;
    }
  };
}

const cut = (s: string) => (s.length > LOG_BODY_CHARS ? `${s.slice(0, LOG_BODY_CHARS - 1)}…` : s);

function logLine(e: InvocationLogEntry, seq: number): LogLine {
  return { seq, at: e.time, variant: e.variant || null, status: e.status, ms: e.latencyMs, request: cut(e.request.body), response: cut(e.response.body) };
}

/** The first output rows of a transform as text cells, for the preview table. */
export function previewOf(body: string, contentType: string, rows = PREVIEW_ROWS, header = true): TransformOutcome['preview'] {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const fromObjects = (objects: unknown[]) => {
    const columns: string[] = [];
    for (const o of objects) if (o && typeof o === 'object' && !Array.isArray(o)) for (const k of Object.keys(o)) if (!columns.includes(k)) columns.push(k);
    if (columns.length === 0) return { columns: ['value'], rows: objects.map((o) => [cell(o)]) };
    return { columns, rows: objects.map((o) => columns.map((c) => cell((o as Record<string, unknown>)[c]))) };
  };
  if (contentType.startsWith('application/jsonlines')) {
    const lines: unknown[] = [];
    for (const line of body.split('\n')) {
      if (lines.length >= rows) break;
      if (line.trim()) lines.push(JSON.parse(line) as unknown);
    }
    return fromObjects(lines);
  }
  if (contentType.startsWith('application/json')) {
    const doc = JSON.parse(body) as Record<string, unknown>;
    const list = Object.values(doc).find(Array.isArray) as unknown[] | undefined;
    return fromObjects((list ?? [doc]).slice(0, rows));
  }
  // CSV: read only the lines shown (a quoted line break would span two; the preview is cut, not the file).
  let end = 0;
  for (let k = 0; k < rows + (header ? 1 : 0) && end !== -1; k++) end = body.indexOf('\n', end + (k ? 1 : 0));
  const parsed = parseCsvRows(end === -1 ? body : body.slice(0, end));
  const width = Math.max(0, ...parsed.map((r) => r.length));
  const columns = header && parsed.length ? parsed[0] : Array.from({ length: width }, (_, j) => `column ${j + 1}`);
  return { columns, rows: (header ? parsed.slice(1) : parsed).slice(0, rows) };
}

/** Text rows of `body` (CSV lines or JSON Lines) without a header: the rows a transform wrote. */
export function outputRows(body: string, header: boolean): number {
  let n = 0;
  for (const line of body.split('\n')) if (line.trim()) n++;
  return Math.max(0, n - (header ? 1 : 0));
}

/** `table` with `column`'s values permuted by a seeded shuffle: the labels no longer belong to their rows. */
export function shuffledColumn(table: Table, column: string, seed: number): Table {
  const n = table.numRows;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const rnd = new SeededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rnd.nextInt(i + 1);
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  const same = Uint32Array.from({ length: n }, (_, i) => i);
  const columns = table.schema.fields.map((f) => {
    const one = takeRows(table.select([f.name]), f.name === column ? order : same);
    return { name: f.name, data: one.getChildAt(0)!.data[0], metadata: f.metadata };
  });
  return tableFromColumns(columns, n);
}

/** What the what-if form and the request box start from: the first row, numeric ranges, categories. */
export function exampleFor(m: DeployModel, table: Table | null): ModelExample {
  const inputs = m.facts.inputs;
  const out: ModelExample = { csv: '', values: {}, ranges: {}, categories: {}, dates: [] };
  const present = table ? inputs.filter((i) => table.getChild(i.name)) : [];
  let cells: string[] = [];
  if (table && table.numRows > 0 && present.length > 0) {
    const body = replayRequests(table.slice(0, 1), present.map((i) => i.name))[0].request.body;
    cells = parseCsvRows(body)[0] ?? [];
    while (cells.length < present.length) cells.push('');
    const byName = new Map(present.map((inp, j) => [inp.name, cells[j]]));
    // A missing input stays an empty field, in the model's order.
    const row = inputs.map((i) => byName.get(i.name) ?? '');
    out.csv = row.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
  }
  for (const inp of inputs) {
    const v = table?.getChild(inp.name) ?? null;
    const j = present.indexOf(inp);
    const text = j >= 0 ? cells[j] : undefined;
    if (inp.type === 'number') {
      const isTime = !!v && (DataType.isDate(v.type) || DataType.isTimestamp(v.type));
      if (isTime) out.dates.push(inp.name);
      let value: number | null = null;
      if (v && table && table.numRows > 0) {
        const x = numericColumn(v.slice(0, 1))[0];
        value = Number.isFinite(x) ? (isTime ? x / 1000 : x) : null;
      }
      out.values[inp.name] = value;
      if (v) {
        const xs = numericColumn(v);
        let lo = Infinity, hi = -Infinity;
        for (let i = 0; i < xs.length; i++) { const x = xs[i]; if (x < lo) lo = x; if (x > hi) hi = x; }
        if (lo <= hi) out.ranges[inp.name] = isTime ? { min: lo / 1000, max: hi / 1000 } : { min: lo, max: hi };
      }
    } else {
      out.values[inp.name] = text === undefined || text === '' ? null : text;
      let cats = inp.categories ? [...inp.categories] : [];
      if (cats.length === 0 && v) {
        const counts = new Map<string, number>();
        for (const s of textColumn(v)) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
        cats = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 200).map(([s]) => s);
      }
      out.categories[inp.name] = cats;
    }
  }
  return out;
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
    async setTable(ipc: Uint8Array | null): Promise<void> {
      table = ipc ? tableFromIPC(ipc) : null;
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
        input = tableFromIPC(source.ipc);
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
      const items = replayRequests(t, blue.model.facts.inputs.map((i) => i.name), cfg.label ? { label: cfg.label } : {});
      return simulateRollout({ name: 'blue', weight: 100, invoke: modelInvoker(blue.model, true) }, { name: 'green', weight: 0, invoke: modelInvoker(green.model, true) }, items, cfg.policy, cfg.alarms);
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
