// The layout version of the experiments, registry and lineage records, and the migrations that bring records
// written by an earlier mlpad up to date. Call migrate(store) once when a store is opened, before reading.
import type { RecordPut, StoreBackend } from '../store/backend.ts';
import { COLLECTIONS, SCHEMA_RECORD_ID } from './collections.ts';
import { summarizeMetrics } from './metrics.ts';
import type { ArtifactRef, MetricStep, Run } from './types.ts';
import { ExperimentsError } from './validate.ts';

/** The layout this code writes. */
export const EXPERIMENTS_SCHEMA_VERSION = 1;

/** A record as an earlier layout wrote it: any JSON object. */
type Loose = Record<string, unknown>;

/**
 * Version 0 (the first layout, before a version was stored): runs had no Backend, no MetricSteps and no
 * LastModifiedTime, Metrics was { name: final value }, and artifacts had no Stored flag (set from whether the blob is there).
 */
function runFromV0(old: Loose, stored: Set<string>): Run {
  const time = String(old.EndTime ?? old.StartTime ?? old.CreationTime);
  const steps: Record<string, MetricStep[]> = {};
  const metrics = old.Metrics;
  if (metrics && typeof metrics === 'object' && !Array.isArray(metrics)) {
    for (const [k, v] of Object.entries(metrics as Loose)) if (typeof v === 'number' && Number.isFinite(v)) steps[k] = [{ Step: 0, Value: v, Time: time }];
  }
  const artifacts = (a: unknown): Run['InputArtifacts'] => Object.fromEntries(Object.entries((a ?? {}) as Record<string, Loose>).map(([k, r]) => [k, { Size: 0, Name: k, MediaType: 'application/octet-stream', Value: '', ...r, Stored: stored.has(String(r.Value)) } as ArtifactRef]));
  return {
    ...(old as unknown as Run),
    Backend: typeof old.Backend === 'string' ? old.Backend : 'unknown',
    LastModifiedTime: typeof old.LastModifiedTime === 'string' ? old.LastModifiedTime : time,
    Parameters: (old.Parameters ?? {}) as Run['Parameters'],
    Tags: (old.Tags ?? []) as Run['Tags'],
    InputArtifacts: artifacts(old.InputArtifacts),
    OutputArtifacts: artifacts(old.OutputArtifacts),
    MetricSteps: steps,
    Metrics: summarizeMetrics(steps),
  };
}

/** The stored layout version: the meta record's, 0 for records written before there was one, the current one for an empty store. */
export async function schemaVersion(store: StoreBackend): Promise<number> {
  const meta = (await store.get(COLLECTIONS.meta, SCHEMA_RECORD_ID)) as { version?: unknown } | undefined;
  if (meta && typeof meta.version === 'number') return meta.version;
  const used = await store.collections();
  return used.includes(COLLECTIONS.runs) || used.includes(COLLECTIONS.experiments) ? 0 : EXPERIMENTS_SCHEMA_VERSION;
}

/**
 * Brings the store's records to EXPERIMENTS_SCHEMA_VERSION in one atomic commit; resolves to the version it found.
 * A store written by a newer mlpad is refused, untouched.
 */
export async function migrate(store: StoreBackend): Promise<number> {
  const found = await schemaVersion(store);
  if (found > EXPERIMENTS_SCHEMA_VERSION) throw new ExperimentsError(`these experiments were written by a newer mlpad (layout ${found}; this one reads up to ${EXPERIMENTS_SCHEMA_VERSION}); update mlpad to open them`);
  const meta = await store.get(COLLECTIONS.meta, SCHEMA_RECORD_ID);
  if (found === EXPERIMENTS_SCHEMA_VERSION && meta) return found;
  const put: RecordPut[] = [];
  if (found < 1) {
    const stored = new Set((await store.listBlobs()).map((b) => b.hash));
    for (const r of await store.list(COLLECTIONS.runs)) put.push({ collection: COLLECTIONS.runs, id: r.id, value: runFromV0(r.value as Loose, stored) });
  }
  put.push({ collection: COLLECTIONS.meta, id: SCHEMA_RECORD_ID, value: { version: EXPERIMENTS_SCHEMA_VERSION } });
  await store.commit({ put });
  return found;
}
