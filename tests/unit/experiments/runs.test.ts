import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { collectGarbage, compareRuns, deleteRun, getRun, listRuns, recordRun, COLLECTIONS } from '../../../src/lib/experiments/index.ts';
import { listAssociations } from '../../../src/lib/lineage/index.ts';

const text = (s: string) => new TextEncoder().encode(s);

async function three() {
  const s = new MemoryBackend();
  await recordRun(s, { RunName: 'beta', ExperimentName: 'e1', JobType: 'Training', Backend: 'cpu', StartTime: '2026-01-02T00:00:00Z', EndTime: '2026-01-02T00:00:00Z', Tags: [{ Key: 'stage', Value: 'dev' }], Parameters: { algo: 'xgboost' } });
  await recordRun(s, { RunName: 'alpha', ExperimentName: 'e1', JobType: 'Profile', Backend: 'cpu', StartTime: '2026-01-03T00:00:00Z', EndTime: '2026-01-03T00:00:00Z' });
  await recordRun(s, { RunName: 'gamma', DisplayName: 'Nightly Linear', ExperimentName: 'e2', JobType: 'Training', Backend: 'wasm', StartTime: '2026-01-01T00:00:00Z', EndTime: '2026-01-01T00:00:00Z', Tags: [{ Key: 'stage', Value: 'prod' }] });
  return s;
}
const names = (runs: { RunName: string }[]) => runs.map((r) => r.RunName);

describe('listRuns', () => {
  it('sorts newest first by default and by name on request', async () => {
    const s = await three();
    expect(names(await listRuns(s))).toEqual(['alpha', 'beta', 'gamma']);
    expect(names(await listRuns(s, { sortBy: 'CreationTime', sortOrder: 'Ascending' }))).toEqual(['gamma', 'beta', 'alpha']);
    expect(names(await listRuns(s, { sortBy: 'Name', sortOrder: 'Descending' }))).toEqual(['gamma', 'beta', 'alpha']);
  });

  it('filters by experiment, job type, tag, text and creation time', async () => {
    const s = await three();
    expect(names(await listRuns(s, { experiment: 'e1', sortBy: 'Name', sortOrder: 'Ascending' }))).toEqual(['alpha', 'beta']);
    expect(names(await listRuns(s, { jobType: 'Training', sortBy: 'Name', sortOrder: 'Ascending' }))).toEqual(['beta', 'gamma']);
    expect(names(await listRuns(s, { tag: { Key: 'stage' }, sortBy: 'Name', sortOrder: 'Ascending' }))).toEqual(['beta', 'gamma']);
    expect(names(await listRuns(s, { tag: { Key: 'stage', Value: 'prod' } }))).toEqual(['gamma']);
    expect(names(await listRuns(s, { text: 'nightly' }))).toEqual(['gamma']);
    expect(names(await listRuns(s, { text: 'XGB' }))).toEqual(['beta']);
    expect(names(await listRuns(s, { createdAfter: '2026-01-02T00:00:00Z', createdBefore: '2026-01-03T00:00:00Z' }))).toEqual(['beta']);
  });

  it('refuses a bad sort key with the valid ones', async () => {
    await expect(listRuns(new MemoryBackend(), { sortBy: 'Size' as never })).rejects.toThrow('sortBy must be Name or CreationTime; got "Size"');
  });
});

describe('deleteRun and garbage collection', () => {
  it('deletes the run, its child runs, its associations and the blobs nothing else names', async () => {
    const s = new MemoryBackend();
    const shared = text('dataset');
    const m1 = text('model one'), m2 = text('model two');
    const data = { name: 'train', bytes: shared, type: 'DataSet' };
    await recordRun(s, { RunName: 'tune', ExperimentName: 'e', JobType: 'Tuning', Backend: 'node' }, { inputs: [data] });
    await recordRun(s, { RunName: 'trial-1', ParentRunName: 'tune', ExperimentName: 'e', JobType: 'Training', Backend: 'node' }, { inputs: [data], outputs: [{ name: 'model', bytes: m1, type: 'Model' }] });
    await recordRun(s, { RunName: 'other', ExperimentName: 'e', JobType: 'Training', Backend: 'node' }, { inputs: [data], outputs: [{ name: 'model', bytes: m2, type: 'Model' }] });
    const out = await deleteRun(s, 'tune');
    expect(out.deletedRuns).toEqual(['trial-1', 'tune']);
    expect(out.deletedBlobs).toEqual([await sha256Hex(m1)]);
    expect(await getRun(s, 'trial-1')).toBeUndefined();
    expect((await s.listBlobs()).map((b) => b.hash).sort()).toEqual([await sha256Hex(shared), await sha256Hex(m2)].sort());
    expect((await listAssociations(s)).every((a) => !a.SourceArn.includes('trial-1') && !a.DestinationArn.includes('tune'))).toBe(true);
    expect((await s.list(COLLECTIONS.artifacts)).map((r) => r.id).sort()).toEqual([await sha256Hex(shared), await sha256Hex(m2)].sort());
    await expect(deleteRun(s, 'tune')).rejects.toThrow("no run named tune; 'listRuns' shows the names");
  });

  it('collectGarbage keeps blobs that any collection names, even one it does not own', async () => {
    const s = new MemoryBackend();
    const a = text('a'), b = text('b');
    const ha = await sha256Hex(a), hb = await sha256Hex(b);
    await s.commit({ blobs: [{ hash: ha, bytes: a }, { hash: hb, bytes: b }], put: [{ collection: 'datasets', id: 'd', value: { file: { hash: `sha256:${ha}` } } }] });
    expect(await collectGarbage(s)).toEqual([hb]);
    expect((await s.listBlobs()).map((x) => x.hash)).toEqual([ha]);
  });
});

describe('compareRuns', () => {
  it('lines up parameters and metrics as unions and aligns curves on the union of steps', async () => {
    const s = new MemoryBackend();
    const a = await recordRun(s, { RunName: 'a', ExperimentName: 'e', JobType: 'Training', Backend: 'cpu', Parameters: { eta: 0.1, depth: 3 }, Metrics: { loss: [{ Value: 3 }, { Value: 2 }, { Value: 1 }], auc: 0.8 } });
    const b = await recordRun(s, { RunName: 'b', ExperimentName: 'e', JobType: 'Training', Backend: 'cpu', Parameters: { eta: 0.1, gamma: 'x' }, Metrics: { loss: [{ Step: 0, Value: 4 }, { Step: 5, Value: 0.5 }] } });
    const c = compareRuns([a, b]);
    expect(c.runs).toEqual(['a', 'b']);
    expect(c.parameters).toEqual([
      { name: 'depth', values: [3, undefined], differs: true },
      { name: 'eta', values: [0.1, 0.1], differs: false },
      { name: 'gamma', values: [undefined, 'x'], differs: true },
    ]);
    expect(c.metrics).toEqual([
      { name: 'auc', last: [0.8, undefined], min: [0.8, undefined], max: [0.8, undefined] },
      { name: 'loss', last: [1, 0.5], min: [1, 0.5], max: [3, 4] },
    ]);
    expect(c.curves).toEqual([{ name: 'loss', steps: [0, 1, 2, 5], values: [[3, 2, 1, null], [4, null, null, 0.5]] }]);
    expect(() => compareRuns([])).toThrow('compareRuns needs at least one run');
  });
});
