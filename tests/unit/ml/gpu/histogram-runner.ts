// Runs GpuHistogramBuilder on Dawn (the `webgpu` package) against a plain f64 CPU loop and prints one JSON
// line. Spawned by histogram-kernel.test.ts with VK_ICD_FILENAMES / LD_LIBRARY_PATH set, because Dawn reads
// them when it loads. Standalone: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
// LD_LIBRARY_PATH=/usr/lib/chromium npx tsx tests/unit/ml/gpu/histogram-runner.ts
import { create, globals } from 'webgpu';
import { requestComputeDevice } from '../../../../src/lib/ml/gpu/device.ts';
import { GpuHistogramBuilder, type GpuBinMatrix } from '../../../../src/lib/ml/gpu/histogram-kernel.ts';
import { cpuHistogram, makeBins, mulberry32 } from './histogram-fixtures.ts';

interface CaseResult {
  name: string;
  /** Largest |gpu − cpu| over slots, divided by the documented bound for that slot (≤ 1 passes). */
  worstBoundRatio: number;
  /** Largest |gpu − cpu| / max |cpu| over the G slots and over the H slots. */
  relErrG: number;
  relErrH: number;
  deterministic: boolean;
  gpuMs: number;
  cpuMs: number;
}

async function runCase(device: GPUDevice, name: string, b: GpuBinMatrix, rand: () => number, subset: number, gScale: number): Promise<CaseResult> {
  const n = b.nRows;
  const grad = new Float32Array(n), hess = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    grad[i] = (rand() * 2 - 1) * gScale;
    hess[i] = rand() * 0.25;
  }
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const rows = subset < 1 ? all.filter(() => rand() < subset) : all;
  // A node's rows sit at [begin, end) of the partition; put padding around them to test the range.
  const padded = new Uint32Array(rows.length + 6);
  padded.set(rows, 3);
  const begin = 3, end = 3 + rows.length;

  const builder = await GpuHistogramBuilder.create(device, b);
  builder.setGradients(grad, hess);
  const first = await builder.build(padded, begin, end);
  const reps = 5;
  let t0 = performance.now();
  let again = first;
  for (let r = 0; r < reps; r++) again = await builder.build(padded, begin, end);
  const gpuMs = (performance.now() - t0) / reps;
  builder.destroy();

  t0 = performance.now();
  let ref = cpuHistogram(b, grad, hess, padded, begin, end);
  for (let r = 1; r < reps; r++) ref = cpuHistogram(b, grad, hess, padded, begin, end);
  const cpuMs = (performance.now() - t0) / reps;

  let maxG = 0, maxH = 0;
  for (let i = 0; i < n; i++) { maxG = Math.max(maxG, Math.abs(grad[i])); maxH = Math.max(maxH, Math.abs(hess[i])); }
  let worst = 0, errG = 0, errH = 0, refG = 0, refH = 0, deterministic = true;
  for (let s = 0; s < ref.count.length; s++) {
    for (let c = 0; c < 2; c++) {
      const i = 2 * s + c;
      const diff = Math.abs(first[i] - ref.hist[i]);
      const max = c === 0 ? maxG : maxH;
      // Documented bound n · 2^−30 · max|x|, plus the f64 rounding of the reference sum itself.
      const bound = ref.count[s] * 2 ** -30 * max + ref.count[s] * 2 ** -52 * ref.count[s] * max + Number.MIN_VALUE;
      worst = Math.max(worst, diff / bound);
      if (c === 0) { errG = Math.max(errG, diff); refG = Math.max(refG, Math.abs(ref.hist[i])); } else { errH = Math.max(errH, diff); refH = Math.max(refH, Math.abs(ref.hist[i])); }
      if (!Object.is(first[i], again[i])) deterministic = false;
    }
  }
  return { name, worstBoundRatio: worst, relErrG: errG / refG, relErrH: errH / refH, deterministic, gpuMs, cpuMs };
}

async function main(): Promise<void> {
  Object.assign(globalThis, globals);
  const got = await requestComputeDevice(create([]));
  if (!got.device) { console.log(JSON.stringify({ skipped: got.reason })); return; }
  const { device, adapterInfo, software } = got;
  const rand = mulberry32(42);
  const nRows = 10_000;
  const cases: CaseResult[] = [];
  // Uint8: 255 bins + missing slot on half the features, 256 bins and no missing on the others.
  const b8 = makeBins(nRows, [255, 256, 255, 256, 255, 256, 255, 256], [true, false, true, false, true, false, true, false], false, rand);
  cases.push(await runCase(device, 'u8 codes, all rows', b8, rand, 1, 1));
  cases.push(await runCase(device, 'u8 codes, 40% of rows, |g| ≤ 1e3', b8, rand, 0.4, 1e3));
  // Uint16: 256 bins and missing cells on every feature (the CPU's wide layout).
  const b16 = makeBins(nRows, Array(8).fill(256), Array(8).fill(true), true, rand);
  cases.push(await runCase(device, 'u16 codes, all rows', b16, rand, 1, 1));
  console.log(JSON.stringify({ adapter: adapterInfo, software, cases }));
  device.destroy();
}

main().then(() => process.exit(0), (e) => { console.log(JSON.stringify({ error: String(e?.stack ?? e) })); process.exit(1); });
