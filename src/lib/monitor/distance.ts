// Deequ's distances between a baseline and a current distribution (Distance.scala), as Model Monitor's
// baseline_drift_check uses them.
// - Numeric: the L-infinity distance between the two sketches' CDFs, evaluated at every item of either
//   sketch (the two-sample Kolmogorov–Smirnov statistic on the sketches).
// - Categorical LInfinity: the largest gap between the two category frequencies.
// - Robust (Deequ's default, correctForLowNumberOfSamples = false): max(0, L∞ − 1.8·√((n+m)/(n·m))), where
//   1.8 is the KS critical value c(α) for α ≈ 0.003 and n, m are the two sample sizes (sketch weights).
// - Categorical ChiSquared: Pearson's goodness-of-fit test of the current counts against the baseline's
//   proportions, after Deequ's regrouping of small categories; the result is the p-value.
import { logGamma } from '../ml/metrics/pointwise-metrics.ts';
import type { KllSketch } from './kll.ts';

/** Deequ's c(α) for the robust form. */
export const ROBUST_C_ALPHA = 1.8;

/** A distance and what it was computed from. */
export interface DistanceResult {
  /** The figure compared with the threshold: Simple or Robust L∞, or the ChiSquared p-value. */
  value: number;
  /** The plain L∞ distance (for ChiSquared, the χ² statistic). */
  simple: number;
  /** Baseline sample size. */
  n: number;
  /** Current sample size. */
  m: number;
}

function robust(simple: number, n: number, m: number, method: 'Simple' | 'Robust'): number {
  if (method === 'Simple') return simple;
  return Math.max(0, simple - ROBUST_C_ALPHA * Math.sqrt((n + m) / (n * m)));
}

/** L∞ distance between the CDFs of two KLL sketches; both must hold at least one value. */
export function numericalDistance(baseline: KllSketch, current: KllSketch, method: 'Simple' | 'Robust' = 'Robust'): DistanceResult {
  const a = baseline.rankMap();
  const b = current.rankMap();
  if (a.values.length === 0 || b.values.length === 0) throw new RangeError('numericalDistance: both sketches must hold values.');
  const n = a.ranks[a.ranks.length - 1];
  const m = b.ranks[b.ranks.length - 1];
  let i = 0;
  let j = 0;
  let simple = 0;
  // Walk the union of the two sorted value lists; at each key the CDF is the rank of the last item ≤ key.
  while (i < a.values.length || j < b.values.length) {
    const key = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    while (i < a.values.length && a.values[i] <= key) i++;
    while (j < b.values.length && b.values[j] <= key) j++;
    const cdfA = i === 0 ? 0 : a.ranks[i - 1] / n;
    const cdfB = j === 0 ? 0 : b.ranks[j - 1] / m;
    simple = Math.max(simple, Math.abs(cdfA - cdfB));
  }
  return { value: robust(simple, n, m, method), simple, n, m };
}

/** L∞ distance between two category frequency tables (value → count). */
export function categoricalLInfinity(baseline: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, method: 'Simple' | 'Robust' = 'Robust'): DistanceResult {
  const n = sumOf(baseline.values());
  const m = sumOf(current.values());
  let simple = 0;
  for (const key of new Set([...baseline.keys(), ...current.keys()])) {
    simple = Math.max(simple, Math.abs((baseline.get(key) ?? 0) / n - (current.get(key) ?? 0) / m));
  }
  return { value: robust(simple, n, m, method), simple, n, m };
}

/**
 * Pearson's χ² test of `current` counts against `baseline` proportions, as Deequ runs it: categories new in
 * `current` are left out, expected counts are scaled to the current total, and the smallest expected
 * category is merged into the next smallest until at most 20% are below 5 (2 categories: none below 10).
 * `value` is the p-value, NaN when fewer than two categories remain.
 */
export function categoricalChiSquared(baseline: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>): DistanceResult {
  let sampleSum = 0;
  for (const [key, count] of current) if (baseline.has(key)) sampleSum += count;
  const expectedSum = sumOf(baseline.values());
  const expected = new Map<string, number>();
  const sample = new Map<string, number>();
  for (const [key, count] of baseline) {
    expected.set(key, (count / expectedSum) * sampleSum);
    sample.set(key, current.get(key) ?? 0);
  }
  for (;;) {
    const size = expected.size;
    if (size < 2) return { value: NaN, simple: NaN, n: expectedSum, m: sampleSum };
    const threshold = size > 2 ? 5 : 10;
    const maxBelow = size > 2 ? Math.floor(0.2 * size) : 0;
    let below = 0;
    for (const e of expected.values()) if (e < threshold) below++;
    if (below <= maxBelow) break;
    const smallest = minKey(expected);
    const e = expected.get(smallest) as number;
    const s = sample.get(smallest) as number;
    expected.delete(smallest);
    sample.delete(smallest);
    const next = minKey(expected);
    expected.set(next, (expected.get(next) as number) + e);
    sample.set(next, (sample.get(next) as number) + s);
  }
  let statistic = 0;
  for (const [key, e] of expected) {
    const d = (sample.get(key) as number) - e;
    statistic += (d * d) / e;
  }
  const p = chiSquaredSurvival(statistic, expected.size - 1);
  return { value: p, simple: statistic, n: expectedSum, m: sampleSum };
}

function sumOf(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** The key with the smallest value; ties go to the first inserted. */
function minKey(map: ReadonlyMap<string, number>): string {
  let best = '';
  let bestValue = Infinity;
  for (const [key, value] of map) {
    if (value < bestValue) {
      best = key;
      bestValue = value;
    }
  }
  return best;
}

/** P(X > x) for X ~ χ²(df): the regularised upper incomplete gamma Q(df/2, x/2). */
export function chiSquaredSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chiSquaredSurvival: df must be positive, got ${df}.`);
  if (x <= 0) return 1;
  const a = df / 2;
  const z = x / 2;
  const logPrefix = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    // Series for the lower function P(a, z).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Lentz's continued fraction for Q(a, z).
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}
