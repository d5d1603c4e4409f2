// Recording runs: in one shot (recordRun, for a job that has finished) or live (startRun → log parameters and
// metric steps → complete or fail). Either way the finished run, its kept artifacts and its lineage land in
// one atomic commit.
import type { StoreBackend } from '../store/backend.ts';
import { prepareArtifact, type ArtifactInput, type PreparedArtifact } from './artifacts.ts';
import { COLLECTIONS } from './collections.ts';
import { summarizeMetrics } from './metrics.ts';
import { runChange } from './run-change.ts';
import { checkMetricName, checkRunInput, metricStep, toParameters, type CompletedRunInput, type RunInput } from './run-input.ts';
import type { MetricStep, ParameterValue, PrimaryStatus, Run } from './types.ts';
import { checkTime, ExperimentsError } from './validate.ts';

/** A run's artifacts. */
export interface RunArtifacts {
  /** Datasets and other inputs; defaults to none. */
  inputs?: ArtifactInput[];
  /** Models, metrics files, reports; defaults to none. */
  outputs?: ArtifactInput[];
}

async function prepareAll(artifacts: RunArtifacts): Promise<{ inputs: PreparedArtifact[]; outputs: PreparedArtifact[] }> {
  const inputs = await Promise.all((artifacts.inputs ?? []).map((a) => prepareArtifact(a, 'input')));
  const outputs = await Promise.all((artifacts.outputs ?? []).map((a) => prepareArtifact(a, 'output')));
  for (const list of [inputs, outputs]) {
    const names = new Set<string>();
    for (const a of list) { if (names.has(a.name)) throw new ExperimentsError(`artifact ${a.name} is given twice`); names.add(a.name); }
  }
  return { inputs, outputs };
}

async function refuseTaken(store: StoreBackend, runName: string) {
  const old = (await store.get(COLLECTIONS.runs, runName)) as Run | undefined;
  if (old) throw new ExperimentsError(`a run named ${runName} already exists (in experiment ${old.ExperimentName}); choose another run name or delete that run`);
}

function baseRun(input: RunInput, runName: string, start: string): Run {
  return {
    RunName: runName, ExperimentName: input.ExperimentName, DisplayName: input.DisplayName ?? runName, JobType: input.JobType,
    Status: { PrimaryStatus: 'InProgress' }, CreationTime: start, StartTime: start, LastModifiedTime: start,
    Parameters: toParameters(input.Parameters), InputArtifacts: {}, OutputArtifacts: {}, Metrics: [], MetricSteps: {},
    Tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })), Backend: input.Backend,
    ...(input.Source ? { Source: { SourceType: String(input.Source.SourceType), SourceArn: String(input.Source.SourceArn) } } : {}),
    ...(input.ParentRunName ? { ParentRunName: input.ParentRunName } : {}),
  };
}

function withArtifacts(run: Run, inputs: PreparedArtifact[], outputs: PreparedArtifact[]): Run {
  return { ...run, InputArtifacts: Object.fromEntries(inputs.map((a) => [a.name, a.ref])), OutputArtifacts: Object.fromEntries(outputs.map((a) => [a.name, a.ref])) };
}

/** Records a finished run with its metrics and artifacts in one commit; resolves to the stored run. */
export async function recordRun(store: StoreBackend, input: CompletedRunInput, artifacts: RunArtifacts = {}): Promise<Run> {
  const { runName, start } = checkRunInput(input);
  const end = input.EndTime === undefined ? new Date().toISOString() : checkTime(input.EndTime, 'EndTime');
  if (end < start) throw new ExperimentsError(`EndTime ${end} is before StartTime ${start}`);
  const status = input.Status ?? { PrimaryStatus: 'Completed' as const };
  if (!['Completed', 'Failed', 'Stopped'].includes(status.PrimaryStatus)) throw new ExperimentsError(`Status.PrimaryStatus of a finished run must be Completed, Failed or Stopped; got ${JSON.stringify(status.PrimaryStatus)}`);
  const steps: Record<string, MetricStep[]> = {};
  for (const [name, v] of Object.entries(input.Metrics ?? {})) {
    checkMetricName(name);
    steps[name] = typeof v === 'number' ? [metricStep(name, v, 0, end)]
      : v.map((s, i) => metricStep(name, s.Value, s.Step ?? i, s.Time === undefined ? end : checkTime(s.Time, `metric ${name} Time`)));
  }
  const { inputs, outputs } = await prepareAll(artifacts);
  await refuseTaken(store, runName);
  const run: Run = {
    ...withArtifacts(baseRun(input, runName, start), inputs, outputs),
    Status: { PrimaryStatus: status.PrimaryStatus, ...(status.Message ? { Message: String(status.Message) } : {}) },
    EndTime: end, LastModifiedTime: end, MetricSteps: steps, Metrics: summarizeMetrics(steps),
  };
  await store.commit(await runChange(store, run, inputs, outputs));
  return run;
}

/** Starts a run: writes it as InProgress now and returns the recorder that logs to it. */
export async function startRun(store: StoreBackend, input: RunInput): Promise<RunRecorder> {
  const { runName, start } = checkRunInput(input);
  await refuseTaken(store, runName);
  const run = baseRun(input, runName, start);
  await store.commit(await runChange(store, run, [], [], false));
  return new RunRecorder(store, run);
}

/** Logs to a run in progress; nothing but the InProgress record is written until flush, complete or fail. */
export class RunRecorder {
  private readonly steps: Record<string, MetricStep[]> = {};
  private readonly params: Record<string, ParameterValue>;
  private readonly inputs: ArtifactInput[] = [];
  private readonly outputs: ArtifactInput[] = [];
  private finished = false;

  constructor(private readonly store: StoreBackend, private readonly run: Run) {
    this.params = { ...run.Parameters };
  }

  /** The run's name. */
  get runName(): string { return this.run.RunName; }

  /** Adds or replaces parameters (numbers become NumberValue, text StringValue). */
  logParameters(params: Record<string, string | number | ParameterValue>): void {
    this.open();
    Object.assign(this.params, toParameters(params));
  }

  /** Logs one value of a metric; `step` defaults to the number of values logged before, `time` to now. */
  logMetric(name: string, value: number, step?: number, time?: string): void {
    this.open();
    checkMetricName(name);
    const list = (this.steps[name] ??= []);
    list.push(metricStep(name, value, step ?? list.length, time === undefined ? new Date().toISOString() : checkTime(time, `metric ${name} time`)));
  }

  /** Adds an input artifact (hashed when the run completes). */
  addInput(a: ArtifactInput): void { this.open(); this.inputs.push(a); }

  /** Adds an output artifact (hashed, and kept unless `store: false`, when the run completes). */
  addOutput(a: ArtifactInput): void { this.open(); this.outputs.push(a); }

  /** Writes the parameters and metrics so far, still InProgress (a long job's progress survives a crash). */
  async flush(): Promise<Run> {
    this.open();
    const now = new Date().toISOString();
    const run: Run = { ...this.run, Parameters: { ...this.params }, MetricSteps: structuredClone(this.steps), Metrics: summarizeMetrics(this.steps), LastModifiedTime: now };
    await this.store.commit(await runChange(this.store, run, [], [], false));
    return run;
  }

  /** Finishes the run as Completed (or Stopped) with its artifacts and lineage, in one commit; resolves to the stored run. */
  complete(options: { status?: 'Completed' | 'Stopped'; message?: string; endTime?: string } = {}): Promise<Run> {
    return this.finish(options.status ?? 'Completed', options.message, options.endTime);
  }

  /** Finishes the run as Failed with `message` (the error the user saw). */
  fail(message: string, endTime?: string): Promise<Run> {
    return this.finish('Failed', message, endTime);
  }

  private async finish(status: PrimaryStatus, message: string | undefined, endTime: string | undefined): Promise<Run> {
    this.open();
    const end = endTime === undefined ? new Date().toISOString() : checkTime(endTime, 'endTime');
    const { inputs, outputs } = await prepareAll({ inputs: this.inputs, outputs: this.outputs });
    const run: Run = {
      ...withArtifacts(this.run, inputs, outputs),
      Parameters: { ...this.params }, MetricSteps: structuredClone(this.steps), Metrics: summarizeMetrics(this.steps),
      Status: { PrimaryStatus: status, ...(message ? { Message: message.slice(0, 3072) } : {}) },
      EndTime: end < this.run.StartTime ? this.run.StartTime : end, LastModifiedTime: end,
    };
    await this.store.commit(await runChange(this.store, run, inputs, outputs));
    this.finished = true;
    return run;
  }

  private open() {
    if (this.finished) throw new ExperimentsError(`run ${this.run.RunName} has finished; start a new run to log more`);
  }
}
