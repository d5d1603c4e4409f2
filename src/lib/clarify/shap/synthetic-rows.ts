// The model calls of Kernel SHAP: every coalition of every explained row becomes b synthetic rows (the
// baseline rows with the coalition's features set to the explained row's values), written into one
// buffer of at most batchRows rows across consecutive explained rows, so that a worker pool or a GPU sees
// few large calls. Coalitions are planned lazily in row order, so the plans (and the seeded draws) do
// not depend on batchRows, and only the rows in flight hold their coalitions.
import type { CoalitionPlan } from './coalitions.ts';
import type { BatchModel } from './kernel-shap.ts';

/** One explained row's work. */
export interface RowPlan {
  row: number;
  /** The explained row's F values. */
  x: Float32Array;
  /** Explained columns that differ from some baseline row (the players). */
  varying: Int32Array;
  /** Unexplained columns that differ from some baseline row: set to the row's values in every synthetic row. */
  fixed: Int32Array;
  /** The players' coalitions; null when fewer than 2 vary. */
  coalitions: CoalitionPlan | null;
  /** Evaluate the empty coalition too (after the others): the row's base value when `fixed` is not empty. */
  needsNull: boolean;
}

/** Baseline weights normalized to sum 1 (equal when absent); throws naming baselineWeights when invalid. */
export function checkWeights(w: Float32Array | Float64Array | undefined, b: number): Float64Array {
  const out = new Float64Array(b).fill(1 / b);
  if (!w) return out;
  if (w.length !== b) throw new RangeError(`baselineWeights has ${w.length} values but the baseline has ${b} rows`);
  let total = 0;
  for (let k = 0; k < b; k++) {
    if (!(w[k] >= 0) || !Number.isFinite(w[k])) throw new RangeError(`baselineWeights[${k}] must be a finite number ≥ 0; got ${w[k]}`);
    total += w[k];
  }
  if (!(total > 0)) throw new RangeError('baselineWeights are all 0; at least one baseline row needs a positive weight');
  for (let k = 0; k < b; k++) out[k] = w[k] / total;
  return out;
}

function checkOutput(out: Float32Array, rows: number, d: number): number {
  const per = d > 0 ? d : out.length / rows;
  if (!(per >= 1) || !Number.isInteger(per) || out.length !== rows * per) {
    throw new RangeError(`the model returned ${out.length} values for ${rows} rows; it must return rows × outputs${d > 0 ? ` (${d} outputs)` : ''}`);
  }
  return per;
}

/** Model outputs of `n` rows called in chunks of `batchRows`; `d` = 0 learns the output count from the first call. */
export async function modelOutputs(model: BatchModel, rows: Float32Array, n: number, f: number, batchRows: number, d: number): Promise<Float32Array> {
  let out: Float32Array | null = null;
  for (let start = 0; start < n; start += batchRows) {
    const count = Math.min(batchRows, n - start);
    const part = await model(rows.subarray(start * f, (start + count) * f), count);
    d = checkOutput(part, count, d);
    out ??= new Float32Array(n * d);
    out.set(part, start * d);
  }
  return out ?? new Float32Array(0);
}

interface Job {
  plan: RowPlan;
  /** Synthetic rows: (coalitions + null) × b. */
  total: number;
  written: number;
  added: number;
  /** (coalitions + null) × outputs: baseline-weighted mean model outputs. */
  ey: Float64Array;
}

interface Segment { job: Job; start: number; count: number; at: number }

export class SyntheticStream {
  constructor(private readonly model: BatchModel, private readonly baseline: Float32Array, private readonly weights: Float64Array,
    private readonly f: number, private readonly d: number, private readonly batchRows: number) {}

  /** Plans rows 0..n−1 in order and calls `finish` on each once its coalitions are evaluated; returns the rows finished. */
  async run(n: number, plan: (i: number) => RowPlan, finish: (p: RowPlan, ey: Float64Array) => void,
    onProgress?: (done: number, total: number) => void, shouldStop?: () => boolean): Promise<number> {
    const { f, d, batchRows } = this;
    const b = this.weights.length;
    const buffer = new Float32Array(batchRows * f);
    const queue: Job[] = [];
    let next = 0;
    let done = 0;
    while (done < n) {
      const segments: Segment[] = [];
      let used = 0;
      while (used < batchRows) {
        let job = queue[queue.length - 1];
        if (!job || job.written === job.total) {
          if (next >= n) break;
          const p = plan(next++);
          const evals = (p.coalitions?.count ?? 0) + (p.needsNull ? 1 : 0);
          job = { plan: p, total: evals * b, written: 0, added: 0, ey: new Float64Array(evals * d) };
          queue.push(job);
          continue;
        }
        const count = Math.min(batchRows - used, job.total - job.written);
        this.write(job, job.written, count, buffer, used);
        segments.push({ job, start: job.written, count, at: used });
        job.written += count;
        used += count;
      }
      if (used > 0) {
        const out = await this.model(buffer.subarray(0, used * f), used);
        checkOutput(out, used, d);
        for (const s of segments) this.accumulate(s, out);
      }
      while (queue.length > 0 && queue[0].added === queue[0].total) {
        const job = queue.shift()!;
        finish(job.plan, job.ey);
        done++;
      }
      onProgress?.(done, n);
      if (done < n && shouldStop?.()) break;
    }
    return done;
  }

  private write(job: Job, start: number, count: number, buffer: Float32Array, at: number): void {
    const { f, baseline } = this;
    const b = this.weights.length;
    const { x, varying, fixed, coalitions } = job.plan;
    const m = varying.length;
    const evaluated = coalitions?.count ?? 0;
    for (let t = start; t < start + count; t++, at++) {
      const s = Math.floor(t / b);
      const k = t - s * b;
      const row = at * f;
      buffer.set(baseline.subarray(k * f, (k + 1) * f), row);
      for (let j = 0; j < fixed.length; j++) buffer[row + fixed[j]] = x[fixed[j]];
      if (s < evaluated) {
        const masks = coalitions!.masks;
        for (let q = 0; q < m; q++) if (masks[s * m + q]) buffer[row + varying[q]] = x[varying[q]];
      }
    }
  }

  private accumulate({ job, start, count, at }: Segment, out: Float32Array): void {
    const { d, weights } = this;
    const b = weights.length;
    for (let t = start; t < start + count; t++, at++) {
      const s = Math.floor(t / b);
      const w = weights[t - s * b];
      for (let o = 0; o < d; o++) job.ey[s * d + o] += w * out[at * d + o];
    }
    job.added += count;
  }
}
