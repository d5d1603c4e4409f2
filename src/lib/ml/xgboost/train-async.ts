// The boosting loop of train.ts driven asynchronously: histograms are built by GpuHistogramBuilder on a
// WebGPU device (tree_method gpu_hist), or on the CPU when no device is given, and the driver yields to the
// event loop between rounds so that a worker running it keeps answering messages (progress, stop).
// Trees grow by the same code as the CPU path (TreeGrower.growSteps, boostSteps); only the histogram sums
// differ, by at most n · 2^-30 · max|g| per slot (see gpu/histogram-kernel.ts), so the trees are the same
// unless two candidate splits' gains tie to within that.
import type { TrainingData } from '../matrix.ts';
import { GpuHistogramBuilder, type GpuHistogramOptions } from '../gpu/histogram-kernel.ts';
import type { XGBoostModel } from './model.ts';
import type { XGBoostParams } from './params.ts';
import { boostSteps, prepareTraining, type FitOptions } from './train.ts';

/** Where trainXGBoostAsync builds histograms. */
export interface GpuTrainingTarget {
  /** A device from requestComputeDevice (gpu/device.ts); the caller owns it (training does not destroy it). */
  device: GPUDevice;
  /** Kernel tuning (workgroup size, rows and slots per workgroup); defaults to GpuHistogramBuilder's. */
  histogram?: GpuHistogramOptions;
}

/** One macrotask: lets the event loop deliver messages (a worker's stop request) before the next round. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Trains like trainXGBoost, asynchronously. With `gpu`, histograms are built on `gpu.device` (the bin
 * matrix is uploaded once, gradients once per tree; nthread is ignored); without, on the CPU as
 * trainXGBoost does (same trees, bit for bit). After each round's onRound it awaits
 * `options.callbacks.betweenRounds` (default: one macrotask). Rejects with a RangeError naming the bad
 * argument on invalid data, or when the data does not fit the device's limits; with an Error whose
 * message starts 'gpu_hist:' when the device fails or is lost mid-training (the caller may retrain with
 * tree_method hist or a new device).
 */
export async function trainXGBoostAsync(data: TrainingData, p: XGBoostParams, options: FitOptions = {}, gpu: GpuTrainingTarget | null = null): Promise<XGBoostModel> {
  const setup = prepareTraining(data, p, options, gpu ? 1 : (p.nthread ?? 1));
  const { grower } = setup;
  let builder: GpuHistogramBuilder | null = null;
  const between = options.callbacks?.betweenRounds;
  try {
    if (gpu) builder = await GpuHistogramBuilder.create(gpu.device, setup.bins, gpu.histogram);
    const steps = boostSteps(data, p, options, setup);
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) return s.value;
      const v = s.value;
      if (v.kind === 'histogram') {
        if (builder) {
          for (const b of v.builds) await onDevice(builder.build(grower.partition.rows, b.begin, b.end, b.hist));
        } else grower.buildOnCpu(v);
      } else if (v.kind === 'gradients') {
        if (builder) builder.setGradients(v.grad, v.hess);
        else if (!v.loaded) grower.loadGradients(v.grad, v.hess);
      } else {
        await (between ? between(v.round) : yieldToEventLoop());
      }
    }
  } finally {
    builder?.destroy();
    grower.dispose();
  }
}

/** Names the GPU as the cause of a failed build (device lost, out of memory, validation error). */
async function onDevice<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const msg = e instanceof Error ? (e.message ? `${e.name}: ${e.message}` : e.name) : String(e);
    throw new Error(`gpu_hist: building a histogram on the WebGPU device failed (${msg}); the device may have been lost. Request a new one with requestComputeDevice() or train with tree_method hist.`);
  }
}
