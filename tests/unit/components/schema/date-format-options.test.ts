import { describe, expect, it } from 'vitest';
import { dateFormatLine, detectDates, swapDayMonth, withDateFormat } from '../../../../src/components/schema/date-format-options.ts';

describe('Schema view date-format choices', () => {
  it('dateFormatLine says the format, and says when month first was a guess or the format was chosen', () => {
    expect(dateFormatLine({ column: 'd', format: 'YYYY-MM-DD' })).toBe('format: YYYY-MM-DD');
    expect(dateFormatLine({ column: 'd', format: 'MM/DD/YYYY', ambiguous: true })).toBe('format: MM/DD/YYYY (ambiguous: read month first)');
    expect(dateFormatLine({ column: 'd', format: 'DD/MM/YYYY', given: true })).toBe('format: DD/MM/YYYY (chosen)');
    expect(dateFormatLine({ column: 'd', format: 'text', given: true })).toBe('dates kept as text (chosen)');
  });

  it('swapDayMonth swaps the leading month and day fields and keeps the rest', () => {
    expect(swapDayMonth('MM/DD/YYYY')).toBe('DD/MM/YYYY');
    expect(swapDayMonth('DD.MM.YY HH:mm')).toBe('MM.DD.YY HH:mm');
    expect(swapDayMonth('YYYY-MM-DD')).toBe('YYYY-MM-DD');
  });

  it('withDateFormat and detectDates set and clear one column, keeping the other load options', () => {
    const forced = withDateFormat({ naValues: ['x'], dateFormats: { a: 'DD/MM/YYYY' } }, 'b', 'DD/MM/YY');
    expect(forced).toEqual({ naValues: ['x'], dateFormats: { a: 'DD/MM/YYYY', b: 'DD/MM/YY' } });
    expect(detectDates(forced, 'a')).toEqual({ naValues: ['x'], dateFormats: { b: 'DD/MM/YY' } });
  });
});
