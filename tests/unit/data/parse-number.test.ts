import { describe, expect, it } from 'vitest';
import { IRREGULAR, lastNumber, parseDecimal } from '../../../src/lib/data/parse-number.ts';

const parse = (s: string) => parseDecimal(s, 0, s.length);

describe('parseDecimal', () => {
  it('parseDecimal gives exactly Number(text) for decimal literals, including the long and exponent ones', () => {
    const samples = ['0', '-0.5', '123456789012345', '0.1', '0.30000000000000004', '1234567890.123456789', '9007199254740993', '1e-7', '-2.5E+10', '.5', '5.', '+7', '007'];
    for (const s of samples) expect(parse(s), s).toBe(Number(s));
    for (let i = 0; i < 2000; i++) {
      const s = (Math.sin(i) * 10 ** (i % 12)).toFixed(i % 9);
      expect(parse(s), s).toBe(Number(s));
    }
  });

  it('parseDecimal rejects hex, binary, Infinity, lone signs and trailing junk as NaN', () => {
    for (const s of ['0x1f', '0b101', 'Infinity', '-', '+', '.', '1e', '1.2.3', '12a', '١٢', '1_000']) expect(parse(s), s).toBeNaN();
  });

  it('parseDecimal reports whether the text is an integer and whether toFixed(scale) rebuilds it', () => {
    parse('12.50');
    expect(lastNumber).toEqual({ integer: false, scale: 2, leadingZero: false });
    parse('-42');
    expect(lastNumber).toEqual({ integer: true, scale: 0, leadingZero: false });
    for (const s of ['007', '+1', '1e3', '-0', '.5', '5.']) {
      parse(s);
      expect(lastNumber.scale, s).toBe(IRREGULAR);
    }
  });

  it('parseDecimal flags a leading zero before other integer digits (007, -01, 00.5), not a lone 0 (0, 0.5, -0)', () => {
    for (const s of ['007', '-01', '00.5', '00']) {
      parse(s);
      expect(lastNumber.leadingZero, s).toBe(true);
    }
    for (const s of ['0', '0.5', '-0', '.5', '10', '1e05']) {
      parse(s);
      expect(lastNumber.leadingZero, s).toBe(false);
    }
  });

  it('parseDecimal reads only the given range of a longer string', () => {
    expect(parseDecimal('a,12.5,b', 2, 6)).toBe(12.5);
  });
});
