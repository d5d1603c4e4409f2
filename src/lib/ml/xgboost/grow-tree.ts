// Grows one tree on binned data as XGBoost 1.7's QuantileHistMaker does (updater_quantile_hist.cc and
// driver.h): nodes expanded level by level (depthwise) or best-loss-first (lossguide), the histogram of
// the child with the smaller hessian sum built and its sibling's obtained by subtraction, node ids
// allocated in the same order, so a tree maps onto the same JSON nodes as native. With a thread pool the
// histograms live in its shared slots, and its threads also subtract siblings and scan for splits (the
// same records as one thread's scan), so that little of a level is left to the calling thread.
import {
  createHistogramPool, poolChunkSlots, sharedArray, type BuildScans, type HistogramInputs, type HistogramPool, type SplitScanNode,
} from '../parallel/histogram-pool.ts';
import type { GradientInputs } from '../parallel/histogram-kernel.ts';
import { SPLIT_RECORD } from '../parallel/split-scan.ts';
import { createWasmHistogram } from '../parallel/histogram-wasm.ts';
import type { BinMatrix } from './bin-matrix.ts';
import { candidateFromRecord, emptyCandidate, evaluateSplit, type SplitCandidate } from './evaluate-split.ts';
import { gradientInputs, type GradientSpec } from './grower-gradients.ts';
import { buildHistogram, interleaveGradients, subtractHistogram } from './histogram.ts';
import { RowPartition } from './row-partition.ts';
import { leafWeight, nodeGain, type GainParams } from './split-gain.ts';
import { allocTree, expandNode, type Tree } from './tree.ts';
import type { SeededRandom } from '../random.ts';

/** What shapes one tree; names follow XGBoost's parameters. */
export interface TreeParams extends GainParams {
  /** Shrinkage applied to leaf weights (eta). */
  eta: number;
  /** Minimum loss change to make a split (gamma / min_split_loss). */
  gamma: number;
  /** Maximum depth; 0 = unlimited (lossguide only). */
  maxDepth: number;
  /** Maximum leaves; 0 = unlimited. */
  maxLeaves: number;
  growPolicy: 'depthwise' | 'lossguide';
  colsampleBytree: number;
  colsampleBylevel: number;
  colsampleBynode: number;
}

/** XGBoost's kRtEps: a split must gain more than this. */
const RT_EPS = 1e-6;
/** Driver's max_node_batch_size: nodes expanded together in one depthwise step. */
const MAX_BATCH = 256;
const f = Math.fround;
/** Bytes of shared node histograms a threaded grower keeps (its split scans run on the pool); more nodes use private ones. */
const SHARED_HIST_BYTES = 64 << 20;

interface Entry { nid: number; depth: number; split: SplitCandidate }

/**
 * The sums of `grad` and `hess` in row order (double). A function of its own: V8 runs this loop inside a
 * generator such as growSteps about 1.4× slower (measured).
 */
function gradientSums(grad: Float32Array, hess: Float32Array): [number, number] {
  let G = 0, H = 0;
  for (let i = 0; i < grad.length; i++) { G += grad[i]; H += hess[i]; }
  return [G, H];
}

/** One histogram to build: of partition.rows[begin, end) into `hist` (all of `features`' slots; other slots may be left as they are). */
export interface HistogramBuild { begin: number; end: number; hist: Float64Array; features: Int32Array }

/**
 * What growSteps asks its driver for: histograms to build, the root's alone, then the smaller children of
 * a whole depthwise level together (so a thread pool can build different nodes at once). The driver
 * resumes the generator once all are there.
 */
export interface HistogramRequest { kind: 'histogram'; builds: HistogramBuild[] }

/** Milliseconds spent in each phase of growing, and rows histogrammed, accumulated over trees (for profiling scripts). */
export interface GrowTimings { histogram: number; evaluate: number; partition: number; histogramRows: number }

export class TreeGrower {
  readonly partition: RowPartition;
  /** Interleaved [gradient, hessian] of every row for the tree being grown. */
  private readonly gpair: Float32Array;
  private readonly free: Float64Array[] = [];
  private readonly allFeatures: Int32Array;
  private hists: (Float64Array | undefined)[] = [];
  private nodeG: number[] = [];
  private nodeH: number[] = [];
  private nodeGainV: number[] = [];
  private treeFeatures: Int32Array;
  private levelFeatures: Int32Array[] = [];
  /** When set, each phase's time is added to it. */
  timings: GrowTimings | null = null;

  private readonly pool: HistogramPool | null = null;
  private readonly gradientInputs: GradientInputs | undefined;
  /** Set by buildOnCpu when the pool summed the root's gradients with its histogram (growSteps reads and clears it). */
  private rootSums: [number, number] | null = null;
  /** Whether growSteps' gradients are the pool's gradient inputs (so the pool can sum them). */
  private poolSums = false;
  private readonly sumsOut = new Float64Array(2);
  /** The pool if any, else the in-thread one (the WebAssembly kernel where it runs): builds full-feature histograms. */
  private readonly local: HistogramPool;
  /** With a pool: shared node histograms (slots of 2 × totalSlots doubles) that its threads scan for splits. */
  private readonly slab: Float64Array | null = null;
  private slabUsed = 0;
  /** Slots before the slab's in the pool's `hists` (its chunk slots). */
  private readonly chunkSlots: number = 0;
  /** Split records from the pool's scans (SPLIT_RECORD doubles each). */
  private records = new Float64Array(0);
  /** The scans of the children growSteps is asking buildOnCpu for, and whether it did them with the builds. */
  private pendingScans: BuildScans | null = null;
  private scansDone = false;

  /**
   * `nthread` > 1 builds histograms on that many threads when the bin matrix is shared (see
   * buildBinMatrix) and a worker spawner is set; defaults to 1, the exact single-thread order.
   * `gradients` has the grower compute logistic gradients itself (see GradientSpec and poolGradients).
   */
  constructor(private readonly bins: BinMatrix, private readonly p: TreeParams, private readonly rng: SeededRandom, nthread = 1, gradients?: GradientSpec) {
    const shared = nthread > 1 && typeof SharedArrayBuffer !== 'undefined' && bins.codes.buffer instanceof SharedArrayBuffer;
    // Threads share histogram slots: chunks of big nodes, then node histograms (built in place, scanned
    // for splits by the threads): enough for a depthwise tree's two deepest built levels; more use private ones.
    const len = 2 * bins.totalSlots;
    const chunkSlots = shared ? poolChunkSlots(bins.nRows, len) : 0;
    const want = p.growPolicy === 'depthwise' && p.maxDepth > 0 && p.maxDepth < 12 ? 3 * 2 ** Math.max(0, p.maxDepth - 2) + 4 : 64;
    const nodeSlots = shared ? Math.max(1, Math.min(want, Math.floor(SHARED_HIST_BYTES / (8 * len)))) : 0;
    // The WebAssembly kernel (where it runs) holds a copy of the codes, the gradients, the rows and the slots in its memory.
    const wasm = createWasmHistogram(bins.codes, bins.nCols, bins.histOffsets, bins.nRows, shared ? nthread : 1, shared, chunkSlots + nodeSlots,
      gradients && { weighted: gradients.weights !== undefined, scalePosWeight: gradients.scalePosWeight });
    const inputsOfGradients = gradients && gradientInputs(gradients, wasm, shared, bins.nRows);
    // The matrix now reads its codes from the kernel's copy, so the original can be collected (one copy, not two).
    if (wasm) bins.codes = wasm.codes;
    this.partition = new RowPartition(bins.nRows, shared, wasm?.rows);
    this.gpair = wasm?.gpair ?? sharedArray(Float32Array, 2 * bins.nRows, shared);
    const inputs: HistogramInputs = { codes: wasm?.codes ?? bins.codes, nCols: bins.nCols, histOffsets: bins.histOffsets, gpair: this.gpair, rows: this.partition.rows, wasm: wasm?.kernel, gradients: inputsOfGradients };
    if (shared) {
      const hists = wasm?.hists ?? new Float64Array(new SharedArrayBuffer(8 * len * (chunkSlots + nodeSlots)));
      this.slab = hists.subarray(chunkSlots * len);
      this.chunkSlots = chunkSlots;
      const { cuts } = bins;
      Object.assign(inputs, { hists, chunkSlots, split: {
        nBins: bins.nBins, cutPtrs: cuts.ptrs, cutValues: cuts.values, minValues: cuts.minValues, hasMissing: bins.hasMissing,
        lambda: p.lambda, alpha: p.alpha, minChildWeight: p.minChildWeight,
      } });
      const pool = createHistogramPool(inputs, nthread);
      if (pool.nThreads > 1) this.pool = pool;
    }
    this.local = this.pool ?? createHistogramPool(inputs, 1);
    this.kernel = wasm ? 'wasm' : 'js';
    // The kernel's gradients run in any thread; the JS ones only pay on the pool's threads.
    this.gradientInputs = inputsOfGradients && (wasm?.gradients || this.pool) ? inputsOfGradients : undefined;
    this.allFeatures = Int32Array.from({ length: bins.nCols }, (_, j) => j);
    this.treeFeatures = this.allFeatures;
  }

  /** Which histogram kernel builds full-feature histograms: WebAssembly, or the JS loop where WebAssembly is unavailable. */
  readonly kernel: 'wasm' | 'js';

  /** Threads building histograms (1 without a pool). */
  get nThreads(): number {
    return this.pool?.nThreads ?? 1;
  }

  /**
   * The margins, labels and gradients poolGradients and poolLeafMargins work on (see GradientSpec), or
   * undefined: the caller computes gradients itself and hands them over with loadGradients.
   */
  get gradients(): GradientInputs | undefined {
    return this.gradientInputs;
  }

  /**
   * Computes the logistic gradients of `gradients` (the WebAssembly kernel's where it runs, on the pool's
   * threads where there is one) into its grad and hess and straight into the histogram kernel's gradient
   * pairs (no loadGradients needed).
   */
  poolGradients(): void {
    // The same pass puts the row partition back in order for the tree these gradients grow.
    (this.pool ?? this.local).logisticGradients(this.bins.nRows, true);
    this.partition.rowsInOrder = true;
  }

  /**
   * The training set's binary log loss and AUC from the predictions poolGradients wrote, on the pool's
   * threads (see HistogramPool.binaryMetrics); null where the pool cannot (one thread among them).
   */
  poolBinaryMetrics(logloss: boolean, auc: boolean): { logloss?: number; auc?: number } | null {
    return this.pool?.binaryMetrics(this.bins.nRows, logloss, auc) ?? null;
  }

  /** Adds each leaf's value of `tree` (just grown) to the margins of the `gradients` inputs (see HistogramPool.addLeafMargins). */
  poolLeafMargins(tree: Tree): void {
    const leaves: { begin: number; end: number; value: number }[] = [];
    for (let nid = 0; nid < tree.nNodes; nid++) {
      if (tree.left[nid] === -1) leaves.push({ begin: this.partition.begin[nid], end: this.partition.end[nid], value: tree.threshold[nid] });
    }
    (this.pool ?? this.local).addLeafMargins(leaves);
  }

  /** Stops the histogram threads, if any. */
  dispose(): void {
    this.pool?.dispose();
  }

  private colSample(from: Int32Array, rate: number): Int32Array {
    if (rate === 1) return from;
    return this.rng.sample(from, Math.max(1, Math.trunc(f(f(rate) * from.length))));
  }

  /** ColumnSampler::GetFeatureSet: the tree's set, narrowed per level, then per node. */
  private nodeFeatures(depth: number): Int32Array {
    const p = this.p;
    if (p.colsampleBylevel === 1 && p.colsampleBynode === 1) return this.treeFeatures;
    let level = this.levelFeatures[depth];
    if (!level) level = this.levelFeatures[depth] = this.colSample(this.treeFeatures, p.colsampleBylevel);
    return this.colSample(level, p.colsampleBynode);
  }

  private acquire(): Float64Array {
    const h = this.free.pop();
    if (h) return h;
    const len = this.bins.totalSlots * 2;
    if (this.slab && (this.slabUsed + 1) * len <= this.slab.length) return this.slab.subarray(len * this.slabUsed, len * ++this.slabUsed);
    return new Float64Array(len);
  }

  /** The slot of histogram `h` in the shared slab, or −1 for a private one. */
  private slotOf(h: Float64Array | undefined): number {
    if (!h || !this.slab || h.buffer !== this.slab.buffer) return -1;
    return (h.byteOffset - this.slab.byteOffset) / (16 * this.bins.totalSlots) + this.chunkSlots;
  }

  /** Whether the pool scans splits: threads, every feature at every node, no max_delta_step. */
  private poolScans(): boolean {
    const p = this.p;
    return this.pool !== null && this.slab !== null && p.maxDeltaStep === 0 && this.treeFeatures === this.allFeatures
      && p.colsampleBylevel === 1 && p.colsampleBynode === 1;
  }

  /** Split records of `nodes` scanned on the pool (see HistogramPool.evaluateSplits). */
  private scanOnPool(nodes: SplitScanNode[]): Float64Array {
    if (this.records.length < 2 * SPLIT_RECORD * nodes.length) this.records = new Float64Array(2 * SPLIT_RECORD * nodes.length);
    this.pool!.evaluateSplits(nodes, this.records);
    return this.records;
  }

  private scanNode(nid: number): SplitScanNode {
    return { slot: this.slotOf(this.hists[nid]), G: this.nodeG[nid], H: this.nodeH[nid], gain: this.nodeGainV[nid] };
  }

  private release(nid: number): void {
    const h = this.hists[nid];
    if (h) { this.free.push(h); this.hists[nid] = undefined; }
  }

  private setStats(nid: number, g: number, h: number): void {
    this.nodeG[nid] = g; this.nodeH[nid] = h; this.nodeGainV[nid] = nodeGain(this.p, g, h);
  }

  private evaluate(nid: number, depth: number): Entry {
    const split = emptyCandidate();
    evaluateSplit(this.bins, this.hists[nid]!, this.nodeFeatures(depth), this.nodeG[nid], this.nodeH[nid], this.nodeGainV[nid], this.p, split);
    return { nid, depth, split };
  }

  private isValid(e: Entry, numLeaves: number): boolean {
    const p = this.p;
    const s = e.split;
    if (s.lossChange <= RT_EPS) return false;
    if (s.hl === 0 || s.hr === 0) return false;
    if (s.lossChange < p.gamma) return false;
    if (p.maxDepth > 0 && e.depth === p.maxDepth) return false;
    if (p.maxLeaves > 0 && numLeaves === p.maxLeaves) return false;
    return true;
  }

  /** Grows a tree for gradients `grad`/`hess` (rows with zero hessian and gradient are sampled out), building histograms on the CPU. */
  grow(grad: Float32Array, hess: Float32Array): Tree {
    this.loadGradients(grad, hess);
    const steps = this.growSteps(grad, hess);
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) return s.value;
      this.buildOnCpu(s.value);
    }
  }

  /** Hands the CPU builder a tree's gradients (buildOnCpu reads them); `grow` calls it. */
  loadGradients(grad: Float32Array, hess: Float32Array): void {
    interleaveGradients(grad, hess, this.gpair);
  }

  /**
   * Builds requested histograms with the CPU kernel; with a pool, big nodes are split across its threads
   * and small ones built whole, several at once (each then sums exactly as one thread would). `grow` calls it.
   */
  buildOnCpu(req: HistogramRequest): void {
    const { builds } = req;
    const b0 = builds[0];
    if (this.pool && this.poolSums && builds.length === 1 && b0.begin === 0 && b0.end === this.bins.nRows && b0.features.length === this.bins.nCols) {
      // The root: one thread sums the gradients while the others start on its histogram.
      this.pool.buildMany(builds, this.sumsOut);
      this.rootSums = [this.sumsOut[0], this.sumsOut[1]];
      return;
    }
    const scans = this.pendingScans;
    if (this.pool && scans && scans.nodes.length === builds.length && builds.every((b, i) => this.slotOf(b.hist) === scans.nodes[i].slot)) {
      this.pool.buildMany(builds, undefined, scans);
      this.scansDone = true;
      return;
    }
    if (this.pool && builds.length > 1 && builds.every((b) => b.features.length === this.bins.nCols)) {
      this.pool.buildMany(builds);
      return;
    }
    for (const b of builds) buildHistogram(this.bins, this.gpair, this.partition.rows, b.begin, b.end, b.features, b.hist, this.local);
  }

  /**
   * The tree-growing algorithm, for any histogram builder: yields a HistogramRequest whenever it needs a
   * node's histogram (the root, then the smaller child of each split) and returns the tree. `grow` drives
   * it synchronously on the CPU; trainXGBoostAsync drives it with a GPU builder, awaiting each build.
   * The builder must hold `grad`/`hess` already (loadGradients for buildOnCpu; setGradients on the GPU).
   */
  *growSteps(grad: Float32Array, hess: Float32Array): Generator<HistogramRequest, Tree, void> {
    const { bins, p, partition } = this;
    const eta = f(p.eta);
    const depthwise = p.growPolicy === 'depthwise';
    partition.reset();
    this.levelFeatures = [];
    this.treeFeatures = this.colSample(this.allFeatures, p.colsampleBytree);
    const tree = allocTree(depthwise && p.maxDepth > 0 && p.maxDepth < 12 ? 2 ** (p.maxDepth + 1) - 1 : 63);

    const tm = this.timings;
    let t0 = tm ? performance.now() : 0;
    this.hists[0] = this.acquire();
    this.rootSums = null;
    this.poolSums = this.gradientInputs !== undefined && grad === this.gradientInputs.grad && hess === this.gradientInputs.hess;
    yield { kind: 'histogram', builds: [{ begin: 0, end: bins.nRows, hist: this.hists[0], features: this.treeFeatures }] };
    const [G, H] = this.rootSums ?? gradientSums(grad, hess);
    this.rootSums = null;
    this.poolSums = false;
    if (tm) { const t = performance.now(); tm.histogram += t - t0; t0 = t; tm.histogramRows += bins.nRows; }
    this.setStats(0, G, H);
    const w0 = leafWeight(p, G, H);
    tree.baseWeight[0] = w0;
    tree.sumHessian[0] = H;
    tree.threshold[0] = f(eta * w0);

    // Priority queue kept sorted so that pop() takes the next entry (small array: at most a few hundred).
    const queue: Entry[] = [this.poolScans() && this.slotOf(this.hists[0]) >= 0
      ? { nid: 0, depth: 0, split: candidateFromRecord(this.scanOnPool([this.scanNode(0)]), 0, emptyCandidate()) }
      : this.evaluate(0, 0)];
    if (tm) { const t = performance.now(); tm.evaluate += t - t0; t0 = t; }
    const before = depthwise
      ? (a: Entry, b: Entry) => a.nid - b.nid
      : (a: Entry, b: Entry) => (a.split.lossChange === b.split.lossChange ? a.nid - b.nid : b.split.lossChange - a.split.lossChange);
    let numLeaves = 1;

    for (;;) {
      queue.sort(before);
      const set: Entry[] = [];
      if (queue.length > 0) {
        if (!depthwise) {
          const e = queue.shift()!;
          if (this.isValid(e, numLeaves)) { numLeaves++; set.push(e); } else this.release(e.nid);
        } else {
          const level = queue[0].depth;
          while (queue.length > 0 && queue[0].depth === level && set.length < MAX_BATCH) {
            const e = queue.shift()!;
            if (this.isValid(e, numLeaves)) { numLeaves++; set.push(e); } else this.release(e.nid);
          }
        }
      }
      if (set.length === 0) break;

      const valid: Entry[] = [];
      for (const c of set) {
        const s = c.split;
        const wl = leafWeight(p, s.gl, s.hl);
        const wr = leafWeight(p, s.gr, s.hr);
        const gp = s.gl + s.gr, hp = s.hl + s.hr;
        expandNode(tree, c.nid, s.feature, s.threshold, s.defaultLeft, leafWeight(p, gp, hp),
          f(wl * eta), f(wr * eta), s.lossChange, hp, s.hl, s.hr);
        const l = tree.left[c.nid], r = tree.right[c.nid];
        this.setStats(l, s.gl, s.hl);
        this.setStats(r, s.gr, s.hr);
        const childOk = !(p.maxDepth > 0 && c.depth + 1 >= p.maxDepth) && !(p.maxLeaves > 0 && numLeaves >= p.maxLeaves);
        if (childOk) valid.push(c);
      }
      if (tm) t0 = performance.now();
      // One job for the whole set: with a pool, big nodes' rows are split by all its threads.
      partition.splitMany(bins, set.map((c) => ({
        node: c.nid, left: tree.left[c.nid], right: tree.right[c.nid], feature: c.split.feature, bin: c.split.bin, defaultLeft: c.split.defaultLeft,
      })), this.local);
      if (tm) { const t = performance.now(); tm.partition += t - t0; t0 = t; }
      // The smaller child of every node is built (all in one request), the larger one by subtraction.
      const children = valid.map((c) => {
        const l = tree.left[c.nid], r = tree.right[c.nid];
        const [small, large] = c.split.hr < c.split.hl ? [r, l] : [l, r];
        return { c, l, r, small, large, hs: this.acquire(), hl: this.acquire() };
      });
      for (const { small, large, hs, hl } of children) { this.hists[small] = hs; this.hists[large] = hl; }
      // With the pool, its threads make the larger children's histograms (by subtraction) and scan both:
      // buildOnCpu has them do it with the builds (a node built whole is scanned by the thread that built it).
      const onPool = children.length > 0 && this.poolScans()
        && children.every((x) => this.slotOf(this.hists[x.c.nid]) >= 0 && this.slotOf(x.hs) >= 0 && this.slotOf(x.hl) >= 0);
      const scanNodes = onPool ? children.map((x) => ({ ...this.scanNode(x.small), sibling: { ...this.scanNode(x.large), parent: this.slotOf(this.hists[x.c.nid]) } })) : null;
      if (scanNodes) {
        if (this.records.length < 2 * SPLIT_RECORD * scanNodes.length) this.records = new Float64Array(2 * SPLIT_RECORD * scanNodes.length);
        this.pendingScans = { nodes: scanNodes, out: this.records };
      }
      this.scansDone = false;
      if (tm) t0 = performance.now();
      if (children.length > 0) {
        yield { kind: 'histogram', builds: children.map((x) => ({ begin: partition.begin[x.small], end: partition.end[x.small], hist: x.hs, features: this.treeFeatures })) };
      }
      this.pendingScans = null;
      for (const { c, small, hs, hl } of children) {
        if (!onPool) subtractHistogram(bins, this.hists[c.nid]!, hs, hl, this.treeFeatures);
        if (tm) tm.histogramRows += partition.size(small);
      }
      if (tm) { const t = performance.now(); tm.histogram += t - t0; t0 = t; }
      const records = scanNodes ? (this.scansDone ? this.records : this.scanOnPool(scanNodes)) : null;
      this.scansDone = false;
      children.forEach(({ c, l, r, small }, i) => {
        for (const child of [l, r]) {
          const e: Entry = records
            ? { nid: child, depth: c.depth + 1, split: candidateFromRecord(records, 2 * SPLIT_RECORD * i + (child === small ? 0 : SPLIT_RECORD), emptyCandidate()) }
            : this.evaluate(child, c.depth + 1);
          if (e.split.lossChange > RT_EPS) queue.push(e);
          else this.release(child);
        }
      });
      if (tm) tm.evaluate += performance.now() - t0;
      for (const c of set) this.release(c.nid);
    }
    for (const e of queue) this.release(e.nid);
    return tree;
  }
}
