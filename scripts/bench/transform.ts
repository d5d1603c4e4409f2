// `npm run bench:transform`: mlpad's batch transform (src/lib/deploy/transform.ts, Node) scoring 1,000,000
// rows × 28 features through a 100-tree depth-6 XGBoost model, beside native XGBoost 1.7's Booster.predict
// on the same rows (nthread 1 and 2). The model is trained natively (transform_native.py prepare) on the
// first 200,000 rows and the same JSON file is loaded by mlpad; both sides read the same float32 features.
// Each side loads its data once; then BENCH_PAIRS (default 5, at least 5) pairs per thread count run with
// the sides alternating which goes first. Timed: mlpad's whole batchTransform (features, trees, CSV
// output of one score per row) and its scoring alone; native: DMatrix construction + predict, and predict
// alone. mlpad's tree inference runs on one thread whatever nthread says, so its "nthread 2" row is its
// one-thread run beside native's two threads. Predictions are compared (max |diff| must be ≤ 1e-6).
// Chromium side: the same transform bundled by Vite into a page (transform-browser.ts) in headless
// Chromium, timed inside the page, rotating with the other two sides. A benchmark, not a test.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { makeVector, Table, type Vector } from 'apache-arrow';
import { loadDeployModel, score } from '../../src/lib/deploy/deploy-model.ts';
import { batchTransform } from '../../src/lib/deploy/transform.ts';
import type { XGBoostModel } from '../../src/lib/ml/xgboost/model.ts';
import { predictMargins } from '../../src/lib/ml/xgboost/predict.ts';
import { forestFallbackReason, readyForest } from '../../src/lib/ml/xgboost/wasm-forest.ts';

const PYTHON = '/usr/bin/python3';
const NATIVE = resolve('scripts/bench/transform_native.py');
const DIR = resolve('bench/out/transform');
const ROWS = Math.max(1000, Number(process.env.BENCH_ROWS ?? 1_000_000) || 1_000_000);
const PAIRS = Math.max(5, Number(process.env.BENCH_PAIRS ?? 5) || 5);
const FEATURES = 28;
const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };

if (!existsSync(PYTHON)) { console.log(`(bench skipped: ${PYTHON} not found; apt-get install -y python3-xgboost)`); process.exit(0); }
const have = existsSync(join(DIR, 'X.f32')) && readFileSync(join(DIR, 'X.f32')).byteLength === ROWS * FEATURES * 4 && existsSync(join(DIR, 'model.json'));
if (!have) {
  const prep = spawnSync(PYTHON, [NATIVE, 'prepare', DIR, String(ROWS)], { encoding: 'utf8' });
  if (prep.status !== 0) { console.log(`(native prepare failed: ${prep.stderr.trim().split('\n').pop()})`); process.exit(0); }
  console.log(`prepared: ${prep.stdout.trim()}`);
}
console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (shared 2-core machine; other work skews timings)`);

// mlpad side: the same float32 rows as Arrow columns f0…f27, and the model file as native XGBoost saved it.
const raw = readFileSync(join(DIR, 'X.f32'));
const x = new Float32Array(raw.buffer, raw.byteOffset, ROWS * FEATURES);
const columns = Object.create(null) as Record<string, Vector>;
for (let j = 0; j < FEATURES; j++) {
  const col = new Float32Array(ROWS);
  for (let i = 0; i < ROWS; i++) col[i] = x[i * FEATURES + j];
  columns[`f${j}`] = makeVector(col);
}
const table = new Table(columns);
const model = await loadDeployModel(new Uint8Array(readFileSync(join(DIR, 'model.json'))), 'model.json');

async function mlpadRun(): Promise<{ total: number; body: string }> {
  const t = performance.now();
  const r = await batchTransform(model, table, { accept: 'text/csv', header: false });
  return { total: (performance.now() - t) / 1000, body: r.body };
}
async function mlpadScoreOnly(): Promise<number> {
  const t = performance.now();
  for (let s = 0; s < ROWS; s += 65_536) await score(model, table.slice(s, Math.min(ROWS, s + 65_536)));
  return (performance.now() - t) / 1000;
}

// Native side: one process, one line per command.
const py = spawn(PYTHON, [NATIVE, 'serve', DIR], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: py.stdout! })[Symbol.asyncIterator]();
const nextLine = async () => { const r = await lines.next(); if (r.done) throw new Error('native side exited'); return r.value as string; };
const ready = await nextLine();
interface Native { threads: number; dmatrix_s: number; predict_s: number; total_s: number }
const native = async (cmd: string, threads: number): Promise<Native> => { py.stdin!.write(`${cmd} ${threads}\n`); return JSON.parse(await nextLine()) as Native; };

// Warm-up (JIT, caches), and the predictions compared once.
const first = await mlpadRun();
await native('dump', 1);
const theirs = new Float32Array(readFileSync(join(DIR, 'native.f32')).buffer.slice(0));
const ours = first.body.trimEnd().split('\n').map(Number);
let maxDiff = 0;
for (let i = 0; i < ROWS; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
const scoreOnly = [await mlpadScoreOnly(), await mlpadScoreOnly(), await mlpadScoreOnly()];
// The trees' path: batchTransform's first batch compiles the model to WebAssembly (wasm-forest.ts); the JS
// walk is timed beside it on a copy of the model (which has no compiled forest).
const xgb = model.model as XGBoostModel;
const forest = readyForest(xgb, 0, xgb.trees.length);
const treesOnly = (m: XGBoostModel) => { const t = performance.now(); predictMargins(m, { features: x, nRows: ROWS, nCols: FEATURES }); return (performance.now() - t) / 1000; };
const wasmTrees = [treesOnly(xgb), treesOnly(xgb), treesOnly(xgb)];
const jsTrees = [treesOnly({ ...xgb }), treesOnly({ ...xgb })];

/** Headless Chromium running transform-browser.ts; null when there is no Chromium. */
async function chromiumSide(): Promise<{ version: string; loadS: number; run(): Promise<number>; maxDiff(): Promise<number>; close(): Promise<void> } | null> {
  // @ts-expect-error plain ESM helper
  const { findChromium, CHROMIUM_ARGS } = await import('../find-chromium.mjs');
  const chromium = findChromium() as string | null;
  if (!chromium) { console.log('(Chromium side skipped: no Chromium; apt-get install -y chromium)'); return null; }
  const dir = mkdtempSync(join(tmpdir(), 'mlpad-transform-bench-'));
  const { build } = await import('vite');
  await build({
    configFile: false, logLevel: 'warn', define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir: dir, emptyOutDir: true, target: 'es2022', lib: { entry: resolve('scripts/bench/transform-browser.ts'), formats: ['es'], fileName: () => 'bench.js' } },
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>mlpad transform bench</title><script type="module" src="/bench.js"></script>\n');
  const files: Record<string, string> = { '/X.f32': join(DIR, 'X.f32'), '/model.json': join(DIR, 'model.json'), '/native.f32': join(DIR, 'native.f32'), '/': join(dir, 'index.html'), '/bench.js': join(dir, 'bench.js') };
  const server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]];
    if (!file || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://localhost:${(server.address() as { port: number }).port}/`);
  await page.waitForFunction(() => 'transformBench' in window, undefined, { timeout: 60_000 });
  const loaded = (await page.evaluate(`window.transformBench.load(${FEATURES})`)) as { rows: number; seconds: number };
  return {
    version: browser.version(),
    loadS: loaded.seconds,
    run: async () => ((await page.evaluate('window.transformBench.run()')) as { seconds: number }).seconds,
    maxDiff: async () => (await page.evaluate('window.transformBench.compare()')) as number,
    close: async () => { await browser.close(); server.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

const browser = await chromiumSide();
let browserDiff = NaN;
if (browser) { await browser.run(); browserDiff = await browser.maxDiff(); }

const results: Record<number, { mlpad: number[]; native: Native[]; ratios: number[]; chromium: number[]; chromiumRatios: number[] }> = {};
for (const threads of [1, 2]) {
  const r = (results[threads] = { mlpad: [] as number[], native: [] as Native[], ratios: [] as number[], chromium: [] as number[], chromiumRatios: [] as number[] });
  for (let k = 0; k < PAIRS; k++) {
    // The sides take turns going first: native, Node, Chromium; then Node, Chromium, native; …
    let n: Native | undefined, m = NaN, c = NaN;
    const steps = [async () => { n = await native('predict', threads); }, async () => { m = (await mlpadRun()).total; }, async () => { if (browser) c = await browser.run(); }];
    for (let s = 0; s < steps.length; s++) await steps[(s + k) % steps.length]();
    r.mlpad.push(m); r.native.push(n!); r.ratios.push(m / n!.total_s);
    if (browser) { r.chromium.push(c); r.chromiumRatios.push(c / n!.total_s); }
  }
}
py.stdin!.write('quit\n');

const f = (v: number) => v.toFixed(3);
console.log(`\ndata: ${ROWS.toLocaleString('en')} rows × ${FEATURES} float32 features; model: 100 trees, depth 6, binary:logistic (native ${ready.split(' ')[2]}); ${PAIRS} pairs per thread count, sides alternating`);
console.log('\n| side | threads | what is timed | median s | Mrows/s |');
console.log('|---|---:|---|---:|---:|');
for (const threads of [1, 2]) {
  const r = results[threads];
  console.log(`| native XGBoost | ${threads} | DMatrix + Booster.predict | ${f(median(r.native.map((n) => n.total_s)))} | ${(ROWS / median(r.native.map((n) => n.total_s)) / 1e6).toFixed(2)} |`);
  console.log(`| native XGBoost | ${threads} | Booster.predict alone | ${f(median(r.native.map((n) => n.predict_s)))} | ${(ROWS / median(r.native.map((n) => n.predict_s)) / 1e6).toFixed(2)} |`);
  console.log(`| mlpad batchTransform (Node ${process.version}) | 1 | features + trees + CSV output | ${f(median(r.mlpad))} | ${(ROWS / median(r.mlpad) / 1e6).toFixed(2)} |`);
  if (browser) console.log(`| mlpad batchTransform (Chromium ${browser.version}) | 1 | features + trees + CSV output | ${f(median(r.chromium))} | ${(ROWS / median(r.chromium) / 1e6).toFixed(2)} |`);
}
console.log(`| mlpad score() alone (Node) | 1 | features + trees, 65,536-row batches | ${f(median(scoreOnly))} | ${(ROWS / median(scoreOnly) / 1e6).toFixed(2)} |`);
const perTreeRow = (s: number) => `${((s / ROWS / xgb.trees.length) * 1e9).toFixed(1)} ns per tree per row`;
console.log(`| mlpad predictMargins alone (Node), ${forest ? 'WebAssembly' : 'JS'} | 1 | trees only, row-major input | ${f(median(wasmTrees))} | ${(ROWS / median(wasmTrees) / 1e6).toFixed(2)} |`);
console.log(`| mlpad predictMargins alone (Node), JS walk | 1 | trees only, row-major input | ${f(median(jsTrees))} | ${(ROWS / median(jsTrees) / 1e6).toFixed(2)} |`);
console.log(forest
  ? `trees: WebAssembly ${forest.strategy}, module ${forest.moduleBytes.toLocaleString('en')} bytes, compiled in ${forest.compileMs.toFixed(1)} ms; ${perTreeRow(median(wasmTrees))} (JS walk ${perTreeRow(median(jsTrees))})`
  : `trees: JS walk (${forestFallbackReason(xgb, 0, xgb.trees.length) ?? 'no forest compiled'}); ${perTreeRow(median(jsTrees))}`);
for (const threads of [1, 2]) {
  const r = results[threads].ratios;
  console.log(`mlpad Node / native (nthread ${threads}): median ratio ${median(r).toFixed(2)} over ${r.length} pairs (${r.map((v) => v.toFixed(2)).join(', ')}); target ≤ 2`);
  const c = results[threads].chromiumRatios;
  if (browser) console.log(`mlpad Chromium / native (nthread ${threads}): median ratio ${median(c).toFixed(2)} over ${c.length} pairs (${c.map((v) => v.toFixed(2)).join(', ')}); target ≤ 2`);
}
console.log(`predictions: max |mlpad − native| = ${maxDiff.toExponential(2)} over ${ROWS.toLocaleString('en')} rows (${maxDiff <= 1e-6 ? 'within' : 'ABOVE'} 1e-6)`);
if (browser) console.log(`predictions (Chromium): max |mlpad − native| = ${browserDiff.toExponential(2)} (${browserDiff <= 1e-6 ? 'within' : 'ABOVE'} 1e-6); page load (fetch + columns + model) ${browser.loadS.toFixed(2)} s`);
console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
await browser?.close();
