// The histogram pool's interface and inputs (see histogram-pool.ts, which implements it).
import type { GradientInputs } from './histogram-kernel.ts';
import type { WasmHistogram } from './histogram-wasm.ts';

export interface HistogramPool {
  /** Threads taking part, the caller included; 1 for the in-thread pool. */
  readonly nThreads: number;
  /** Writes the histogram of rows[begin, end) over all features into `hist` (2 × totalSlots). */
  build(begin: number, end: number, hist: Float64Array): void;
  /**
   * Builds several nodes' histograms, as `build` does each, in one job: big nodes cut into chunks, small
   * ones whole (each summed by one thread in row order, as a single thread would). With `sums`, the same
   * job also writes Σ grad and Σ hess of `inputs.gradients` over every row, in row order (double), to
   * sums[0] and sums[1] (a tree root's G and H, summed by a thread while the others build); defaults to none.
   * With `scans`, also does evaluateSplits(scans.nodes, scans.out), node i being the one built into
   * builds[i].hist (its slot): a node built whole is scanned by the thread that built it, while its
   * histogram is in that core's cache; defaults to none.
   */
  buildMany(builds: readonly { begin: number; end: number; hist: Float64Array }[], sums?: Float64Array, scans?: BuildScans): void;
  /**
   * Splits the rows of `nTasks` tree nodes, each stably in place into [left | right] (see
   * partitionRows8); `tasks` holds PARTITION_TASK_INTS ints per node (begin, end, feature, split bin,
   * default left). Writes each node's left count to `nLeft`. The result does not depend on the thread
   * count. `goLeft` (65,536 bytes) and `scratch` (one per row) are the caller's working memory.
   */
  partition(tasks: Int32Array, nTasks: number, nLeft: Int32Array, goLeft: Uint8Array, scratch: Uint32Array): void;
  /**
   * Logistic gradients of rows [0, n) from `inputs.gradients` into its grad and hess and into gpair (see
   * logisticGradientRows), in chunks across the threads; the same values as in one thread, bit for bit.
   * With `resetRows` (defaults to false) also puts `rows` back in order (rows[i] = i), for the next tree.
   */
  logisticGradients(n: number, resetRows?: boolean): void;
  /**
   * Adds each leaf's float32 `value` to `inputs.gradients.margins` of the rows at positions [begin, end)
   * of `rows`, in the calling thread: a leaf's rows are scattered over the margins, so threads taking
   * leaves would write into each other's cache lines (measured: 3× slower on 2 threads than on one).
   */
  addLeafMargins(leaves: readonly { begin: number; end: number; value: number }[]): void;
  /**
   * Writes the best split (scanSplits' record, without max_delta_step) of each node of `nodes` to
   * out[2·SPLIT_RECORD·i], and, for a node with a `sibling`, first makes the sibling's histogram (parent −
   * node) and writes its best split to out[(2i + 1)·SPLIT_RECORD]. Threads scan blocks of features; the
   * records are the one-thread scan's, bit for bit. Needs the pool's `split` inputs.
   */
  evaluateSplits(nodes: readonly SplitScanNode[], out: Float64Array): void;
  /**
   * The training set's binary log loss and ROC AUC (each when asked for) of `inputs.gradients.preds` (which
   * logisticGradients writes) against its labels, over rows [0, n), on every thread: AUC the one-thread
   * figure to the bit, log loss within ~1e-16 of it (chunk sums in chunk order, the same for every thread
   * count). Null where the pool cannot: one thread, no preds, weights, a score or label outside the ranked
   * form (ranked-labels.ts), or too few rows to be worth waking threads; the caller then evaluates itself.
   */
  binaryMetrics(n: number, logloss: boolean, auc: boolean): { logloss?: number; auc?: number } | null;
  /** Chunks each thread has built or split so far (index 0: the caller); shows that workers took part. */
  workDone(): number[];
  /** Stops the workers. The pool must not be used afterwards. */
  dispose(): void;
}

/** The matrix and per-tree buffers a pool reads; for more than one thread they must be on SharedArrayBuffer. */
export interface HistogramInputs {
  codes: Uint8Array | Uint16Array;
  nCols: number;
  histOffsets: Uint32Array;
  gpair: Float32Array;
  rows: Uint32Array;
  /**
   * The WebAssembly kernel whose memory holds `codes`, `gpair` and `rows` (see createWasmHistogram), with a
   * scratch histogram per thread; defaults to none (the JS kernel).
   */
  wasm?: WasmHistogram;
  /** Shared margins, labels and outputs for logisticGradients; defaults to none. */
  gradients?: GradientInputs;
  /**
   * Shared histogram slots (2 × totalSlots doubles each): the first `chunkSlots` for chunks of big nodes,
   * then node histograms, which buildMany builds in place and evaluateSplits reads. With `wasm` they must
   * be a view of its memory (see createWasmHistogram's histSlots). Defaults to none: the pool allocates
   * chunk slots itself and copies each chunk out.
   */
  hists?: Float64Array;
  /** How many of `hists`' slots are chunk slots; defaults to 0. */
  chunkSlots?: number;
  /** Cuts and parameters for evaluateSplits (which needs `hists`); defaults to none. */
  split?: SplitInputs;
}

/** What evaluateSplits reads besides the histograms (copied once). */
export interface SplitInputs {
  nBins: Uint32Array;
  cutPtrs: Uint32Array;
  cutValues: Float32Array;
  minValues: Float32Array;
  hasMissing: Uint8Array;
  /** L2 penalty (float32). */
  lambda: number;
  /** L1 penalty (float32). */
  alpha: number;
  /** min_child_weight (float32). */
  minChildWeight: number;
}

/** Split scans for buildMany to do once it has built each node: see HistogramPool.buildMany. */
export interface BuildScans {
  nodes: readonly SplitScanNode[];
  out: Float64Array;
}

/** A node for evaluateSplits: its histogram's slot in `hists`, its sums (G, H) and its own gain. */
export interface SplitScanNode {
  slot: number;
  G: number;
  H: number;
  gain: number;
  /** The node's sibling, whose histogram (slot `slot`) is made as parent (slot `parent`) − node; defaults to none. */
  sibling?: { slot: number; parent: number; G: number; H: number; gain: number };
}
