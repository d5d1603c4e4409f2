// Issue 13's "one copy of the data": a table loaded with sharing on lives in SharedArrayBuffer memory, crosses
// threads as a SharedTable (posting shares the memory) and is rebuilt over the same bytes; its IPC size, hash and
// saved bytes are those of the Arrow IPC stream, as before.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { createDataEngine } from '../../../src/lib/engine/data-engine.ts';
import { isSharedTable, shareTable, tableFromShared, type SharedTable } from '../../../src/lib/data/shared-table.ts';
import { copyChunks, ipcByteLength, ipcChunks, joinChunks } from '../../../src/lib/data/ipc-chunks.ts';
import { isShared } from '../../../src/lib/data/shared-memory.ts';

const CSV = [
  'x,n,city,when,flag,note',
  '1.5,3,Seattle,2024-01-02,true,a',
  '-2.25,,Boise,2024-02-03,false,b',
  '3,7,Seattle,,true,',
  '4.125,9,Reno,2024-04-05,,d',
].join('\n') + '\n';

/** Every non-text buffer under the table's columns, with whether it is in shared memory. */
function columnBuffers(shared: SharedTable): { column: number; shared: boolean }[] {
  return shared.batches.flatMap((b) => b.children.flatMap((c, column) => c.buffers.filter((x) => x !== undefined).map((x) => ({ column, shared: isShared(x!) }))));
}

async function loadShared(): Promise<SharedTable> {
  const loaded = await createDataEngine({ share: true }).loadBlob(new Blob([CSV]), 't.csv', {});
  expect(loaded.ipc.byteLength).toBe(0);
  expect(isSharedTable(loaded.shared)).toBe(true);
  return loaded.shared!;
}

describe('shared tables', () => {
  it('a load with share: true builds every column buffer in shared memory, and the rebuilt table reads the same values', async () => {
    const shared = await loadShared();
    expect(columnBuffers(shared).every((b) => b.shared)).toBe(true);
    const plain = tableFromIPC((await createDataEngine({ share: false }).loadBlob(new Blob([CSV]), 't.csv', {})).ipc);
    const table = tableFromShared(structuredClone(shared));
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(plain.schema.fields.map((f) => `${f.name}:${f.type}`));
    expect(table.toArray().map((r) => r.toJSON())).toEqual(plain.toArray().map((r) => r.toJSON()));
    expect(table.schema.fields.map((f) => [...f.metadata])).toEqual(plain.schema.fields.map((f) => [...f.metadata]));
  });

  it('posting a SharedTable shares its columns: a value written through one side is seen by the other', async () => {
    const shared = await loadShared();
    const posted = structuredClone(shared);
    const mine = tableFromShared(shared).getChild('x')!.data[0].values as Float64Array;
    const theirs = tableFromShared(posted).getChild('x')!.data[0].values as Float64Array;
    expect(theirs.buffer).not.toBe(mine.buffer);
    mine[0] = 42;
    expect(theirs[0]).toBe(42);
  });

  it('dictionaries stay in ordinary memory (TextDecoder refuses shared views in Chromium) and are copied on posting', async () => {
    const shared = await loadShared();
    const city = shared.batches[0].children[2];
    expect(city.dictionary).not.toBeNull();
    expect(city.dictionary!.every((d) => d.buffers.every((b) => b === undefined || !isShared(b)))).toBe(true);
    expect(isShared(city.buffers[1]!)).toBe(true);
  });

  it('its ipcBytes, chunks and digest are those of tableToIPC(table, "stream")', async () => {
    const shared = await loadShared();
    const table = tableFromShared(shared);
    const ipc = tableToIPC(table, 'stream');
    expect(shared.ipcBytes).toBe(ipc.byteLength);
    expect(ipcByteLength(table)).toBe(ipc.byteLength);
    expect(joinChunks(ipcChunks(table))).toEqual(ipc);
    const copied = await copyChunks(ipcChunks(table), async () => {});
    expect(copied).toEqual(ipc);
    expect(isShared(copied)).toBe(false);
    const engine = createDataEngine({ share: true });
    await engine.setTable(structuredClone(shared));
    expect(await engine.digest()).toEqual({ sha256: createHash('sha256').update(ipc).digest('hex'), bytes: ipc.byteLength });
  });

  it('the profile engine takes a SharedTable without copying and profiles it like the IPC bytes', async () => {
    const shared = await loadShared();
    const a = createDataEngine({ share: true });
    const b = createDataEngine({ share: false });
    expect(await a.setTable(shared)).toEqual(await b.setTable(tableToIPC(tableFromShared(shared), 'stream')));
    expect(await a.profile({})).toEqual(await b.profile({}));
  });

  it('shareTable copies the buffers of a table built in ordinary memory, and leaves dictionaries ordinary', async () => {
    const plain = tableFromIPC((await createDataEngine({ share: false }).loadBlob(new Blob([CSV]), 't.csv', {})).ipc);
    const shared = shareTable(plain);
    expect(columnBuffers(shared).every((b) => b.shared)).toBe(true);
    expect(shared.batches[0].children[2].dictionary!.every((d) => d.buffers.every((x) => x === undefined || !isShared(x)))).toBe(true);
    expect(tableFromShared(shared).toArray().map((r) => r.toJSON())).toEqual(plain.toArray().map((r) => r.toJSON()));
  });

  it('a table of several batches with nested, list and plain text columns comes back whole', () => {
    const batch = (k: number) => new Table({
      list: vectorFromArray([[1, 2], [3 + k], null]),
      text: vectorFromArray(['a', null, `c${k}`], new Utf8()),
      n: vectorFromArray([1.5, null, k]),
    }).batches[0];
    const plain = new Table([batch(1), batch(2)]);
    const shared = shareTable(plain);
    expect(shared.batches).toHaveLength(2);
    const back = tableFromShared(structuredClone(shared));
    expect(back.toArray().map((r) => JSON.stringify(r.toJSON()))).toEqual(plain.toArray().map((r) => JSON.stringify(r.toJSON())));
    expect(tableToIPC(back, 'stream')).toEqual(tableToIPC(plain, 'stream'));
    // Plain Utf8 stays ordinary (TextDecoder); the list's numbers are shared.
    expect(shared.batches[0].children[1].buffers.every((b) => b === undefined || !isShared(b))).toBe(true);
    expect(isShared(shared.batches[0].children[0].children[0].buffers[1]!)).toBe(true);
  });

  it('without sharing, a load hands over IPC bytes as before', async () => {
    const loaded = await createDataEngine({ share: false }).loadBlob(new Blob([CSV]), 't.csv', {});
    expect(loaded.shared).toBeNull();
    expect(loaded.ipcBytes).toBe(loaded.ipc.byteLength);
    expect(tableFromIPC(loaded.ipc).numRows).toBe(4);
  });
});
