// Decimal literals parsed straight from the text being scanned, without cutting a substring per cell.
// `m / 10^k` is correctly rounded while m < 2^53 and k <= 22 (both operands exact, one IEEE division),
// so the fast path gives the same double as Number(text); longer literals and exponents fall back to it.

/** Marks a cell whose text cannot be rebuilt from its value with toFixed (e.g. `007`, `+5`, `1e3`). */
export const IRREGULAR = 255;

/** What the last parseDecimal call saw; module state so that the hot loop allocates nothing. */
export const lastNumber = {
  /** No decimal point and no exponent: the literal is written as an integer. */
  integer: true,
  /** Digits after the point when `value.toFixed(scale)` gives back the text; IRREGULAR otherwise. */
  scale: 0,
  /** The integer part has a zero before other digits (`007`, `00501`, `01.5`; not `0` or `0.5`): an identifier's text. */
  leadingZero: false,
};

/** Exact powers of ten for the fast path (10^15 is the largest needed: at most 15 digits). */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number written in `s[a, b)` as `[+-]digits[.digits][(e|E)[+-]digits]`, or NaN when the range is
 * anything else. Hex, binary, `Infinity` and empty ranges are not numbers here, unlike with `+s`.
 */
export function parseDecimal(s: string, a: number, b: number): number {
  let i = a;
  let c = s.charCodeAt(i);
  let neg = false;
  let irregular = false;
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) {
    irregular = true;
    i++;
  }
  const intStart = i;
  let m = 0;
  let digits = 0;
  while (i < b) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    i++;
  }
  const intDigits = i - intStart;
  digits = intDigits;
  const leadingZero = intDigits > 1 && s.charCodeAt(intStart) === 48;
  if (leadingZero) irregular = true;
  let frac = 0;
  let dot = false;
  if (i < b && s.charCodeAt(i) === 46) {
    dot = true;
    i++;
    const fracStart = i;
    while (i < b) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      i++;
    }
    frac = i - fracStart;
    digits += frac;
    if (frac === 0 || intDigits === 0) irregular = true;
  }
  if (digits === 0) return NaN;
  let exp = false;
  if (i < b) {
    c = s.charCodeAt(i);
    if (c !== 101 && c !== 69) return NaN;
    i++;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    const expStart = i;
    while (i < b) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      i++;
    }
    if (i === expStart || i !== b) return NaN;
    exp = true;
  }
  let v: number;
  if (exp || digits > 15) {
    v = +s.slice(a, b);
    irregular = true;
  } else {
    v = frac === 0 ? m : m / POW10[frac];
    if (neg) {
      v = -v;
      if (v === 0) irregular = true; // toFixed drops the sign of -0
    }
  }
  lastNumber.integer = !dot && !exp;
  lastNumber.leadingZero = leadingZero;
  lastNumber.scale = irregular ? IRREGULAR : frac;
  return v;
}
