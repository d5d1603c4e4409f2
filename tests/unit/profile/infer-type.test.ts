import { describe, expect, it } from 'vitest';
import { inferSemanticType, looksLikeIdName } from '../../../src/lib/profile/infer-type.ts';
import { bool, dateMs, dict, f64, i32, i64, tsMs, utf8 } from './fixtures.ts';

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

describe('inferSemanticType: storage types', () => {
  it('inferSemanticType(Bool column) is boolean', () => {
    expect(inferSemanticType(bool([true, false, null]), 'ok')).toBe('boolean');
  });

  it('inferSemanticType(DateMillisecond or Timestamp column) is datetime', () => {
    expect(inferSemanticType(dateMs([0, 86_400_000]), 'day')).toBe('datetime');
    expect(inferSemanticType(tsMs([0, 1]), 'at')).toBe('datetime');
  });
});

describe('inferSemanticType: numbers', () => {
  it('inferSemanticType(whole-valued Float64) is integer; any fraction makes it float', () => {
    expect(inferSemanticType(f64([1, 2, null, 4]), 'n')).toBe('integer');
    expect(inferSemanticType(f64([1, 2.5, 4]), 'n')).toBe('float');
    expect(inferSemanticType(i32([1, 2, 3]), 'n')).toBe('integer');
    expect(inferSemanticType(i64([1n, 2n]), 'n')).toBe('integer');
  });

  it('inferSemanticType of a column of only 0 and 1 is boolean, as the Schema legend promises', () => {
    expect(inferSemanticType(i32([0, 1, 1, null, 0]), 'approved')).toBe('boolean');
    expect(inferSemanticType(f64([0, 1, 1]), 'survived')).toBe('boolean');
    // Only zeros, only ones, or any third value is a number.
    expect(inferSemanticType(i32([0, 0, 0]), 'n')).toBe('integer');
    expect(inferSemanticType(i32([1, 1]), 'n')).toBe('integer');
    expect(inferSemanticType(i32([0, 1, 2]), 'n')).toBe('integer');
  });

  it('inferSemanticType of distinct integers named like an id (id, *_id, *Id, uuid, key) is id', () => {
    for (const name of ['id', 'ID', 'customer_id', 'userId', 'UserID', 'uuid', 'key', 'order-key']) {
      expect(inferSemanticType(i32([3, 1, 2]), name)).toBe('id');
    }
  });

  it('inferSemanticType of an id-named column with repeated values, or an ordinary name, is integer', () => {
    expect(inferSemanticType(i32([1, 1, 2]), 'customer_id')).toBe('integer');
    expect(inferSemanticType(i32([1, 2, 3]), 'paid')).toBe('integer');
    expect(inferSemanticType(i32([1, 2, 3]), 'monkey')).toBe('integer');
  });

  it('inferSemanticType of an all-missing Float64 column is float, of an all-missing Int32 column integer', () => {
    expect(inferSemanticType(f64([null, NaN]), 'x')).toBe('float');
    expect(inferSemanticType(i32([null, null]), 'x')).toBe('integer');
  });
});

describe('inferSemanticType: text', () => {
  it('inferSemanticType of two boolean-looking words (yes/no, Y/N, t/f) is boolean', () => {
    expect(inferSemanticType(dict(['yes', 'no', null, 'yes']), 'smoker')).toBe('boolean');
    expect(inferSemanticType(dict(['Y', 'N']), 'flag')).toBe('boolean');
    expect(inferSemanticType(utf8(['t', 'f', 't']), 'flag')).toBe('boolean');
    // Two spellings of "yes" are not a flag.
    expect(inferSemanticType(dict(['yes', 'y']), 'flag')).toBe('categorical');
  });

  it('inferSemanticType of ISO date strings is datetime', () => {
    expect(inferSemanticType(utf8(['2024-01-31', '2024-02-29', null]), 'day')).toBe('datetime');
    expect(inferSemanticType(utf8(['2024-01-31T10:00:00Z', '2024-02-01 08:30']), 'at')).toBe('datetime');
    expect(inferSemanticType(utf8(['2024-02-30', '2024-03-01']), 'day')).toBe('categorical');
  });

  it('inferSemanticType of 20+ distinct short tokens is id', () => {
    expect(inferSemanticType(dict(range(25, (i) => `ORD-${1000 + i}`)), 'order')).toBe('id');
  });

  it('inferSemanticType of 19 distinct tokens is categorical: too few rows to call it an id', () => {
    expect(inferSemanticType(dict(range(19, (i) => `ORD-${1000 + i}`)), 'order')).toBe('categorical');
  });

  it('inferSemanticType with distinct <= max(20, 5% of rows) is categorical', () => {
    expect(inferSemanticType(dict(range(1000, (i) => `level ${i % 50}`)), 'level')).toBe('categorical');
  });

  it('inferSemanticType of long sentences is text', () => {
    const reviews = range(200, (i) => `This product number ${i} was exactly what I wanted for the price`);
    expect(inferSemanticType(dict(reviews), 'review')).toBe('text');
  });

  it('inferSemanticType of a distinct value with spaces in nearly every row (titles, names) is text, not categorical', () => {
    expect(inferSemanticType(dict(range(100, (i) => `New ${i}`)), 'city')).toBe('text');
    // 96 distinct titles in 100 rows is still "nearly every row".
    expect(inferSemanticType(dict(range(100, (i) => `The Film ${i % 96}`)), 'Title')).toBe('text');
  });

  it('inferSemanticType of many distinct short values with spaces that repeat is categorical', () => {
    expect(inferSemanticType(dict(range(300, (i) => `New ${i % 100}`)), 'city')).toBe('categorical');
  });

  it('inferSemanticType of an all-null string column is categorical', () => {
    expect(inferSemanticType(dict([null, null]), 'x')).toBe('categorical');
  });

  it('inferSemanticType rejects a non-vector column with a message naming the argument', () => {
    // @ts-expect-error deliberately invalid
    expect(() => inferSemanticType([1, 2], 'x')).toThrow(/column must be an Arrow Vector/);
  });
});

describe('looksLikeIdName', () => {
  it('looksLikeIdName matches id, *_id, *Id, uuid and key but not words ending in "id" or "key"', () => {
    for (const yes of ['id', 'Id', 'row_id', 'row id', 'rowId', 'rowID', 'uuid', 'KEY', 'primary_key', 'apiKey']) expect(looksLikeIdName(yes)).toBe(true);
    for (const no of ['paid', 'valid', 'monkey', 'identity', 'idea', 'keynote', 'turkey']) expect(looksLikeIdName(no)).toBe(false);
  });
});
