// What pool threads share and hold: the data a histogram worker receives once (views over shared
// memory) and the working state of its chunk loop (runChunks in histogram-kernel.ts). Types only, so the
// worker source text (which is histogram-kernel.ts's functions) does not depend on this module.
import type { WasmHistogram } from './histogram-wasm.ts';
import type { RankBuffers } from '../metrics/ranked-labels.ts';

/** Shared arrays a pool computes logistic gradients over (each nRows long; `gpair` is 2 × nRows). */
export interface GradientInputs {
  margins: Float32Array;
  labels: Float32Array;
  /** Row weights; an empty array for none. */
  weights: Float32Array;
  grad: Float32Array;
  hess: Float32Array;
  /** sigmoid(margin) of each row, written with the gradients by the WebAssembly kernel; absent for the JS kernel. */
  preds?: Float32Array;
  /** [0]: scale_pos_weight (float32). */
  params: Float32Array;
}

/** A thread's instance of a WebAssembly kernel (see histogram-wasm.ts). */
export interface WasmKernel {
  /** The histogram of rows[begin, end) over all features into `hist` (2 × total slots). */
  build(begin: number, end: number, hist: Float64Array): void;
  /** As build, into `hist` in the kernel's own memory (a view of it): summed in place, no copy. */
  buildInPlace(begin: number, end: number, hist: Float64Array): void;
  /** Splits rows[b0, e0) stably in place as partitionRows8 does (code ≤ bin left, missing left iff defaultLeft); returns the left count. */
  partition(b0: number, e0: number, feature: number, bin: number, missing: number, defaultLeft: number): number;
  /**
   * Logistic gradients of rows [lo, hi) into the kernel memory's grad, hess and gpair (and rows[i] = i when
   * reset is 1), as logisticGradientRows computes them; null when the module was made without gradients.
   */
  gradients: ((lo: number, hi: number, reset: number) => void) | null;
  /** margins[rows[k]] += value (float32) for positions [k0, k1) of rows; null when the module was made without gradients. */
  leafMargins: ((k0: number, k1: number, value: number) => void) | null;
}

/** What a histogram worker receives once: views over shared memory (their buffers are shared, not copied). */
export interface HistogramWorkerData {
  /**
   * Int32 control block: [0] job sequence (workers sleep on it), [1] chunks finished, [4] threads, [5] quit,
   * [6] failed, [7] job kind (1 partition, 2 histograms, 3 logistic gradients, 5 split scans, 6 histogram joins, 7 metrics), [8] chunks in the job, [10] workers that have
   * started, [11] claim word (job number << 16 | next chunk), [16 + t] chunks thread t has done.
   */
  control: Int32Array;
  codes: Uint8Array | Uint16Array;
  nCols: number;
  histOffsets: Uint32Array;
  gpair: Float32Array;
  rows: Uint32Array;
  /**
   * Histogram slots of 2 × totalSlots doubles, back to back: a histogram chunk writes the slot its task
   * names (a chunk's own, or the node's histogram itself); split scans read and write them too.
   */
  partials: Float64Array;
  /** Whether `partials` is a view of the WebAssembly kernel's memory, so the kernel sums into it in place. */
  partialsInKernel: boolean;
  /** This worker's thread number, 1 … threads − 1 (thread 0 is the caller). */
  index: number;
  /**
   * Chunks, PARTITION_TASK_INTS ints each: a partition chunk's (begin, end, feature, split bin, default
   * left), a histogram chunk's (begin, end, slot (−1: the gradient sums instead), the scan to do after it
   * in split.scanTasks or −1), a gradient chunk's
   * (first row, end row, 1 to reset those positions of rows), a split-scan
   * chunk's (node slot, sibling slot or −1, parent slot, first feature, end feature), a join chunk's
   * (node slot, first chunk slot, chunk slots, first double, end double), or a metric chunk's (see metricChunk).
   */
  tasks: Int32Array;
  /** Rows each partition chunk sent left, by chunk. */
  nLeft: Int32Array;
  /** The WebAssembly kernel over the (shared) memory that holds codes, gpair and rows; null: the JS kernel. */
  wasm: WasmHistogram | null;
  /** Margins, labels and outputs of logistic-gradient jobs; null: the pool has none. */
  gradients: GradientInputs | null;
  /** [Σ grad, Σ hess] a histogram job's sum chunk (slot −1) writes. */
  sums: Float64Array;
  /** Node histograms and cuts of split-scan jobs; null: the pool has none. */
  split: SplitScanData | null;
  /** What metric chunks write (METRIC_OUTPUTS doubles per chunk; see metric-chunks.ts). */
  metrics: Float64Array;
  /** Loads of the control block this worker spins through before it sleeps (see setWorkerSpawner). */
  spin: number;
}

/** What split-scan jobs read and write (all on shared memory); see HistogramPool.evaluateSplits. */
export interface SplitScanData {
  nBins: Uint32Array;
  cutPtrs: Uint32Array;
  cutValues: Float32Array;
  minValues: Float32Array;
  hasMissing: Uint8Array;
  /** [lambda, alpha, min_child_weight] (float32 values). */
  params: Float64Array;
  /** Per chunk: G, H and gain of the node it scans, then of that node's sibling. */
  stats: Float64Array;
  /** Per chunk: the node's split record, then its sibling's (SPLIT_RECORD doubles each). */
  results: Float64Array;
  /** Scans a histogram job's chunks do after building a whole node (5 ints each, as a split-scan chunk's tasks; stats and results at the same index). */
  scanTasks: Int32Array;
}

/** A thread's working state for runChunks. */
export interface ChunkRunner {
  d: HistogramWorkerData;
  kernel: WasmKernel | null;
  goLeft: Uint8Array;
  scratch: Uint32Array;
  /** 0 … nCols − 1: the feature list split scans take blocks of. */
  features: Int32Array;
  /** The ranked keys of this thread's AUC range (metric chunks), kept between rounds. */
  ranks: RankBuffers;
}
