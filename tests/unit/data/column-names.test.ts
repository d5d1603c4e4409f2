import { describe, expect, it } from 'vitest';
import { uniqueColumnNames } from '../../../src/lib/data/column-names.ts';

describe('uniqueColumnNames', () => {
  it('uniqueColumnNames skips a suffix that a later column already uses', () => {
    expect(uniqueColumnNames(['x', 'x', 'x.1']).names).toEqual(['x', 'x.2', 'x.1']);
  });

  it('uniqueColumnNames leaves distinct names alone and warns about nothing', () => {
    expect(uniqueColumnNames(['a', 'b', '<i>c</i>'])).toEqual({ names: ['a', 'b', '<i>c</i>'], warnings: [] });
  });

  it('uniqueColumnNames fills empty names with their 1-based position', () => {
    const { names, warnings } = uniqueColumnNames(['', 'b', '']);
    expect(names).toEqual(['column_1', 'b', 'column_3']);
    expect(warnings).toEqual(['Empty column names were filled in: column 1 → "column_1", column 3 → "column_3".']);
  });
});
