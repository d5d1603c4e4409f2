// The training set's per-round binary:logistic metrics on the histogram pool (HistogramPool.binaryMetrics):
// log loss summed over fixed row chunks, and ROC AUC over ranges of ranks, a range per thread, each thread
// picking its range's rows out of all rows, ranking and sweeping them (ranked-labels.ts). The ranges' counts
// and areas are exact integers and halves, so they join into the one-thread AUC to the bit; the log loss is
// its chunks' sums in chunk order (the same for every thread count, within ~1e-16 of one serial sum).
// metricChunk runs inside the pool's workers too (its source text): self-contained, no closures.
import type { ChunkRunner } from './worker-data.ts';
import { loglossRows } from '../metrics/pointwise-metrics.ts';
import { rankedKeysInRange, rankedRocSweep } from '../metrics/ranked-labels.ts';

/** Doubles a metric chunk writes to the pool's metric outputs. */
export const METRIC_OUTPUTS = 4;

/**
 * Chunk `c` of a metric job: its task (5 ints at 5c) is [first, last, kind], kind 0 the log-loss sum of rows
 * [first, last), kind 1 the ROC sweep of the rows ranked in [first, last] (rankedKeysInRange). Writes, at
 * METRIC_OUTPUTS·c of d.metrics, the sum, or the negatives, positives and area; the fourth double is 1 where
 * a score or label does not fit the ranked form.
 */
export function metricChunk(r: ChunkRunner, tasks: Int32Array, c: number): void {
  const g = r.d.gradients!, out = r.d.metrics, o = 4 * c, t = 5 * c;
  out[o + 3] = 0;
  if (tasks[t + 2] === 0) {
    out[o] = loglossRows(g.preds!, g.labels, tasks[t], tasks[t + 1]);
    return;
  }
  const m = rankedKeysInRange(g.preds!, g.labels, tasks[t], tasks[t + 1], r.ranks);
  if (m < 0) out[o + 3] = 1;
  else rankedRocSweep(r.ranks.keys, m, out, o);
}

/**
 * nRanges + 1 rank cuts, 0 first and 2^31 last, at quantiles of a strided sample of `scores`' ranks, so the
 * ranges [cut k, cut k+1) hold about as many rows each (any cuts give the same AUC; these share the work).
 */
export function rankCuts(scores: Float32Array, n: number, nRanges: number): number[] {
  const s = Math.min(n, 4096);
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n);
  const sample = new Uint32Array(s);
  for (let k = 0; k < s; k++) {
    const b = bits[Math.floor((k * n) / s)];
    sample[k] = (~(b === 0x80000000 ? 0 : b) & 0x7fffffff) >>> 0;
  }
  sample.sort();
  const cuts = [0];
  for (let j = 1; j < nRanges; j++) cuts.push(sample[Math.floor((j * s) / nRanges)]);
  cuts.push(0x80000000);
  return cuts;
}

/** AUC from the ROC chunks' outputs (ranges in rank order) at METRIC_OUTPUTS·first…; null where one did not fit. */
export function joinRocChunks(out: Float64Array, first: number, count: number): number | null {
  let fp = 0, tp = 0, area = 0;
  for (let j = first; j < first + count; j++) {
    const o = METRIC_OUTPUTS * j;
    if (out[o + 3] !== 0) return null;
    // This range's steps, with the positives ranked above it under each of its negatives.
    area += out[o + 2] + tp * out[o];
    fp += out[o];
    tp += out[o + 1];
  }
  return fp > 0 && tp > 0 ? area / (fp * tp) : NaN;
}
