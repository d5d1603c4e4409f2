// `npm run bench:gbdt`: mlpad's XGBoost-compatible trainer against native XGBoost 1.7 hist on the same
// seeded 200,000 × 28 CSV (a HIGGS-like synthetic binary task), 100 rounds, depth 6, eta 0.3, 256 bins.
// A benchmark, not a test: it prints a table, it fails on nothing. In Node, mlpad and native run in
// alternating pairs (`--pairs N`, default 5) at 1 and 2 threads, and the table gives medians, the median
// of the per-pair ratios and the load average; the machine is shared, so single runs say little. Browser (headless Chromium) figures
// come from the studio's Train view (the training worker, plus nested histogram workers for nthread 2),
// read from the results panel, in alternating pairs with native XGBoost evaluating the same metrics
// (`--browser-pairs N`, default 3); BENCH_DIST=folder serves that studio build instead of ./dist, on port
// BENCH_PORT (default 4198); BENCH_CHROMIUM_FLAGS adds Chromium flags (say `--js-flags=--prof`).
// `--node-only` skips the Chromium half, `--browser-only` the Node half, `--no-native` the native runs (to profile mlpad alone);
// BENCH_THREADS=1 prints the busiest renderer threads of each Chromium run.
import { enableNodeThreads } from '../../src/lib/ml/parallel/node-threads.ts';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { withStudio } from './studio-browser.ts';
import { quiet, workerCpuSampler } from './renderer-cpu.ts';
import { dirname, resolve } from 'node:path';
import { loadBytes } from '../../src/lib/data/index.ts';
import { featureColumns, type TrainingData } from '../../src/lib/ml/matrix.ts';
import { rocAuc } from '../../src/lib/ml/metrics/auc.ts';
import { prepareTrainingData } from '../../src/lib/ml/prepare/index.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';
import type { XGBoostModel } from '../../src/lib/ml/xgboost/model.ts';
import { resolveXGBoostParams } from '../../src/lib/ml/xgboost/params.ts';
import { trainXGBoost } from '../../src/lib/ml/xgboost/train.ts';
import { predictProbabilities } from '../../src/lib/ml/xgboost/infer.ts';
import { buildBinMatrix } from '../../src/lib/ml/xgboost/bin-matrix.ts';

const CSV = resolve('bench/out/gbdt-200k.csv');
const ROWS = 200_000;
const PYTHON = '/usr/bin/python3';
const NATIVE = resolve('scripts/bench/gbdt_native.py');
/** Runs per engine; the fastest counts (a shared 2-core machine is noisy). BENCH_REPEATS overrides. */
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 2) || 1);
const HP = { objective: 'binary:logistic', max_depth: 6, eta: 0.3, num_round: 100, max_bin: 256, tree_method: 'hist' };

/** Standard normal by Box–Muller. */
function gauss(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * 21 "low-level" columns (momenta-like: positive skewed, signed gaussians, angles) and 7 "high-level"
 * ones built from them (masses-like: square roots of sums of products); the label is a noisy logistic
 * draw on an interaction-heavy function of both, so trees need depth to find it.
 */
async function makeCsv(path: string): Promise<void> {
  if (existsSync(path) && statSync(path).size > 30e6) return;
  mkdirSync(dirname(path), { recursive: true });
  const rng = new SeededRandom(2026);
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(['label', ...Array.from({ length: 28 }, (_, j) => `f${j}`)].join(',') + '\n');
  const x = new Float64Array(28);
  for (let i = 0; i < ROWS; i++) {
    for (let j = 0; j < 21; j++) {
      const kind = j % 3;
      x[j] = kind === 0 ? Math.exp(0.5 * gauss(rng)) : kind === 1 ? gauss(rng) : (rng.next() * 2 - 1) * Math.PI;
    }
    for (let k = 0; k < 7; k++) {
      const a = x[3 * k], b = x[(3 * k + 3) % 21];
      x[21 + k] = Math.sqrt(Math.abs(a * b * (1 - Math.cos(x[3 * k + 2] - x[(3 * k + 5) % 21])))) + 0.1 * gauss(rng);
    }
    const z = 1.2 * x[1] * x[4] * 0.5 + Math.sin(2 * x[2]) * x[0] + 0.8 * (x[21] - 1) - 0.6 * (x[22] > 1 ? 1 : 0) * x[7]
      + 0.5 * Math.cos(x[5] - x[8]) * x[3] + 0.4 * x[24] * x[10] - 0.3 * x[13] * x[13] + 0.7 * Math.tanh(x[25] - x[26]) + 0.2 * gauss(rng);
    const y = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    let line = String(y);
    for (let j = 0; j < 28; j++) line += ',' + x[j].toPrecision(7);
    await write(line + '\n');
  }
  await new Promise<void>((r) => out.end(() => r()));
}

interface Row { engine: string; threads: number; binning_s: number; train_s: number; train_auc: number; train_eval_s?: number; binning_cpu_s?: number; train_eval_cpu_s?: number }

function native(threads: number[], repeats = REPEATS, withEval = true): Row[] {
  if (process.argv.includes('--no-native')) return [];
  if (!existsSync(PYTHON)) { console.log(`(native anchor skipped: ${PYTHON} not found)`); return []; }
  const args = [NATIVE, CSV, 'label', String(repeats), ...threads.map(String), ...(withEval ? [] : ['--no-eval'])];
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) { console.log(`(native anchor failed: ${run.stderr.trim().split('\n').pop()})`); return []; }
  return run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
}

/** The CSV as training data, loaded once (CSV load and prepare are not timed in the table). */
async function loadData(): Promise<{ data: TrainingData; loadS: number }> {
  const t0 = performance.now();
  const { table } = await loadBytes('gbdt-200k.csv', new Uint8Array(readFileSync(CSV)));
  const prepared = prepareTrainingData(table, { target: 'label', task: 'binary', split: { validationFraction: 0 } });
  return { data: prepared.train as TrainingData, loadS: (performance.now() - t0) / 1000 };
}

/** One mlpad run: binning alone, then a whole fit (which bins again); train = fit − binning. */
function mlpadOnce(data: TrainingData, threads: number): { row: Row } {
  const params = resolveXGBoostParams({ ...HP, nthread: threads });
  const t1 = performance.now();
  buildBinMatrix(featureColumns(data), data.nRows, 256);
  const binningS = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const model: XGBoostModel = trainXGBoost(data, params, { evalTrain: false });
  const fitS = (performance.now() - t2) / 1000;
  const preds = predictProbabilities(model, data);
  return {
    row: { engine: `mlpad (Node ${process.version})`, threads, binning_s: binningS, train_s: fitS - binningS, train_auc: rocAuc(preds, data.labels) },
  };
}

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const total = (r: Row) => r.binning_s + r.train_s;
/** Native binning + training with the training set's logloss and AUC evaluated every round (wall s; CPU s). */
const withEval = (r: Row) => r.binning_s + (r.train_eval_s ?? NaN);
const withEvalCpu = (r: Row) => (r.binning_cpu_s ?? NaN) + (r.train_eval_cpu_s ?? NaN);
const f = (v: number, d = 2) => v.toFixed(d);

/**
 * `pairs` alternating runs per thread count (mlpad then native in even pairs, native then mlpad in odd
 * ones, so a drifting load hits both alike), each with the load average when it started.
 */
function alternatingPairs(data: TrainingData, threads: number[], pairs: number): { threads: number; load: number; mlpad: Row; native: Row | null }[] {
  const out: { threads: number; load: number; mlpad: Row; native: Row | null }[] = [];
  for (let k = 0; k < pairs; k++) {
    for (const t of threads) {
      const load = loadavg()[0];
      let nat: Row | null = null;
      if (k % 2 === 1) nat = native([t], 1, false)[0] ?? null;
      const ours = mlpadOnce(data, t).row;
      if (k % 2 === 0) nat = native([t], 1, false)[0] ?? null;
      out.push({ threads: t, load, mlpad: ours, native: nat });
      console.log(`pair ${k + 1}/${pairs}, ${t} thread(s), load ${load.toFixed(2)}: mlpad ${total(ours).toFixed(2)} s, native ${nat ? total(nat).toFixed(2) : '—'} s`);
    }
  }
  return out;
}

/**
 * One Train-view run: the results panel's threads, prepare and train seconds (train = the fit: binning, the
 * rounds and each round's training-set metrics), the seconds from the Start click to the results panel
 * (worker start-up, data hand-over, prepare, fit, final evaluation and packaging), and the CPU seconds every
 * renderer process spent over that span (page, training worker and histogram workers together).
 */
interface BrowserRow { threads: number; prepareS: number; trainS: number; clickToResultsS: number; rendererCpuS: number; workerCpuS: number; busyWorkers: number; pageCpuS: number }


/** The studio build the Chromium half serves (on port BENCH_PORT, default 4198): BENCH_DIST (say, a `vite build --outDir` folder), else ./dist. */
const DIST = process.env.BENCH_DIST ?? 'dist';

/** Extra Chromium flags (BENCH_CHROMIUM_FLAGS, space-separated), e.g. `--js-flags=--prof` to profile the workers. */
const EXTRA_FLAGS = (process.env.BENCH_CHROMIUM_FLAGS ?? '').split(/\s+/).filter(Boolean);

interface BrowserPair { threads: number; load: number; browser: BrowserRow; native: Row | null }

/**
 * Train through the studio's Train view in headless Chromium on the same CSV, `pairs` times per thread
 * count, each run paired with native XGBoost at that thread count evaluating the same two training
 * metrics every round (native first in odd pairs, so a drifting load hits both alike).
 */
async function browserRuns(threads: number[], pairs: number): Promise<{ version: string; pairs: BrowserPair[] } | null> {
  return withStudio(Number(process.env.BENCH_PORT ?? 4198), '?view=data', async (page, browser) => {
    await page.locator('[data-testid="file-input"]').setInputFiles(CSV);
    await page.locator('[data-testid="dataset-name"][data-name="gbdt-200k.csv"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('nav-train').click();
    await page.getByTestId('train-target').selectOption('label');
    await page.getByTestId('train-validation-pct').fill('0');
    await page.getByTestId('train-test-pct').fill('0');
    for (const [name, value] of Object.entries({ num_round: '100', max_depth: '6', eta: '0.3' })) await page.getByTestId(`hp-${name}`).fill(value);
    await page.getByTestId('hp-advanced').click();
    await page.getByTestId('hp-tree_method').selectOption('hist');
    const cdp = await browser.newBrowserCDPSession();
    const renderers = async () => ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] }).processInfo.filter((p) => p.type === 'renderer');
    const rendererCpu = async () => (await renderers()).reduce((s, p) => s + p.cpuTime, 0);
    const pids = (await renderers()).map((p) => p.id);
    // A first visit installs the service worker (it precaches every asset) and the data worker profiles the
    // table: let the renderers go quiet first, so the first run does not share the CPU with them.
    await page.evaluate(async () => { await navigator.serviceWorker?.ready; }).catch(() => {});
    await quiet(pids);

    const train = async (n: number): Promise<BrowserRow> => {
      await page.getByTestId('hp-nthread').fill(String(n));
      let clickedAt = 0, cpuAt = 0;
      let sampler: ReturnType<typeof workerCpuSampler> | null = null;
      // The view reads the target column in a worker first; a start before that answers with an error: retry.
      for (let tries = 0; ; tries++) {
        cpuAt = await rendererCpu();
        sampler?.stop();
        sampler = workerCpuSampler(pids);
        clickedAt = performance.now();
        await page.getByTestId('train-start').click();
        const error = page.getByTestId('train-error');
        const refused = await page.waitForFunction(() => document.querySelector('[data-testid="train-error"]') !== null, undefined, { polling: 200, timeout: 2_000 }).then(() => true, () => false);
        if (!refused) break;
        const message = (await error.innerText()).replace(/\s+/g, ' ');
        if (!/Reading the target column/.test(message) || tries >= 60) throw new Error(`training did not start: ${message}`);
        await error.getByRole('button', { name: 'Dismiss error' }).click();
        await page.waitForTimeout(1_000);
      }
      // The previous run's results stay until this one's arrive: wait for the progress bar to come and go.
      await page.getByTestId('train-progress').waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {});
      // The rounds have ended when the progress says it evaluates (or, if that was too quick to see, has gone).
      // Checked every 200 ms in the page rather than by a locator's per-frame polling, which would take the
      // page's main thread from the training threads on a 2-core machine.
      const progress = (stages: string[]) => page.waitForFunction((st) => {
        const el = document.querySelector('[data-testid="train-progress"]');
        return !el || st.includes(el.getAttribute('data-stage') ?? '');
      }, stages, { polling: 200, timeout: 600_000 });
      await progress(['evaluating']);
      const { cpuS: workerCpuS, busy: busyWorkers, pageS: pageCpuS, threads } = sampler!.stop();
      if (process.env.BENCH_THREADS) console.log(`  renderer threads, click to end of rounds: ${threads}`);
      await progress([]);
      const results = page.getByTestId('train-results');
      await results.waitFor({ timeout: 60_000 });
      const clickToResultsS = (performance.now() - clickedAt) / 1000;
      const rendererCpuS = (await rendererCpu()) - cpuAt;
      return {
        threads: Number(await results.getAttribute('data-threads')), prepareS: Number(await results.getAttribute('data-prepare-seconds')),
        trainS: Number(await results.getAttribute('data-train-seconds')), clickToResultsS, rendererCpuS, workerCpuS, busyWorkers, pageCpuS,
      };
    };
    const out: BrowserPair[] = [];
    for (let k = 0; k < pairs; k++) {
      for (const t of threads) {
        const load = loadavg()[0];
        let nat: Row | null = null;
        if (k % 2 === 1) nat = native([t], 1, true)[0] ?? null;
        const ours = await train(t);
        if (k % 2 === 0) nat = native([t], 1, true)[0] ?? null;
        out.push({ threads: t, load, browser: ours, native: nat });
        const natS = nat ? withEval(nat) : NaN;
        console.log(`Chromium pair ${k + 1}/${pairs}, ${t} thread(s), load ${load.toFixed(2)}: mlpad train ${ours.trainS.toFixed(2)} s (${ours.threads} thread(s); click to results ${ours.clickToResultsS.toFixed(2)} s, worker CPU ${ours.workerCpuS.toFixed(2)} s on ${ours.busyWorkers} busy worker thread(s), page threads meanwhile ${ours.pageCpuS.toFixed(2)} s, renderer CPU ${ours.rendererCpuS.toFixed(2)} s), native with eval ${natS.toFixed(2)} s (CPU ${nat ? withEvalCpu(nat).toFixed(2) : '—'} s)`);
      }
    }
    return { version: browser.version(), pairs: out };
  }, { dist: DIST, extraArgs: EXTRA_FLAGS });
}

const argPairs = process.argv.indexOf('--pairs');
/** Alternating mlpad/native pairs per thread count (`--pairs N` or BENCH_PAIRS; default 5). */
const PAIRS = Math.max(1, Number(argPairs >= 0 ? process.argv[argPairs + 1] : process.env.BENCH_PAIRS ?? 5) || 1);
await makeCsv(CSV);
console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (2 cores; other work skews timings)`);
console.log(`data: ${CSV} (${ROWS.toLocaleString('en')} rows × 28 features, ${(statSync(CSV).size / 1e6).toFixed(1)} MB)`);
/** The Node half: alternating mlpad/native pairs at 1 and 2 threads, and its table. */
async function nodeHalf(): Promise<void> {
  console.log(`Node: ${PAIRS} alternating pairs per thread count`);
  await enableNodeThreads();
  const { data, loadS } = await loadData();
  const pairs = alternatingPairs(data, [1, 2], PAIRS);
  console.log('\nMedians over the pairs (binning, train and total each the median of its own column; ratio = median of the per-pair total ratios):');
  console.log('\n| engine | threads | binning s | train s | total s | train AUC | mlpad / native, same threads (total), median of pairs | ratio range | load avg (1 min) range |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of [1, 2]) {
    const ps = pairs.filter((p) => p.threads === t);
    const loads = ps.map((p) => p.load);
    const loadRange = `${f(Math.min(...loads))}–${f(Math.max(...loads))}`;
    const nat = ps.flatMap((p) => (p.native ? [p.native] : []));
    const ratios = ps.flatMap((p) => (p.native ? [total(p.mlpad) / total(p.native)] : []));
    if (nat.length > 0) {
      console.log(`| ${nat[0].engine} | ${t} | ${f(median(nat.map((r) => r.binning_s)))} | ${f(median(nat.map((r) => r.train_s)))} | ${f(median(nat.map(total)))} | ${f(nat[0].train_auc, 4)} | | | ${loadRange} |`);
    }
    const ours = ps.map((p) => p.mlpad);
    const ratio = ratios.length > 0 ? `${f(median(ratios))}×` : '—';
    const range = ratios.length > 0 ? `${f(Math.min(...ratios))}–${f(Math.max(...ratios))}×` : '—';
    console.log(`| ${ours[0].engine} | ${t} | ${f(median(ours.map((r) => r.binning_s)))} | ${f(median(ours.map((r) => r.train_s)))} | ${f(median(ours.map(total)))} | ${f(ours[0].train_auc, 4)} | ${ratio} | ${range} | ${loadRange} |`);
  }
  console.log(`\nmlpad CSV load + prepare (not in the table): ${f(loadS)} s`);
  const cells = data.nRows * data.nCols;
  const binBytes = buildBinMatrix(featureColumns(data), data.nRows, 256).codes.byteLength;
  console.log(`mlpad bin matrix: ${binBytes.toLocaleString('en')} bytes for ${cells.toLocaleString('en')} cells (${f(binBytes / cells, 3)} bytes per cell)`);
}

if (!process.argv.includes('--browser-only')) await nodeHalf();
const argBrowserPairs = process.argv.indexOf('--browser-pairs');
/** Alternating Chromium/native pairs per thread count (`--browser-pairs N`; default 3). */
const BROWSER_PAIRS = Math.max(1, Number(argBrowserPairs >= 0 ? process.argv[argBrowserPairs + 1] : 3) || 1);
const browser = process.argv.includes('--node-only') ? null : await browserRuns([1, 2], BROWSER_PAIRS);
if (browser) {
  console.log(`\nHeadless Chromium ${browser.version}, ${BROWSER_PAIRS} alternating pairs per thread count. mlpad: the Train view (the training worker,`);
  console.log('plus nested histogram workers for 2 threads), read from its results panel: train s = data-train-seconds, the fit alone (binning,');
  console.log('100 rounds, and the training set\'s logloss and AUC every round for the learning curve); prepare s = data-prepare-seconds');
  console.log('(encode the Arrow table, not timed on the native side, whose CSV parsing is not timed either); click to results = Start click to');
  console.log('the results panel (worker start-up, data hand-over, prepare, fit, final evaluation, packaging, rendering). Like for like, the');
  console.log('native anchor is binning + xgb.train evaluating the same two metrics on the training set every round; its no-eval time is');
  console.log('beside it. CPU s = CPU seconds, all threads: mlpad\'s is its dedicated workers\' (training + histogram) from the click to');
  console.log('the end of the rounds (start-up and prepare included, so an upper bound on the fit\'s), native\'s is binning + train with eval;');
  console.log('renderer CPU s is every renderer thread (page, compositor, workers) from the click to the results. On a loaded 2-core');
  console.log('machine the wall ratio swings with the load (native\'s eval waits on its OpenMP threads); the CPU ratio is the steadier one.');
  console.log('\n| engine | threads | prepare s | train s | click to results s | CPU s | renderer CPU s | mlpad / native (wall), median of pairs | ratio range | CPU ratio, median | CPU ratio range | load avg (1 min) range |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of [1, 2]) {
    const ps = browser.pairs.filter((p) => p.threads === t);
    const nats = ps.flatMap((p) => (p.native?.train_eval_s != null ? [p.native] : []));
    const ratios = ps.flatMap((p) => (p.native?.train_eval_s != null ? [p.browser.trainS / withEval(p.native)] : []));
    const cpuRatios = ps.flatMap((p) => (p.native?.train_eval_cpu_s != null && Number.isFinite(p.browser.workerCpuS) ? [p.browser.workerCpuS / withEvalCpu(p.native)] : []));
    const loads = ps.map((p) => p.load);
    const loadRange = `${f(Math.min(...loads))}–${f(Math.max(...loads))}`;
    const range = (v: number[]) => (v.length ? `${f(Math.min(...v))}–${f(Math.max(...v))}×` : '—');
    if (nats.length) {
      console.log(`| ${nats[0].engine}, eval each round | ${t} | | ${f(median(nats.map(withEval)))} | | ${f(median(nats.map(withEvalCpu)))} | | | | | | ${loadRange} |`);
      console.log(`| ${nats[0].engine}, no eval | ${t} | | ${f(median(nats.map(total)))} | | | | | | | | ${loadRange} |`);
    }
    const ran = [...new Set(ps.map((p) => p.browser.threads))].join('/');
    const busy = [...new Set(ps.map((p) => p.browser.busyWorkers))].join('/');
    const b = ps.map((p) => p.browser);
    console.log(`| mlpad (Chromium, ran on ${ran} thread(s); busy worker threads ${busy}) | ${t} | ${f(median(b.map((r) => r.prepareS)))} | ${f(median(b.map((r) => r.trainS)))} | ${f(median(b.map((r) => r.clickToResultsS)))} | ${f(median(b.map((r) => r.workerCpuS)))} | ${f(median(b.map((r) => r.rendererCpuS)))} | ${ratios.length ? `${f(median(ratios))}×` : '—'} | ${range(ratios)} | ${cpuRatios.length ? `${f(median(cpuRatios))}×` : '—'} | ${range(cpuRatios)} | ${loadRange} |`);
  }
}
