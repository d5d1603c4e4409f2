// The studio's own pieces of a run (the job recorder calls these): experiment names per dataset, the dataset as an
// input, tags, JSON and text reports. What a training, tuning or Autopilot job records is the engine's, shared with
// the CLI (src/lib/experiments/job-content*.ts).
import type { ArtifactInput, Run, RunArtifacts, Tag } from '../experiments/index.ts';
import { ENTITY_NAME } from '../experiments/index.ts';

/** A dataset kept with a run: the Arrow IPC bytes are hashed; kept as a blob only up to this size (see datasetArtifact). */
export const KEEP_DATASET_BYTES = 5 * 1024 * 1024;

const encoder = new TextEncoder();

/** An experiment name (SageMaker's pattern) for runs on the dataset called `datasetName`: 'loan-approval.csv' → 'loan-approval-csv'. */
export function experimentNameFor(datasetName: string | null | undefined): string {
  const cleaned = (datasetName ?? '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100).replace(/-+$/, '');
  return cleaned && ENTITY_NAME.test(cleaned) ? cleaned : 'studio';
}

/**
 * The dataset as a run input. Storage rule: its bytes (the table as Arrow IPC) are always hashed, so runs on the same
 * data share one lineage artifact, but they are kept as a blob only up to KEEP_DATASET_BYTES (5 MB); a larger dataset
 * is recorded by hash and size only (Stored: false), so that recording many jobs on a big file does not fill the disk.
 */
export function datasetArtifact(ipc: Uint8Array, name: string): ArtifactInput {
  return { name: 'train', bytes: ipc, store: ipc.length <= KEEP_DATASET_BYTES, mediaType: 'application/vnd.apache.arrow.stream', fileName: `${name}.arrows`, type: 'DataSet' };
}

/** `run` with its tags replaced (SageMaker's AddTags/DeleteTags in one), modified now. */
export function withTags(run: Run, tags: readonly Tag[]): Run {
  return { ...run, Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })), LastModifiedTime: new Date().toISOString() };
}

/** `run` ended now as Failed with `message` (a run whose results could not be saved). */
export function failedRun(run: Run, message: string): Run {
  const now = new Date().toISOString();
  return { ...run, Status: { PrimaryStatus: 'Failed', Message: message.slice(0, 3072) }, EndTime: now < run.StartTime ? run.StartTime : now, LastModifiedTime: now };
}

/** A JSON document as an output artifact. */
export function jsonArtifact(name: string, fileName: string, value: unknown, type = 'Report'): ArtifactInput {
  return { name, bytes: encoder.encode(JSON.stringify(value, (_, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v))), mediaType: 'application/json', fileName, type };
}

/** Text as an output artifact. */
export function textArtifact(name: string, fileName: string, text: string, mediaType: string, type = 'Report'): ArtifactInput {
  return { name, bytes: encoder.encode(text), mediaType, fileName, type };
}

export type { RunArtifacts };

/** A dataset too large to keep (see datasetArtifact), recorded by the SHA-256 and size of its Arrow IPC bytes. */
export function datasetArtifactByHash(hash: string, size: number, name: string): ArtifactInput {
  return { name: 'train', hash, size, mediaType: 'application/vnd.apache.arrow.stream', fileName: `${name}.arrows`, type: 'DataSet' };
}


