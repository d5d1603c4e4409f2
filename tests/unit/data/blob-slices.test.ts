// The data engine reads a Blob one slice ahead (a small first slice, then 4 MiB ones): records cut by
// slice boundaries must come out whole, and the load reports where its time went.
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { createDataEngine } from '../../../src/lib/engine/data-engine.ts';

/** About 6.5 MB of CSV: crosses the 1 MiB first slice and a 4 MiB slice, at places no record lines up with. */
function bigCsv(rows: number): string {
  const lines = ['id,x,name'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 0.37).toFixed(2)},n${i % 97}`);
  return lines.join('\n') + '\n';
}

describe('data engine loadBlob over several slices', () => {
  it('a CSV larger than two slices loads every row intact, in order', async () => {
    const rows = 300_000;
    const text = bigCsv(rows);
    expect(text.length).toBeGreaterThan(5 << 20);
    const loaded = await createDataEngine().loadBlob(new Blob([text]), 'big.csv', {});
    const table = tableFromIPC(loaded.ipc);
    expect(table.numRows).toBe(rows);
    expect(loaded.bytes).toBe(text.length);
    const id = table.getChild('id')!;
    const x = table.getChild('x')!;
    const name = table.getChild('name')!;
    for (const i of [0, 1, 45_000, 45_001, 180_000, 180_001, rows - 1]) {
      expect(id.get(i)).toBe(i);
      expect(x.get(i)).toBeCloseTo(i * 0.37, 9);
      expect(name.get(i)).toBe(`n${i % 97}`);
    }
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += id.get(i) as number;
    expect(sum).toBe((rows * (rows - 1)) / 2);
  });

  it('the timings are non-negative and add up to the reported seconds (within 1 ms)', async () => {
    const loaded = await createDataEngine().loadBlob(new Blob([bigCsv(20_000)]), 'small.csv', {});
    const t = loaded.timings;
    for (const v of [t.readMs, t.parseMs, t.buildMs, t.ipcMs]) expect(v).toBeGreaterThanOrEqual(0);
    expect(t.readMs + t.parseMs + t.buildMs + t.ipcMs).toBeCloseTo(loaded.seconds * 1000, 0);
    expect(Math.abs(t.startedAt - Date.now())).toBeLessThan(60_000);
  });

  it('an empty Blob is refused with the empty-file sentence', async () => {
    await expect(createDataEngine().loadBlob(new Blob([]), 'none.csv', {})).rejects.toThrow('none.csv: the file is empty (0 bytes).');
  });
});
