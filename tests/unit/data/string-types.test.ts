import { describe, expect, it } from 'vitest';
import { classifyStrings, parseIsoDate, parseIsoDateTime } from '../../../src/lib/data/string-types.ts';

describe('string column types', () => {
  it('classifyStrings finds booleans in any letter case, and nothing else counts as boolean', () => {
    expect(classifyStrings(['true', 'FALSE', ' True '])).toBe('bool');
    expect(classifyStrings(['yes', 'no'])).toBe('string');
    expect(classifyStrings(['true', 'maybe'])).toBe('string');
  });

  it('classifyStrings tells dates from datetimes, and mixed ones are timestamps', () => {
    expect(classifyStrings(['2024-01-31', '1999-12-01'])).toBe('date');
    expect(classifyStrings(['2024-01-31T10:00:00Z', '2024-01-31 10:00'])).toBe('timestamp');
    expect(classifyStrings(['2024-01-31', '2024-01-31T10:00'])).toBe('timestamp');
    expect(classifyStrings(['2024-01-31', '31/01/2024'])).toBe('string');
  });

  it('parseIsoDate and parseIsoDateTime give UTC epoch milliseconds and NaN for impossible values', () => {
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDate('2023-02-29')).toBeNaN();
    expect(parseIsoDate('2024-13-01')).toBeNaN();
    expect(parseIsoDateTime('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseIsoDateTime('2024-02-29T01:00-05:30')).toBe(Date.UTC(2024, 1, 29, 6, 30));
    expect(parseIsoDateTime('2024-02-29T24:00')).toBeNaN();
  });
});
