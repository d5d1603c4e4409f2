// Records every job the studio runs as a run (SageMaker's trial component), from one place: it watches each
// client's finished result by identity ($effect.root), so no client knows about experiments. Training, tuning and
// Autopilot are recorded live (an InProgress run when the job starts, completed, failed or stopped when it ends);
// profile, Clarify and Monitor jobs when their result arrives.
//
// Runs go to one experiment per dataset (experimentNameFor(dataset name)): metrics are comparable only between
// runs on the same data, so that grouping is what the compare view wants, and SageMaker users name experiments
// after the problem the same way.
import { tableToIPC } from 'apache-arrow';
import { COLLECTIONS, getRun, listRuns, recordRun, startRun, type ArtifactInput, type CompletedRunInput, type JobType, type RunRecorder } from '../experiments/index.ts';
import type { AutopilotClient } from './autopilot-client.svelte.ts';
import type { ClarifyClient } from './clarify-client.svelte.ts';
import { datasetIpc, datasetIpcLength, type DatasetClient } from './dataset-client.svelte.ts';
import { datasetArtifact, datasetArtifactByHash, experimentNameFor, failedRun, jsonArtifact, KEEP_DATASET_BYTES, textArtifact } from './job-runs.ts';
import { completeTrainingRun, logRounds, type RunMetrics } from '../experiments/job-content.ts';
import { autopilotRunContent, candidateRunInputs, trialRunInputs, tuningRunContent, type SearchRunContent } from '../experiments/job-content-search.ts';
import type { MonitorClient } from './monitor-client.svelte.ts';
import type { StoreClient } from './store-client.svelte.ts';
import { toParameters } from '../experiments/run-input.ts';
import { StoreQuotaError } from '../store/backend.ts';
import { sha256Hex } from '../store/hash.ts';
import { messageOf } from './worker-job.ts';
import type { TrainRound } from '../engine/train-engine-api.ts';
import type { TrainClient } from './train-client.svelte.ts';
import type { TuneClient } from './tune-client.svelte.ts';

/** The clients whose jobs are recorded. */
export interface RecordedClients {
  data: DatasetClient;
  train: TrainClient;
  tune: TuneClient;
  autopilot: AutopilotClient;
  clarify: ClarifyClient;
  monitor: MonitorClient;
  /** The compute backend jobs run on, in words ('cpu', 'webgpu'…); called when a job starts. */
  backend: () => string;
  /** The Train form's target column, recorded as a parameter; defaults to the dataset's target. */
  trainTarget?: () => string | null;
  /** The model file a Clarify or Monitor job used (the view's opened file, else the Train view's model); defaults to none. */
  model?: (job: 'Clarify' | 'Monitoring') => Uint8Array | null;
}

/** Flushes a live run's metrics at most this often, so the list shows progress without a commit per round. */
const FLUSH_MS = 2000;

/** Epoch milliseconds as ISO 8601. */
const isoTime = (ms: number) => new Date(ms).toISOString();

const backendText = (s: string) => (s.trim() || 'unknown').slice(0, 64);

export class JobRecorder {
  /** Runs recorded by this tab (for tests and the status line). */
  recorded = $state(0);
  #stop: (() => void) | null = null;
  /** The current dataset's run input, by load id (only the latest is kept). */
  #datasetInput: { loadId: number; input: Promise<ArtifactInput> } | null = null;
  /** One queue: store writes happen in the order jobs reported. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: StoreClient, private readonly c: RecordedClients) {}

  /** Starts watching the clients; returns (and keeps) the function that stops. */
  start(): () => void {
    this.#stop?.();
    this.#stop = $effect.root(() => {
      this.#watchTraining();
      this.#watchTuning();
      this.#watchAutopilot();
      this.#watchOnce(() => this.c.data.profile, (p) => this.#record('Profile', { Parameters: { Rows: this.c.data.dataset?.rows ?? 0, Columns: this.c.data.dataset?.columns ?? 0, TypeOverrides: JSON.stringify(this.c.data.overrides).slice(0, 2500) } }, [jsonArtifact('profile', 'profile.json', p)]));
      this.#watchOnce(() => this.c.clarify.bias, (b) => this.#record('Clarify', { Parameters: { Analysis: 'bias', ...(b.threshold !== undefined ? { Threshold: b.threshold } : {}) } }, [jsonArtifact('analysis', 'analysis.json', b.analysis)], b.threshold !== undefined));
      this.#watchOnce(() => this.c.clarify.shap, (s) => this.#record('Clarify', { Parameters: { Analysis: 'shap', Workers: s.workers } }, [jsonArtifact('analysis', 'analysis.json', s.analysis), textArtifact('out', 'out.csv', s.outCsv, 'text/csv')], true));
      this.#watchOnce(() => this.c.monitor.result, (m) => this.#record('Monitoring', {
        Parameters: { TimeColumn: m.timeColumn, Window: JSON.stringify(m.window), Features: m.features.length, BaselineRows: m.baseline.rows },
        Metrics: { Alerts: m.alerts.length, Windows: m.windows.length, UndatedRows: m.undated },
      }, [
        jsonArtifact('statistics', 'statistics.json', m.baseline.statistics, 'Statistics'),
        jsonArtifact('constraints', 'constraints.json', m.baseline.constraints, 'Constraints'),
        jsonArtifact('monitoring', 'monitoring.json', { windows: m.windows, alerts: m.alerts }, 'Report'),
        // Attribution drift explains the windows with the model (bias from predicted labels may come from a column).
      ], m.windows.some((w) => w.ndcg !== undefined || w.attribution !== undefined)));
    });
    return this.#stop;
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  #experiment(): string {
    return experimentNameFor(this.c.data.dataset?.name);
  }

  /** The dataset as a run input, hashed once per load (see datasetArtifact for what is kept). */
  #dataset(): Promise<ArtifactInput> | null {
    const ds = this.c.data.dataset;
    if (!ds) return null;
    if (this.#datasetInput?.loadId !== ds.loadId) {
      // The bytes the table was loaded from (no second copy). A small dataset is kept with the run and hashed here;
      // a large one is hashed in the profile worker (Web Crypto's digest runs on the calling thread) and recorded by
      // hash and size only. A table the client did not load (none today) is serialised as before.
      const input = datasetIpcLength(ds.table) > KEEP_DATASET_BYTES
        ? this.c.data.digest().then((d) => datasetArtifactByHash(d.sha256, d.bytes, ds.name))
        : Promise.resolve().then(() => datasetArtifact(datasetIpc(ds.table) ?? tableToIPC(ds.table, 'stream'), ds.name));
      this.#datasetInput = { loadId: ds.loadId, input };
    }
    return this.#datasetInput.input;
  }

  #enqueue<T>(what: string, job: () => Promise<T>): Promise<T | undefined> {
    // A task of its own: hashing a job's outputs (tens of MB for millions of rows) must not join the long task
    // that first renders the job's result (issue 13).
    const next = this.#queue.then(() => new Promise((r) => setTimeout(r, 0))).then(() => this.store.write(what, () => job()));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Calls `onResult` for each new non-null value of `read` (not the one there when watching began). */
  #watchOnce<T>(read: () => T | null, onResult: (value: T) => void): void {
    let seen: T | null = null;
    let first = true;
    $effect(() => {
      const v = read();
      if (first) { first = false; seen = v; return; }
      if (v !== null && v !== seen) onResult(v);
      seen = v;
    });
  }

  #record(jobType: JobType, input: Omit<CompletedRunInput, 'ExperimentName' | 'JobType' | 'Backend'>, outputs: ArtifactInput[], usedModel = false): void {
    const experiment = this.#experiment();
    const model = usedModel && (jobType === 'Clarify' || jobType === 'Monitoring') ? (this.c.model?.(jobType) ?? null) : null;
    const dataset = this.#dataset();
    const backend = backendText(this.c.backend());
    void this.#enqueue(`record the ${jobType} run`, async () => {
      const inputs = dataset ? [await dataset] : [];
      // The model a Clarify or Monitor job explained is an input too, so lineage runs model → Clarify / monitor
      // (its bytes are already a blob of the training run that produced it: same hash, stored once).
      if (model) inputs.push({ name: 'model', bytes: model, mediaType: 'application/json', fileName: 'model.json', type: 'Model' });
      // A profile is a pure function of the data and the column types: reloading the page profiles the same
      // sample again, and recording that each time would bury the runs that matter.
      if (jobType === 'Profile' && inputs[0] && (await this.#sameProfile(experiment, inputs[0], input.Parameters ?? {}))) return;
      await recordRun(this.store.store!, { ...input, ExperimentName: experiment, JobType: jobType, Backend: backend }, { inputs, outputs });
      this.recorded++;
    });
  }

  /** Writes the run's record alone as Failed (a few hundred bytes, no blobs), with why its results were not kept. */
  async #markFailed(runName: string, error: unknown): Promise<void> {
    const store = this.store.store!;
    const run = await getRun(store, runName);
    if (!run || run.Status.PrimaryStatus !== 'InProgress') return;
    const why = error instanceof StoreQuotaError ? 'The browser had no room left for this run\u2019s results (model, metrics, files); they were not saved.' : `Its results could not be saved: ${messageOf(error)}`;
    await store.commit({ put: [{ collection: COLLECTIONS.runs, id: runName, value: failedRun(run, why) }] });
  }

  async #sameProfile(experiment: string, dataset: ArtifactInput, params: NonNullable<CompletedRunInput['Parameters']>): Promise<boolean> {
    const hash = dataset.bytes ? await sha256Hex(dataset.bytes) : dataset.hash;
    const want = JSON.stringify(toParameters(params));
    const runs = await listRuns(this.store.store!, { experiment, jobType: 'Profile' });
    return runs.some((r) => r.Status.PrimaryStatus === 'Completed' && r.InputArtifacts.train?.Value === hash && JSON.stringify(r.Parameters) === want);
  }

  /** A live job: start when `running` turns non-null, finish when it turns null again. */
  #watchLive<R>(jobType: JobType, running: () => unknown, finished: () => R | null, onStart: (rec: RunRecorder) => void, onEnd: (rec: RunRecorder, result: R | null) => Promise<void>, progress?: (rec: RunRecorder) => boolean): void {
    let live: Promise<RunRecorder | undefined> | null = null;
    let resultAtStart: R | null = null;
    let lastFlush = 0;
    $effect(() => {
      const r = running();
      if (r && !live) {
        resultAtStart = finished();
        const experiment = this.#experiment();
        const backend = backendText(this.c.backend());
        live = this.#enqueue(`start the ${jobType} run`, async () => {
          const rec = await startRun(this.store.store!, { ExperimentName: experiment, JobType: jobType, Backend: backend });
          onStart(rec);
          return rec;
        });
        lastFlush = performance.now();
      } else if (r && live && progress && performance.now() - lastFlush > FLUSH_MS) {
        lastFlush = performance.now();
        const pending = live;
        void this.#enqueue(`save the ${jobType} run's progress`, async () => {
          const rec = await pending;
          if (rec && progress(rec)) await rec.flush();
        });
      } else if (!r && live) {
        const pending = live;
        live = null;
        const result = finished();
        const fresh = result !== null && result !== resultAtStart ? result : null;
        const dataset = this.#dataset();
        void this.#enqueue(`finish the ${jobType} run`, async () => {
          const rec = await pending;
          if (!rec) return;
          try {
            if (fresh && dataset) rec.addInput(await dataset);
            await onEnd(rec, fresh);
          } catch (e) {
            // The outputs did not fit (a full quota) or were refused: the run must not stay InProgress forever.
            await this.#markFailed(rec.runName, e).catch(() => undefined);
            throw e;
          }
          this.recorded++;
        });
      }
    });
  }

  #watchTraining(): void {
    const { train } = this.c;
    let logged = 0;
    let error: string | null = null;
    const progress = (rec: RunRecorder, rounds: readonly TrainRound[]) => {
      if (rounds.length <= logged) return false;
      logged = logRounds(rec, rounds, logged);
      return true;
    };
    this.#watchLive('Training', () => train.running, () => train.result,
      () => { logged = 0; error = train.error; },
      async (rec, result) => {
        if (result) {
          // predictions.csv is kept up to KEEP_DATASET_BYTES, as the dataset is: for millions of rows it is tens of MB that
          // the page would hash twice and write in one piece (long tasks of 100–300 ms, issue 13); the view still offers it.
          await completeTrainingRun(rec, result, { target: this.c.trainTarget?.() ?? this.c.data.target, predictions: result.predictionsCsv.length <= KEEP_DATASET_BYTES }, logged);
        } else if (train.error && train.error !== error) {
          await rec.fail(train.error);
        } else {
          await rec.complete({ status: 'Stopped', message: train.notice ?? 'Training was stopped.' });
        }
      },
      (rec) => progress(rec, train.running?.rounds ?? []));
  }

  #watchTuning(): void {
    const { tune } = this.c;
    let startedAt = Date.now();
    this.#watchLive('Tuning', () => tune.live, () => tune.outcome,
      () => { startedAt = Date.now(); },
      async (rec, outcome) => {
        if (!outcome) {
          if (tune.error) await rec.fail(tune.error);
          else await rec.complete({ status: 'Stopped', message: tune.notice ?? 'Tuning was stopped.' });
          return;
        }
        const best = outcome.best ? { model: outcome.best.model, fileName: `model.${outcome.best.modelFormat.extension}`, mediaType: outcome.best.modelFormat.mediaType, metricsJson: outcome.best.metricsJson } : undefined;
        const run = await finishSearch(rec, tuningRunContent(outcome.result, best ? { best } : {}));
        for (const input of trialRunInputs(outcome.result, run, isoTime(startedAt))) await recordRun(this.store.store!, input);
      });
  }

  #watchAutopilot(): void {
    const { autopilot } = this.c;
    this.#watchLive('Autopilot', () => autopilot.live, () => autopilot.outcome,
      () => undefined,
      async (rec, outcome) => {
        if (!outcome) {
          if (autopilot.error) await rec.fail(autopilot.error);
          else await rec.complete({ status: 'Stopped', message: autopilot.notice ?? 'Autopilot was stopped.' });
          return;
        }
        const b = outcome.best;
        const best = b ? { model: b.model, fileName: `model${b.modelExtension.startsWith('.') ? '' : '.'}${b.modelExtension}`, mediaType: 'application/octet-stream', metricsJson: b.metricsJson } : undefined;
        const run = await finishSearch(rec, autopilotRunContent(outcome.result, best ? { best } : {}));
        for (const input of candidateRunInputs(outcome.result, run, run.StartTime, run.EndTime ?? run.StartTime)) await recordRun(this.store.store!, input);
      });
  }
}

/** Logs a search job's content to its live run and finishes it with the job's status. */
async function finishSearch(rec: RunRecorder, content: SearchRunContent) {
  rec.logParameters(content.parameters);
  logMetrics(rec, content.metrics);
  for (const o of content.outputs) rec.addOutput(o);
  const { PrimaryStatus, Message } = content.status;
  return PrimaryStatus === 'Failed' ? rec.fail(Message ?? 'The job failed.') : rec.complete({ status: PrimaryStatus, ...(Message ? { message: Message } : {}) });
}

/** Logs final values at step 0 and series at their steps. */
function logMetrics(rec: RunRecorder, metrics: RunMetrics): void {
  for (const [name, v] of Object.entries(metrics)) {
    if (typeof v === 'number') rec.logMetric(name, v, 0);
    else for (const s of v) rec.logMetric(name, s.Value, s.Step);
  }
}
