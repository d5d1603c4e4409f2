import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { jobTable, jobTransfer } from './dataset-client.svelte.ts';
import { resultFile, type SurfaceGrid, type TrainEngineApi, type TrainJob, type TrainOptions, type TrainResult, type TrainRound, type TrainStage } from '../engine/train-engine-api.ts';
import { estimateSecondsLeft } from '../engine/time-left.ts';
import { HyperparameterError, type RawHyperparameters } from '../ml/estimator.ts';
import { getAlgorithm } from '../ml/registry.ts';
import { Cancelled, jobEnds, messageOf } from './worker-job.ts';

/** A job in flight, as the progress bar and the live learning curve draw it. */
export interface RunningJob {
  /** Rounds requested. */
  totalRounds: number;
  /** Rounds finished so far, in order. */
  rounds: TrainRound[];
  /** performance.now() when the job started. */
  startedAt: number;
  /** Seconds left, estimated from the pace of the rounds so far; null until 3 rounds or 1 s have trained (see estimateSecondsLeft). */
  secondsLeft: number | null;
  /** What the job does after its last round (evaluating); null while it trains. */
  stage: TrainStage | null;
  /** The latest round's model surface (jobs that asked for one, on algorithms that can predict mid-training). */
  surface: SurfaceGrid | null;
}

/** A hyperparameter the form got wrong: which one, and the sentence that says how to fix it. */
export interface HyperparameterProblem {
  parameter: string;
  message: string;
}

/** The learning curve of a cancelled job, kept so the user sees how far it got. */
export interface CancelledJob {
  /** Rounds finished before Cancel, in order (without surfaces). */
  rounds: TrainRound[];
  /** Rounds requested. */
  totalRounds: number;
}

/** The downloads of the current result, as blob: URLs owned by this client. */
export interface ResultDownloads {
  model: string;
  predictions: string;
  /** metrics.json, as `mlpad train` writes it. */
  metrics: string;
}

const newWorker = () => new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-train' });

/**
 * The live curve is redrawn at most this often (4 times a second), so a fast job does not flood the page with
 * renders: each redraw restyles and repaints the progress card and the curve on the page's main thread, which
 * on a 2-core machine shares the CPU with the training threads.
 */
const REDRAW_MS = 250;

/**
 * A job that streams a model surface (the Playground) is redrawn this often instead: watching the surface move
 * epoch by epoch is the point there, and a small job's whole run may take less than REDRAW_MS.
 */
const SURFACE_REDRAW_MS = 100;

/**
 * Owns the training workers. Each job runs in a fresh worker; Cancel terminates it, so the result shown
 * before (and its downloads) stay exactly as they were.
 */
export class TrainClient {
  running = $state.raw<RunningJob | null>(null);
  result = $state.raw<TrainResult | null>(null);
  downloads = $state.raw<ResultDownloads | null>(null);
  /** The last failed job's message. */
  error = $state<string | null>(null);
  /** A short status line (e.g. "Training cancelled"), announced politely. */
  notice = $state<string | null>(null);
  /** The partial curve of the last cancelled job, until the next job starts or another dataset loads. */
  cancelled = $state.raw<CancelledJob | null>(null);

  #job: { worker: Worker; cancel: () => void; rounds: TrainRound[] } | null = null;
  #datasetId: number | null = null;

  /** Checks hyperparameters with the algorithm's own `resolve`; null when they are valid. */
  validate(algorithm: string, raw: RawHyperparameters): HyperparameterProblem | null {
    try {
      getAlgorithm(algorithm).resolve(raw);
      return null;
    } catch (e) {
      return { parameter: e instanceof HyperparameterError ? e.parameter : '', message: messageOf(e) };
    }
  }

  /**
   * Train `job` on `table` in a fresh worker. The caller checks the form first (validate); the worker fills in
   * what the data decides and reports anything else that does not fit.
   */
  async start(table: Table, job: TrainJob, totalRounds: number, options: TrainOptions = {}): Promise<void> {
    this.#job?.cancel();
    this.error = null;
    this.notice = null;
    this.cancelled = null;
    const worker = newWorker();
    const { cancel, cancelled, failed } = jobEnds(worker, (reason) => `The training worker failed (${reason}).`);
    const startedAt = performance.now();
    performance.mark('mlpad-train:start');
    const rounds: TrainRound[] = [];
    let stage: TrainStage | null = null;
    const current = { worker, cancel, rounds };
    this.#job = current;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const redraw = () => {
      timer = null;
      if (this.#job !== current) return;
      const last = rounds[rounds.length - 1];
      // The worker knows the rounds for sure (after the data filled in the hyperparameters).
      if (last) totalRounds = last.totalRounds;
      let surface: SurfaceGrid | null = null;
      for (let k = rounds.length - 1; k >= 0 && !surface; k--) surface = rounds[k].surface ?? null;
      this.running = {
        totalRounds,
        // The curve needs the metrics only; surfaces stay out of the kept rounds.
        rounds: rounds.map((r) => (r.surface ? { ...r, surface: undefined } : r)),
        startedAt,
        secondsLeft: stage ? null : estimateSecondsLeft(rounds, totalRounds),
        stage,
        surface,
      };
    };
    this.running = { totalRounds, rounds: [], startedAt, secondsLeft: null, stage: null, surface: null };
    const onRound = Comlink.proxy((r: TrainRound) => {
      // Only the latest surface is drawn: drop the ones before it.
      if (r.surface) for (const old of rounds) if (old.surface) old.surface = undefined;
      rounds.push(r);
      timer ??= setTimeout(redraw, options.surface ? SURFACE_REDRAW_MS : REDRAW_MS);
    });
    // Evaluation follows at once: say so now rather than at the next redraw.
    const onStage = Comlink.proxy((st: TrainStage) => {
      stage = st;
      if (timer) clearTimeout(timer);
      redraw();
    });
    try {
      const api = Comlink.wrap<TrainEngineApi>(worker);
      // The studio's shared table (no copy), else a fresh copy of its bytes (made a slice per task).
      const data = await jobTable(table);
      const result = await Promise.race([api.train(jobTransfer(data), job, onRound, options, onStage), cancelled, failed]);
      if (this.#job !== current) return;
      this.#adopt(result);
    } catch (e) {
      if (e instanceof Cancelled || this.#job !== current) return;
      this.error = messageOf(e);
    } finally {
      if (timer) clearTimeout(timer);
      worker.terminate();
      if (this.#job === current) {
        this.#job = null;
        this.running = null;
      }
    }
  }

  /** Stop the job in flight: its worker is terminated and the previous result stays. */
  cancel(): void {
    const job = this.#job;
    if (!job) return;
    job.cancel();
    job.worker.terminate();
    this.#job = null;
    this.running = null;
    const rounds = job.rounds.map((r) => (r.surface ? { ...r, surface: undefined } : r));
    this.cancelled = rounds.length ? { rounds, totalRounds: rounds[rounds.length - 1].totalRounds } : null;
    const at = rounds.length ? ` at round ${rounds[rounds.length - 1].round + 1}` : '';
    this.notice = `Training cancelled${at}.${this.result ? ' The previous model is still here.' : ''}`;
  }

  /** Make `loadId` the dataset jobs run on: a job or result for another dataset is dropped. */
  useDataset(loadId: number): void {
    if (this.#datasetId === loadId) return;
    const first = this.#datasetId === null;
    this.#datasetId = loadId;
    if (first) return;
    if (this.#job) {
      this.#job.cancel();
      this.#job.worker.terminate();
      this.#job = null;
      this.running = null;
      this.notice = 'Training stopped: another dataset was loaded.';
    } else {
      this.notice = null;
    }
    this.#revoke();
    this.result = null;
    this.error = null;
    this.cancelled = null;
  }

  /**
   * Shows `result`, trained elsewhere (Autopilot's best candidate), as this client's result: its results view and
   * downloads, with `notice` saying where it came from. A job in flight goes on and replaces it when it ends.
   */
  showResult(result: TrainResult, notice: string): void {
    this.error = null;
    this.cancelled = null;
    this.#adopt(result);
    this.notice = notice;
  }

  dismissError(): void {
    this.error = null;
  }

  #adopt(result: TrainResult): void {
    this.#revoke();
    this.result = result;
    performance.mark('mlpad-train:result');
    // The links come after the result's first render, one per task: a Blob copies its bytes (tens of MB of
    // predictions for millions of rows; the training worker makes them, in result.files, where it can), and
    // registering a blob: URL is a synchronous call to the browser process.
    const keys = ['model', 'predictions', 'metrics'] as const;
    const urls: Partial<ResultDownloads> = {};
    const link = (i: number) => {
      if (this.result !== result || this.downloads) {
        for (const url of Object.values(urls)) URL.revokeObjectURL(url);
        return;
      }
      if (i === keys.length) {
        this.downloads = urls as ResultDownloads;
        performance.mark('mlpad-train:downloads');
        return;
      }
      const key = keys[i];
      urls[key] = URL.createObjectURL(result.files?.[key] ?? resultFile(result, key));
      setTimeout(link, 0, i + 1);
    };
    setTimeout(link, 0, 0);
  }

  #revoke(): void {
    if (!this.downloads) return;
    URL.revokeObjectURL(this.downloads.model);
    URL.revokeObjectURL(this.downloads.predictions);
    URL.revokeObjectURL(this.downloads.metrics);
    this.downloads = null;
  }

  dispose(): void {
    this.#job?.cancel();
    this.#job = null;
    this.#revoke();
  }
}
