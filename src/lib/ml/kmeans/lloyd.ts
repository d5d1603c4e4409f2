// Weighted Lloyd iterations on TensorFlow.js: assign every row to its closest centre, move each centre
// to its cluster's weighted mean, repeat until the loss falls by less than `tol` of itself or `maxIter`
// updates. A cluster left empty takes the row farthest from the centres (as scikit-learn relocates
// them, but one at a time), so the loss never rises and k centres stay distinct where the data allows.
import { centreTensors, clusterSums, disposeCentres, farthestRows, readPoint, type PointSet } from './points.ts';

export interface LloydOptions {
  /** Most centre updates; the loss of the last centres is measured after them. */
  maxIter: number;
  /** Stop when one update lowers the loss by at most this fraction of it. */
  tol: number;
}

export interface LloydResult {
  /** k × d row-major. */
  centres: Float32Array;
  /** Weighted sum of squared distances of the points to `centres`. */
  ssd: number;
  /** Weight of the points in each cluster. */
  counts: Float64Array;
  /** Centre updates done. */
  iterations: number;
}

/**
 * Moves each empty cluster of `next` to the row farthest from the centres so far (the old centres plus
 * those already relocated), one at a time, so two empty clusters do not land in the same far group.
 */
async function relocate(points: PointSet, centres: Float32Array, next: Float32Array, empty: number[], k: number): Promise<void> {
  const d = points.d;
  const placed: Float32Array[] = [];
  for (const j of empty) {
    const from = new Float32Array((k + placed.length) * d);
    from.set(centres);
    placed.forEach((p, i) => from.set(p, (k + i) * d));
    const t = centreTensors(from, k + placed.length, d);
    const rows = await farthestRows(points, t, 1).finally(() => disposeCentres(t));
    const row = rows.length > 0 ? await readPoint(points, rows[0]) : centres.subarray(j * d, (j + 1) * d);
    next.set(row, j * d);
    placed.push(Float32Array.from(row));
  }
}

/** Runs Lloyd from `init` (k × d row-major) on `points`. */
export async function lloyd(points: PointSet, init: Float32Array, k: number, options: LloydOptions): Promise<LloydResult> {
  const d = points.d;
  let centres = init.slice();
  let prev = Infinity;
  let iterations = 0;
  for (;;) {
    const t = centreTensors(centres, k, d);
    const pass = await clusterSums(points, t).finally(() => disposeCentres(t));
    if (iterations >= options.maxIter || (iterations > 0 && prev - pass.ssd <= options.tol * prev)) {
      return { centres, ssd: pass.ssd, counts: pass.counts, iterations };
    }
    const next = new Float32Array(k * d);
    const empty: number[] = [];
    for (let j = 0; j < k; j++) {
      const cnt = pass.counts[j];
      if (cnt > 0) for (let f = 0; f < d; f++) next[j * d + f] = pass.sums[j * d + f] / cnt;
      else empty.push(j);
    }
    if (empty.length > 0) await relocate(points, centres, next, empty, k);
    prev = pass.ssd;
    centres = next;
    iterations++;
  }
}
