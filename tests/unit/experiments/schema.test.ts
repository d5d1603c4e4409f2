import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { getRun, listRuns, migrate, schemaVersion, EXPERIMENTS_SCHEMA_VERSION, COLLECTIONS } from '../../../src/lib/experiments/index.ts';

describe('migrate', () => {
  it('opens runs written in the version-0 layout (no Backend, no MetricSteps, Metrics as final values)', async () => {
    const s = new MemoryBackend();
    const model = new TextEncoder().encode('m');
    const hash = await sha256Hex(model);
    // The first layout, as an earlier mlpad wrote it: no meta record.
    await s.commit({
      blobs: [{ hash, bytes: model }],
      put: [
        { collection: 'experiments', id: 'old', value: { ExperimentName: 'old', DisplayName: 'old', Tags: [], CreationTime: '2025-05-01T00:00:00.000Z', LastModifiedTime: '2025-05-01T00:00:00.000Z' } },
        { collection: 'runs', id: 'r0', value: {
          RunName: 'r0', ExperimentName: 'old', DisplayName: 'r0', JobType: 'Training', Status: { PrimaryStatus: 'Completed' },
          CreationTime: '2025-05-01T00:00:00.000Z', StartTime: '2025-05-01T00:00:00.000Z', EndTime: '2025-05-01T00:10:00.000Z',
          Parameters: { eta: { NumberValue: 0.2 } }, InputArtifacts: {}, OutputArtifacts: { model: { Value: hash, MediaType: 'application/json' } },
          Metrics: { 'validation:auc': 0.9, 'validation:logloss': 0.3 }, Tags: [],
        } },
      ],
    });
    expect(await schemaVersion(s)).toBe(0);
    expect(await migrate(s)).toBe(0);
    expect(await schemaVersion(s)).toBe(EXPERIMENTS_SCHEMA_VERSION);
    const r = (await getRun(s, 'r0'))!;
    expect(r.Backend).toBe('unknown');
    expect(r.LastModifiedTime).toBe('2025-05-01T00:10:00.000Z');
    expect(r.Metrics.map((m) => [m.MetricName, m.Last, m.Count])).toEqual([['validation:auc', 0.9, 1], ['validation:logloss', 0.3, 1]]);
    expect(r.MetricSteps['validation:auc']).toEqual([{ Step: 0, Value: 0.9, Time: '2025-05-01T00:10:00.000Z' }]);
    expect(r.OutputArtifacts.model).toEqual({ Value: hash, MediaType: 'application/json', Size: 0, Name: 'model', Stored: true });
    expect((await listRuns(s, { text: 'r0' })).length).toBe(1);
    // A second call finds the current layout and changes nothing.
    const before = await s.list(COLLECTIONS.runs);
    expect(await migrate(s)).toBe(EXPERIMENTS_SCHEMA_VERSION);
    expect(await s.list(COLLECTIONS.runs)).toEqual(before);
  });

  it('stamps an empty store with the current version and refuses one from a newer mlpad', async () => {
    const s = new MemoryBackend();
    expect(await migrate(s)).toBe(EXPERIMENTS_SCHEMA_VERSION);
    expect(await s.get(COLLECTIONS.meta, 'experiments-schema')).toEqual({ version: EXPERIMENTS_SCHEMA_VERSION });
    await s.commit({ put: [{ collection: COLLECTIONS.meta, id: 'experiments-schema', value: { version: 99 } }] });
    await expect(migrate(s)).rejects.toThrow('these experiments were written by a newer mlpad (layout 99; this one reads up to 1); update mlpad to open them');
  });
});
