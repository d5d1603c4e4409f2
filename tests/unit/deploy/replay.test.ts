import { Bool, DateDay, Dictionary, Float64, Int32, Int64, Table, Utf8, makeTable, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../../src/lib/deploy/csv-row.ts';
import { replayRequests } from '../../../src/lib/deploy/replay.ts';

function table(): Table {
  return new Table({
    x: vectorFromArray([1.5, null, -0.25, 1e21], new Float64()),
    n: vectorFromArray([1n, 2n, null, 9007199254740991n], new Int64()),
    name: vectorFromArray(['plain', 'a, b', 'say "hi"', null], new Utf8()),
    city: vectorFromArray(['Oslo', null, 'Oslo', 'Bergen'], new Dictionary(new Utf8(), new Int32())),
    flag: vectorFromArray([true, false, null, true], new Bool()),
    day: vectorFromArray([new Date(Date.UTC(2024, 0, 31)), null, null, null], new DateDay()),
    y: vectorFromArray([0, 1, null, 1], new Int32()),
    label: vectorFromArray(['no', 'yes', 'yes', null], new Utf8()),
  });
}

describe('replayRequests', () => {
  it('writes one headerless CSV row per table row, quoting and leaving missing values empty', () => {
    const items = replayRequests(table(), ['x', 'n', 'name', 'city', 'flag', 'day']);
    expect(items.map((i) => i.request.body)).toEqual([
      '1.5,1,plain,Oslo,1,2024-01-31',
      ',2,"a, b",,0,',
      '-0.25,,"say ""hi""",Oslo,,',
      '1e+21,9007199254740991,,Bergen,1,',
    ]);
    expect(items.every((i) => i.request.contentType === 'text/csv' && i.label === undefined && i.rows === 1)).toBe(true);
    expect(items.map((i) => i.row)).toEqual([0, 1, 2, 3]);
    // the bodies read back to the same cells
    expect(parseCsvRows(items[2].request.body)).toEqual([['-0.25', '', 'say "hi"', 'Oslo', '', '']]);
  });

  it('keeps a numeric label as a number and a text label as text, absent when missing', () => {
    const numeric = replayRequests(table(), ['x'], { label: 'y' });
    expect(numeric.map((i) => i.label)).toEqual([0, 1, undefined, 1]);
    const text = replayRequests(table(), ['x'], { label: 'label' });
    expect(text.map((i) => i.label)).toEqual(['no', 'yes', 'yes', undefined]);
    expect(text[3].labels).toEqual([null]);
  });

  it('writes application/json instances with features, missing as null', () => {
    const [first, second] = replayRequests(table(), ['x', 'name', 'flag'], { contentType: 'application/json' });
    expect(first.request).toEqual({ body: '{"instances":[{"features":[1.5,"plain",1]}]}', contentType: 'application/json' });
    expect(JSON.parse(second.request.body)).toEqual({ instances: [{ features: [null, 'a, b', 0] }] });
  });

  it('batches rows into one request with every row\'s label', () => {
    const items = replayRequests(table(), ['x', 'y'], { batch: 3, label: 'y' });
    expect(items.map((i) => [i.row, i.rows])).toEqual([[0, 3], [3, 1]]);
    expect(items[0].request.body).toBe('1.5,0\n,1\n-0.25,');
    expect(items[0].labels).toEqual([0, 1, null]);
    expect(items[0].label).toBe(0);
  });

  it('reads every chunk of a multi-chunk table in order', () => {
    const a = tableFromArrays({ v: Float64Array.of(1, 2) });
    const b = tableFromArrays({ v: Float64Array.of(3) });
    const t = a.concat(b);
    expect(t.getChild('v')!.data.length).toBe(2);
    expect(replayRequests(t, ['v']).map((i) => i.request.body)).toEqual(['1', '2', '3']);
  });

  it('names a column the table lacks, and refuses a bad batch or content type', () => {
    const t = makeTable({ a: Float64Array.of(1) });
    expect(() => replayRequests(t, ['a', 'b'])).toThrow("replayRequests: input 'b' is not a column of the table; its columns are a.");
    expect(() => replayRequests(t, ['a'], { label: 'z' })).toThrow("options.label 'z' is not a column");
    expect(() => replayRequests(t, ['a'], { batch: 0 })).toThrow('options.batch must be an integer ≥ 1, got 0');
    expect(() => replayRequests(t, ['a'], { contentType: 'text/plain' as 'text/csv' })).toThrow('options.contentType');
  });
});
