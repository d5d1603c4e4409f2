// Trains one small factorization machine on the tfjs cpu backend and on WebGPU (Dawn + SwiftShader) and prints
// one JSON line comparing them. Spawned by webgpu.test.ts with VK_ICD_FILENAMES / LD_LIBRARY_PATH set (Dawn
// reads them when it loads). Standalone: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
// LD_LIBRARY_PATH=/usr/lib/chromium npx tsx tests/unit/ml/factorization-machines/webgpu-runner.ts
import { create, globals } from 'webgpu';

export interface WebGpuComparison {
  /** scatterND with a repeated index on WebGPU (duplicates must add up: [[111, 222], [3, 4]]). */
  scatterND: number[][];
  maxParamDiff: number;
  maxPredDiff: number;
  /** Tensors left after fit + infer on WebGPU. */
  leak: number;
  label: string;
  rounds: number;
}

async function main(): Promise<WebGpuComparison | { skipped: string }> {
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  const { factorizationMachinesEstimator: fm } = await import('../../../../src/lib/ml/factorization-machines/factorization-machines-estimator.ts');
  const { synthetic, oneHot, split } = await import('./ratings.ts');
  const d = synthetic({ nUsers: 40, nItems: 20, nRows: 600, rank: 2, factorSd: 0.7, biasSd: 0.5, noiseSd: 0.3, seed: 3 });
  const { train, test } = split(d, 0.8);
  const tr = oneHot(d, train), te = oneHot(d, test);
  const params = fm.resolve({ predictor_type: 'regressor', epochs: 2, mini_batch_size: 100, factors_lr: 0.02, linear_lr: 0.02, factors_init_sigma: 0.1 });
  await tf.setBackend('cpu');
  const cpu = await fm.fit(tr, params);
  const cpuPred = await fm.infer(cpu.model, te);
  if (!(await tf.setBackend('webgpu'))) return { skipped: 'the tfjs webgpu backend did not initialise (no adapter)' };
  await tf.ready();
  const s = tf.scatterND(tf.tensor2d([[0], [1], [0], [0]], [4, 1], 'int32'), tf.tensor2d([[1, 2], [3, 4], [10, 20], [100, 200]]), [2, 2]);
  const scatterND = await s.array() as number[][];
  s.dispose();
  const before = tf.memory().numTensors;
  const gpu = await fm.fit(tr, params);
  const gpuPred = await fm.infer(gpu.model, te);
  const leak = tf.memory().numTensors - before;
  let maxParamDiff = Math.abs(cpu.model.bias - gpu.model.bias);
  cpu.model.linear.forEach((v, i) => { maxParamDiff = Math.max(maxParamDiff, Math.abs(v - gpu.model.linear[i])); });
  cpu.model.factors.forEach((v, i) => { maxParamDiff = Math.max(maxParamDiff, Math.abs(v - gpu.model.factors[i])); });
  const a = cpuPred.kind === 'regression' ? cpuPred.score : new Float32Array(0);
  const b = gpuPred.kind === 'regression' ? gpuPred.score : new Float32Array(0);
  let maxPredDiff = a.length === b.length && a.length > 0 ? 0 : Infinity;
  a.forEach((v, i) => { maxPredDiff = Math.max(maxPredDiff, Math.abs(v - b[i])); });
  return { scatterND, maxParamDiff, maxPredDiff, leak, label: gpu.compute.label, rounds: gpu.rounds ?? 0 };
}

main().then((r) => { console.log(JSON.stringify(r)); process.exit(0); }, (e: unknown) => {
  console.log(JSON.stringify({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }));
  process.exit(0);
});
