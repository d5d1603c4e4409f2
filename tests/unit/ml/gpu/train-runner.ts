// Trains the cases of train-fixtures.ts on the CPU (trainXGBoost) and on Dawn's WebGPU (trainXGBoostAsync with
// a device) and prints one JSON line comparing them. Spawned by train-gpu.test.ts with VK_ICD_FILENAMES /
// LD_LIBRARY_PATH set, because Dawn reads them when it loads. Standalone: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
// LD_LIBRARY_PATH=/usr/lib/chromium npx tsx tests/unit/ml/gpu/train-runner.ts
import { create, globals } from 'webgpu';
import { requestComputeDevice } from '../../../../src/lib/ml/gpu/device.ts';
import { GpuHistogramBuilder } from '../../../../src/lib/ml/gpu/histogram-kernel.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { predictXGBoost } from '../../../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import { trainXGBoostAsync } from '../../../../src/lib/ml/xgboost/train-async.ts';
import { xgboostEstimator } from '../../../../src/lib/ml/xgboost/xgboost-estimator.ts';
import { TEST_GROUP_SLOTS, compareModels, maxAbsDiff, trainCases, type ModelComparison, type TrainCase } from './train-fixtures.ts';

export interface TrainCaseResult extends ModelComparison {
  name: string;
  maxPredDiff: number;
  /** GpuHistogramBuilder.build calls during the GPU fit. */
  gpuBuilds: number;
  /** Rounds for which betweenRounds was awaited. */
  betweenRounds: number;
  cpuMs: number;
  gpuMs: number;
}

// Counts the kernel's builds, to show the GPU fit's histograms came from the GPU.
let gpuBuilds = 0;
const build = GpuHistogramBuilder.prototype.build;
GpuHistogramBuilder.prototype.build = function (this: GpuHistogramBuilder, ...args: Parameters<typeof build>) { gpuBuilds++; return build.apply(this, args); };

async function trainCase(device: GPUDevice, c: TrainCase): Promise<TrainCaseResult> {
  const p = resolveXGBoostParams(c.params);
  let t0 = performance.now();
  const cpu = trainXGBoost(c.data, p);
  const cpuMs = performance.now() - t0;
  let betweenRounds = 0;
  const builds = gpuBuilds;
  t0 = performance.now();
  const gpu = await trainXGBoostAsync(c.data, { ...p, tree_method: 'gpu_hist' }, { callbacks: { betweenRounds: () => { betweenRounds++; } } }, { device, histogram: { maxGroupSlots: TEST_GROUP_SLOTS } });
  const gpuMs = performance.now() - t0;
  const maxPredDiff = maxAbsDiff(predictXGBoost(cpu, c.data), predictXGBoost(gpu, c.data));
  return { name: c.name, ...compareModels(cpu, gpu), maxPredDiff, gpuBuilds: gpuBuilds - builds, betweenRounds, cpuMs, gpuMs };
}

/**
 * The estimator's entry point with a caller's device (default kernel options; max_bin 32 keeps SwiftShader's
 * compile short), its model through XGBoost JSON, and sync fit's refusal.
 */
async function estimatorCase(device: GPUDevice): Promise<ModelComparison & { syncFitError: string }> {
  const c = trainCases()[0];
  const p = xgboostEstimator.resolve({ ...c.params, num_round: 2, max_bin: 32, tree_method: 'gpu_hist' });
  const viaEstimator = (await xgboostEstimator.fit(c.data, p, { gpu: device })).model;
  const reloaded = xgboostEstimator.deserialize(xgboostEstimator.serialize(viaEstimator));
  const out = { ...compareModels(trainXGBoost(c.data, { ...p, tree_method: 'hist' }), reloaded), syncFitError: '' };
  try { trainXGBoost(c.data, p); } catch (e) { out.syncFitError = (e as Error).message; }
  return out;
}

/** Destroys a device after round 0 of a gpu_hist fit (as a lost device): the fit must reject, not go on. */
async function deviceLossCase(): Promise<string> {
  const got = await requestComputeDevice(create([]));
  if (!got.device) return `no second device: ${got.reason}`;
  const device = got.device;
  const c = trainCases()[0];
  const p = resolveXGBoostParams({ ...c.params, max_bin: 32, tree_method: 'gpu_hist' });
  try {
    await trainXGBoostAsync(c.data, p, { callbacks: { betweenRounds: () => { device.destroy(); } } }, { device });
    return 'resolved';
  } catch (e) {
    return (e as Error).message;
  }
}

async function main(): Promise<void> {
  Object.assign(globalThis, globals);
  const got = await requestComputeDevice(create([]));
  if (!got.device) { console.log(JSON.stringify({ skipped: got.reason })); return; }
  const { device, adapterInfo, software } = got;
  const cases: TrainCaseResult[] = [];
  for (const c of trainCases()) cases.push(await trainCase(device, c));
  const estimator = await estimatorCase(device);
  const deviceLoss = await deviceLossCase();
  console.log(JSON.stringify({ adapter: adapterInfo, software, cases, estimator, deviceLoss }));
  device.destroy();
}

main().then(() => process.exit(0), (e) => { console.log(JSON.stringify({ error: String(e?.stack ?? e) })); process.exit(1); });
