// `npm run bench:shap` (tsx scripts/bench/shap-kernel.ts): Kernel SHAP rows per second in Node on a
// small pure-TypeScript MLP (12 → 16 tanh → 1 sigmoid), num_samples 2048, 12 features, 100 explained
// rows, a 10-row unweighted baseline. A benchmark, not a test: it prints a table, it fails on nothing.
// With WEBSHAP_SRC pointing at poloclub/webshap's src/ folder (with mathjs, d3-random and
// @tensorflow/tfjs resolvable from it), WebSHAP's KernelSHAP explains the same model, rows, baseline and
// sample count, the two sides alternating for BENCH_PAIRS (default 5) pairs; WebSHAP takes seconds per
// row, so it explains the first WEBSHAP_ROWS (default 5) of the rows and the ratio compares rows/s.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kernelShap, type BatchModel } from '../../src/lib/clarify/shap/kernel-shap.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';

const F = 12, HIDDEN = 16, ROWS = 100, BASE = 10, SAMPLES = 2048;
const PAIRS = Math.max(5, Number(process.env.BENCH_PAIRS ?? 5) || 5);
const WEBSHAP_ROWS = Math.max(1, Math.min(ROWS, Number(process.env.WEBSHAP_ROWS ?? 5) || 5));

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
const x = { values: data.subarray(0, ROWS * F), nRows: ROWS, nCols: F };
const baseline = data.slice(ROWS * F);
const baseRows = Array.from({ length: BASE }, (_, k) => Array.from(baseline.subarray(k * F, (k + 1) * F)));

async function ours(seed: number): Promise<{ seconds: number; values: Float64Array }> {
  const t = performance.now();
  const r = await kernelShap(batchModel, x, { baseline, numSamples: SAMPLES, seed });
  return { seconds: (performance.now() - t) / 1000, values: r.values };
}

interface WebShapModule {
  KernelSHAP: new (model: (x: number[][]) => Promise<number[][]>, data: number[][], seed: number | null) => {
    explainOneInstance(x: number[], nSamples?: number | null): Promise<number[][]>;
  };
}

async function theirs(mod: WebShapModule): Promise<{ seconds: number; values: number[][] }> {
  const t = performance.now();
  const values: number[][] = [];
  for (let i = 0; i < WEBSHAP_ROWS; i++) {
    // A fresh explainer per row: reusing one fails on its second row (a matrix size mismatch in WebSHAP 0.1.4).
    const ex = new mod.KernelSHAP(rowsModel, baseRows, 0.2023);
    values.push((await ex.explainOneInstance(Array.from(x.values.subarray(i * F, (i + 1) * F)), SAMPLES))[0]);
  }
  return { seconds: (performance.now() - t) / 1000, values };
}

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const fmt = (v: number, d = 1) => v.toFixed(d).padStart(10);

async function main(): Promise<void> {
  console.log(`Kernel SHAP, MLP ${F}→${HIDDEN}→1, num_samples ${SAMPLES}, ${ROWS} rows, baseline ${BASE} rows, Node ${process.version}`);
  await ours(0); // warm-up (JIT)
  const src = process.env.WEBSHAP_SRC;
  let mod: WebShapModule | null = null;
  if (!src) {
    console.log('WebSHAP anchor not run: WEBSHAP_SRC is not set (point it at a checkout of poloclub/webshap/src, with mathjs, d3-random and @tensorflow/tfjs installed beside it).');
  } else {
    try {
      mod = (await import(pathToFileURL(resolve(src, 'index.ts')).href)) as WebShapModule;
    } catch (e) {
      console.log(`WebSHAP anchor not run: importing ${src}/index.ts failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const mine: number[] = [], other: number[] = [], ratios: number[] = [];
  let gap = 0, noise = 0, scale = 0;
  for (let p = 0; p < (mod ? PAIRS : 3); p++) {
    const runOurs = async () => { const r = await ours(p); mine.push(ROWS / r.seconds); return r; };
    const runTheirs = async () => { const r = await theirs(mod!); other.push(WEBSHAP_ROWS / r.seconds); return r; };
    let a, b = null;
    if (mod && p % 2 === 1) { b = await runTheirs(); a = await runOurs(); } else { a = await runOurs(); if (mod) b = await runTheirs(); }
    if (b) {
      ratios.push(mine[mine.length - 1] / other[other.length - 1]);
      const again = p === 0 ? (await ours(99)).values : null;
      for (let i = 0; i < WEBSHAP_ROWS; i++) {
        for (let j = 0; j < F; j++) {
          const v = a.values[i * F + j];
          scale = Math.max(scale, Math.abs(v));
          gap = Math.max(gap, Math.abs(v - b.values[i][j]));
          if (again) noise = Math.max(noise, Math.abs(v - again[i * F + j]));
        }
      }
    }
  }
  console.log(`${'engine'.padEnd(28)}${'rows/s'.padStart(10)}${'runs'.padStart(10)}`);
  console.log(`${'mlpad kernelShap'.padEnd(28)}${fmt(median(mine))}${fmt(mine.length, 0)}`);
  if (mod) {
    console.log(`${`WebSHAP 0.1.4 (${WEBSHAP_ROWS} rows)`.padEnd(28)}${fmt(median(other), 3)}${fmt(other.length, 0)}`);
    console.log(`median ratio mlpad / WebSHAP over ${ratios.length} alternating pairs: ${median(ratios).toFixed(0)}×`);
    console.log(`largest |φ mlpad − φ WebSHAP| ${gap.toFixed(4)} (mlpad seed 0 vs seed 99: ${noise.toFixed(4)}; largest |φ| ${scale.toFixed(3)}): both sample half of the 4094 coalitions`);
  }
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

await main();
