// Owns the Model Monitor worker: one session per dataset (it reports the time span of a column the view
// offers as the time column), a run builds the baseline and checks every window with progress. Cancel terminates the worker;
// the results already shown stay, and the next run opens a fresh session.
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { jobTable, jobTransfer } from './dataset-client.svelte.ts';
import type { MonitorEngineApi, MonitorRun, MonitorRunConfig, TimeSpan } from '../engine/monitor-engine-api.ts';
import { Cancelled, messageOf } from './worker-job.ts';
import { WorkerSession } from './worker-session.ts';

const newWorker = () => new Worker(new URL('../../../workers/monitor.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-monitor' });

/** A run in flight: windows done of total (0 of 0 while the baseline is built). */
export interface MonitorRunning {
  done: number;
  total: number;
  stage: string;
}

export class MonitorClient {
  /** Per column asked about in this session, its time span or why it cannot be the time column. */
  spans = $state.raw<Record<string, TimeSpan>>({});
  result = $state.raw<MonitorRun | null>(null);
  running = $state.raw<MonitorRunning | null>(null);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  /** The window the detail panel shows (an index into result.windows). */
  selected = $state(0);
  /** A model file opened in the Monitor view (it replaces the Train view's model for attribution and bias). */
  opened = $state.raw<{ bytes: Uint8Array; name: string } | null>(null);
  /** The dataset load that was run with defaults on opening (the bundled sample), so it runs once. */
  autoRan = $state<number | null>(null);

  #session = new WorkerSession<MonitorEngineApi>(newWorker, (reason) => `The Monitor worker failed (${reason}).`);
  /** The table the open session holds, so a span answer for another table is dropped. */
  #table: Table | null = null;

  #open(table: Table): Promise<Comlink.Remote<MonitorEngineApi>> {
    return this.#session.open([table], async (api) => {
      await api.open(jobTransfer(await jobTable(table)));
      this.#table = table;
    });
  }

  #progress = Comlink.proxy((done: number, total: number, stage: string) => {
    if (this.running) this.running = { done, total, stage };
  });

  /** Learns the time span of `column` of `table` (kept in `spans`); opens a session when needed. */
  async span(table: Table, column: string): Promise<void> {
    try {
      const api = await this.#open(table);
      const s = await this.#session.race<TimeSpan>(api.span(column) as Promise<TimeSpan>);
      if (this.#table === table) this.spans = { ...this.spans, [column]: s };
    } catch (e) {
      if (!(e instanceof Cancelled)) this.error = messageOf(e);
    }
  }

  /** Builds the baseline and checks every window; returns whether it finished. */
  async run(table: Table, cfg: MonitorRunConfig): Promise<boolean> {
    this.error = null;
    this.notice = null;
    this.running = { done: 0, total: 0, stage: 'starting' };
    try {
      const api = await this.#open(table);
      // The model's bytes stay with their owner (the Train view): a copy crosses, transferred.
      const model = cfg.model ? { name: cfg.model.name, bytes: cfg.model.bytes.slice() } : undefined;
      const sent = model ? Comlink.transfer({ ...cfg, model }, [model.bytes.buffer as ArrayBuffer]) : cfg;
      const r = await this.#session.race(api.run(sent, this.#progress));
      this.result = r;
      this.selected = Math.min(this.selected, Math.max(0, r.windows.length - 1));
      return true;
    } catch (e) {
      if (!(e instanceof Cancelled)) this.error = messageOf(e);
      return false;
    } finally {
      this.running = null;
    }
  }

  /** Stops the run in flight; results already shown stay. */
  cancel(): void {
    if (!this.running) return;
    this.#session.cancel();
    this.#table = null;
    this.running = null;
    this.notice = 'Monitoring run cancelled; the results shown before are kept.';
  }

  /** Forgets every result (another dataset). */
  reset(): void {
    this.#session.close();
    this.#table = null;
    this.spans = {};
    this.result = null;
    this.running = null;
    this.error = null;
    this.notice = null;
    this.selected = 0;
  }

  /** Ends the worker (the page goes). */
  dispose(): void {
    this.#session.close();
    this.#table = null;
  }
}
