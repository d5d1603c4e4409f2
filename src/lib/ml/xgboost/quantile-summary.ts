// XGBoost's weighted quantile summary (WQSummary in src/common/quantile.h, v1.7): sorted distinct
// values with rank bounds, and the prune that picks `maxSize` representative entries. Ranks are float32
// in XGBoost, so every step here is rounded with Math.fround to pick the same entries.

const f = Math.fround;

/** Struct-of-arrays summary: entry i has rank bounds [rmin, rmax], own weight wmin, and value. */
export interface QuantileSummary {
  rmin: Float32Array;
  rmax: Float32Array;
  wmin: Float32Array;
  value: Float32Array;
  size: number;
}

export function allocSummary(capacity: number): QuantileSummary {
  return {
    rmin: new Float32Array(capacity), rmax: new Float32Array(capacity),
    wmin: new Float32Array(capacity), value: new Float32Array(capacity), size: 0,
  };
}

/**
 * The exact summary of sorted values `sorted[0..n)` with weights `w` (same order; null = all 1):
 * equal values merge, summing their weight (WQSummary::Queue::MakeSummary).
 */
export function summaryFromSorted(sorted: Float32Array, n: number, w: Float32Array | null): QuantileSummary {
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const out = allocSummary(distinct);
  let wsum = 0;
  let size = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    let wt = w ? w[i] : 1;
    while (j < n && sorted[j] === sorted[i]) { wt = f(wt + (w ? w[j] : 1)); j++; }
    out.rmin[size] = wsum;
    out.rmax[size] = f(wsum + wt);
    out.wmin[size] = wt;
    out.value[size] = sorted[i];
    size++;
    wsum = f(wsum + wt);
    i = j;
  }
  out.size = size;
  return out;
}

/**
 * summaryFromSorted(sorted, n, null) pruned to `maxSize` (pruneSummary), without making the exact summary
 * first: with unit weights an entry's ranks are the bounds of its run of equal values, so the prune can walk
 * the runs. Needs n ≤ 2^24 (every rank exact in float32); the entries are the same as the two steps'.
 */
export function prunedSummaryOfSorted(sorted: Float32Array, n: number, maxSize: number): QuantileSummary {
  if (n > 2 ** 24) throw new RangeError(`prunedSummaryOfSorted needs at most 2^24 values, got ${n}`);
  // Counting stops once there are more runs than maxSize (the prune's case).
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n && distinct <= maxSize; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxSize) return summaryFromSorted(sorted, n, null);
  /** End of the run of values equal to sorted[p]. */
  const runEnd = (p: number): number => {
    const v = sorted[p];
    let q = p + 1;
    while (q < n && sorted[q] === v) q++;
    return q;
  };
  const out = allocSummary(maxSize);
  // Entry [p, e): rmin p, rmax e, wmin e − p.
  const put = (k: number, p: number, e: number): void => {
    out.rmin[k] = p; out.rmax[k] = e; out.wmin[k] = e - p; out.value[k] = sorted[p];
  };
  const e0 = runEnd(0);
  let lastStart = n - 1;
  while (sorted[lastStart - 1] === sorted[n - 1]) lastStart--;
  // As pruneSummary: begin = rmax[0], range = rmin[last] − rmax[0].
  const begin = e0;
  const range = f(lastStart - e0);
  const last = maxSize - 1;
  put(0, 0, e0);
  let size = 1;
  // The cursor: entry i is [pos, end), entry i + 1 is [end, next); an entry is known by where its run starts.
  let pos = e0, end = runEnd(e0), next = end < n ? runEnd(end) : n;
  let lastPos = 0;
  for (let k = 1; k < last; k++) {
    const dx2 = f(2 * f(f(f(k * range) / last) + begin));
    // rmax[i + 1] + rmin[i + 1] = next + end; entry i is the last one when its run ends the array.
    while (end < n && dx2 >= next + end) {
      pos = end; end = next; next = end < n ? runEnd(end) : n;
    }
    if (end === n) break;
    // (rmin[i] + wmin[i]) + (rmax[i + 1] − wmin[i + 1]) = end + end
    if (dx2 < 2 * end) {
      if (pos !== lastPos) { put(size++, pos, end); lastPos = pos; }
    } else if (end !== lastPos) {
      put(size++, end, next);
      lastPos = end;
    }
  }
  if (lastPos !== lastStart) put(size++, lastStart, n);
  out.size = size;
  return out;
}

function copyEntry(dst: QuantileSummary, k: number, src: QuantileSummary, i: number): void {
  dst.rmin[k] = src.rmin[i];
  dst.rmax[k] = src.rmax[i];
  dst.wmin[k] = src.wmin[i];
  dst.value[k] = src.value[i];
}

/** WQSummary::SetPrune: keeps at most `maxSize` entries spread evenly over the rank range. */
export function pruneSummary(src: QuantileSummary, maxSize: number): QuantileSummary {
  if (src.size <= maxSize) return src;
  const out = allocSummary(maxSize);
  const begin = src.rmax[0];
  const range = f(src.rmin[src.size - 1] - src.rmax[0]);
  const n = maxSize - 1;
  copyEntry(out, 0, src, 0);
  let size = 1;
  let i = 1;
  let lastIdx = 0;
  for (let k = 1; k < n; k++) {
    const dx2 = f(2 * f(f(f(k * range) / n) + begin));
    while (i < src.size - 1 && dx2 >= f(src.rmax[i + 1] + src.rmin[i + 1])) i++;
    if (i === src.size - 1) break;
    const lo = f(f(src.rmin[i] + src.wmin[i]) + f(src.rmax[i + 1] - src.wmin[i + 1]));
    if (dx2 < lo) {
      if (i !== lastIdx) { copyEntry(out, size++, src, i); lastIdx = i; }
    } else if (i + 1 !== lastIdx) {
      copyEntry(out, size++, src, i + 1);
      lastIdx = i + 1;
    }
  }
  if (lastIdx !== src.size - 1) copyEntry(out, size++, src, src.size - 1);
  out.size = size;
  return out;
}

/**
 * The size WQuantileSketch keeps per level for `count` values at precision eps (LimitSizeLevel), which
 * is also what its GetSummary prunes a large exact summary down to.
 */
export function sketchLimitSize(count: number, eps: number): number {
  let nlevel = 1;
  for (;;) {
    const limit = Math.min(count, Math.ceil(nlevel / eps) + 1);
    if (2 ** nlevel * limit >= count) return limit;
    nlevel++;
  }
}
