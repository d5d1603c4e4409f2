// `npm run bench:shap`: exact TreeSHAP, mlpad (src/lib/clarify/shap/tree-shap.ts) against native XGBoost
// 1.7's pred_contribs on the SAME model: native trains 100 trees of depth 6 on a seeded 10,000 × 28
// HIGGS-like table (5% missing cells), mlpad loads its JSON. mlpad runs on one thread, so the paired
// native runs use nthread=1; native on every core is printed apart. Sides alternate (mlpad, native, …)
// so that load from other work hits both alike. A benchmark, not a test: it prints, it fails on nothing.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { treeShapInteractions } from '../../src/lib/clarify/shap/tree-shap-interactions.ts';
import { treeShap } from '../../src/lib/clarify/shap/tree-shap.ts';
import type { FeatureMatrix } from '../../src/lib/ml/matrix.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';
import { fromXGBoostJSON } from '../../src/lib/ml/xgboost/model-json.ts';

const ROWS = 10_000;
const COLS = 28;
const OUT = resolve('bench/out/shap-tree');
const PYTHON = '/usr/bin/python3';
const NATIVE = resolve('scripts/bench/shap_tree_native.py');
/** mlpad/native pairs; BENCH_PAIRS overrides (at least 5). */
const PAIRS = Math.max(5, Number(process.env.BENCH_PAIRS ?? 5) || 5);
/** Rows for the (much slower) interaction values, timed once per side. */
const INTERACTION_ROWS = 200;

function gauss(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** 21 low-level columns and 7 built from them, a noisy logistic label on interactions of both; 5% NaN. */
function makeData(): { x: Float32Array; y: Float32Array } {
  const rng = new SeededRandom(2027);
  const x = new Float32Array(ROWS * COLS);
  const y = new Float32Array(ROWS);
  const v = new Float64Array(COLS);
  for (let i = 0; i < ROWS; i++) {
    for (let j = 0; j < 21; j++) {
      const kind = j % 3;
      v[j] = kind === 0 ? Math.exp(0.5 * gauss(rng)) : kind === 1 ? gauss(rng) : (rng.next() * 2 - 1) * Math.PI;
    }
    for (let k = 0; k < 7; k++) v[21 + k] = Math.sqrt(Math.abs(v[3 * k] * v[(3 * k + 3) % 21] * (1 - Math.cos(v[3 * k + 2] - v[(3 * k + 5) % 21])))) + 0.1 * gauss(rng);
    const z = 0.6 * v[1] * v[4] + Math.sin(2 * v[2]) * v[0] + 0.8 * (v[21] - 1) - 0.6 * (v[22] > 1 ? 1 : 0) * v[7]
      + 0.5 * Math.cos(v[5] - v[8]) * v[3] + 0.4 * v[24] * v[10] - 0.3 * v[13] * v[13] + 0.7 * Math.tanh(v[25] - v[26]) + 0.2 * gauss(rng);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    for (let j = 0; j < COLS; j++) x[i * COLS + j] = rng.next() < 0.05 ? NaN : v[j];
  }
  return { x, y };
}

/** The native side as a long-lived process: one JSON request per line, one JSON answer per line. */
function startNative(): { ask: (req: object) => Promise<Record<string, unknown>>; ready: Promise<Record<string, unknown>>; stop: () => void } {
  const child = spawn(PYTHON, [NATIVE, `${OUT}/X.f32`, `${OUT}/y.f32`, String(ROWS), String(COLS), OUT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('shap_tree_native.py exited early (see its stderr above)');
    return JSON.parse(r.value) as Record<string, unknown>;
  };
  return {
    ready: next(),
    ask: (req) => { child.stdin.write(JSON.stringify(req) + '\n'); return next(); },
    stop: () => child.stdin.end(),
  };
}

const median = (a: number[]) => { const s = [...a].sort((p, q) => p - q); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const f = (v: number, d = 3) => v.toFixed(d);
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');

if (!existsSync(PYTHON)) {
  console.log(`native anchor unavailable: ${PYTHON} not found (apt-get install python3-xgboost); nothing to compare`);
  process.exit(0);
}
mkdirSync(OUT, { recursive: true });
const { x, y } = makeData();
writeFileSync(`${OUT}/X.f32`, x);
writeFileSync(`${OUT}/y.f32`, y);
console.log(`load average before: ${load()} (${cpus().length} cores; other work skews timings)`);
const native = startNative();
const info = await native.ready;
const model = fromXGBoostJSON(readFileSync(`${OUT}/model.json`, 'utf8'));
const m: FeatureMatrix = { features: x, nRows: ROWS, nCols: COLS };
const nativeContribs = new Float32Array(readFileSync(`${OUT}/contribs.f32`).buffer.slice(0));
console.log(`model: native XGBoost ${String(info.version)}, binary:logistic, ${model.trees.length} trees, max_depth 6; data ${ROWS.toLocaleString('en')} × ${COLS}, 5% missing`);
console.log(`timed: treeShap(model, x) in Node ${process.version} (one thread) vs Booster.predict(dmatrix, pred_contribs=True), nthread=1 (DMatrix built beforehand)\n`);

const pairs: { mlpad: number; native: number }[] = [];
let maxDiff = 0;
for (let p = 0; p < PAIRS; p++) {
  const t0 = performance.now();
  const r = treeShap(model, m);
  const ours = (performance.now() - t0) / 1000;
  if (p === 0) for (let i = 0; i < r.values.length; i++) maxDiff = Math.max(maxDiff, Math.abs(r.values[i] - nativeContribs[i]));
  const theirs = Number((await native.ask({ cmd: 'contribs', nthread: 1 })).seconds);
  pairs.push({ mlpad: ours, native: theirs });
}
console.log('| pair | mlpad s (1 thread) | native s (nthread=1) | mlpad / native |');
console.log('|---:|---:|---:|---:|');
pairs.forEach((q, i) => console.log(`| ${i + 1} | ${f(q.mlpad)} | ${f(q.native)} | ${f(q.mlpad / q.native, 2)}× |`));
const ratio = median(pairs.map((q) => q.mlpad / q.native));
console.log(`\nmedian ratio mlpad / native (1 thread each): ${f(ratio, 2)}× (medians: mlpad ${f(median(pairs.map((q) => q.mlpad)))} s, native ${f(median(pairs.map((q) => q.native)))} s)`);
console.log(`max |mlpad − native| over all ${(ROWS * (COLS + 1)).toLocaleString('en')} contributions: ${maxDiff.toExponential(2)} (margin scale)`);

const all: number[] = [];
for (let k = 0; k < 3; k++) all.push(Number((await native.ask({ cmd: 'contribs', nthread: cpus().length })).seconds));
console.log(`native with all ${cpus().length} threads (nthread=${cpus().length}), median of 3: ${f(median(all))} s (mlpad stays single-threaded: ${f(median(pairs.map((q) => q.mlpad)) / median(all), 2)}×)`);

const ti = performance.now();
treeShapInteractions(model, { features: x.subarray(0, INTERACTION_ROWS * COLS), nRows: INTERACTION_ROWS, nCols: COLS });
const oursI = (performance.now() - ti) / 1000;
const theirsI = Number((await native.ask({ cmd: 'interactions', nthread: 1, rows: INTERACTION_ROWS })).seconds);
console.log(`interaction values, first ${INTERACTION_ROWS} rows, one run each: mlpad ${f(oursI)} s, native (nthread=1) ${f(theirsI)} s (${f(oursI / theirsI, 2)}×)`);
native.stop();
console.log(`load average after: ${load()}`);
