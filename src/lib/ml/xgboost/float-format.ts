// Numbers as XGBoost's JSON writer prints float32: the shortest decimal that reads back as the same
// float32, nearest to the exact value (even last digit on a tie, as Ryu does), in the style
// "4.9054615E-2", "5E-1", "0E0".

function style(s: string): string {
  return s.replace('e+', 'E').replace('e', 'E');
}

/** Shortest round-tripping scientific form of float32 `v`, XGBoost style. */
export function formatFloat32(v: number): string {
  const x = Math.fround(v);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0E0' : '0E0';
  for (let p = 1; p <= 9; p++) {
    const s = x.toExponential(p - 1);
    if (Math.fround(Number(s)) !== x) continue;
    // toExponential rounds half away from zero; the neighbour one unit lower in the last digit may
    // round-trip too and be as close or closer.
    const [mant, exp] = s.split('e');
    const neg = mant.startsWith('-');
    const digits = mant.replace('-', '').replace('.', '');
    const lower = BigInt(digits) - 1n;
    if (lower > 0n && String(lower).length === digits.length) {
      const ld = String(lower);
      const alt = `${neg ? '-' : ''}${ld[0]}${ld.length > 1 ? '.' + ld.slice(1) : ''}e${exp}`;
      if (Math.fround(Number(alt)) === x) {
        const dS = Math.abs(Number(s) - x), dA = Math.abs(Number(alt) - x);
        const tie = Math.abs(dS - dA) <= 1e-12 * Math.abs(x);
        if (dA < dS && !tie) return style(alt);
        if (tie && Number(ld[ld.length - 1]) % 2 === 0) return style(alt);
      }
    }
    return style(s);
  }
  return style(x.toExponential(8));
}
