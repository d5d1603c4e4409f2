// `npm run bench:shap` (tsx scripts/bench/shap-kernel.ts): Kernel SHAP rows per second in Node, then in
// headless Chromium (scripts/bench/shap-kernel-chromium.ts), on a
// small pure-TypeScript MLP (12 → 16 tanh → 1 sigmoid), num_samples 2048, 12 features, 100 explained
// rows, a 10-row unweighted baseline. A benchmark, not a test: it prints a table, it fails on nothing.
// With WEBSHAP_SRC pointing at poloclub/webshap's src/ folder (with mathjs, d3-random and
// @tensorflow/tfjs resolvable from it), WebSHAP's KernelSHAP explains the same model, rows, baseline and
// sample count, the two sides alternating for BENCH_PAIRS (default 5) pairs; WebSHAP takes seconds per
// row, so it explains the first WEBSHAP_ROWS (default 5) of the rows and the ratio compares rows/s.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { F, ROWS, BASE, SAMPLES, HIDDEN, ours, theirs, type WebShapModule } from './shap-kernel-case.ts';
import { browserPairs } from './shap-kernel-chromium.ts';

const PAIRS = Math.max(5, Number(process.env.BENCH_PAIRS ?? 5) || 5);
const WEBSHAP_ROWS = Math.max(1, Math.min(ROWS, Number(process.env.WEBSHAP_ROWS ?? 5) || 5));

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
    const runTheirs = async () => { const r = await theirs(mod!, WEBSHAP_ROWS); other.push(WEBSHAP_ROWS / r.seconds); return r; };
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
  await browserPairs(src, PAIRS, WEBSHAP_ROWS);
}

await main();
