import { describe, expect, it } from 'vitest';
import { topK } from '../../../src/lib/profile/top-k.ts';
import { valueCounts } from '../../../src/lib/profile/value-counts.ts';
import { bool, dateMs, dict, f64, utf8 } from './fixtures.ts';

describe('topK', () => {
  it('topK(counts, 2) keeps the two most frequent values and counts the rest in otherCount', () => {
    const counts = new Map([['a', 1], ['b', 5], ['c', 3], ['d', 2]]);
    expect(topK(counts, 2)).toEqual({ entries: [{ value: 'b', count: 5 }, { value: 'c', count: 3 }], otherCount: 3 });
  });

  it('topK breaks ties by value so the order does not depend on insertion order', () => {
    const a = topK(new Map([['z', 2], ['m', 2], ['a', 2]]), 2);
    const b = topK(new Map([['a', 2], ['z', 2], ['m', 2]]), 2);
    expect(a.entries.map((e) => e.value)).toEqual(['a', 'm']);
    expect(b).toEqual(a);
  });

  it('topK with fewer values than k returns them all and otherCount 0', () => {
    expect(topK(new Map([['x', 1]]), 10)).toEqual({ entries: [{ value: 'x', count: 1 }], otherCount: 0 });
  });

  it('topK rejects a negative k with a message naming k', () => {
    expect(() => topK(new Map(), -1)).toThrow(/k must be a non-negative integer; got -1/);
  });
});

describe('valueCounts', () => {
  it('valueCounts(dictionary strings) counts each value and the nulls', () => {
    const { counts, missing } = valueCounts(dict(['a', 'b', null, 'a', 'a']));
    expect([...counts]).toEqual([['a', 3], ['b', 1]]);
    expect(missing).toBe(1);
  });

  it('valueCounts merges equal strings across chunks with different dictionaries', () => {
    const chunked = dict(['a', 'b']).concat(dict(['b', 'c', null]));
    const { counts, missing } = valueCounts(chunked);
    expect(Object.fromEntries(counts)).toEqual({ a: 1, b: 2, c: 1 });
    expect(missing).toBe(1);
  });

  it('valueCounts reads Utf8, Bool, numbers (NaN missing) and dates as display text', () => {
    expect(Object.fromEntries(valueCounts(utf8(['x', null, 'x'])).counts)).toEqual({ x: 2 });
    expect(Object.fromEntries(valueCounts(bool([true, false, true, null])).counts)).toEqual({ true: 2, false: 1 });
    const nums = valueCounts(f64([1, 1, 2.5, NaN, null]));
    expect(Object.fromEntries(nums.counts)).toEqual({ 1: 2, 2.5: 1 });
    expect(nums.missing).toBe(2);
    expect(Object.fromEntries(valueCounts(dateMs([0, 0, null])).counts)).toEqual({ '1970-01-01': 2 });
  });
});
