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
import type { DatasetClient } from './dataset-client.svelte.ts';
import { datasetArtifact, experimentNameFor, failedRun, jsonArtifact, roundMetrics, textArtifact, trainingRun, trialRun, tuningRun } from './job-runs.ts';
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
}

/** Flushes a live run's metrics at most this often, so the list shows progress without a commit per round. */
const FLUSH_MS = 2000;

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
      this.#watchOnce(() => this.c.clarify.bias, (b) => this.#record('Clarify', { Parameters: { Analysis: 'bias', ...(b.threshold !== undefined ? { Threshold: b.threshold } : {}) } }, [jsonArtifact('analysis', 'analysis.json', b.analysis)]));
      this.#watchOnce(() => this.c.clarify.shap, (s) => this.#record('Clarify', { Parameters: { Analysis: 'shap', Workers: s.workers } }, [jsonArtifact('analysis', 'analysis.json', s.analysis), textArtifact('out', 'out.csv', s.outCsv, 'text/csv')]));
      this.#watchOnce(() => this.c.monitor.result, (m) => this.#record('Monitoring', {
        Parameters: { TimeColumn: m.timeColumn, Window: JSON.stringify(m.window), Features: m.features.length, BaselineRows: m.baseline.rows },
        Metrics: { Alerts: m.alerts.length, Windows: m.windows.length, UndatedRows: m.undated },
      }, [
        jsonArtifact('statistics', 'statistics.json', m.baseline.statistics, 'Statistics'),
        jsonArtifact('constraints', 'constraints.json', m.baseline.constraints, 'Constraints'),
        jsonArtifact('monitoring', 'monitoring.json', { windows: m.windows, alerts: m.alerts }, 'Report'),
      ]));
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
      // Serialising copies the table on this thread once per dataset; recordRun hashes it in Web Crypto.
      this.#datasetInput = { loadId: ds.loadId, input: Promise.resolve().then(() => datasetArtifact(tableToIPC(ds.table, 'stream'), ds.name)) };
    }
    return this.#datasetInput.input;
  }

  #enqueue<T>(what: string, job: () => Promise<T>): Promise<T | undefined> {
    const next = this.#queue.then(() => this.store.write(what, () => job()));
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

  #record(jobType: JobType, input: Omit<CompletedRunInput, 'ExperimentName' | 'JobType' | 'Backend'>, outputs: ArtifactInput[]): void {
    const experiment = this.#experiment();
    const dataset = this.#dataset();
    const backend = backendText(this.c.backend());
    void this.#enqueue(`record the ${jobType} run`, async () => {
      const inputs = dataset ? [await dataset] : [];
      // A profile is a pure function of the data and the column types: reloading the page profiles the same
      // sample again, and recording that each time would bury the runs that matter.
      if (jobType === 'Profile' && inputs[0]?.bytes && (await this.#sameProfile(experiment, inputs[0].bytes, input.Parameters ?? {}))) return;
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

  async #sameProfile(experiment: string, bytes: Uint8Array, params: NonNullable<CompletedRunInput['Parameters']>): Promise<boolean> {
    const hash = await sha256Hex(bytes);
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
    const logRounds = (rec: RunRecorder, rounds: readonly TrainRound[]) => {
      const fresh = rounds.slice(logged);
      if (!fresh.length) return false;
      for (const [name, steps] of Object.entries(roundMetrics(fresh))) for (const s of steps) rec.logMetric(name, s.Value, s.Step);
      logged = rounds.length;
      return true;
    };
    this.#watchLive('Training', () => train.running, () => train.result,
      () => { logged = 0; error = train.error; },
      async (rec, result) => {
        if (result) {
          const { parameters, metrics, outputs } = trainingRun(result, { target: this.c.trainTarget?.() ?? this.c.data.target });
          rec.logParameters(parameters);
          logRounds(rec, result.history);
          for (const [name, v] of Object.entries(metrics)) if (typeof v === 'number') rec.logMetric(name, v, 0);
          for (const o of outputs) rec.addOutput(o);
          await rec.complete();
        } else if (train.error && train.error !== error) {
          await rec.fail(train.error);
        } else {
          await rec.complete({ status: 'Stopped', message: train.notice ?? 'Training was stopped.' });
        }
      },
      (rec) => logRounds(rec, train.running?.rounds ?? []));
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
        const { parameters, metrics, outputs } = tuningRun(outcome);
        rec.logParameters(parameters);
        for (const [name, steps] of Object.entries(metrics)) for (const s of steps) rec.logMetric(name, s.Value, s.Step);
        for (const o of outputs) rec.addOutput(o);
        const run = await rec.complete(outcome.result.HyperParameterTuningJobStatus === 'Stopped' ? { status: 'Stopped', message: 'Stopped by the user; finished trials are kept.' } : {});
        const statics = Object.fromEntries(Object.entries(outcome.result.TrainingJobDefinition.StaticHyperParameters ?? {}).map(([k, v]) => [k, String(v)]));
        for (const t of outcome.result.TrainingJobs) {
          if (t.TrainingJobStatus === 'InProgress') continue;
          const input = trialRun(t, run.RunName, run.ExperimentName, run.Backend, outcome.result.HyperParameterTuningJobName, statics, startedAt);
          await recordRun(this.store.store!, { ...input, Parameters: { ...input.Parameters, 'mlpad.Algorithm': outcome.result.TrainingJobDefinition.AlgorithmName } });
        }
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
        const r = outcome.result;
        rec.logParameters({ Mode: r.Mode, ProblemType: r.Problem.problemType, 'mlpad.Target': r.Problem.target, ObjectiveMetric: r.Objective.MetricName, Candidates: outcome.runs.length });
        if (outcome.best) rec.logParameters({ 'mlpad.Algorithm': outcome.best.algorithm, BestCandidate: outcome.best.candidateName });
        const objective = r.Objective.MetricName;
        outcome.runs.forEach((c, i) => { if (c.validation !== undefined && Number.isFinite(c.validation)) rec.logMetric(`candidate:validation:${objective}`, c.validation, i); });
        const best = r.BestCandidate;
        if (best?.ValidationObjective !== undefined && Number.isFinite(best.ValidationObjective)) rec.logMetric(`best:validation:${objective}`, best.ValidationObjective, 0);
        if (best?.TestObjective !== undefined && Number.isFinite(best.TestObjective)) rec.logMetric(`best:test:${objective}`, best.TestObjective, 0);
        if (outcome.best) {
          rec.addOutput({ name: 'model', bytes: outcome.best.model, mediaType: 'application/octet-stream', fileName: `model${outcome.best.modelExtension.startsWith('.') ? '' : '.'}${outcome.best.modelExtension}`, type: 'Model' });
          rec.addOutput({ name: 'metrics', bytes: outcome.best.metricsJson, mediaType: 'application/json', fileName: 'metrics.json', type: 'Metrics' });
        }
        rec.addOutput(jsonArtifact('leaderboard', 'leaderboard.json', r.Leaderboard, 'Report'));
        await rec.complete(r.AutoMLJobStatus === 'Stopped' ? { status: 'Stopped', message: 'Stopped by the user; finished candidates are kept.' } : {});
      });
  }
}
