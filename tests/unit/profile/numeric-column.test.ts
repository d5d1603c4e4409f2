import { describe, expect, it } from 'vitest';
import { NumericWindows, nonMissing, nonMissingInto, numericColumn, parseDecimal } from '../../../src/lib/profile/numeric-column.ts';
import { bool, dateMs, dict, f64, i32, i64, tsMs, tsSec, utf8 } from './fixtures.ts';

const arr = (a: Float64Array) => Array.from(a);

describe('numericColumn', () => {
  it('numericColumn(Float64 with nulls and NaN) puts NaN where a cell is null or NaN', () => {
    expect(arr(numericColumn(f64([1.5, null, NaN, -2])))).toEqual([1.5, NaN, NaN, -2]);
  });

  it('numericColumn reads Int32, Int64 and Bool storage as numbers (booleans as 0/1)', () => {
    expect(arr(numericColumn(i32([3, null, -4])))).toEqual([3, NaN, -4]);
    expect(arr(numericColumn(i64([2n ** 40n, null, -5n])))).toEqual([2 ** 40, NaN, -5]);
    expect(arr(numericColumn(bool([true, false, null])))).toEqual([1, 0, NaN]);
  });

  it('numericColumn reads DateMillisecond and Timestamp (any unit) as epoch milliseconds', () => {
    expect(arr(numericColumn(dateMs([0, null, 86_400_000])))).toEqual([0, NaN, 86_400_000]);
    expect(arr(numericColumn(tsMs([1_700_000_000_123, null])))).toEqual([1_700_000_000_123, NaN]);
    expect(arr(numericColumn(tsSec([5000, null])))).toEqual([5000, NaN]);
  });

  it('numericColumn parses text cells as decimals and counts unparseable ones as missing', () => {
    expect(arr(numericColumn(dict(['1.5', ' 2 ', 'abc', null, '1e3', '0x10', ''])))).toEqual([1.5, 2, NaN, NaN, 1000, NaN, NaN]);
    expect(arr(numericColumn(utf8(['7', 'seven', null])))).toEqual([7, NaN, NaN]);
  });

  it("numericColumn(text, { parseStrings: 'datetime' }) parses ISO dates as UTC epoch milliseconds", () => {
    const v = numericColumn(dict(['1970-01-02', '1970-01-01T00:00:01Z', 'soon', null]), { parseStrings: 'datetime' });
    expect(arr(v)).toEqual([86_400_000, 1000, NaN, NaN]);
  });

  it('numericColumn follows chunk boundaries and slice offsets', () => {
    const chunked = f64([1, null]).concat(f64([null, 4]));
    expect(chunked.data.length).toBe(2);
    expect(arr(numericColumn(chunked))).toEqual([1, NaN, NaN, 4]);
    const sliced = bool([true, null, false, true, false, null, true, true, false, true]).slice(3, 9);
    expect(arr(numericColumn(sliced))).toEqual([1, 0, NaN, 1, 1, 0]);
    const slicedInts = i32([9, null, 1, 2, null, 3]).slice(2);
    expect(arr(numericColumn(slicedInts))).toEqual([1, 2, NaN, 3]);
  });

  it('numericColumn rejects an unknown parseStrings option with a message naming it', () => {
    // @ts-expect-error deliberately invalid
    expect(() => numericColumn(f64([1]), { parseStrings: 'money' })).toThrow(/options.parseStrings must be 'number' or 'datetime'; got "money"/);
  });
});

describe('nonMissing and parseDecimal', () => {
  it('nonMissing(values) keeps the non-NaN entries in row order', () => {
    expect(arr(nonMissing(Float64Array.from([3, NaN, 1, NaN, 2])))).toEqual([3, 1, 2]);
  });

  it('parseDecimal accepts plain decimals and rejects hex, Infinity and empty text', () => {
    expect(parseDecimal('-0.25')).toBe(-0.25);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('2.')).toBe(2);
    expect(parseDecimal('1E-2')).toBe(0.01);
    for (const bad of ['0x1A', 'Infinity', '', '  ', '1,000', '1.2.3']) expect(parseDecimal(bad)).toBeNaN();
  });
});

describe('nonMissingInto and NumericWindows', () => {
  // Three chunks, as a multi-batch table's column holds them.
  const chunked = () => f64([1.5, null]).concat(f64([NaN, -2, 7])).concat(f64([0.25]));

  it('nonMissingInto writes the non-missing values in row order to the front of a reused scratch buffer', () => {
    const scratch = new Float64Array(8).fill(99);
    expect(nonMissingInto(chunked(), scratch)).toBe(4);
    expect(arr(scratch.subarray(0, 4))).toEqual([1.5, -2, 7, 0.25]);
    expect(nonMissingInto(dict(['3', 'x', null, '4']), scratch)).toBe(2);
    expect(arr(scratch.subarray(0, 2))).toEqual([3, 4]);
  });

  it('nonMissingInto refuses a scratch buffer shorter than the column', () => {
    expect(() => nonMissingInto(chunked(), new Float64Array(5))).toThrow(/scratch holds 5 values but the column has 6 rows/);
  });

  it('NumericWindows.read gives the same numbers as numericColumn for windows that cross chunk boundaries', () => {
    const column = chunked();
    const whole = arr(numericColumn(column));
    const windows = new NumericWindows(column);
    for (const size of [1, 2, 4]) {
      const got: number[] = [];
      for (let start = 0; start < whole.length; start += size) got.push(...arr(windows.read(start, new Float64Array(Math.min(size, whole.length - start)))));
      expect(got).toEqual(whole);
    }
  });
});
