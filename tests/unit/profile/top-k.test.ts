import { describe, expect, it } from 'vitest';
import { topK } from '../../../src/lib/profile/top-k.ts';
import { valueCounts, type ValueCounts } from '../../../src/lib/profile/value-counts.ts';
import { bool, dateMs, dict, f64, tsMs, utf8 } from './fixtures.ts';
import { Dictionary, Float64, Int32, Utf8, makeData, makeVector } from 'apache-arrow';

const top = (pairs: [string, number][], k: number) => topK(pairs.map((p) => p[1]), (i) => pairs[i][0], k);
const asObject = (vc: ValueCounts) => Object.fromEntries(Array.from(vc.counts, (c, i) => [vc.valueAt(i), c]));

describe('topK', () => {
  it('topK(counts, valueAt, 2) keeps the two most frequent values and counts the rest in otherCount', () => {
    expect(top([['a', 1], ['b', 5], ['c', 3], ['d', 2]], 2)).toEqual({ entries: [{ value: 'b', count: 5 }, { value: 'c', count: 3 }], otherCount: 3 });
  });

  it('topK breaks ties by first occurrence, like pandas value_counts', () => {
    expect(top([['z', 2], ['m', 2], ['a', 2], ['q', 3]], 3).entries.map((e) => e.value)).toEqual(['q', 'z', 'm']);
  });

  it('topK with fewer values than k returns them all and otherCount 0', () => {
    expect(top([['x', 1]], 10)).toEqual({ entries: [{ value: 'x', count: 1 }], otherCount: 0 });
  });

  it('topK builds text only for the values it returns', () => {
    const asked: number[] = [];
    topK(Float64Array.from({ length: 1000 }, (_, i) => i % 17), (i) => (asked.push(i), String(i)), 3);
    expect(asked).toHaveLength(3);
  });

  it('topK rejects a negative k with a message naming k', () => {
    expect(() => topK([], String, -1)).toThrow(/k must be a non-negative integer; got -1/);
  });
});

describe('valueCounts', () => {
  it('valueCounts(dictionary strings) counts each value in first-seen order, and the nulls', () => {
    const vc = valueCounts(dict(['b', 'a', null, 'a', 'a']));
    expect(Array.from(vc.counts)).toEqual([1, 3]);
    expect([vc.valueAt(0), vc.valueAt(1)]).toEqual(['b', 'a']);
    expect(vc.missing).toBe(1);
  });

  it('valueCounts merges equal strings across chunks with different dictionaries', () => {
    const vc = valueCounts(dict(['a', 'b']).concat(dict(['b', 'c', null])));
    expect(asObject(vc)).toEqual({ a: 1, b: 2, c: 1 });
    expect(vc.missing).toBe(1);
  });

  it('valueCounts merges duplicate dictionary entries and treats rows pointing at a null entry as missing', () => {
    const entries = makeVector(makeData({
      type: new Utf8(), length: 3, nullCount: 1, nullBitmap: Uint8Array.from([0b011]),
      valueOffsets: Int32Array.from([0, 1, 2, 2]), data: new TextEncoder().encode('xx'),
    }));
    const column = makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), length: 4, nullCount: 0, data: Int32Array.from([0, 1, 2, 0]), dictionary: entries }));
    const vc = valueCounts(column);
    expect(asObject(vc)).toEqual({ x: 3 });
    expect(vc.missing).toBe(1);
  });

  it('valueCounts reads Utf8 (including non-ASCII), Bool, numbers (NaN missing) and dates as display text', () => {
    expect(asObject(valueCounts(utf8(['Zürich', null, 'Zürich', '東京'])))).toEqual({ Zürich: 2, 東京: 1 });
    expect(asObject(valueCounts(bool([true, false, true, null])))).toEqual({ true: 2, false: 1 });
    const nums = valueCounts(f64([2.5, 1, 1, NaN, null]));
    expect(asObject(nums)).toEqual({ 1: 2, 2.5: 1 });
    expect(nums.valueAt(0)).toBe('1');
    expect(nums.missing).toBe(2);
    expect(asObject(valueCounts(dateMs([0, 0, null])))).toEqual({ '1970-01-01': 2 });
    expect(asObject(valueCounts(tsMs([1000])))).toEqual({ '1970-01-01T00:00:01.000Z': 1 });
  });

  it('valueCounts counts 20,000 distinct strings in 40,000 cells exactly (hash-table growth and collisions)', () => {
    const values = Array.from({ length: 40_000 }, (_, i) => `k${i % 20_000}`);
    const vc = valueCounts(utf8(values));
    expect(vc.counts.length).toBe(20_000);
    expect(Array.from(vc.counts).every((c) => c === 2)).toBe(true);
    expect(vc.valueAt(19_999)).toBe('k19999');
  });

  it('valueCounts(...).textStats() measures characters, spaces and whitespace per cell', () => {
    const stats = valueCounts(dict(['ab c', 'ab c', 'é', null])).textStats();
    expect(stats).toEqual({ chars: 9, spaces: 2, maxLength: 4, whitespace: true });
    expect(valueCounts(utf8(['ab', 'c\td'])).textStats().whitespace).toBe(true);
    expect(valueCounts(f64([10, 200])).textStats()).toEqual({ chars: 5, spaces: 0, maxLength: 3, whitespace: false });
  });

  it('valueCounts of a Float64-valued dictionary counts the numbers as text', () => {
    const column = makeVector(makeData({ type: new Dictionary(new Float64(), new Int32()), length: 3, nullCount: 0, data: Int32Array.from([0, 1, 0]), dictionary: makeVector(Float64Array.from([1.5, 2])) }));
    expect(asObject(valueCounts(column))).toEqual({ 1.5: 2, 2: 1 });
  });
});
