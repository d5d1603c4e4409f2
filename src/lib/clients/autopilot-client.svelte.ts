// Owns the Autopilot view's worker (workers/autopilot.worker.ts), which holds the table, explores it and runs
// Autopilot jobs with each candidate in a nested worker. The table crosses once per dataset, as Arrow IPC,
// transferred. Stop asks the job to end (finished candidates are kept); a new dataset ends the worker.
import * as Comlink from 'comlink';
import type { Table } from 'apache-arrow';
import { jobTable, jobTransfer } from './dataset-client.svelte.ts';
import type { ProblemInference } from '../autopilot/problem.ts';
import type { AutopilotEngineApi, AutopilotEvent, AutopilotJob, AutopilotOutcome, AutopilotStage, CandidateRun, Exploration, ExploreRequest } from '../engine/autopilot-engine-api.ts';
import { Cancelled, messageOf } from './worker-job.ts';
import { WorkerSession } from './worker-session.ts';

const newWorker = () => new Worker(new URL('../../../workers/autopilot.worker.ts', import.meta.url), { type: 'module', name: 'mlpad-autopilot' });

/** The live view is redrawn at most this often. */
const REDRAW_MS = 150;

/** An Autopilot job in flight. */
export interface LiveAutopilot {
  stage: AutopilotStage;
  /** The job's latest progress line. */
  line: string;
  /** Candidate runs that ended, in order. */
  runs: CandidateRun[];
  /** The run in progress, if any. */
  current: { id: string; algorithm: string } | null;
  /** performance.now() when the job started. */
  startedAt: number;
  /** The time budget in seconds (Infinity without one). */
  budget: number;
  /** Stop was pressed: the running candidate is being ended. */
  stopping: boolean;
}

export class AutopilotClient {
  /** The problem inferred for the form's target (before any run); null while unknown. */
  problem = $state.raw<ProblemInference | null>(null);
  /** Why the target cannot be Autopilot's (one class, an identifier, too few rows, ...). */
  problemError = $state<string | null>(null);
  /** The last "Check the data" (or the report of the last job). */
  exploration = $state.raw<Exploration | null>(null);
  exploring = $state(false);
  live = $state.raw<LiveAutopilot | null>(null);
  /** The last finished (or stopped) job, with the best model. */
  outcome = $state.raw<AutopilotOutcome | null>(null);
  /** The last failed job's or check's message. */
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  #session = new WorkerSession<AutopilotEngineApi>(newWorker, (reason) => {
    this.#crashed = true;
    return `The Autopilot worker failed (${reason}).`;
  });
  #crashed = false;
  #table: Table | null = null;
  #run = 0;
  #asked = 0;

  #opening: { table: Table; api: Promise<Comlink.Remote<AutopilotEngineApi>> } | null = null;

  /** The worker with `table` sent; calls that overlap share one opening. */
  #open(table: Table): Promise<Comlink.Remote<AutopilotEngineApi>> {
    this.#table = table;
    if (this.#opening?.table !== table) {
      const api = this.#session.open([table], async (a) => {
        await a.setTable(jobTransfer(await jobTable(table)));
      });
      api.catch(() => { if (this.#opening?.api === api) this.#opening = null; });
      this.#opening = { table, api };
    }
    return this.#opening.api;
  }

  /** The message of a failed call; a crashed worker is closed so the next call starts a fresh one. */
  #failure(e: unknown): string {
    if (this.#crashed) {
      this.#crashed = false;
      this.#session.close();
      this.#opening = null;
    }
    return messageOf(e);
  }

  /** Infers the problem of `request` on `table` into `problem` (or `problemError`); the latest call wins. */
  async infer(table: Table, request: ExploreRequest): Promise<void> {
    const asked = ++this.#asked;
    const run = this.#run;
    try {
      const api = await this.#open(table);
      const p = await this.#session.race(api.infer(request));
      if (asked !== this.#asked || run !== this.#run) return;
      this.problem = p;
      this.problemError = null;
    } catch (e) {
      if (e instanceof Cancelled || asked !== this.#asked || run !== this.#run) return;
      this.problem = null;
      this.problemError = this.#failure(e);
    }
  }

  /** The data exploration report for `request` on `table` ("Check the data"). */
  async explore(table: Table, request: ExploreRequest): Promise<void> {
    if (this.live || this.exploring) return;
    const run = this.#run;
    this.error = null;
    this.exploring = true;
    try {
      const api = await this.#open(table);
      const e = await this.#session.race(api.explore(request));
      if (run === this.#run) this.exploration = e;
    } catch (e) {
      if (!(e instanceof Cancelled) && run === this.#run) this.error = this.#failure(e);
    } finally {
      if (run === this.#run) this.exploring = false;
    }
  }

  /** Runs `job` on `table`. Resolves when the job has ended. */
  async start(table: Table, job: AutopilotJob): Promise<void> {
    if (this.live || this.exploring) return;
    const run = ++this.#run;
    this.error = null;
    this.notice = null;
    const budget = job.config.AutoMLJobConfig?.CompletionCriteria?.MaxAutoMLJobRuntimeInSeconds ?? Infinity;
    const state: Omit<LiveAutopilot, 'stopping' | 'startedAt' | 'budget'> = { stage: 'exploring', line: '', runs: [], current: null };
    this.live = { ...state, startedAt: performance.now(), budget, stopping: false };
    let timer: ReturnType<typeof setTimeout> | null = null;
    const redraw = () => {
      timer = null;
      if (run === this.#run && this.live) this.live = { ...this.live, ...state, runs: [...state.runs] };
    };
    const onEvent = Comlink.proxy((e: AutopilotEvent) => {
      if (e.type === 'stage') state.stage = e.stage;
      else if (e.type === 'progress') state.line = e.line;
      else if (e.type === 'start') state.current = { id: e.id, algorithm: e.algorithm };
      else { state.runs.push(e.run); state.current = null; }
      timer ??= setTimeout(redraw, REDRAW_MS);
    });
    try {
      const api = await this.#open(table);
      const outcome = await this.#session.race(api.run(job, onEvent));
      if (run !== this.#run) return;
      this.outcome = outcome;
      this.exploration = { problem: outcome.result.Problem, report: outcome.result.Report, seconds: 0 };
      const r = outcome.result;
      const kept = r.Leaderboard.filter((x) => x.CandidateStatus === 'Completed').length;
      if (r.AutoMLJobStatus === 'Stopped') this.notice = `Autopilot stopped; the ${kept} finished candidate${kept === 1 ? ' is' : 's are'} kept.`;
    } catch (e) {
      if (e instanceof Cancelled || run !== this.#run) return;
      this.error = this.#failure(e);
    } finally {
      if (timer) clearTimeout(timer);
      if (run === this.#run) this.live = null;
    }
  }

  /** Stops the job in flight; the candidates that finished are kept and the best of them is the result. */
  stop(): void {
    if (!this.live || this.live.stopping) return;
    this.live = { ...this.live, stopping: true };
    void this.#session.api?.stop();
  }

  /** The studio's dataset changed: a job in flight ends and results (of the old data) go. */
  useDataset(table: Table | null): void {
    if (table === this.#table) return;
    this.#table = table;
    this.#run++;
    this.notice = this.live ? 'Autopilot stopped: another dataset was loaded.' : null;
    this.#session.cancel();
    this.#opening = null;
    this.live = null;
    this.outcome = null;
    this.exploration = null;
    this.exploring = false;
    this.problem = null;
    this.problemError = null;
    this.error = null;
  }

  dispose(): void {
    this.#run++;
    this.#session.cancel();
    this.#opening = null;
  }
}
