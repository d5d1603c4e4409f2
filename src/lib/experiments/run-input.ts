// What a caller gives to record a run, and its checks: names, parameters, metric values.
import { ExperimentsError, checkFinite, checkName, checkTags, checkTime } from './validate.ts';
import { JOB_TYPES, type JobType, type MetricStep, type ParameterValue, type RunSource, type Tag } from './types.ts';

/** A run as it starts. */
export interface RunInput {
  /** Unique in the store; defaults to '<jobtype>-<yyyymmdd-hhmmss>-<4 hex>'. */
  RunName?: string;
  /** Created when it does not exist yet. */
  ExperimentName: string;
  /** Defaults to RunName. */
  DisplayName?: string;
  JobType: JobType;
  /** Numbers become NumberValue, text StringValue; defaults to none. */
  Parameters?: Record<string, string | number | ParameterValue>;
  /** Defaults to none. */
  Tags?: Tag[];
  /** The compute backend: 'cpu', 'wasm', 'webgpu', 'node'… */
  Backend: string;
  /** The parent job; defaults to none. */
  Source?: RunSource;
  /** The run this one belongs to (a tuning run for a trial); defaults to none. */
  ParentRunName?: string;
  /** Defaults to now. */
  StartTime?: string;
}

/** A finished run, for recordRun. */
export interface CompletedRunInput extends RunInput {
  /** Defaults to now. */
  EndTime?: string;
  /** Defaults to Completed. */
  Status?: { PrimaryStatus: 'Completed' | 'Failed' | 'Stopped'; Message?: string };
  /** A final value, or a series of values (Step defaults to the index, Time to EndTime), by metric name; defaults to none. */
  Metrics?: Record<string, number | { Step?: number; Value: number; Time?: string }[]>;
}

const PARAM_NAME = /^.{1,256}$/su;

/** Parameters as SageMaker's typed values. */
export function toParameters(params: RunInput['Parameters']): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (!PARAM_NAME.test(k)) throw new ExperimentsError('a parameter name must be 1 to 256 characters');
    if (typeof v === 'number') { checkFinite(v, `parameter ${k}`); out[k] = { NumberValue: v }; }
    else if (typeof v === 'string') { if (v.length > 2500) throw new ExperimentsError(`parameter ${k} is longer than 2500 characters`); out[k] = { StringValue: v }; }
    else if (v && typeof v === 'object' && 'NumberValue' in v) { checkFinite(v.NumberValue, `parameter ${k}`); out[k] = { NumberValue: v.NumberValue }; }
    else if (v && typeof v === 'object' && 'StringValue' in v && typeof v.StringValue === 'string') out[k] = { StringValue: v.StringValue };
    else throw new ExperimentsError(`parameter ${k} must be a number, text, {NumberValue} or {StringValue}`);
  }
  return out;
}

/** Throws unless `name` is a metric name of 1 to 255 characters. */
export function checkMetricName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) throw new ExperimentsError('a metric name must be text of 1 to 255 characters');
}

/** One checked metric step. */
export function metricStep(name: string, value: number, step: number, time: string): MetricStep {
  checkFinite(value, `metric ${name}`);
  if (!Number.isInteger(step) || step < 0) throw new ExperimentsError(`metric ${name}: step must be an integer ≥ 0; got ${step}`);
  return { Step: step, Value: value, Time: time };
}

function randomHex(n: number): string {
  const b = new Uint8Array(Math.ceil(n / 2));
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('').slice(0, n);
}

/** A fresh run name: job type, UTC start time and 4 random hex digits. */
export function defaultRunName(jobType: JobType, start: string): string {
  const t = start.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${jobType.toLowerCase()}-${t}-${randomHex(4)}`;
}

/** Checks the fields every run has; returns its name and times normalised. */
export function checkRunInput(input: RunInput): { runName: string; start: string } {
  if (!input || typeof input !== 'object') throw new ExperimentsError('a run must be an object with ExperimentName, JobType and Backend');
  checkName(input.ExperimentName, 'ExperimentName');
  if (!JOB_TYPES.includes(input.JobType)) throw new ExperimentsError(`JobType must be one of ${JOB_TYPES.join(', ')}; got ${JSON.stringify(input.JobType)}`);
  if (typeof input.Backend !== 'string' || input.Backend.length < 1 || input.Backend.length > 64) throw new ExperimentsError('Backend must name the compute backend (1 to 64 characters), e.g. cpu, wasm, webgpu or node');
  checkTags(input.Tags ?? []);
  if (input.DisplayName !== undefined && (typeof input.DisplayName !== 'string' || input.DisplayName.length < 1 || input.DisplayName.length > 120)) throw new ExperimentsError('DisplayName must be text of 1 to 120 characters');
  if (input.ParentRunName !== undefined) checkName(input.ParentRunName, 'ParentRunName');
  const start = input.StartTime === undefined ? new Date().toISOString() : checkTime(input.StartTime, 'StartTime');
  const runName = input.RunName ?? defaultRunName(input.JobType, start);
  checkName(runName, 'RunName');
  return { runName, start };
}
