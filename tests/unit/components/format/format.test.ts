import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../../../src/components/format.ts';

describe('formatCompact', () => {
  it('shortens a million or more to 4 significant digits with M or B, and leaves smaller numbers as formatNumber does', () => {
    expect(formatCompact(760_200_000)).toBe('760.2M');
    expect(formatCompact(3_141_592_653)).toBe('3.142B');
    expect(formatCompact(-2_500_000)).toBe('−2.5M');
    expect(formatCompact(999_999)).toBe('999,999');
    expect(formatCompact(12.3456)).toBe('12.35');
    expect(formatCompact(NaN)).toBe('—');
  });
});
