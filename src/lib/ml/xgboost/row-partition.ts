// Rows of each tree node as a contiguous range of one Uint32Array, split in place (stably, so each
// node's rows stay in ascending order and histogram gathers walk memory forward).
import { sharedArray } from '../parallel/histogram-pool.ts';
import type { BinMatrix } from './bin-matrix.ts';

export class RowPartition {
  /** Row indices; node n owns rows[begin[n], end[n]). */
  readonly rows: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly goLeft = new Uint8Array(65536);
  begin: Int32Array;
  end: Int32Array;

  /** `shared` puts `rows` on a SharedArrayBuffer for histogram threads. */
  constructor(nRows: number, shared = false) {
    this.rows = sharedArray(Uint32Array, nRows, shared);
    for (let i = 0; i < nRows; i++) this.rows[i] = i;
    this.scratch = new Uint32Array(nRows);
    this.begin = new Int32Array(64);
    this.end = new Int32Array(64);
    this.end[0] = nRows;
  }

  /** Puts every row back into the root (node 0), in order. */
  reset(): void {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) rows[i] = i;
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
   * Splits `node` into `left` and `right` by feature `feature`: bin ≤ `splitBin` goes left, a missing
   * cell goes left iff `defaultLeft`.
   */
  split(bins: BinMatrix, node: number, left: number, right: number, feature: number, splitBin: number, defaultLeft: boolean): void {
    this.ensure(Math.max(left, right));
    const missing = bins.nBins[feature];
    const b0 = this.begin[node];
    const e0 = this.end[node];
    // goLeft[code] is 1 when a row with that bin code goes left.
    const goLeft = this.goLeft;
    for (let b = 0; b < missing; b++) goLeft[b] = b <= splitBin ? 1 : 0;
    goLeft[missing] = defaultLeft ? 1 : 0;
    const { codes, nCols } = bins;
    const nl = codes instanceof Uint8Array
      ? partition8(codes, nCols, feature, this.rows, this.scratch, b0, e0, goLeft)
      : partition16(codes, nCols, feature, this.rows, this.scratch, b0, e0, goLeft);
    this.begin[left] = b0; this.end[left] = b0 + nl;
    this.begin[right] = b0 + nl; this.end[right] = e0;
  }
}

// Branch-free: a split is close to a coin flip per row, so a branch would mispredict half the time.
// Each row is written to both sides and only the chosen side's cursor advances.
function partition8(codes: Uint8Array, nCols: number, feature: number, rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number, goLeft: Uint8Array): number {
  let l = b0;
  let r = 0;
  for (let i = b0; i < e0; i++) {
    const row = rows[i];
    const left = goLeft[codes[row * nCols + feature]];
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  rows.set(scratch.subarray(0, r), l);
  return l - b0;
}

function partition16(codes: Uint16Array, nCols: number, feature: number, rows: Uint32Array, scratch: Uint32Array, b0: number, e0: number, goLeft: Uint8Array): number {
  let l = b0;
  let r = 0;
  for (let i = b0; i < e0; i++) {
    const row = rows[i];
    const left = goLeft[codes[row * nCols + feature]];
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  rows.set(scratch.subarray(0, r), l);
  return l - b0;
}
