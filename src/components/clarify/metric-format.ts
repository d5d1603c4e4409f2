// How the Clarify view shows a bias metric: its value to 3 significant digits (∞ for Clarify's 'Infinity',
// "undefined" for a metric that failed, never NaN) and how far it is from fair, as a colour band.
import { format as d3format } from 'd3';
import type { MetricValue } from '../../lib/clarify/bias/types.ts';

const sig3 = d3format(',.3~r');
const sci3 = d3format('.2~e');

/** The value as text: 3 significant digits, ∞ / −∞ for division by zero, "undefined" for null. */
export function formatMetric(v: MetricValue): string {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return 'undefined';
  if (v === 'Infinity' || v === Infinity) return '∞';
  if (v === '-Infinity' || v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return (a < 1e-3 || a >= 1e6 ? sci3(v) : sig3(v)).replace('-', '−');
}

/** Bands of distance from the fair value: under 0.1, under 0.3, further, or no value. */
export type Fairness = 'fair' | 'caution' | 'far' | 'undefined';

/** The value a metric takes when both groups are treated alike: 1 for DI (a ratio), 0 for the others. */
export function fairValue(name: string): number {
  return name === 'DI' ? 1 : 0;
}

/** How far `v` is from `name`'s fair value: |v − fair| < 0.1 fair, < 0.3 caution, else far; null is undefined. */
export function fairness(name: string, v: MetricValue): Fairness {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return 'undefined';
  if (typeof v === 'string') return 'far';
  const d = Math.abs(v - fairValue(name));
  return d < 0.1 ? 'fair' : d < 0.3 ? 'caution' : 'far';
}

/** The band in words, for the chip's text and its tooltip. */
export const FAIRNESS_TEXT: Readonly<Record<Fairness, string>> = {
  fair: 'near fair',
  caution: 'some gap',
  far: 'far from fair',
  undefined: 'no value',
};
