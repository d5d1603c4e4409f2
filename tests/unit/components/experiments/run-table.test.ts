// The Experiments view's pure helpers on runs recorded by the real engine in a MemoryBackend: search and filters,
// sorting by a metric, tags as text, the bytes a delete frees (checked against what deleteRun actually frees),
// parallel-coordinates input and the storage items. Exact comparisons: no arithmetic beyond sums of byte counts.
import { describe, expect, it } from 'vitest';
import { bytesFreedBy, filterRuns, lastOf, metricNames, parallelInput, parseTags, runFamily, sortRuns, storageItems, tagsText } from '../../../../src/components/experiments/run-table.ts';
import { deleteRun, listRuns, recordRun, type Run } from '../../../../src/lib/experiments/index.ts';
import { createModelPackageGroup, listModelPackages, registerModel } from '../../../../src/lib/registry/index.ts';
import { sha256Hex } from '../../../../src/lib/store/hash.ts';
import { MemoryBackend } from '../../../../src/lib/store/memory-backend.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

async function fixture() {
  const store = new MemoryBackend();
  const shared = bytes('the same dataset for every run');
  const base = { ExperimentName: 'loans', JobType: 'Training' as const, Backend: 'cpu' };
  await recordRun(store, { ...base, RunName: 'a', StartTime: '2026-01-01T00:00:00Z', EndTime: '2026-01-01T00:01:00Z', Parameters: { eta: 0.1, booster: 'gbtree', 'mlpad.Algorithm': 'xgboost' }, Tags: [{ Key: 'team', Value: 'red' }], Metrics: { 'validation:auc': [{ Value: 0.6 }, { Value: 0.7 }] } },
    { inputs: [{ name: 'train', bytes: shared }], outputs: [{ name: 'model', bytes: bytes('model a, 24 bytes long..') }] });
  await recordRun(store, { ...base, RunName: 'b', StartTime: '2026-01-02T00:00:00Z', EndTime: '2026-01-02T00:01:00Z', Parameters: { eta: 0.3, booster: 'dart', 'mlpad.Algorithm': 'xgboost' }, Metrics: { 'validation:auc': 0.9 } },
    { inputs: [{ name: 'train', bytes: shared }], outputs: [{ name: 'model', bytes: bytes('model b') }] });
  await recordRun(store, { ...base, RunName: 'c', JobType: 'Profile', StartTime: '2026-01-03T00:00:00Z', EndTime: '2026-01-03T00:00:01Z', Parameters: { Rows: 10 } },
    { outputs: [{ name: 'profile', bytes: bytes('{"profile":1}') }] });
  await recordRun(store, { ...base, RunName: 'b-t1', ParentRunName: 'b', StartTime: '2026-01-02T00:00:10Z', EndTime: '2026-01-02T00:00:20Z', Parameters: { eta: 0.2 }, Metrics: { 'validation:auc': 0.8 } },
    { outputs: [{ name: 'model', bytes: bytes('trial model') }] });
  return { store, runs: await listRuns(store) };
}

describe('filterRuns and sortRuns', () => {
  it('filterRuns searches names, parameter names and values and tags, and filters by job type, status and tag', async () => {
    const { runs } = await fixture();
    const names = (rs: Run[]) => rs.map((r) => r.RunName).sort();
    expect(names(filterRuns(runs, { text: 'DART' }))).toEqual(['b']);
    expect(names(filterRuns(runs, { text: '0.1' }))).toEqual(['a']);
    expect(names(filterRuns(runs, { text: 'rows' }))).toEqual(['c']);
    expect(names(filterRuns(runs, { jobType: 'Profile' }))).toEqual(['c']);
    expect(names(filterRuns(runs, { tag: 'team' }))).toEqual(['a']);
    expect(names(filterRuns(runs, { tag: 'team=blue' }))).toEqual([]);
    expect(names(filterRuns(runs, { status: 'Completed', experiment: 'loans' }))).toHaveLength(4);
    expect(filterRuns(runs, { experiment: 'other' })).toEqual([]);
  });

  it('sortRuns by a metric puts runs without it last, and by time newest first unless ascending', async () => {
    const { runs } = await fixture();
    const order = (rs: Run[]) => rs.map((r) => r.RunName);
    expect(order(sortRuns(runs, { by: 'metric', metric: 'validation:auc' }, false))).toEqual(['b', 'b-t1', 'a', 'c']);
    expect(order(sortRuns(runs, { by: 'metric', metric: 'validation:auc' }, true))).toEqual(['a', 'b-t1', 'b', 'c']);
    expect(order(sortRuns(runs, { by: 'time' }, false))).toEqual(['c', 'b-t1', 'b', 'a']);
    expect(order(sortRuns(runs, { by: 'name' }, true))).toEqual(['a', 'b', 'b-t1', 'c']);
    expect(lastOf(runs.find((r) => r.RunName === 'a')!, 'validation:auc')).toBe(0.7);
    expect(metricNames(runs)).toEqual(['validation:auc']);
  });
});

describe('tags as text', () => {
  it('parseTags reads "key=value, key" and tagsText writes it back', () => {
    const tags = parseTags(' team = red , baseline,, team=blue, note=a=b ');
    expect(tags).toEqual([{ Key: 'team', Value: 'blue' }, { Key: 'baseline', Value: '' }, { Key: 'note', Value: 'a=b' }]);
    expect(parseTags(tagsText(tags))).toEqual(tags);
    expect(parseTags('  ,  ')).toEqual([]);
  });
});

describe('what a delete frees', () => {
  it('bytesFreedBy counts the run and its trials\u2019 blobs that nothing else names, as deleteRun then frees', async () => {
    const { store, runs } = await fixture();
    expect([...runFamily('b', runs)].sort()).toEqual(['b', 'b-t1']);
    const usage = await store.usage();
    // b's model (7 bytes) and its trial's model (11); the dataset is shared with a.
    expect(bytesFreedBy('b', runs, [], usage.blobs)).toBe(7 + 11);
    const { deletedBlobs } = await deleteRun(store, 'b');
    expect(deletedBlobs.reduce((n, h) => n + usage.blobs[h], 0)).toBe(7 + 11);
  });

  it('a registered model keeps its blob: bytesFreedBy leaves it out, and so does deleteRun', async () => {
    const { store, runs } = await fixture();
    await createModelPackageGroup(store, { ModelPackageGroupName: 'g' });
    await registerModel(store, { ModelPackageGroupName: 'g', RunName: 'a' });
    const packages = await listModelPackages(store);
    const usage = await store.usage();
    expect(bytesFreedBy('a', runs, packages, usage.blobs)).toBe(0);
    const { deletedBlobs } = await deleteRun(store, 'a');
    expect(deletedBlobs).toEqual([]);
  });
});

describe('parallelInput', () => {
  it('keeps one axis per varying parameter (numbers continuous, text categorical) and drops runs without the metric', async () => {
    const { runs } = await fixture();
    const { trials, rows } = parallelInput(runs, 'validation:auc');
    expect(trials.map((t) => t.TrainingJobName).sort()).toEqual(['a', 'b', 'b-t1']);
    expect(rows.map((r) => [r.name, r.kind])).toEqual([['booster', 'categorical'], ['eta', 'continuous']]);
    expect(rows[1]).toMatchObject({ min: '0.1', max: '0.3' });
    expect(rows[0].values).toEqual(['dart', 'gbtree']);
    expect(trials.find((t) => t.TrainingJobName === 'a')!.FinalHyperParameterTuningJobObjectiveMetric!.Value).toBe(0.7);
  });
});

describe('storageItems', () => {
  it('lists top-level runs with their family\u2019s outputs, kept datasets and unreferenced blobs, largest first', async () => {
    const { store, runs } = await fixture();
    const orphan = bytes('nobody names me');
    const hash = await sha256Hex(orphan);
    await store.commit({ blobs: [{ hash, bytes: orphan }] });
    const items = storageItems(runs, [], (await store.usage()).blobs);
    expect(items.filter((i) => i.kind === 'run').map((i) => i.runName).sort()).toEqual(['a', 'b', 'c']);
    expect(items.filter((i) => i.kind === 'unreferenced')).toEqual([{ kind: 'unreferenced', name: hash, bytes: orphan.length }]);
    expect(items.filter((i) => i.kind === 'dataset')).toHaveLength(1);
    const b = items.find((i) => i.runName === 'b')!;
    const json = runs.filter((r) => r.RunName === 'b' || r.RunName === 'b-t1').reduce((n, r) => n + bytes(JSON.stringify(r)).length, 0);
    expect(b.bytes).toBe(json + 7 + 11);
    for (let k = 1; k < items.length; k++) expect(items[k - 1].bytes).toBeGreaterThanOrEqual(items[k].bytes);
  });
});
