// CreateExperiment, DescribeExperiment, ListExperiments and DeleteExperiment over a StoreBackend.
import type { RecordPut, StoreBackend } from '../store/backend.ts';
import { COLLECTIONS } from './collections.ts';
import type { Experiment, Run, Tag } from './types.ts';
import { checkName, checkTags, checkTime, ExperimentsError, NotFoundError } from './validate.ts';

/** What createExperiment takes. */
export interface ExperimentInput {
  ExperimentName: string;
  /** Defaults to ExperimentName. */
  DisplayName?: string;
  /** Defaults to none. */
  Description?: string;
  /** Defaults to none. */
  Tags?: Tag[];
  /** Defaults to now. */
  CreationTime?: string;
}

/** Checks `input` and returns the experiment record it describes. */
export function experimentRecord(input: ExperimentInput): Experiment {
  checkName(input?.ExperimentName, 'ExperimentName');
  const tags = input.Tags ?? [];
  checkTags(tags);
  if (input.DisplayName !== undefined && (typeof input.DisplayName !== 'string' || input.DisplayName.length === 0 || input.DisplayName.length > 120)) throw new ExperimentsError('DisplayName must be text of 1 to 120 characters');
  if (input.Description !== undefined && (typeof input.Description !== 'string' || input.Description.length > 3072)) throw new ExperimentsError('Description must be text of at most 3072 characters');
  const time = input.CreationTime === undefined ? new Date().toISOString() : checkTime(input.CreationTime, 'CreationTime');
  return {
    ExperimentName: input.ExperimentName,
    DisplayName: input.DisplayName ?? input.ExperimentName,
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    CreationTime: time,
    LastModifiedTime: time,
  };
}

export const experimentPut = (e: Experiment): RecordPut => ({ collection: COLLECTIONS.experiments, id: e.ExperimentName, value: e });

/** Creates an experiment; an existing name is an error (SageMaker's CreateExperiment). */
export async function createExperiment(store: StoreBackend, input: ExperimentInput): Promise<Experiment> {
  const e = experimentRecord(input);
  if (await store.get(COLLECTIONS.experiments, e.ExperimentName)) throw new ExperimentsError(`an experiment named ${e.ExperimentName} already exists; choose another name`);
  await store.commit({ put: [experimentPut(e)] });
  return e;
}

/** The experiment, or undefined. */
export async function getExperiment(store: StoreBackend, name: string): Promise<Experiment | undefined> {
  checkName(name, 'ExperimentName');
  return (await store.get(COLLECTIONS.experiments, name)) as Experiment | undefined;
}

/** Options of listExperiments. */
export interface ListExperimentsOptions {
  /** Only those created at or after this ISO time; defaults to no bound. */
  createdAfter?: string;
  /** Only those created before this ISO time; defaults to no bound. */
  createdBefore?: string;
  /** Defaults to 'CreationTime'. */
  sortBy?: 'Name' | 'CreationTime';
  /** Defaults to 'Descending' (newest first), as SageMaker. */
  sortOrder?: 'Ascending' | 'Descending';
}

/** Experiments, newest first unless asked otherwise (SageMaker's ListExperiments). */
export async function listExperiments(store: StoreBackend, options: ListExperimentsOptions = {}): Promise<Experiment[]> {
  const after = options.createdAfter === undefined ? -Infinity : Date.parse(checkTime(options.createdAfter, 'createdAfter'));
  const before = options.createdBefore === undefined ? Infinity : Date.parse(checkTime(options.createdBefore, 'createdBefore'));
  const all = (await store.list(COLLECTIONS.experiments)).map((r) => r.value as Experiment)
    .filter((e) => { const t = Date.parse(e.CreationTime); return t >= after && t < before; });
  const key = options.sortBy ?? 'CreationTime';
  const sign = (options.sortOrder ?? 'Descending') === 'Ascending' ? 1 : -1;
  return all.sort((a, b) => sign * (key === 'Name' ? cmp(a.ExperimentName, b.ExperimentName) : cmp(a.CreationTime, b.CreationTime) || cmp(a.ExperimentName, b.ExperimentName)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deletes an experiment that has no runs left (SageMaker refuses too); delete its runs first. */
export async function deleteExperiment(store: StoreBackend, name: string): Promise<void> {
  checkName(name, 'ExperimentName');
  if (!(await store.get(COLLECTIONS.experiments, name))) throw new NotFoundError(`no experiment named ${name}`);
  const runs = (await store.list(COLLECTIONS.runs)).filter((r) => (r.value as Run).ExperimentName === name);
  if (runs.length) throw new ExperimentsError(`experiment ${name} still has ${runs.length} run${runs.length === 1 ? '' : 's'}; delete them first`);
  await store.commit({ delete: [{ collection: COLLECTIONS.experiments, id: name }] });
}
