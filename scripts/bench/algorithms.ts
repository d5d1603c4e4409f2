// `npm run bench:algorithms`: mlpad's tensor algorithms (linear-learner, knn, kmeans, pca) beside
// scikit-learn on the same seeded data, per TensorFlow.js backend: wasm and cpu in Node; webgpu (SwiftShader,
// software), webgl, wasm and cpu in headless Chromium. A benchmark, not a test: it prints tables and fails on
// nothing. mlpad and native runs alternate (a long-lived /usr/bin/python3 answers each native run), and each
// row gives the medians of its pairs and the median of the per-pair ratios mlpad ÷ native.
//
// Flags: --quick (small smoke sizes) · --pairs N (default 5; quick 3) · --rows N (training rows; knn indexes
// N/2 rows and searches N/20) · --cases a,b · --backends a,b · --node-only · --browser-only ·
// --native-threads N (BLAS threads of the anchor; default 1, as mlpad runs on one thread) · --no-cuts
// (every backend at the full size; by default the slow ones run smaller: see CUTS; the size column says
// what ran).
// The browser page is scripts/bench/algorithms-browser.ts bundled by Vite and served from localhost.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { TfBackendName } from '../../src/lib/compute/types.ts';
// @ts-expect-error plain ESM helper
import { findChromium, CHROMIUM_ARGS } from '../find-chromium.mjs';
import { CASES, checksum, makeData, registered, runMlpad, useBackend, type CaseData, type CaseName, type CaseSpec, type MlpadRun } from './algorithms-browser.ts';

const args = process.argv.slice(2);
const has = (flag: string) => args.includes(flag);
const option = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const QUICK = has('--quick');
const PAIRS = Math.max(1, Number(option('--pairs') ?? (QUICK ? 3 : 5)) || 1);
const ROWS = Math.max(1000, Number(option('--rows') ?? (QUICK ? 10_000 : 200_000)) || 200_000);
const NATIVE_THREADS = Math.max(1, Number(option('--native-threads') ?? 1) || 1);
const ONLY_CASES = option('--cases')?.split(',') ?? CASES;
const ONLY_BACKENDS = option('--backends')?.split(',');
const PYTHON = '/usr/bin/python3';
const PAGE_DIR = resolve('bench/out/algorithms-page');
const WASM_DIR = resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist');
const EPOCHS = QUICK ? 2 : 5;
/** Seconds one browser run may take before the backend's remaining runs are given up. */
const BROWSER_RUN_LIMIT_S = 600;

interface NativeRun { seconds: number; perEpoch?: number; rounds: number; quality: Record<string, number>; numpy?: { seconds: number; quality: Record<string, number> }; error?: string }
interface Row { name: CaseName; engine: string; backend: TfBackendName; spec: CaseSpec; mlpad: MlpadRun[]; native: NativeRun[]; note?: string }

const log = (s: string) => process.stderr.write(`… ${s}\n`);
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');
const median = (v: number[]) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Each backend's share of the sizes, so that a default run stays near 20 minutes on 2 cores: every row count
 * is divided by `all`, and knn's queries and kmeans' rows also by `heavy`. tfjs' cpu backend is plain
 * JavaScript (a full knn search takes two minutes there); WebGPU and WebGL run on SwiftShader, on the CPU.
 * --no-cuts runs every backend at the full size.
 */
const CUTS: Record<TfBackendName, { all: number; heavy: number }> = {
  wasm: { all: 1, heavy: 1 },
  cpu: { all: 1, heavy: 10 },
  webgl: { all: 10, heavy: 1 },
  webgpu: { all: 20, heavy: 2 },
};

/** The specs of `name` on `backend` at the run's size. */
function specsFor(name: CaseName, backend: TfBackendName): CaseSpec[] {
  const cut = has('--no-cuts') ? { all: 1, heavy: 1 } : CUTS[backend];
  const rows = (n: number, heavy = 1) => Math.max(1000, Math.round(n / cut.all / heavy));
  const base: CaseSpec = { name, rows: rows(ROWS), cols: 28, queries: 0, epochs: 0, numModels: '' };
  switch (name) {
    case 'linear-learner':
      return ['1', 'auto'].map((numModels) => ({ ...base, epochs: EPOCHS, numModels }));
    case 'knn':
      return [{ ...base, rows: rows(ROWS / 2), queries: Math.max(100, Math.round(ROWS / 20 / cut.all / cut.heavy)) }];
    case 'kmeans':
      return [{ ...base, rows: rows(ROWS, cut.heavy) }];
    case 'pca':
      return [base];
  }
}

/** A small spec of the same case, run once untimed per backend so kernel compilation is not timed. */
const warmup = (s: CaseSpec): CaseSpec => ({ ...s, rows: 2000, queries: s.queries ? 200 : 0, epochs: s.epochs ? 1 : 0 });

const sizeText = (s: CaseSpec) => `${s.rows.toLocaleString('en')} × ${s.cols}${s.queries ? `, ${s.queries.toLocaleString('en')} queries` : ''}${s.epochs ? `, ${s.epochs} epochs, num_models ${s.numModels}` : ''}`;

// ---- the native anchor: one long-lived Python process answering one JSON line per request

class Native {
  readonly versions: Record<string, string | number>;
  private constructor(private proc: ReturnType<typeof spawn>, private lines: AsyncIterator<string>, versions: Record<string, string | number>) {
    this.versions = versions;
  }
  static async start(): Promise<Native | null> {
    if (!existsSync(PYTHON)) { console.log(`(native anchor skipped: ${PYTHON} not found)`); return null; }
    const proc = spawn(PYTHON, [resolve('scripts/bench/algorithms_native.py'), String(NATIVE_THREADS)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) { console.log('(native anchor failed to start: see the Python error above)'); return null; }
    return new Native(proc, lines, JSON.parse(first.value));
  }
  async run(request: object): Promise<NativeRun> {
    this.proc.stdin!.write(JSON.stringify(request) + '\n');
    const next = await this.lines.next();
    return next.done ? { seconds: NaN, rounds: 0, quality: {}, error: 'the Python process ended' } : JSON.parse(next.value);
  }
  close(): void { this.proc.stdin!.end(); }
}

/** Writes each spec's data once as float32 files for Python; returns the native request of the spec. */
class DataFiles {
  private written = new Map<string, Record<string, string>>();
  readonly dir = mkdtempSync(join(tmpdir(), 'mlpad-bench-algorithms-'));
  request(spec: CaseSpec, data: CaseData, variant?: string): object {
    const key = `${spec.name}-${spec.rows}-${spec.queries}`;
    if (!this.written.has(key)) {
      const files: Record<string, string> = {};
      for (const [part, a] of Object.entries({ x: data.x, y: data.y, q: data.q, qy: data.qy })) {
        if (!a) continue;
        files[part] = join(this.dir, `${key}.${part}.f32`);
        writeFileSync(files[part], new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      }
      this.written.set(key, files);
    }
    return { case: spec.name, files: this.written.get(key), rows: spec.rows, cols: spec.cols, queries: spec.queries, epochs: spec.epochs, ...(variant ? { variant } : {}) };
  }
  remove(): void { rmSync(this.dir, { recursive: true, force: true }); }
}

/** `pairs` alternating runs of `mlpad` and the native anchor on `spec`. */
async function pairs(row: Row, data: CaseData, native: Native | null, files: DataFiles, mlpad: () => Promise<MlpadRun>): Promise<void> {
  for (let i = 0; i < PAIRS; i++) {
    const m = await mlpad();
    row.mlpad.push(m);
    if (!m.compute.includes(row.backend)) row.note = `ran on ${m.compute}`;
    const n = native ? await native.run(files.request(row.spec, data)) : null;
    if (n?.error) row.note = `native: ${n.error}`;
    else if (n) row.native.push(n);
    log(`${row.engine} ${row.name} ${sizeText(row.spec)}: pair ${i + 1}/${PAIRS}: mlpad ${m.seconds.toFixed(2)} s, native ${n?.seconds.toFixed(2) ?? '—'} s (load ${load()})`);
  }
}

// ---- Node: tfjs wasm and cpu

async function nodeRows(native: Native | null, files: DataFiles): Promise<Row[]> {
  const rows: Row[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    if (ONLY_BACKENDS && !ONLY_BACKENDS.includes(backend)) continue;
    const why = await useBackend(backend);
    const engine = `Node ${process.version} ${backend}`;
    for (const name of CASES.filter((c) => ONLY_CASES.includes(c))) {
      for (const spec of specsFor(name, backend)) {
        const row: Row = { name, engine, backend, spec, mlpad: [], native: [] };
        rows.push(row);
        if (why) { row.note = `backend unavailable: ${why}`; continue; }
        if (!registered(name)) { row.note = 'not in the registry yet'; continue; }
        const small = warmup(spec);
        await runMlpad(small, makeData(small));
        const data = makeData(spec);
        await pairs(row, data, native, files, () => runMlpad(spec, data));
      }
    }
  }
  return rows;
}

// ---- Chromium: the same module bundled into a page on localhost

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

async function servePage(): Promise<{ server: Server; url: string }> {
  await build({
    configFile: false, logLevel: 'warn', define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir: PAGE_DIR, emptyOutDir: true, target: 'es2022', lib: { entry: resolve('scripts/bench/algorithms-browser.ts'), formats: ['es'], fileName: () => 'bench.js' } },
  });
  writeFileSync(join(PAGE_DIR, 'index.html'), '<!doctype html><meta charset="utf-8"><title>mlpad bench</title><script type="module" src="/bench.js"></script>\n');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const file = path.startsWith('/wasm/') ? join(WASM_DIR, path.slice(6)) : join(PAGE_DIR, path === '/' ? 'index.html' : path);
    if (!file.startsWith(PAGE_DIR) && !file.startsWith(WASM_DIR) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return; }
    // Cross-origin isolated, as the studio is served.
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://localhost:${port}/` };
}

const WASM_PATHS = Object.fromEntries(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => [f, `/wasm/${f}`]));

/** Calls `window.mlpadBench[method](...args)` in the page (a string, so that no transpiled helper leaks into the page). */
const call = <T>(page: Page, method: string, ...a: unknown[]): Promise<T> =>
  page.evaluate(`window.mlpadBench.${method}(${a.map((x) => JSON.stringify(x)).join(', ')})`) as Promise<T>;

function withLimit<T>(p: Promise<T>, seconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`a run took over ${seconds} s`)), seconds * 1000); })]).finally(() => clearTimeout(timer));
}

async function browserRows(native: Native | null, files: DataFiles): Promise<Row[]> {
  const chromium = findChromium();
  if (!chromium) { console.log('(browser part skipped: no Chromium; apt-get install -y chromium)'); return []; }
  const { server, url } = await servePage();
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, args: CHROMIUM_ARGS });
  const rows: Row[] = [];
  try {
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      if (ONLY_BACKENDS && !ONLY_BACKENDS.includes(backend)) continue;
      // A fresh page per backend: a backend that hangs or loses its device cannot spoil the next one.
      const page = await browser.newPage();
      try {
        await page.goto(url);
        await page.waitForFunction(() => 'mlpadBench' in window, undefined, { timeout: 60_000 });
        const why = await call<string | null>(page, 'useBackend', backend, WASM_PATHS);
        const device = backend === 'webgpu' ? ` (${await call<string>(page, 'adapterLabel')})` : backend === 'webgl' ? ` (${await call<string>(page, 'webglLabel')})` : '';
        const engine = `Chromium ${browser.version().split('.')[0]} ${backend}${device}`;
        let broken: string | null = null;
        for (const name of CASES.filter((c) => ONLY_CASES.includes(c))) {
          for (const spec of specsFor(name, backend)) {
            const row: Row = { name, engine, backend, spec, mlpad: [], native: [] };
            rows.push(row);
            if (why || broken) { row.note = why ? `backend unavailable: ${why}` : `skipped: ${broken}`; continue; }
            if (!(await call<boolean>(page, 'registered', name))) { row.note = 'not in the registry yet'; continue; }
            try {
              const small = warmup(spec);
              await call(page, 'prepare', small);
              await call(page, 'run', small);
              const sum = await call<string>(page, 'prepare', spec);
              const data = makeData(spec);
              if (sum !== checksum(data)) row.note = `the page generated other data (checksum ${sum}, Node ${checksum(data)})`;
              await pairs(row, data, native, files, () => withLimit(call<MlpadRun>(page, 'run', spec), BROWSER_RUN_LIMIT_S));
            } catch (e) {
              broken = `${name} failed on ${backend}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
              row.note = broken;
            }
          }
        }
        if (!why && !broken) log(`${engine}: ${await call<number>(page, 'liveTensors')} live tensors after its runs`);
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

// ---- the tables

const QUALITY: Record<CaseName, { key: string; label: string; fmt: (v: number) => string }> = {
  'linear-learner': { key: 'accuracy', label: 'training accuracy', fmt: (v) => v.toFixed(4) },
  knn: { key: 'accuracy', label: 'query accuracy', fmt: (v) => v.toFixed(4) },
  kmeans: { key: 'ssd', label: 'SSD', fmt: (v) => v.toExponential(5) },
  pca: { key: 'explained_variance', label: 'explained variance (10 comp.)', fmt: (v) => v.toFixed(5) },
};
const TIMED: Record<CaseName, string> = {
  'linear-learner': 's per epoch',
  knn: 's (index + search)',
  kmeans: 's (fit)',
  pca: 's (fit)',
};

/** numpy's SVD time and the median ratio mlpad ÷ numpy, as two table cells. */
function numpyCells(r: Row): string {
  const ratios = r.mlpad.map((m, i) => (r.native[i]?.numpy ? m.seconds / r.native[i].numpy!.seconds : NaN));
  const cell = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  return ` ${cell(median(r.native.map((n) => n.numpy?.seconds ?? NaN)), 3)} | ${cell(median(ratios), 2)}× |`;
}

function printTable(name: CaseName, rows: Row[]): void {
  const q = QUALITY[name];
  const perEpoch = name === 'linear-learner';
  const time = (r: { seconds: number; perEpoch?: number }) => (perEpoch ? r.perEpoch ?? NaN : r.seconds);
  const f = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  console.log(`\n### ${name}\n`);
  // pca: numpy's SVD ran beside every sklearn run, in two more columns.
  const numpy = name === 'pca';
  console.log(`| engine / backend | size | mlpad ${TIMED[name]} | sklearn ${TIMED[name]} | ratio mlpad/sklearn (median of pairs) | mlpad ${q.label} | sklearn ${q.label} |${numpy ? ' numpy SVD s | ratio mlpad/numpy |' : ''} pairs |`);
  console.log(`|---|---|---:|---:|---:|---:|---:|${numpy ? '---:|---:|' : ''}---:|`);
  for (const r of rows) {
    if (r.mlpad.length === 0) { console.log(`| ${r.engine} | ${sizeText(r.spec)} | — | — | — | — | — |${numpy ? ' — | — |' : ''} ${r.note ?? 'not run'} |`); continue; }
    const ratios = r.mlpad.map((m, i) => (r.native[i] ? time(m) / time(r.native[i]) : NaN));
    const mq = r.mlpad[0].quality[q.key], nq = r.native[0]?.quality[q.key];
    const note = r.note ? ` (${r.note})` : '';
    // SSD: how far mlpad's is from sklearn's, in percent.
    const rel = name === 'kmeans' && nq ? ` (${mq >= nq ? '+' : ''}${(100 * (mq / nq - 1)).toFixed(3)}%)` : '';
    console.log(`| ${r.engine} | ${sizeText(r.spec)} | ${f(median(r.mlpad.map(time)))} | ${f(median(r.native.map(time)))} | ${f(median(ratios), 2)}× | ${q.fmt(mq)}${rel} | ${nq === undefined ? '—' : q.fmt(nq)} |${numpy ? numpyCells(r) : ''} ${r.mlpad.length}${note} |`);
  }
  if (name === 'pca') {
    for (const r of rows) {
      const n = r.native[0];
      if (n?.numpy && Math.abs(n.numpy.quality.explained_variance - n.quality.explained_variance) > 5e-6) {
        console.log(`${r.engine}, ${sizeText(r.spec)}: numpy's explained variance ${q.fmt(n.numpy.quality.explained_variance)}`);
      }
    }
  }
  if (name === 'kmeans') {
    const iterations = [...new Set(rows.flatMap((r) => r.native.map((n) => `${n.rounds}`)))];
    if (iterations.length) console.log(`(sklearn's Lloyd iterations: ${iterations.join(', ')})`);
  }
}

const NOTES: Record<CaseName, string> = {
  'linear-learner': 'mlpad linear-learner (binary_classifier, adam, mini_batch_size 1000, early stopping off) on one thread: fit seconds ÷ epochs run (setup, the per-epoch scoring of every model and the threshold choice included); num_models 1 is like for like, auto trains 4 models side by side. sklearn: StandardScaler + SGDClassifier(loss=\'log_loss\', max_iter=epochs, tol=None) (plain SGD, one row per step), fit seconds ÷ epochs. Accuracy on the training rows.',
  knn: 'mlpad knn (k 10, L2, classifier, faiss.Flat-like exact search) fit (the index) + infer on the queries; sklearn KNeighborsClassifier(n_neighbors=10, algorithm=\'brute\') fit + predict. Accuracy on the queries (10 overlapping gaussian classes).',
  kmeans: 'mlpad kmeans (k 10, SageMaker defaults: init_method random, streaming mini-batches over 100 centres, reduced to 10 by 10 local Lloyd trials, then refined by full-batch Lloyd) fit; sklearn KMeans(n_clusters=10, n_init=1, init=\'k-means++\', algorithm=\'lloyd\') fit: total fit time of both. SSD = sum of squared distances of every row to its centre, in float64 (10 gaussian blobs).',
  pca: 'mlpad pca (num_components 10, algorithm_mode regular) fit; sklearn PCA(n_components=10, svd_solver=\'full\') fit on the same float32 rows; numpy: numpy.linalg.svd(full_matrices=False) of the rows centred in float64 (explained variance the same as sklearn\'s to 5 digits in every run, else it is printed). Quality: the summed explained variance ratio of the 10 components.',
};

// ---- main

console.log(`load average at start: ${load()} (2 cores; other work on the machine skews timings)`);
console.log(`${PAIRS} alternating mlpad/native pairs per row${QUICK ? ' (--quick)' : ''}; training rows ${ROWS.toLocaleString('en')}${has('--no-cuts') ? '' : '; smaller sizes on the slow backends (cpu: a tenth of the knn queries and kmeans rows; Chromium webgl a tenth and webgpu a twentieth of every size, and webgpu half that again for the knn queries and kmeans rows; --no-cuts for all at full size)'}`);
const native = await Native.start();
if (native) console.log(`native anchor: scikit-learn ${native.versions.sklearn}, numpy ${native.versions.numpy}, Python ${native.versions.python}, ${native.versions.threads} BLAS/OpenMP thread(s) (--native-threads)`);
const files = new DataFiles();
// Ctrl-C: leave no data files behind.
process.once('SIGINT', () => { files.remove(); process.exit(130); });
const rows: Row[] = [];
let lbfgs: NativeRun | null = null;
try {
  if (!has('--browser-only')) rows.push(...(await nodeRows(native, files)));
  // A second native reference for linear-learner: a full-batch solver run to convergence (total time).
  const ll = specsFor('linear-learner', 'wasm')[0];
  if (native && ONLY_CASES.includes('linear-learner')) lbfgs = await native.run(files.request(ll, makeData(ll), 'lbfgs'));
  if (!has('--node-only')) rows.push(...(await browserRows(native, files)));
} finally {
  native?.close();
  files.remove();
  for (const name of CASES.filter((c) => ONLY_CASES.includes(c))) {
    const mine = rows.filter((r) => r.name === name);
    if (mine.length) {
      printTable(name, mine);
      if (name === 'linear-learner' && lbfgs && !lbfgs.error) {
        console.log(`LogisticRegression(solver='lbfgs') on the scaled rows, to convergence (${lbfgs.rounds} iterations): ${lbfgs.seconds.toFixed(3)} s in total, training accuracy ${lbfgs.quality.accuracy.toFixed(4)} (one run)`);
      }
      console.log(`\n${NOTES[name]}`);
    }
  }
  if (rows.some((r) => r.mlpad.length && /webgpu|webgl/.test(r.engine))) {
    console.log('\nwebgpu and webgl run on SwiftShader here (software, on the CPU): those rows show that the algorithms run and agree there; their timings say nothing about a real GPU.');
  }
  const missing = CASES.filter((c) => ONLY_CASES.includes(c) && !registered(c));
  if (missing.length) console.log(`\nnot in the registry yet (skipped): ${missing.join(', ')}`);
  console.log(`\nload average at end: ${load()}`);
}
