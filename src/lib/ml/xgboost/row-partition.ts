// Rows of each tree node as a contiguous range of one Uint32Array, split in place (stably, so each
// node's rows stay in ascending order and histogram gathers walk memory forward). The split kernels are
// in parallel/histogram-kernel.ts, shared with the pool threads that split big nodes' rows together.
import { createHistogramPool, sharedArray, type HistogramPool } from '../parallel/histogram-pool.ts';
import { PARTITION_TASK_INTS } from '../parallel/histogram-kernel.ts';
import type { BinMatrix } from './bin-matrix.ts';

/** One node to split: its rows go to `left` (bin ≤ `bin`, or missing when `defaultLeft`) or `right`. */
export interface NodeSplit {
  node: number;
  left: number;
  right: number;
  feature: number;
  bin: number;
  defaultLeft: boolean;
}

export class RowPartition {
  /** Row indices; node n owns rows[begin[n], end[n]). */
  readonly rows: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly goLeft = new Uint8Array(65536);
  private tasks = new Int32Array(64 * PARTITION_TASK_INTS);
  private nLeft = new Int32Array(64);
  begin: Int32Array;
  end: Int32Array;

  /**
   * `shared` puts `rows` on a SharedArrayBuffer for pool threads; `rows` (nRows long), when given, is used
   * instead of a new array (say, a view into a histogram kernel's memory).
   */
  constructor(nRows: number, shared = false, rows?: Uint32Array) {
    this.rows = rows ?? sharedArray(Uint32Array, nRows, shared);
    for (let i = 0; i < nRows; i++) this.rows[i] = i;
    this.scratch = new Uint32Array(nRows);
    this.begin = new Int32Array(64);
    this.end = new Int32Array(64);
    this.end[0] = nRows;
  }

  /** Set when `rows` is in order already (a pool's gradient pass reset it): the next reset need not rewrite it. */
  rowsInOrder = false;

  /** Puts every row back into the root (node 0), in order. */
  reset(): void {
    const rows = this.rows;
    if (!this.rowsInOrder) for (let i = 0; i < rows.length; i++) rows[i] = i;
    this.rowsInOrder = false;
    this.begin[0] = 0;
    this.end[0] = rows.length;
  }

  size(node: number): number {
    return this.end[node] - this.begin[node];
  }

  private ensure(node: number): void {
    if (node < this.begin.length) return;
    let cap = this.begin.length;
    while (cap <= node) cap *= 2;
    const b = new Int32Array(cap); b.set(this.begin); this.begin = b;
    const e = new Int32Array(cap); e.set(this.end); this.end = e;
  }

  /**
   * Splits each node of `splits` (say, one depthwise level) into its left and right child: bin ≤ `bin` goes
   * left, a missing cell goes left iff `defaultLeft`. With `pool` (built over this partition's `rows`) big
   * nodes are split by all its threads together; the rows end up the same as without.
   */
  splitMany(bins: BinMatrix, splits: readonly NodeSplit[], pool: HistogramPool | null): void {
    const n = splits.length;
    if (this.nLeft.length < n) { this.nLeft = new Int32Array(n); this.tasks = new Int32Array(n * PARTITION_TASK_INTS); }
    const tasks = this.tasks;
    for (let t = 0; t < n; t++) {
      const s = splits[t];
      this.ensure(Math.max(s.left, s.right));
      const o = t * PARTITION_TASK_INTS;
      tasks[o] = this.begin[s.node]; tasks[o + 1] = this.end[s.node];
      tasks[o + 2] = s.feature; tasks[o + 3] = s.bin; tasks[o + 4] = s.defaultLeft ? 1 : 0;
    }
    const p = pool ?? this.inThread(bins);
    p.partition(tasks, n, this.nLeft, this.goLeft, this.scratch);
    for (let t = 0; t < n; t++) {
      const s = splits[t];
      const b0 = this.begin[s.node], e0 = this.end[s.node], mid = b0 + this.nLeft[t];
      this.begin[s.left] = b0; this.end[s.left] = mid;
      this.begin[s.right] = mid; this.end[s.right] = e0;
    }
  }

  private local: { bins: BinMatrix; pool: HistogramPool } | null = null;

  /** The single-thread pool (it only splits here, so it needs no gradients). */
  private inThread(bins: BinMatrix): HistogramPool {
    if (this.local?.bins !== bins) {
      this.local = { bins, pool: createHistogramPool({ codes: bins.codes, nCols: bins.nCols, histOffsets: bins.histOffsets, gpair: new Float32Array(0), rows: this.rows }, 1) };
    }
    return this.local.pool;
  }
}
