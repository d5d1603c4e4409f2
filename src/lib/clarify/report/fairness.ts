// How far a bias metric is from "no bias", for colouring the report's bars. Every Clarify metric is a
// difference or a divergence whose fair value is 0, except Disparate Impact, a ratio of proportions,
// whose fair value is 1. The bands are the report's reading aid, not a statistical test.
import type { MetricValue } from '../bias/types.ts';

/** Metrics whose fair (unbiased) value is not 0. */
export const FAIR_VALUES: Readonly<Record<string, number>> = {
  DI: 1, // Disparate Impact: q̂_d / q̂_a, equal proportions give 1
};

/** Distance from fair below which a bar is green, and below which it is amber (else red). */
export const FAIR_BANDS = { good: 0.1, warn: 0.3 } as const;

export type FairnessBand = 'good' | 'warn' | 'bad' | 'none';

/** The fair value of metric `name`: 1 for DI, 0 for the others. */
export function fairValue(name: string): number {
  return Object.hasOwn(FAIR_VALUES, name) ? FAIR_VALUES[name] : 0;
}

/** The number a metric value stands for: ±Infinity for Clarify's 'Infinity' strings, NaN when undefined. */
export function metricNumber(value: MetricValue): number {
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (typeof value === 'number') return value;
  return NaN;
}

/** Band of a metric value by |value − fair|: good < 0.1 ≤ warn < 0.3 ≤ bad; 'none' when undefined. */
export function fairnessBand(name: string, value: MetricValue): FairnessBand {
  const v = metricNumber(value);
  if (Number.isNaN(v)) return 'none';
  const d = Math.abs(v - fairValue(name));
  return d < FAIR_BANDS.good ? 'good' : d < FAIR_BANDS.warn ? 'warn' : 'bad';
}
