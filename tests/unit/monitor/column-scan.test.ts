import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { takeRows } from '../../../src/lib/data/take-rows.ts';
import { baselineStatistics } from '../../../src/lib/monitor/statistics.ts';

// Dictionary and timestamp columns are counted per distinct value (formatted once), not cell by cell: the
// statistics must be the same as the cell-by-cell reading, also on a slice whose buffers start mid-column.
describe('counting repeated text and instants', () => {
  it('a sliced table gives the same string statistics as the same rows built afresh', async () => {
    const lines = ['when,kind,at'];
    for (let i = 0; i < 500; i++) lines.push(`${i % 9 === 0 ? '' : `2024-0${1 + (i % 3)}-1${i % 7}`},${i % 11 === 0 ? '' : ['a', 'b', 'c', 'd'][(i * 5) % 4]},2024-03-0${1 + (i % 5)} 1${i % 4}:00:00`);
    const table = (await loadBytes('t.csv', new TextEncoder().encode(lines.join('\n') + '\n'))).table;
    const slice = table.slice(123, 377);
    const fresh = takeRows(table, Array.from({ length: 254 }, (_, k) => 123 + k));
    const a = baselineStatistics(slice);
    const b = baselineStatistics(fresh);
    expect(a).toEqual(b);
    const kind = a.features.find((f) => f.name === 'kind')!.string_statistics!;
    let expected = 0;
    for (let i = 123; i < 377; i++) if (i % 11 !== 0) expected++;
    expect(kind.common.num_present).toBe(expected);
    expect(kind.distinct_count).toBe(4);
    const at = a.features.find((f) => f.name === 'at')!.string_statistics!;
    expect(at.distinct_count).toBe(20);
    expect(at.distribution.categorical.buckets.reduce((s, x) => s + x.count, 0)).toBe(254);
  });
});
