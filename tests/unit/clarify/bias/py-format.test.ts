import { describe, expect, it } from 'vitest';
import { pyFloatStr, pyValueStr } from '../../../../src/lib/clarify/bias/py-format.ts';
import { intervalOf, intervalStr } from '../../../../src/lib/clarify/bias/series.ts';

describe('Python number formatting for value_or_threshold', () => {
  it('pyFloatStr writes what Python str(float) writes (checked with CPython 3.11)', () => {
    const xs = [1e-5, 1e16, 123.0, 0.1, 79.83, 1234567890123456.0, -0.5, 1.5e-4, 2.5e-7, 1.2345e20, 100.0, 12345678901234567890.0];
    expect(xs.map(pyFloatStr)).toEqual(['1e-05', '1e+16', '123.0', '0.1', '79.83', '1234567890123456.0', '-0.5', '0.00015', '2.5e-07', '1.2345e+20', '100.0', '1.2345678901234567e+19']);
  });

  it('pyValueStr keeps strings and writes whole config numbers as Python ints', () => {
    expect([pyValueStr('F'), pyValueStr(1), pyValueStr(2.5)]).toEqual(['F', '1', '2.5']);
  });

  it('intervalOf follows Clarify: (threshold, max], int breaks only when both are ints, none when |max| = threshold', () => {
    const data = Float64Array.from([3, 9, 93, 12]);
    expect(intervalStr(intervalOf(data, { value: 55, isInt: true }, true, 't'))).toBe('(55, 93]');
    expect(intervalStr(intervalOf(data, { value: 55, isInt: false }, true, 't'))).toBe('(55.0, 93.0]');
    expect(intervalStr(intervalOf(data, { value: 100, isInt: true }, true, 't'))).toBe('(93, 100]');
    expect(intervalOf(data, { value: 93, isInt: true }, true, 't').empty).toBe(true);
    expect(intervalOf(Float64Array.from([-93, -100]), { value: 93, isInt: true }, true, 't').empty).toBe(true);
  });
});
