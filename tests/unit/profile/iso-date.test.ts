import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../src/lib/profile/iso-date.ts';

describe('parseIsoDate', () => {
  it('parseIsoDate reads dates and zone-less date-times as UTC, whatever the machine time zone', () => {
    expect(parseIsoDate('2012-01-01')).toBe(Date.UTC(2012, 0, 1));
    expect(parseIsoDate('2012-01-01 10:30')).toBe(Date.UTC(2012, 0, 1, 10, 30));
    expect(parseIsoDate('2012-01-01T10:30:15.25')).toBe(Date.UTC(2012, 0, 1, 10, 30, 15, 250));
  });

  it('parseIsoDate applies Z and numeric offsets', () => {
    expect(parseIsoDate('2012-01-01T10:00:00Z')).toBe(Date.UTC(2012, 0, 1, 10));
    expect(parseIsoDate('2012-01-01T10:00:00+02:00')).toBe(Date.UTC(2012, 0, 1, 8));
    expect(parseIsoDate('2012-01-01T10:00:00-0530')).toBe(Date.UTC(2012, 0, 1, 15, 30));
  });

  it('parseIsoDate rejects impossible dates and non-ISO text with NaN', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-01-01T24:00', '01/02/2024', 'soon', '2024-1-1', '']) expect(parseIsoDate(bad)).toBeNaN();
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});
