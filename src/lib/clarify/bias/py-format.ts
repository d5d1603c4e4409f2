// Python's str() of numbers, because Clarify's value_or_threshold strings are built with it ("3" for an int,
// "3.0" / "1e-05" / "1e+16" for a float, "(40.0, 79.83]" for a pandas interval).

/** str() of a Python float (repr: shortest round-trip digits, exponent when exp < -4 or exp >= 16). */
export function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = Math.abs(x).toExponential().split('e');
  const exp = Number(expStr);
  const digits = mant.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/** str() of a Python int. */
export function pyIntStr(x: number): string {
  return BigInt(x).toString();
}

/** str() of a number that Python holds as an int when `isInt`, else as a float. */
export function pyNumStr(x: number, isInt: boolean): string {
  return isInt && Number.isFinite(x) ? pyIntStr(x) : pyFloatStr(x);
}

/** str() of a config value as mlpad receives it from JSON: integral numbers were Python ints. */
export function pyValueStr(v: string | number): string {
  return typeof v === 'string' ? v : pyNumStr(v, Number.isInteger(v));
}
