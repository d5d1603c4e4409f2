// The two-sample Kolmogorov-Smirnov test as scipy.stats.ks_2samp(a, b) computes it by default
// (alternative 'two-sided', method 'auto'): the statistic is the largest gap between the two empirical CDFs;
// the p-value is exact when both samples hold at most 10 000 values and asymptotic otherwise. The exact
// p-value counts lattice paths from (0,0) to (m,n) that stay strictly between the two diagonals
// |x/m - y/n| < D (Hodges 1958), in the "1 − p" form of Viehmann (2021) so that no binomial coefficient
// is ever formed: each point holds the fraction of paths reaching it that have already left the band,
// a weighted average of its two predecessors. The asymptotic p-value is the one-sample two-sided
// Kolmogorov distribution at n = round(m·n/(m+n)), as SciPy does.

import { kolmogorovSf } from './drift-kolmogorov.ts';

/** ks_2samp's 'auto' switches from exact to asymptotic when the larger sample exceeds this. */
export const KS_EXACT_MAX_N = 10000;

export interface KsResult {
  /** Largest absolute gap between the two empirical CDFs (on the exact lattice when the p-value is exact). */
  statistic: number;
  /** P(D >= statistic) under the null hypothesis that both samples come from one distribution. */
  pvalue: number;
  /** How the p-value was computed. */
  method: 'exact' | 'asymptotic';
}

/** numpy's round(): half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Present (non-NaN) values, sorted ascending; throws naming the argument when none remain. */
export function presentSorted(x: ArrayLike<number>, name: string, fn: string): Float64Array {
  if (x === null || x === undefined || typeof x.length !== 'number') throw new TypeError(`${fn}: '${name}' must be an array of numbers`);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) k++;
  if (k === 0) throw new RangeError(`${fn}: '${name}' holds no values (it is empty or every value is missing)`);
  const out = new Float64Array(k);
  k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
  return out.sort();
}

/** max and −min of F_a(v) − F_b(v) over every value v of either sample (ks_2samp's cddiffs). */
function cdfGaps(a: Float64Array, b: Float64Array): { maxS: number; minS: number } {
  const n1 = a.length, n2 = b.length;
  let i = 0, j = 0;
  let maxS = -Infinity, minS = Infinity;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  return { maxS, minS: Math.min(1, Math.max(0, -minS)) };
}

/**
 * P(D_{m,n} >= h / lcm(m, n)): the share of the C(m+n, m) monotone lattice paths from (0, 0) to (m, n) that do
 * not stay strictly inside the band |x/m − y/n| < h / lcm(m, n), i.e. |ng·x − mg·y| < h with g = gcd(m, n).
 */
export function ksExactOutsideProbability(m: number, n: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const g = gcd(m, n);
  const mg = m / g, ng = n / g;
  const A = new Float64Array(n + 1).fill(1);
  for (let j = 0; j <= n && mg * j < h; j++) A[j] = 0;
  let lastMin = 0;
  for (let i = 1; i <= m; i++) {
    const jmin = Math.max(0, Math.floor((ng * i - h) / mg) + 1);
    const jmax = Math.min(n, Math.ceil((ng * i + h) / mg) - 1);
    if (jmax < jmin) return 1;
    for (let j = lastMin; j < jmin; j++) A[j] = 1; // left the band from below: every path through it is outside
    let below = 1; // the point (i, jmin − 1) is outside the band (or absent when jmin = 0, where j·below = 0)
    for (let j = jmin; j <= jmax; j++) {
      below = (A[j] * i + below * j) / (i + j);
      A[j] = below;
    }
    lastMin = jmin;
  }
  return A[n];
}

/**
 * Two-sample Kolmogorov-Smirnov test, equal to scipy.stats.ks_2samp(a, b) with its defaults. NaN values are
 * missing and ignored. Throws when either sample has no values.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  return ksSorted(presentSorted(a, 'a', 'ksTwoSample'), presentSorted(b, 'b', 'ksTwoSample'));
}

/** ksTwoSample on two non-empty ascending samples without NaN (a reference sorted once, compared with many windows). */
export function ksSorted(x: Float64Array, y: Float64Array): KsResult {
  const n1 = x.length, n2 = y.length;
  const { maxS, minS } = cdfGaps(x, y);
  let d = minS > maxS ? minS : maxS;
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const lcm = (n1 / gcd(n1, n2)) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pvalue: 1, method: 'exact' };
    const p = ksExactOutsideProbability(n1, n2, h);
    if (p >= 0 && p <= 1) return { statistic: d, pvalue: p, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  const p = kolmogorovSf(roundHalfEven(en), d);
  return { statistic: d, pvalue: Math.min(1, Math.max(0, p)), method: 'asymptotic' };
}
