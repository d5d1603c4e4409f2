import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { StoreQuotaError } from '../../../src/lib/store/backend.ts';
import { recordRun } from '../../../src/lib/experiments/index.ts';
import { DATASETS_COLLECTION, deleteDataset, getDataset, getDatasetBytes, listDatasets, saveDataset, touchDataset, type SaveDatasetInput } from '../../../src/lib/experiments/datasets.ts';

/** A small table as Arrow IPC stream bytes; `seed` changes its values. */
function ipc(seed: number): Uint8Array {
  return tableToIPC(tableFromArrays({ plant_height_cm: Float64Array.from([1.5, 2.25, seed]), species: ['fern', 'moss', `s${seed}`] }), 'stream');
}

const meta = (name: string, extra: Partial<SaveDatasetInput> = {}): SaveDatasetInput => ({ name, sourceKind: 'file', rows: 3, columns: 2, columnNames: ['plant_height_cm', 'species'], format: 'csv', ...extra });

describe('saveDataset', () => {
  it('keeps the record and the bytes in one commit, named by the SHA-256 of the bytes', async () => {
    const s = new MemoryBackend();
    const bytes = ipc(1);
    const commits: string[][] = [];
    s.subscribe((e) => commits.push(e.collections));
    const rec = await saveDataset(s, meta('greenhouse.csv', { sourceSize: 71, time: '2026-03-01T10:00:00Z' }), bytes);
    const hash = await sha256Hex(bytes);
    expect(commits).toEqual([[DATASETS_COLLECTION]]);
    expect(rec).toEqual({
      DatasetId: hash, DatasetName: 'greenhouse.csv', SourceKind: 'file', Format: 'csv', Rows: 3, Columns: 2,
      ColumnNames: ['plant_height_cm', 'species'], Size: bytes.length, SourceSize: 71, DataHash: hash,
      MediaType: 'application/vnd.apache.arrow.stream', CreationTime: '2026-03-01T10:00:00.000Z', LastOpenedTime: '2026-03-01T10:00:00.000Z',
    });
    expect(await getDataset(s, hash)).toEqual(rec);
    expect(await s.listBlobs()).toEqual([{ hash, size: bytes.length }]);
    const back = await getDatasetBytes(s, hash);
    expect(back).toEqual(bytes);
    expect(tableFromIPC(back).getChild('species')?.toArray()).toEqual(['fern', 'moss', 's1']);
  });

  it('saving the same bytes again keeps one copy, the first CreationTime and the newest name', async () => {
    const s = new MemoryBackend();
    const bytes = ipc(1);
    await saveDataset(s, meta('a.csv', { time: '2026-03-01T10:00:00Z' }), bytes);
    const again = await saveDataset(s, meta('a-copy.csv', { time: '2026-03-02T10:00:00Z' }), bytes.slice());
    expect(await listDatasets(s)).toEqual([again]);
    expect(again.CreationTime).toBe('2026-03-01T10:00:00.000Z');
    expect(again.LastOpenedTime).toBe('2026-03-02T10:00:00.000Z');
    expect(again.DatasetName).toBe('a-copy.csv');
    expect(await s.listBlobs()).toHaveLength(1);
  });

  it('replaces: the re-read dataset takes the old one\u2019s place and the old bytes are collected', async () => {
    const s = new MemoryBackend();
    const old = await saveDataset(s, meta('a.csv'), ipc(1));
    const next = await saveDataset(s, meta('a.csv', { replaces: old.DatasetId }), ipc(2));
    expect((await listDatasets(s)).map((d) => d.DatasetId)).toEqual([next.DatasetId]);
    expect((await s.listBlobs()).map((b) => b.hash)).toEqual([next.DataHash]);
  });

  it('a full store refuses the save with StoreQuotaError and keeps what was saved before', async () => {
    const first = ipc(1);
    const s = new MemoryBackend(first.length + 600);
    const kept = await saveDataset(s, meta('small.csv'), first);
    await expect(saveDataset(s, meta('big.csv'), ipc(2))).rejects.toBeInstanceOf(StoreQuotaError);
    expect(await listDatasets(s)).toEqual([kept]);
    expect(await s.listBlobs()).toEqual([{ hash: kept.DataHash, size: first.length }]);
  });

  it('keeps the URL only for URL datasets and cuts the column list to 1000 names', async () => {
    const s = new MemoryBackend();
    const names = Array.from({ length: 1500 }, (_, i) => `c${i}`);
    const url = await saveDataset(s, meta('x.csv', { sourceKind: 'url', sourceUrl: 'http://localhost/data/x.csv', columns: 1500, columnNames: names }), ipc(3));
    expect(url.SourceUrl).toBe('http://localhost/data/x.csv');
    expect(url.ColumnNames).toHaveLength(1000);
    expect(url.ColumnNames.at(-1)).toBe('c999');
    const file = await saveDataset(s, meta('y.csv', { sourceUrl: 'http://localhost/y.csv' }), ipc(4));
    expect(file.SourceUrl).toBeUndefined();
  });

  it('refuses bad arguments with messages that say what to give', async () => {
    const s = new MemoryBackend();
    await expect(saveDataset(s, meta(''), ipc(1))).rejects.toThrow('name must be the dataset\u2019s file name: 1 to 1024 characters');
    await expect(saveDataset(s, meta('a', { sourceKind: 'sample' as never }), ipc(1))).rejects.toThrow(`sourceKind must be 'file' or 'url' (samples are not saved); got "sample"`);
    await expect(saveDataset(s, meta('a', { rows: -1 }), ipc(1))).rejects.toThrow('rows must be a whole number ≥ 0; got -1');
    await expect(saveDataset(s, meta('a', { columns: 1.5 }), ipc(1))).rejects.toThrow('columns must be a whole number ≥ 0; got 1.5');
    await expect(saveDataset(s, meta('a'), new Uint8Array(0))).rejects.toThrow('ipcBytes must be the dataset\u2019s Arrow IPC stream bytes');
    await expect(saveDataset(s, meta('a', { time: 'yesterday' }), ipc(1))).rejects.toThrow('time must be an ISO 8601 time');
    await expect(saveDataset(s, meta('a', { replaces: 'abc' }), ipc(1))).rejects.toThrow('replaces (the DatasetId of the dataset this one replaces) must be a lower-case hex SHA-256');
    expect(await s.listBlobs()).toEqual([]);
  });
});

describe('listDatasets, touchDataset', () => {
  it('lists the last opened first; touching one moves it to the top', async () => {
    const s = new MemoryBackend();
    const a = await saveDataset(s, meta('a.csv', { time: '2026-03-01T00:00:00Z' }), ipc(1));
    const b = await saveDataset(s, meta('b.csv', { time: '2026-03-02T00:00:00Z' }), ipc(2));
    expect((await listDatasets(s)).map((d) => d.DatasetName)).toEqual(['b.csv', 'a.csv']);
    const touched = await touchDataset(s, a.DatasetId, '2026-03-03T00:00:00Z');
    expect(touched.LastOpenedTime).toBe('2026-03-03T00:00:00.000Z');
    expect(touched.CreationTime).toBe('2026-03-01T00:00:00.000Z');
    expect((await listDatasets(s)).map((d) => d.DatasetName)).toEqual(['a.csv', 'b.csv']);
    expect(b.DatasetId).not.toBe(a.DatasetId);
  });

  it('an unknown id is a NotFoundError that says where the ids are', async () => {
    const s = new MemoryBackend();
    await expect(touchDataset(s, 'f'.repeat(64))).rejects.toThrow(/no saved dataset has id f{64}.*'listDatasets' shows the saved ones/);
    await expect(getDatasetBytes(s, 'f'.repeat(64))).rejects.toThrow('no saved dataset has id');
    await expect(getDataset(s, 'nope')).rejects.toThrow('dataset id must be a lower-case hex SHA-256');
  });
});

describe('deleteDataset', () => {
  it('removes the record and its bytes when no run names them', async () => {
    const s = new MemoryBackend();
    const a = await saveDataset(s, meta('a.csv'), ipc(1));
    const b = await saveDataset(s, meta('b.csv'), ipc(2));
    expect(await deleteDataset(s, a.DatasetId)).toEqual({ deletedBlobs: [a.DataHash] });
    expect(await listDatasets(s)).toEqual([b]);
    expect((await s.listBlobs()).map((x) => x.hash)).toEqual([b.DataHash]);
    await expect(deleteDataset(s, a.DatasetId)).rejects.toThrow('no saved dataset has id');
  });

  it('keeps the bytes while a run still names them as its input', async () => {
    const s = new MemoryBackend();
    const bytes = ipc(1);
    const a = await saveDataset(s, meta('a.csv'), bytes);
    await recordRun(s, { ExperimentName: 'a-csv', JobType: 'Profile', Backend: 'cpu' }, { inputs: [{ name: 'train', bytes }] });
    expect(await s.listBlobs()).toHaveLength(1);
    expect(await deleteDataset(s, a.DatasetId)).toEqual({ deletedBlobs: [] });
    expect(await listDatasets(s)).toEqual([]);
    expect((await s.listBlobs()).map((x) => x.hash)).toEqual([a.DataHash]);
  });

  it('a record whose bytes vanished says so when opened', async () => {
    const s = new MemoryBackend();
    const a = await saveDataset(s, meta('gone.csv'), ipc(1));
    await s.deleteBlobs([a.DataHash]);
    await expect(getDatasetBytes(s, a.DatasetId)).rejects.toThrow('the bytes of gone.csv are missing from the store (cleared by the browser?); delete it and open the file again');
  });
});
