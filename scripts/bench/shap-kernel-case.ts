// The case of `npm run bench:shap`'s Kernel SHAP part, as plain engine code: a small seeded MLP (12 → 16 tanh
// → 1 sigmoid), 100 explained rows, a 10-row baseline, num_samples 2048, and one timed run of mlpad's
// kernelShap or of WebSHAP's KernelSHAP on it. scripts/bench/shap-kernel.ts runs it in Node and bundles
// it (with Vite) into a page in headless Chromium, so both sides run the same code on the same data.
import { kernelShap, type BatchModel } from '../../src/lib/clarify/shap/kernel-shap.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';

export const F = 12, HIDDEN = 16, ROWS = 100, BASE = 10, SAMPLES = 2048;

const rng = new SeededRandom(2027);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const w1 = Float64Array.from({ length: HIDDEN * F }, () => gauss() / Math.sqrt(F));
const b1 = Float64Array.from({ length: HIDDEN }, () => 0.1 * gauss());
const w2 = Float64Array.from({ length: HIDDEN }, () => gauss() / Math.sqrt(HIDDEN));

/** The MLP on one row (any indexable numbers). */
function mlp(x: ArrayLike<number>, at = 0): number {
  let z = 0.2;
  for (let h = 0; h < HIDDEN; h++) {
    let a = b1[h];
    for (let j = 0; j < F; j++) a += w1[h * F + j] * x[at + j];
    z += w2[h] * Math.tanh(a);
  }
  return 1 / (1 + Math.exp(-z));
}

const batchModel: BatchModel = async (rows, n) => {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = mlp(rows, i * F);
  return out;
};
const rowsModel = async (x: number[][]) => x.map((r) => [mlp(r)]);

const data = Float32Array.from({ length: (ROWS + BASE) * F }, gauss);
export const x = { values: data.subarray(0, ROWS * F), nRows: ROWS, nCols: F };
const baseline = data.slice(ROWS * F);
const baseRows = Array.from({ length: BASE }, (_, k) => Array.from(baseline.subarray(k * F, (k + 1) * F)));

export async function ours(seed: number): Promise<{ seconds: number; values: Float64Array }> {
  const t = performance.now();
  const r = await kernelShap(batchModel, x, { baseline, numSamples: SAMPLES, seed });
  return { seconds: (performance.now() - t) / 1000, values: r.values };
}

export interface WebShapModule {
  KernelSHAP: new (model: (x: number[][]) => Promise<number[][]>, data: number[][], seed: number | null) => {
    explainOneInstance(x: number[], nSamples?: number | null): Promise<number[][]>;
  };
}

export async function theirs(mod: WebShapModule, rows: number): Promise<{ seconds: number; values: number[][] }> {
  const t = performance.now();
  const values: number[][] = [];
  for (let i = 0; i < rows; i++) {
    // A fresh explainer per row: reusing one fails on its second row (a matrix size mismatch in WebSHAP 0.1.4).
    const ex = new mod.KernelSHAP(rowsModel, baseRows, 0.2023);
    values.push((await ex.explainOneInstance(Array.from(x.values.subarray(i * F, (i + 1) * F)), SAMPLES))[0]);
  }
  return { seconds: (performance.now() - t) / 1000, values };
}
