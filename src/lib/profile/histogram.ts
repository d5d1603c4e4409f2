// Equal-width histograms of sorted values. Counting by binary search for each edge (rather than
// floor((x - x0) / width) per value) makes every count agree exactly with the edges reported: a value
// that sits on an edge lands in the bin the edge says, whatever the rounding of the division would do.
import type { HistogramBin } from './types.ts';

/** Options for histogramSorted. */
export interface HistogramOptions {
  /** Number of bins to aim for; nice widths land within about 0.7x to 1.5x of it; defaults to 20. */
  bins?: number;
  /** Whether the values are integers, so a narrow range gets one bin per integer; defaults to false. */
  integer?: boolean;
  /** Widest integer range (max - min + 1) that gets one bin per integer; defaults to 30. */
  maxUnitBins?: number;
  /** Round the width to 1, 2 or 5 times a power of ten, like d3's ticks, so edges read well; defaults to true. */
  nice?: boolean;
}

/** First index in [lo, hi) whose value is >= x (hi when none is). */
function lowerBound(sorted: ArrayLike<number>, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Edge k of a nice grid. For widths below 1 the edge is k / inverse (inverse an integer) because k * 0.1
// drifts (3 * 0.1 = 0.30000000000000004) while 3 / 10 is the double nearest 0.3.
function niceEdges(min: number, max: number, target: number): number[] {
  const raw = (max - min) / target;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  const inverse = power < 0 ? 10 ** -power / factor : 0;
  const step = factor * 10 ** power;
  const edge = (k: number) => (inverse ? k / inverse : k * step);
  let k0 = Math.floor(inverse ? min * inverse : min / step);
  let k1 = Math.ceil(inverse ? max * inverse : max / step);
  // Guard against the product rounding across an integer.
  while (edge(k0) > min) k0--;
  while (edge(k1) < max) k1++;
  if (k1 === k0) k1++;
  const edges: number[] = [];
  for (let k = k0; k <= k1; k++) edges.push(edge(k));
  return edges;
}

function uniformEdges(min: number, max: number, bins: number): number[] {
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(min + ((max - min) * i) / bins);
  edges.push(max);
  return edges;
}

/**
 * Histogram of ascending `sorted` values (no NaN). Each bin is [x0, x1) except the last, which also holds
 * x1; a constant column gives one bin [min, max]. Infinite values cannot be placed in a finite bin and are
 * left out, so the counts sum to the number of finite values.
 */
export function histogramSorted(sorted: ArrayLike<number>, options: HistogramOptions = {}): HistogramBin[] {
  const target = options.bins ?? 20;
  if (!(Number.isInteger(target) && target >= 1)) throw new RangeError(`histogramSorted: options.bins must be a positive integer; got ${target}`);
  const maxUnitBins = options.maxUnitBins ?? 30;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi && sorted[lo] === -Infinity) lo++;
  while (hi > lo && sorted[hi - 1] === Infinity) hi--;
  if (lo === hi) return [];
  const min = sorted[lo];
  const max = sorted[hi - 1];
  if (min === max) return [{ x0: min, x1: max, count: hi - lo }];

  let edges: number[];
  if (options.integer && Number.isInteger(min) && Number.isInteger(max) && max - min + 1 <= maxUnitBins) {
    // One bin per integer, centred on it, so a bar's label is the value it counts.
    edges = [];
    for (let v = min; v <= max + 1; v++) edges.push(v - 0.5);
  } else if (options.nice ?? true) {
    edges = niceEdges(min, max, target);
    // Far from zero (e.g. 1e20 + small spread) k * step cannot resolve the grid; plain edges can.
    if (edges.some((e, i) => i > 0 && e <= edges[i - 1])) edges = uniformEdges(min, max, target);
  } else {
    edges = uniformEdges(min, max, target);
  }

  const bins: HistogramBin[] = [];
  let start = lowerBound(sorted, edges[0], lo, hi);
  for (let b = 0; b + 1 < edges.length; b++) {
    const last = b + 2 === edges.length;
    const end = last ? hi : lowerBound(sorted, edges[b + 1], start, hi);
    bins.push({ x0: edges[b], x1: edges[b + 1], count: end - start });
    start = end;
  }
  return bins;
}
