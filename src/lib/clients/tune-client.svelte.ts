// Owns the Tune view's worker (workers/tune.worker.ts), which holds the table and runs tuning jobs with a
// pool of nested trial workers. The table crosses once per dataset, as Arrow IPC, transferred. Stop asks the
// job to end (finished trials are kept); a new dataset ends the worker.
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { jobTable, jobTransfer } from './dataset-client.svelte.ts';
import type { TuneEngineApi, TuneEvent, TuneJob, TuneOutcome } from '../engine/tune-engine-api.ts';
import type { TrialRecord, TuningJobConfig } from '../tune/tuning-job-api.ts';
import { Cancelled, messageOf } from './worker-job.ts';
import { WorkerSession } from './worker-session.ts';

const newWorker = () => new Worker(new URL('../../../workers/tune.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-tune' });

/** The live view is redrawn at most this often, so fast rounds do not flood the page with renders. */
const REDRAW_MS = 150;

/** A tuning job in flight. */
export interface LiveTuning {
  /** Trials in launch order, with their objective per round so far. */
  trials: TrialRecord[];
  /** TrainingJobName of the best trial so far; null before one completes. */
  best: string | null;
  /** performance.now() when the job started. */
  startedAt: number;
  /** Trials the job may run (MaxNumberOfTrainingJobs as asked). */
  maxJobs: number;
  /** Stop was pressed: running trials are being stopped. */
  stopping: boolean;
  /** The job's config as sent (its ranges and objective label the charts). */
  config: TuningJobConfig;
}

export class TuneClient {
  live = $state.raw<LiveTuning | null>(null);
  /** The last finished (or stopped) job, with the best model. */
  outcome = $state.raw<TuneOutcome | null>(null);
  /** The last failed job's message. */
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  #session = new WorkerSession<TuneEngineApi>(newWorker, (reason) => `The tuning worker failed (${reason}).`);
  #table: Table | null = null;
  #run = 0;

  /** Runs `job` on `table`; `maxJobs` is the progress bar's end. Resolves when the job has ended. */
  async start(table: Table, job: TuneJob, maxJobs: number): Promise<void> {
    if (this.live) return;
    const run = ++this.#run;
    this.error = null;
    this.notice = null;
    // A plain buffer between redraws (the redraw publishes a copy).
    const trials: TrialRecord[] = [];
    let best: string | null = null;
    const startedAt = performance.now();
    this.live = { trials: [], best, startedAt, maxJobs, stopping: false, config: job.config };
    let timer: ReturnType<typeof setTimeout> | null = null;
    const redraw = () => {
      timer = null;
      if (run !== this.#run || !this.live) return;
      this.live = { ...this.live, trials: [...trials], best };
    };
    const onEvent = Comlink.proxy((e: TuneEvent) => {
      if (e.type === 'round') {
        const k = trials.findIndex((x) => x.TrainingJobName === e.name);
        if (k < 0) return;
        // A new record, so the charts (keyed by trial) see the change.
        const steps = [...trials[k].ObjectivePerStep];
        for (let s = steps.length; s < e.step; s++) steps[s] = null;
        steps[e.step] = e.objective;
        trials[k] = { ...trials[k], ObjectivePerStep: steps };
      } else {
        const k = trials.findIndex((x) => x.TrainingJobName === e.trial.TrainingJobName);
        if (k >= 0) trials[k] = e.trial;
        else trials.push(e.trial);
        if (e.type === 'end') best = e.best;
      }
      timer ??= setTimeout(redraw, REDRAW_MS);
    });
    try {
      const api = await this.#session.open([table], async (a) => {
        await a.setTable(jobTransfer(await jobTable(table)));
      });
      this.#table = table;
      const outcome = await this.#session.race(api.tune(job, onEvent));
      if (run !== this.#run) return;
      this.outcome = outcome;
      const r = outcome.result;
      if (r.CompletionReason === 'StoppedByUser') this.notice = `Tuning stopped; the ${r.TrainingJobStatusCounters.Completed} finished trial${r.TrainingJobStatusCounters.Completed === 1 ? ' is' : 's are'} kept.`;
    } catch (e) {
      if (e instanceof Cancelled || run !== this.#run) return;
      this.error = messageOf(e);
    } finally {
      if (timer) clearTimeout(timer);
      if (run === this.#run) this.live = null;
    }
  }

  /** Stops the job in flight; the trials that finished are kept and the best of them is the result. */
  stop(): void {
    if (!this.live || this.live.stopping) return;
    this.live = { ...this.live, stopping: true };
    void this.#session.api?.stop();
  }

  /** The studio's dataset changed: a job in flight ends and the result (trained on the old data) goes. */
  useDataset(table: Table | null): void {
    if (table === this.#table) return;
    this.#table = table;
    this.#run++;
    if (this.live) this.notice = 'Tuning stopped: another dataset was loaded.';
    this.#session.cancel();
    this.live = null;
    this.outcome = null;
    this.error = null;
  }

  dispose(): void {
    this.#run++;
    this.#session.cancel();
  }
}
