// Owns the Deploy workers. One long-lived worker holds the models, the studio's table and the endpoint
// (what the Models, Endpoint and Safe roll-out cards work on); batch transform runs in a worker of its own,
// so Cancel terminates it without unloading the models or the endpoint. Only bytes cross: the table as
// Arrow IPC, model files, output files, each transferred.
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { jobTable, jobTransfer } from './dataset-client.svelte.ts';
import type {
  DeployedModelInfo, DeployEngineApi, DeployFile, EndpointState, InvokeOutcome, ModelExample, RolloutConfig, RolloutResult, ShadowConfig,
  ShadowStats, TrafficOutcome, TransformOutcome, TransformRequest, VariantSpec,
} from '../engine/deploy-engine-api.ts';
import type { InferenceRequest } from '../deploy/types.ts';
import { Cancelled, messageOf } from './worker-job.ts';
import { WorkerSession } from './worker-session.ts';

const newWorker = () => new Worker(new URL('../../../workers/deploy.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-deploy' });

/** A model the view lists: the worker's facts and the file's bytes (kept for batch transform's own worker). */
export interface DeployModelEntry extends DeployedModelInfo {
  bytes: Uint8Array;
}

/** A job in flight: what it is, and done of total (0 of 0 when unknown). */
export interface DeployRunning {
  job: 'transform' | 'traffic' | 'shadow' | 'rollout' | 'bad-model';
  done: number;
  total: number;
}

/** Where a batch transform reads its rows: the loaded dataset or a picked file. */
export type TransformInput = { kind: 'dataset' } | { kind: 'file'; name: string; bytes: Uint8Array };

export class DeployClient {
  models = $state.raw<DeployModelEntry[]>([]);
  /** Per model id, the what-if form's starting point (from the current dataset). */
  examples = $state.raw<Record<string, ModelExample>>({});
  running = $state.raw<DeployRunning | null>(null);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  transformed = $state.raw<TransformOutcome | null>(null);
  /** The endpoint; null before Deploy. */
  endpoint = $state.raw<EndpointState | null>(null);
  answer = $state.raw<InvokeOutcome | null>(null);
  traffic = $state.raw<TrafficOutcome | null>(null);
  shadow = $state.raw<(ShadowStats & { productionName: string; shadowName: string; label?: string }) | null>(null);
  rollout = $state.raw<(RolloutResult & { config: RolloutConfig }) | null>(null);

  #session = new WorkerSession<DeployEngineApi>(newWorker, (reason) => {
    this.#crashed = true;
    return `The Deploy worker failed (${reason}); its models and endpoint were lost: add the models again.`;
  });
  #jobs = new WorkerSession<DeployEngineApi>(newWorker, (reason) => `The batch transform worker failed (${reason}).`);
  #crashed = false;
  #table: Table | null = null;
  #tableName = '';
  #tableSent = true;

  /** The main worker, with the current table sent. */
  async #api(): Promise<Comlink.Remote<DeployEngineApi>> {
    const api = await this.#session.open([], async () => {
      this.#tableSent = false;
    });
    if (!this.#tableSent) {
      const data = this.#table ? await jobTable(this.#table) : null;
      await this.#session.race(api.setTable(data ? jobTransfer(data) : null));
      this.#tableSent = true;
    }
    return api;
  }

  /** Runs `call` on the main worker; a failure lands in `error` (and a crashed worker unloads everything). */
  async #call<T>(call: (api: Comlink.Remote<DeployEngineApi>) => Promise<T>): Promise<T | undefined> {
    this.error = null;
    try {
      const api = await this.#api();
      return await this.#session.race(call(api));
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      this.error = messageOf(e);
      if (this.#crashed) this.#lost();
      return undefined;
    }
  }

  #lost(): void {
    this.#session.close();
    this.#crashed = false;
    this.models = [];
    this.examples = {};
    this.endpoint = null;
    this.running = null;
  }

  /** The studio's dataset changed: results computed on the old one are dropped; models and the endpoint stay. */
  useDataset(table: Table | null, name: string): void {
    if (table === this.#table) return;
    this.#table = table;
    this.#tableName = name;
    this.#tableSent = false;
    this.examples = {};
    this.transformed = null;
    this.traffic = null;
    this.shadow = null;
    this.rollout = null;
  }

  /** Adds a model file (XGBoost JSON or an mlpad model); the same bytes are not added twice. */
  async addModel(bytes: Uint8Array, name: string): Promise<DeployModelEntry | undefined> {
    const known = this.models.find((m) => m.bytes === bytes);
    if (known) {
      this.notice = `${known.name} is already in the list.`;
      return known;
    }
    // Two models of one name (a second training run) are told apart by a number.
    let unique = name;
    for (let k = 2; this.models.some((m) => m.name === unique); k++) unique = `${name} (${k})`;
    const info = await this.#call((api) => api.addModel(bytes.slice(), unique));
    if (!info) return undefined;
    const entry = { ...info, bytes };
    this.models = [...this.models, entry];
    this.notice = null;
    return entry;
  }

  async removeModel(id: string): Promise<void> {
    const dropped = await this.#call((api) => api.removeModel(id) as Promise<boolean>);
    if (dropped === undefined) return;
    this.models = this.models.filter((m) => m.id !== id);
    const { [id]: _gone, ...rest } = this.examples;
    this.examples = rest;
    if (dropped) {
      this.endpoint = null;
      this.answer = null;
      this.notice = 'The endpoint served that model, so it was deleted with it.';
    }
  }

  /** The what-if form's starting point for model `id` (asked once per dataset). */
  async example(id: string): Promise<ModelExample | undefined> {
    if (this.examples[id]) return this.examples[id];
    const ex = await this.#call((api) => api.example(id) as Promise<ModelExample>);
    if (ex) this.examples = { ...this.examples, [id]: ex };
    return ex;
  }

  #progress = (job: DeployRunning['job']) => Comlink.proxy((done: number, total: number) => {
    if (this.running?.job === job) this.running = { job, done, total };
  });

  /** Scores every row of `input` with model `id` in a worker of its own; returns whether it finished. */
  async transform(id: string, input: TransformInput, options: TransformRequest): Promise<boolean> {
    const model = this.models.find((m) => m.id === id);
    if (!model) return false;
    if (input.kind === 'dataset' && !this.#table) {
      this.error = 'Load a dataset first, or choose a file to transform.';
      return false;
    }
    this.error = null;
    this.notice = null;
    this.running = { job: 'transform', done: 0, total: 0 };
    try {
      const api = await this.#jobs.open([{}], async () => {});
      const source = input.kind === 'file'
        ? (() => { const bytes = input.bytes.slice(); return Comlink.transfer({ kind: 'file' as const, name: input.name, bytes }, [bytes.buffer as ArrayBuffer]); })()
        : await (async () => {
          // The shared table itself where the dataset lives in shared memory (no copy), else its own IPC bytes, moved.
          const ipc = await jobTable(this.#table!);
          const table = { kind: 'table' as const, name: this.#tableName, ipc };
          return ipc instanceof Uint8Array ? Comlink.transfer(table, [ipc.buffer as ArrayBuffer]) : table;
        })();
      const bytes = model.bytes.slice();
      const r = await this.#jobs.race(api.transform(Comlink.transfer({ bytes, name: model.name }, [bytes.buffer as ArrayBuffer]), source, options, this.#progress('transform')));
      this.transformed = r;
      return true;
    } catch (e) {
      if (!(e instanceof Cancelled)) this.error = messageOf(e);
      return false;
    } finally {
      this.#jobs.close();
      this.running = null;
    }
  }

  /** Stops the batch transform in flight (its worker ends); the output shown before stays. */
  cancelTransform(): void {
    if (this.running?.job !== 'transform') return;
    this.#jobs.cancel();
    this.running = null;
    this.notice = 'Batch transform cancelled; the output shown before is kept.';
  }

  async deploy(variants: VariantSpec[], capture: { enabled: boolean; samplingPercent: number }): Promise<boolean> {
    const s = await this.#call((api) => api.deploy(variants, capture) as Promise<EndpointState>);
    if (!s) return false;
    this.endpoint = s;
    this.answer = null;
    this.traffic = null;
    return true;
  }

  async deleteEndpoint(): Promise<void> {
    const s = await this.#call((api) => api.deleteEndpoint() as Promise<EndpointState>);
    if (s) {
      this.endpoint = null;
      this.answer = null;
    }
  }

  async updateWeights(weights: Record<string, number>): Promise<boolean> {
    const s = await this.#call((api) => api.updateWeights(weights) as Promise<EndpointState>);
    if (s) this.endpoint = s;
    return !!s;
  }

  /** Sends one request; `answer` shows it unless `quiet` (the what-if form keeps its own). */
  async invoke(req: InferenceRequest, quiet = false): Promise<InvokeOutcome | undefined> {
    const r = await this.#call(async (api) => {
      const a = await api.invoke(req);
      this.endpoint = await api.endpointState();
      return a;
    });
    if (r && !quiet) this.answer = r;
    return r;
  }

  /** Sends the dataset's next `n` rows; the per-variant table updates as they go. */
  async sendRows(n: number): Promise<void> {
    this.running = { job: 'traffic', done: 0, total: n };
    const onProgress = Comlink.proxy((done: number, total: number, s: EndpointState) => {
      this.running = { job: 'traffic', done, total };
      this.endpoint = s;
    });
    const r = await this.#call(async (api) => {
      const t = await api.sendRows(n, onProgress);
      this.endpoint = await api.endpointState();
      return t;
    });
    if (r) this.traffic = r;
    this.running = null;
  }

  /** The data capture file's bytes. */
  captureFile(): Promise<Uint8Array | undefined> {
    return this.#call((api) => api.captureJsonLines());
  }

  async shadowTest(cfg: ShadowConfig): Promise<void> {
    this.running = { job: 'shadow', done: 0, total: 0 };
    const r = await this.#call((api) => api.shadowTest(cfg, this.#progress('shadow')));
    const name = (id: string) => this.models.find((m) => m.id === id)?.name ?? id;
    if (r) this.shadow = { ...r, productionName: name(cfg.production), shadowName: name(cfg.shadow), ...(cfg.label ? { label: cfg.label } : {}) };
    this.running = null;
  }

  async runRollout(cfg: RolloutConfig): Promise<boolean> {
    this.running = { job: 'rollout', done: 0, total: 0 };
    const r = await this.#call((api) => api.rollout(cfg));
    if (r) this.rollout = { ...r, config: cfg };
    this.running = null;
    return !!r;
  }

  /** Trains a model on shuffled labels of the dataset with model `baseId`'s algorithm, and lists it. */
  async makeBadModel(baseId: string): Promise<DeployModelEntry | undefined> {
    this.running = { job: 'bad-model', done: 0, total: 0 };
    const r = await this.#call((api) => api.makeBadModel(baseId));
    this.running = null;
    if (!r) return undefined;
    const entry = { ...r.info, bytes: r.bytes };
    this.models = [...this.models, entry];
    return entry;
  }

  exportModule(id: string): Promise<DeployFile | undefined> {
    return this.#call((api) => api.exportModule(id) as Promise<DeployFile>);
  }

  sagemakerArtifact(id: string): Promise<DeployFile | undefined> {
    return this.#call((api) => api.sagemakerArtifact(id));
  }

  /** Ends the workers (the page goes). */
  dispose(): void {
    this.#session.close();
    this.#jobs.close();
  }
}
