// Latency summaries for the endpoint's per-variant statistics, the shadow comparison and the roll-out
// alarms: mean and the 50th, 90th and 99th percentiles, each percentile by linear interpolation between
// the closest ranks (numpy's default 'linear' method, Hyndman & Fan type 7). CloudWatch reports
// approximate percentiles from its own sketches; over the few thousand requests a tab sees, exact ones
// are cheap and make the numbers checkable.
import { quantileSorted } from '../profile/quantile.ts';

/** Mean and percentiles of latencies in milliseconds. */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

/** Mean, p50, p90 and p99 of `values` (not modified); null when there are none. */
export function latencySummary(values: ArrayLike<number>): LatencySummary | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return { mean: sum / n, p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), p99: quantileSorted(sorted, 0.99) };
}

/** A Float64Array that grows by doubling, for per-variant latencies kept since the endpoint started. */
export class GrowableFloat64 {
  private data = new Float64Array(64);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  /** The values pushed so far (a view: copy before keeping it). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
