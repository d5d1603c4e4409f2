// Owns the Clarify worker: one session per dataset and model (the Train view's latest model, or a model
// file the user opens), bias metrics with a live threshold, SHAP values and partial dependence with
// progress. Cancel terminates the worker; the results already shown stay, and the next job opens a fresh
// session.
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { jobTable, jobTransfer } from './dataset-client.svelte.ts';
import type { BiasSection } from '../clarify/bias/types.ts';
import type { BiasJobConfig } from '../clarify/bias-job.ts';
import type { ShapJobConfig } from '../clarify/shap-job.ts';
import type { BiasRun, ClarifyEngineApi, ClarifyModelFacts, FacetConfusion, PdpCurve, ShapRun } from '../engine/clarify-engine-api.ts';
import { Cancelled, messageOf } from './worker-job.ts';
import { WorkerSession } from './worker-session.ts';

const newWorker = () => new Worker(new URL('../../../workers/clarify.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-clarify' });

/** A job in flight. */
export interface ClarifyRunning {
  kind: 'bias' | 'shap' | 'pdp';
  done: number;
  total: number;
  stage: string;
}

/** Where the model comes from: the Train view's result, or a file the user opened. */
export interface ClarifyModelSource {
  /** The model file's bytes. */
  bytes: Uint8Array;
  /** In words, e.g. "xgboost trained in this tab" or "model.json". */
  name: string;
}

export class ClarifyClient {
  facts = $state.raw<ClarifyModelFacts | null>(null);
  bias = $state.raw<BiasRun | null>(null);
  /** Post-training metrics at the slider's threshold (binary models). */
  live = $state.raw<{ threshold: number; post: BiasSection; confusion: FacetConfusion; ms: number } | null>(null);
  shap = $state.raw<ShapRun | null>(null);
  pdp = $state.raw<PdpCurve[] | null>(null);
  running = $state.raw<ClarifyRunning | null>(null);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  /** A model file opened in the Clarify view (it replaces the Train view's model until cleared). */
  opened = $state.raw<ClarifyModelSource | null>(null);

  #session = new WorkerSession<ClarifyEngineApi>(newWorker, (reason) => `The Clarify worker failed (${reason}).`);
  #pendingThreshold: number | null = null;
  #thresholdBusy = false;

  /** Opens (or reuses) the session on `table` and `model`; returns the worker's API. */
  #open(table: Table, model: Uint8Array | null): Promise<Comlink.Remote<ClarifyEngineApi>> {
    return this.#session.open([table, model], async (api) => {
      const ipc = await jobTable(table);
      const copy = model ? model.slice() : null;
      // Each marked on its own: Comlink remembers a transfer list per object, and the shared table is posted again later.
      this.facts = await api.open(jobTransfer(ipc), copy ? Comlink.transfer(copy, [copy.buffer as ArrayBuffer]) : null);
    });
  }

  async #job<T>(kind: ClarifyRunning['kind'], run: () => Promise<T>): Promise<T | null> {
    this.error = null;
    this.notice = null;
    this.running = { kind, done: 0, total: 0, stage: 'starting' };
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof Cancelled)) this.error = messageOf(e);
      return null;
    } finally {
      this.running = null;
    }
  }

  #progress = Comlink.proxy((done: number, total: number, stage: string) => {
    if (this.running) this.running = { ...this.running, done, total, stage };
  });

  /** Pre- and post-training bias; post-training from `cfg.predictedLabel` or, with `model`, the model's predictions. */
  async runBias(table: Table, model: Uint8Array | null, cfg: BiasJobConfig, useModel: boolean): Promise<void> {
    const r = await this.#job('bias', async () => {
      const api = await this.#open(table, model);
      return this.#session.race(api.bias(cfg, useModel));
    });
    if (!r) return;
    this.bias = r;
    this.live = null;
  }

  /** Recomputes the post-training metrics at `threshold`; calls made while one is in flight collapse into the latest. */
  async setThreshold(threshold: number): Promise<void> {
    this.#pendingThreshold = threshold;
    if (this.#thresholdBusy || !this.#session.api) return;
    this.#thresholdBusy = true;
    try {
      let api;
      while (this.#pendingThreshold !== null && (api = this.#session.api)) {
        const t = this.#pendingThreshold;
        this.#pendingThreshold = null;
        const r = await this.#session.race(api.biasAt(t));
        this.live = { threshold: t, ...r };
      }
    } catch (e) {
      if (!(e instanceof Cancelled)) this.error = messageOf(e);
    } finally {
      this.#thresholdBusy = false;
    }
  }

  async runShap(table: Table, model: Uint8Array, cfg: Omit<ShapJobConfig, 'baseline'>): Promise<void> {
    const r = await this.#job('shap', async () => {
      const api = await this.#open(table, model);
      return this.#session.race(api.shap(cfg, this.#progress));
    });
    if (r) this.shap = r;
  }

  async runPdp(table: Table, model: Uint8Array, features: string[], gridResolution: number, maxRows: number): Promise<void> {
    const r = await this.#job('pdp', async () => {
      const api = await this.#open(table, model);
      return this.#session.race(api.pdp(features, gridResolution, maxRows, this.#progress));
    });
    if (r) this.pdp = r;
  }

  /** Stops the job in flight; results already shown stay. */
  cancel(): void {
    if (!this.running) return;
    const kind = this.running.kind;
    this.#session.cancel();
    this.running = null;
    this.notice = `${kind === 'shap' ? 'SHAP' : kind === 'pdp' ? 'Partial dependence' : 'Bias'} cancelled; the results shown before are kept.`;
  }

  /** Forgets every result (another dataset or model). */
  reset(): void {
    this.#session.close();
    this.facts = null;
    this.bias = null;
    this.live = null;
    this.shap = null;
    this.pdp = null;
    this.error = null;
    this.notice = null;
    this.running = null;
  }

  /** Peeks at a model's facts without keeping results (the view shows which model it will explain). */
  async describe(table: Table, model: Uint8Array | null): Promise<void> {
    try {
      await this.#open(table, model);
    } catch (e) {
      if (!(e instanceof Cancelled)) this.error = messageOf(e);
    }
  }
}
