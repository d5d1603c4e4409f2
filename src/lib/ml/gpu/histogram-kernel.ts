// Gradient histograms on WebGPU, in the CPU layout of xgboost/histogram.ts: for feature j, slots
// [histOffsets[j], histOffsets[j+1]) (the last one is the missing cell's bin), interleaved [G, H] in a
// Float64Array of 2 × totalSlots.
//
// Numbers. WGSL has neither f64 nor float atomics, so each gradient g (and hessian h) is quantised to
// q = round(g · s) with s = 2^(30 − e), where 2^(e−1) ≤ max|g| < 2^e over the gradients given to
// setGradients, so |q| < 2^30 fits an i32. The kernel sums the q exactly in 64-bit integers (two u32 words
// with carry; exact for up to 2^33 rows), and the host divides by s in f64. Hence, for a slot holding n rows,
//   |G_gpu − G_exact| ≤ n · 2^(e−31) ≤ n · 2^−30 · max|g|   (≈ 9.3e-10 · n · max|g|),
// likewise for H with max|h|, where G_exact is the exact sum of the float32 gradients. The CPU path sums
// the same float32 values in f64 (error ≈ n · 1.1e-16 · Σ|g|), so the two agree to that bound. Because
// integer sums do not depend on order, GPU histograms are bit-for-bit deterministic run to run.
// Reducing in 64-bit integers also makes the place of the final reduction irrelevant: workgroups flush
// into one global histogram on the device, and the host reads back 16 bytes per slot, not one partial
// histogram per workgroup.
import { histogramWgsl, WORDS_PER_SLOT } from './histogram-wgsl.ts';

/** The parts of a bin matrix the kernel reads (xgboost/bin-matrix.ts's BinMatrix has them). */
export interface GpuBinMatrix {
  nRows: number;
  nCols: number;
  /** Row-major bin codes, nRows × nCols; code nBins[j] means missing. */
  codes: Uint8Array | Uint16Array;
  /** Feature j's slots are [histOffsets[j], histOffsets[j+1]); length nCols + 1. */
  histOffsets: Uint32Array;
}

/** Options of GpuHistogramBuilder.create. */
export interface GpuHistogramOptions {
  /** Invocations per workgroup; defaults to 256 (clamped to the device limit). */
  workgroupSize?: number;
  /** Rows each workgroup takes; defaults to 2048 (raised when the dispatch would exceed the device limit). */
  rowsPerWorkgroup?: number;
  /**
   * Most histogram slots one workgroup accumulates (consecutive features are grouped up to it); defaults to
   * what the device's workgroup memory holds. Software adapters (SwiftShader) compile the kernel in time
   * that grows with it (about 11 s at 2048 slots on 2 CPU cores), so tests there pass a smaller value.
   */
  maxGroupSlots?: number;
}

// Compiled kernels per device and WGSL variant: repeated fits (tuning, retraining) reuse them, which
// matters where compiling is slow. Entries go with their device.
const pipelines = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

function pipelineFor(device: GPUDevice, workgroupSize: number, slots: number): Promise<GPUComputePipeline> {
  let byKey = pipelines.get(device);
  if (!byKey) pipelines.set(device, byKey = new Map());
  const key = `${workgroupSize}:${slots}`;
  let p = byKey.get(key);
  if (!p) {
    const module = device.createShaderModule({ code: histogramWgsl(workgroupSize, slots) });
    p = device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    byKey.set(key, p);
    p.catch(() => byKey.delete(key));
  }
  return p;
}

// GPUBufferUsage / GPUMapMode values from the WebGPU spec, so that importing this module does not need the
// WebGPU globals (Node without the webgpu package, a page without WebGPU).
const U = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_MODE_READ = 0x1;

/** Builds gradient histograms of tree nodes on a GPUDevice; the bin matrix is uploaded once. */
export class GpuHistogramBuilder {
  /** Histogram slots (sum over features of nBins + 1); the result has 2 × totalSlots numbers. */
  readonly totalSlots: number;
  private readonly nRows: number;
  private readonly nCols: number;
  private readonly wide: boolean;
  private readonly nGroups: number;
  private readonly rowsPerWorkgroup: number;
  private readonly maxWorkgroups: number;
  private readonly buffers: GPUBuffer[] = [];
  private readonly params: GPUBuffer;
  private readonly gpair: GPUBuffer;
  private readonly rows: GPUBuffer;
  private readonly rowScratch: Uint32Array<ArrayBuffer>;
  private readonly hist: GPUBuffer;
  private readonly staging: GPUBuffer;
  private readonly bindGroup: GPUBindGroup;
  private scaleG = 0;
  private scaleH = 0;
  private pending: Promise<unknown> = Promise.resolve();
  private destroyed = false;

  private constructor(
    private readonly device: GPUDevice, private readonly pipeline: GPUComputePipeline,
    bins: GpuBinMatrix, groups: Uint32Array, rowsPerWorkgroup: number,
  ) {
    this.nRows = bins.nRows;
    this.nCols = bins.nCols;
    this.wide = bins.codes instanceof Uint16Array;
    this.totalSlots = bins.histOffsets[bins.nCols];
    this.nGroups = groups.length / 2;
    this.rowsPerWorkgroup = rowsPerWorkgroup;
    this.maxWorkgroups = device.limits.maxComputeWorkgroupsPerDimension;

    const packed = new Uint32Array(Math.max(1, Math.ceil(bins.codes.byteLength / 4)));
    if (bins.codes instanceof Uint8Array) new Uint8Array(packed.buffer).set(bins.codes);
    else new Uint16Array(packed.buffer).set(bins.codes);
    const codes = this.upload(packed);
    const offsets = this.upload(bins.histOffsets);
    const groupBuf = this.upload(groups);
    this.params = this.buffer(32, U.UNIFORM | U.COPY_DST);
    this.gpair = this.buffer(8 * Math.max(1, this.nRows), U.STORAGE | U.COPY_DST);
    this.rows = this.buffer(4 * Math.max(1, this.nRows), U.STORAGE | U.COPY_DST);
    this.rowScratch = new Uint32Array(this.nRows);
    const histBytes = 4 * WORDS_PER_SLOT * Math.max(1, this.totalSlots);
    this.hist = this.buffer(histBytes, U.STORAGE | U.COPY_SRC | U.COPY_DST);
    this.staging = this.buffer(histBytes, U.MAP_READ | U.COPY_DST);
    this.bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [this.params, codes, this.gpair, this.rows, offsets, groupBuf, this.hist]
        .map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  /**
   * Compiles the kernel for `device` and uploads `bins` (codes packed 4 u8 or 2 u16 per u32 word).
   * Rejects with a RangeError when the matrix does not fit the device's buffer limits or one feature has
   * more slots than workgroup memory holds.
   */
  static async create(device: GPUDevice, bins: GpuBinMatrix, options: GpuHistogramOptions = {}): Promise<GpuHistogramBuilder> {
    const { nRows, nCols, codes, histOffsets } = bins;
    if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 1) {
      throw new RangeError(`bins: nRows must be an integer ≥ 0 and nCols ≥ 1 (got ${nRows} × ${nCols})`);
    }
    if (codes.length !== nRows * nCols) throw new RangeError(`bins.codes must hold nRows × nCols = ${nRows * nCols} codes (got ${codes.length})`);
    if (histOffsets.length !== nCols + 1) throw new RangeError(`bins.histOffsets must have nCols + 1 = ${nCols + 1} entries (got ${histOffsets.length})`);
    const limits = device.limits;
    const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    if (codes.byteLength > maxBinding || 8 * nRows > maxBinding) {
      throw new RangeError(`bins: ${nRows} rows × ${nCols} features exceed this GPU's storage buffer limit of ${maxBinding} bytes`);
    }
    const workgroupSize = Math.min(options.workgroupSize ?? 256, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
    if (!Number.isInteger(workgroupSize) || workgroupSize < 1) throw new RangeError(`workgroupSize must be a positive integer (got ${options.workgroupSize})`);
    const rowsPerWorkgroup = options.rowsPerWorkgroup ?? 2048;
    if (!Number.isInteger(rowsPerWorkgroup) || rowsPerWorkgroup < 1) throw new RangeError(`rowsPerWorkgroup must be a positive integer (got ${rowsPerWorkgroup})`);
    const deviceSlots = Math.floor(limits.maxComputeWorkgroupStorageSize / (4 * WORDS_PER_SLOT));
    const maxSlots = Math.min(deviceSlots, options.maxGroupSlots ?? deviceSlots);
    if (!(maxSlots >= 1)) throw new RangeError(`maxGroupSlots must be a positive integer (got ${options.maxGroupSlots})`);
    const groups = featureGroups(histOffsets, maxSlots);
    const groupSlots = Math.max(...Array.from({ length: groups.length / 2 }, (_, g) => histOffsets[groups[2 * g + 1]] - histOffsets[groups[2 * g]]));
    // Rounded up to a multiple of 64 so that similar data sets share one compiled kernel.
    const pipeline = await pipelineFor(device, workgroupSize, Math.min(maxSlots, Math.max(64, Math.ceil(groupSlots / 64) * 64)));
    return new GpuHistogramBuilder(device, pipeline, bins, groups, rowsPerWorkgroup);
  }

  /**
   * Uploads per-row gradients and hessians (indexed by row id, length nRows) for the following builds
   * and picks the fixed-point scales from their largest magnitudes. Call again whenever they change
   * (once per boosting round and output group).
   */
  setGradients(grad: Float32Array, hess: Float32Array): void {
    this.assertAlive();
    if (grad.length !== this.nRows || hess.length !== this.nRows) {
      throw new RangeError(`grad and hess must have one entry per row (${this.nRows}); got ${grad.length} and ${hess.length}`);
    }
    const gpair = new Float32Array(2 * this.nRows);
    let maxG = 0, maxH = 0;
    for (let i = 0; i < this.nRows; i++) {
      const g = grad[i], h = hess[i];
      gpair[2 * i] = g; gpair[2 * i + 1] = h;
      const ag = Math.abs(g), ah = Math.abs(h);
      if (!(ag <= 3.4028234663852886e38) || !(ah <= 3.4028234663852886e38)) {
        throw new RangeError(`grad and hess must be finite; row ${i} has gradient ${g}, hessian ${h}`);
      }
      if (ag > maxG) maxG = ag;
      if (ah > maxH) maxH = ah;
    }
    this.scaleG = fixedPointScale(maxG);
    this.scaleH = fixedPointScale(maxH);
    this.device.queue.writeBuffer(this.gpair, 0, gpair);
  }

  /**
   * The histogram of rows[begin, end) over all features, into `out` (length 2 × totalSlots, allocated when
   * omitted). Builds run one at a time, in call order; bad arguments reject with a RangeError.
   */
  async build(rows: Uint32Array, begin = 0, end = rows.length, out?: Float64Array): Promise<Float64Array> {
    this.assertAlive();
    if (this.scaleG === 0) throw new Error('GpuHistogramBuilder.build: call setGradients(grad, hess) first');
    if (!(Number.isInteger(begin) && Number.isInteger(end) && 0 <= begin && begin <= end && end <= rows.length)) {
      throw new RangeError(`begin and end must satisfy 0 ≤ begin ≤ end ≤ rows.length (${rows.length}); got ${begin}, ${end}`);
    }
    if (end - begin > this.nRows) throw new RangeError(`rows[begin, end) holds ${end - begin} rows, more than the matrix's ${this.nRows}`);
    const target = out ?? new Float64Array(2 * this.totalSlots);
    if (target.length < 2 * this.totalSlots) throw new RangeError(`out must have 2 × totalSlots = ${2 * this.totalSlots} entries (got ${target.length})`);
    const run = this.pending.then(() => this.run(rows.subarray(begin, end), target));
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** Frees the GPU buffers; the builder cannot be used afterwards. Does not destroy the device. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const b of this.buffers) b.destroy();
  }

  private async run(rows: Uint32Array, out: Float64Array): Promise<Float64Array> {
    const count = rows.length;
    const hi = 2 * this.totalSlots;
    if (count === 0) { out.fill(0, 0, hi); return out; }
    const perGroup = Math.max(this.rowsPerWorkgroup, Math.ceil(count / this.maxWorkgroups));
    const params = new ArrayBuffer(32);
    new Uint32Array(params, 0, 4).set([count, this.nCols, perGroup, this.wide ? 1 : 0]);
    new Float32Array(params, 16, 2).set([this.scaleG, this.scaleH]);
    const { queue } = this.device;
    queue.writeBuffer(this.params, 0, params);
    // Through a private copy: `rows` may live on a SharedArrayBuffer, which writeBuffer does not take.
    this.rowScratch.set(rows);
    queue.writeBuffer(this.rows, 0, this.rowScratch, 0, count);
    const enc = this.device.createCommandEncoder();
    enc.clearBuffer(this.hist);
    const pass = enc.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.ceil(count / perGroup), this.nGroups);
    pass.end();
    enc.copyBufferToBuffer(this.hist, 0, this.staging, 0, this.staging.size);
    queue.submit([enc.finish()]);
    await this.staging.mapAsync(MAP_MODE_READ);
    try {
      const words = new Uint32Array(this.staging.getMappedRange());
      const invG = 1 / this.scaleG, invH = 1 / this.scaleH;
      for (let s = 0, w = 0; s < hi; s += 2, w += 4) {
        // hi word signed, lo word unsigned: exact in f64 while |sum| < 2^53.
        out[s] = ((words[w + 1] | 0) * 4294967296 + words[w]) * invG;
        out[s + 1] = ((words[w + 3] | 0) * 4294967296 + words[w + 2]) * invH;
      }
    } finally {
      this.staging.unmap();
    }
    return out;
  }

  private buffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.ceil(size / 4) * 4, usage });
    this.buffers.push(b);
    return b;
  }

  private upload(data: Uint32Array): GPUBuffer {
    const b = this.buffer(Math.max(4, data.byteLength), U.STORAGE | U.COPY_DST);
    this.device.queue.writeBuffer(b, 0, Uint32Array.from(data));
    return b;
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('GpuHistogramBuilder has been destroyed');
  }
}

/**
 * The power-of-two scale s = 2^(30 − e) with 2^(e−1) ≤ maxAbs < 2^e, so |round(x · s)| < 2^30 for
 * |x| ≤ maxAbs; e is clamped so that s stays a normal float32.
 */
export function fixedPointScale(maxAbs: number): number {
  if (!(maxAbs > 0)) return 1;
  let e = Math.floor(Math.log2(maxAbs)) + 1;
  while (2 ** e <= maxAbs) e++;
  while (e > -200 && 2 ** (e - 1) > maxAbs) e--;
  e = Math.min(Math.max(e, -96), 156);
  return 2 ** (30 - e);
}

/**
 * Splits features into runs of consecutive features with at most `maxSlots` slots each, as
 * [first, end) pairs. Throws a RangeError when one feature alone has more.
 */
export function featureGroups(histOffsets: Uint32Array, maxSlots: number): Uint32Array {
  const nCols = histOffsets.length - 1;
  const out: number[] = [];
  let first = 0;
  for (let j = 0; j < nCols; j++) {
    const slots = histOffsets[j + 1] - histOffsets[j];
    if (slots > maxSlots) throw new RangeError(`feature ${j} has ${slots} histogram slots; this GPU's workgroup memory holds at most ${maxSlots}`);
    if (histOffsets[j + 1] - histOffsets[first] > maxSlots) { out.push(first, j); first = j; }
  }
  out.push(first, nCols);
  return Uint32Array.from(out);
}
