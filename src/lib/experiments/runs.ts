// DescribeTrialComponent, ListTrialComponents (search by experiment, job type, tag, text and creation time, sorted
// by name or time) and DeleteTrialComponent, with garbage collection of blobs no record names.
import type { RecordDelete, StoreBackend } from '../store/backend.ts';
import { associationId, listAssociations } from '../lineage/associations.ts';
import { parseArn, runArn } from '../lineage/arn.ts';
import { COLLECTIONS } from './collections.ts';
import { JOB_TYPES, type JobType, type Run } from './types.ts';
import { checkName, checkTime, ExperimentsError, NotFoundError } from './validate.ts';

/** The run, or undefined. */
export async function getRun(store: StoreBackend, runName: string): Promise<Run | undefined> {
  checkName(runName, 'RunName');
  return (await store.get(COLLECTIONS.runs, runName)) as Run | undefined;
}

/** What listRuns filters and sorts by. */
export interface RunQuery {
  /** Only runs of this experiment; defaults to all. */
  experiment?: string;
  /** Only runs of this job type; defaults to all. */
  jobType?: JobType;
  /** Only runs with this tag key (and value, when given); defaults to all. */
  tag?: { Key: string; Value?: string };
  /** Only runs whose name, display name, experiment, tag or text parameter contains this (any case); defaults to all. */
  text?: string;
  /** Only runs created at or after this ISO time; defaults to no bound. */
  createdAfter?: string;
  /** Only runs created before this ISO time; defaults to no bound. */
  createdBefore?: string;
  /** Only runs whose ParentRunName is this; null for top-level runs only; defaults to all. */
  parent?: string | null;
  /** Defaults to 'CreationTime'. */
  sortBy?: 'Name' | 'CreationTime';
  /** Defaults to 'Descending' (newest first), as SageMaker. */
  sortOrder?: 'Ascending' | 'Descending';
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function matchesText(r: Run, needle: string): boolean {
  const hay = [r.RunName, r.DisplayName, r.ExperimentName, ...r.Tags.flatMap((t) => [t.Key, t.Value]),
    ...Object.values(r.Parameters).flatMap((p) => ('StringValue' in p ? [p.StringValue] : []))];
  return hay.some((h) => h.toLowerCase().includes(needle));
}

/** Runs that match `query`, newest first unless asked otherwise. */
export async function listRuns(store: StoreBackend, query: RunQuery = {}): Promise<Run[]> {
  if (query.experiment !== undefined) checkName(query.experiment, 'experiment');
  if (query.jobType !== undefined && !JOB_TYPES.includes(query.jobType)) throw new ExperimentsError(`jobType must be one of ${JOB_TYPES.join(', ')}; got ${JSON.stringify(query.jobType)}`);
  if (query.sortBy !== undefined && query.sortBy !== 'Name' && query.sortBy !== 'CreationTime') throw new ExperimentsError(`sortBy must be Name or CreationTime; got ${JSON.stringify(query.sortBy)}`);
  if (query.sortOrder !== undefined && query.sortOrder !== 'Ascending' && query.sortOrder !== 'Descending') throw new ExperimentsError(`sortOrder must be Ascending or Descending; got ${JSON.stringify(query.sortOrder)}`);
  const after = query.createdAfter === undefined ? -Infinity : Date.parse(checkTime(query.createdAfter, 'createdAfter'));
  const before = query.createdBefore === undefined ? Infinity : Date.parse(checkTime(query.createdBefore, 'createdBefore'));
  const needle = query.text?.trim().toLowerCase();
  const runs = (await store.list(COLLECTIONS.runs)).map((r) => r.value as Run).filter((r) => {
    const t = Date.parse(r.CreationTime);
    return (query.experiment === undefined || r.ExperimentName === query.experiment)
      && (query.jobType === undefined || r.JobType === query.jobType)
      && (query.tag === undefined || r.Tags.some((g) => g.Key === query.tag!.Key && (query.tag!.Value === undefined || g.Value === query.tag!.Value)))
      && (!needle || matchesText(r, needle))
      && (query.parent === undefined || (query.parent === null ? r.ParentRunName === undefined : r.ParentRunName === query.parent))
      && t >= after && t < before;
  });
  const sign = (query.sortOrder ?? 'Descending') === 'Ascending' ? 1 : -1;
  const byName = (query.sortBy ?? 'CreationTime') === 'Name';
  return runs.sort((a, b) => sign * (byName ? cmp(a.RunName, b.RunName) : cmp(a.CreationTime, b.CreationTime) || cmp(a.RunName, b.RunName)));
}

/** Deletes a run, its child runs (a tuning job's trials), their associations and lineage artifacts nothing else uses, then blobs no record names. */
export async function deleteRun(store: StoreBackend, runName: string): Promise<{ deletedRuns: string[]; deletedBlobs: string[] }> {
  const run = await getRun(store, runName);
  if (!run) throw new NotFoundError(`no run named ${runName}; 'listRuns' shows the names`);
  const all = (await store.list(COLLECTIONS.runs)).map((r) => r.value as Run);
  const doomed = new Set([runName]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of all) if (r.ParentRunName && doomed.has(r.ParentRunName) && !doomed.has(r.RunName)) { doomed.add(r.RunName); grew = true; }
  }
  const arns = new Set([...doomed].map(runArn));
  const associations = await listAssociations(store);
  const gone = associations.filter((a) => arns.has(a.SourceArn) || arns.has(a.DestinationArn));
  const kept = associations.filter((a) => !gone.includes(a));
  const del: RecordDelete[] = [...doomed].map((id) => ({ collection: COLLECTIONS.runs, id }));
  for (const a of gone) del.push({ collection: COLLECTIONS.associations, id: associationId(a.SourceArn, a.DestinationArn) });
  // A lineage artifact stays while another association names it.
  const touched = new Set(gone.flatMap((a) => [a.SourceArn, a.DestinationArn]).filter((arn) => parseArn(arn)?.kind === 'artifact'));
  for (const arn of touched) {
    if (!kept.some((a) => a.SourceArn === arn || a.DestinationArn === arn)) del.push({ collection: COLLECTIONS.artifacts, id: parseArn(arn)!.name });
  }
  await store.commit({ delete: del });
  const deletedBlobs = await collectGarbage(store);
  return { deletedRuns: [...doomed].sort(), deletedBlobs };
}

const HASH_IN_TEXT = /[0-9a-f]{64}/g;

/**
 * Deletes blobs that no record in any collection names (a blob is named when its hash appears in a record's
 * JSON, so other features' records keep theirs); resolves to the deleted hashes.
 */
export async function collectGarbage(store: StoreBackend): Promise<string[]> {
  const named = new Set<string>();
  for (const c of await store.collections()) {
    for (const r of await store.list(c)) for (const m of JSON.stringify(r).matchAll(HASH_IN_TEXT)) named.add(m[0]);
  }
  const unused = (await store.listBlobs()).map((b) => b.hash).filter((h) => !named.has(h));
  if (unused.length) await store.deleteBlobs(unused);
  return unused;
}

