// `npm run bench:data`: how fast mlpad turns files into Arrow tables, in Node and in headless Chromium
// (through the studio: file input → data worker → rows shown), printed beside pandas.read_csv on the same
// CSV. pandas and mlpad run alternately (pandas, mlpad, pandas, mlpad, …) so that a busy machine slows both
// alike; the ratio reported is the median of the per-pair ratios. A benchmark, not a test: it prints
// figures, it does not fail on a slow machine.
//   --node-only      skip the browser
//   --repeats N      pairs per engine (default 5)
//   --csv-only       skip flights-3m.parquet (Node and Chromium)
//   --breakdown      print where each Chromium load's time went (worker read/parse/build/IPC, transfer, render)
// BENCH_DIST=folder serves that studio build (a `vite build --outDir` folder) instead of ./dist, on port
// BENCH_PORT (default 4199).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { withStudio } from './studio-browser.ts';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadBytes } from '../../src/lib/data/index.ts';
import { makeBenchCsv } from './make-bench-csv.ts';

const CSV = resolve('bench/out/bench-50mb.csv');
const PARQUET = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const PYTHON = '/usr/bin/python3';
const argAfter = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const REPEATS = Math.max(1, Number(argAfter('--repeats') ?? 5));
const BREAKDOWN = process.argv.includes('--breakdown');

/** `cpu`: CPU seconds per run where the engine runs in this process or reports them (Node, pandas); on a busy machine they move far less than wall times. */
interface Row { engine: string; file: string; times: number[]; rows: number; bytes: number; ratios?: number[]; cpu?: number[] }
const rows: Row[] = [];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = (path: string) => path.split('/').pop()!;

/** One mlpad load in Node (loadBytes on the file's bytes, as the CLI does); seconds, rows and CPU seconds (this process, all threads). */
async function nodeRun(path: string, bytes: Uint8Array): Promise<[number, number, number]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await loadBytes(base(path), bytes);
  const c = process.cpuUsage(c0);
  return [(performance.now() - t0) / 1000, r.table.numRows, (c.user + c.system) / 1e6];
}

let pandasVersion = '';
/** CPU seconds of each pandas run, by the list of wall times they belong to. */
const pandasCpu = new WeakMap<(number | null)[], number[]>();
/** One pandas.read_csv of `path` in a fresh interpreter (timed inside it, wall and CPU); null when pandas is missing. */
function pandasRun(path: string, into: (number | null)[]): void {
  if (!existsSync(PYTHON)) return void into.push(null);
  const code = 'import sys,time,pandas as pd\nt=time.perf_counter(); c=time.process_time(); df=pd.read_csv(sys.argv[1]); print(time.perf_counter()-t, len(df), pd.__version__, time.process_time()-c)';
  try {
    const [secs, , version, cpu] = execFileSync(PYTHON, ['-c', code, path], { encoding: 'utf8' }).trim().split(' ');
    pandasVersion = version;
    into.push(Number(secs));
    if (!pandasCpu.has(into)) pandasCpu.set(into, []);
    pandasCpu.get(into)!.push(Number(cpu));
  } catch (e) {
    console.log(`(pandas anchor skipped: ${(e as Error).message.split('\n')[0]})`);
    into.push(null);
  }
}

function record(engine: string, path: string, times: number[], n: number, pandas: (number | null)[] = [], cpu?: number[]): void {
  const ratios = pandas.flatMap((p, i) => (p === null ? [] : [p / times[i]]));
  rows.push({ engine, file: base(path), times, rows: n, bytes: statSync(path).size, ratios: ratios.length ? ratios : undefined, cpu });
}

async function nodeRuns(path: string, withPandas: boolean): Promise<(number | null)[]> {
  const bytes = new Uint8Array(readFileSync(path));
  const times: number[] = [];
  const cpu: number[] = [];
  const pandas: (number | null)[] = [];
  let n = 0;
  for (let i = 0; i < REPEATS; i++) {
    if (withPandas) pandasRun(path, pandas);
    const [s, r, c] = await nodeRun(path, bytes);
    times.push(s);
    cpu.push(c);
    n = r;
  }
  record('mlpad, Node ' + process.version, path, times, n, pandas, cpu);
  return pandas;
}

/** Load `path` through the studio's file input; seconds from the input's change event to the dataset's name showing it. */
async function browserLoad(page: Page, path: string, loadId: number): Promise<{ seconds: number; rows: number; steps: Record<string, number> }> {
  await page.evaluate((id) => {
    performance.clearMarks();
    const w = window as unknown as { mlpadBench: Record<string, number> };
    w.mlpadBench = {};
    document.querySelector('[data-testid="file-input"]')!.addEventListener('change', () => { w.mlpadBench.change = performance.now(); }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (!document.querySelector(`[data-testid="dataset-name"][data-load-id="${id}"]`)) return;
      w.mlpadBench.shown = performance.now();
      obs.disconnect();
    });
    obs.observe(document.body, { subtree: true, attributes: true, childList: true });
  }, loadId);
  await page.locator('[data-testid="file-input"]').setInputFiles(path);
  const summary = page.locator(`[data-testid="dataset-name"][data-load-id="${loadId}"]`);
  await summary.waitFor({ timeout: 120_000 });
  const got = await page.evaluate(() => {
    const t = (window as unknown as { mlpadBench: Record<string, number> }).mlpadBench;
    const mark = (n: string) => performance.getEntriesByName(n, 'mark')[0] as PerformanceMark | undefined;
    const start = mark('mlpad-data:start');
    const received = mark('mlpad-data:received');
    const decoded = mark('mlpad-data:decoded');
    const steps: Record<string, number> = {};
    if (start && received && decoded) {
      const w = received.detail as { startedAt: number; readMs: number; parseMs: number; buildMs: number; ipcMs: number };
      const wStart = w.startedAt - performance.timeOrigin;
      Object.assign(steps, {
        'worker start': wStart - start.startTime, read: w.readMs, parse: w.parseMs, build: w.buildMs, tableToIPC: w.ipcMs,
        transfer: received.startTime - (wStart + w.readMs + w.parseMs + w.buildMs + w.ipcMs),
        tableFromIPC: decoded.startTime - received.startTime, render: t.shown - decoded.startTime,
      });
    }
    return { seconds: (t.shown - t.change) / 1000, steps };
  });
  const n = Number(await summary.getAttribute('data-rows'));
  // Let the profile worker finish with this table, so the next load does not share the cores with it.
  await page.locator(`[data-testid="dataset-name"][data-load-id="${loadId}"][data-profiling="false"]`).waitFor({ timeout: 120_000 });
  return { ...got, rows: n };
}

/** The studio build the Chromium half serves: BENCH_DIST, else ./dist (built first when missing). */
const DIST = process.env.BENCH_DIST ?? 'dist';
const PORT = Number(process.env.BENCH_PORT ?? 4199);

async function browserRuns(paths: string[], pandasFor: Set<string>): Promise<void> {
  await withStudio(PORT, '', async (page, browser) => {
    const version = browser.version();
    // tsx names the arrow functions the callbacks below define; the page needs the helper it calls for that.
    await page.evaluate('globalThis.__name = (f) => f');
    await page.locator('[data-testid="dataset-name"][data-profiling="false"]').waitFor({ timeout: 60_000 });
    let loadId = 1; // the default sample is load 1
    for (const path of paths) {
      const times: number[] = [];
      const pandas: (number | null)[] = [];
      let n = 0;
      for (let i = 0; i < REPEATS; i++) {
        if (pandasFor.has(path)) pandasRun(path, pandas);
        const r = await browserLoad(page, path, ++loadId);
        times.push(r.seconds);
        n = r.rows;
        if (BREAKDOWN) console.log(`${base(path)} in Chromium, run ${i + 1}: ${(r.seconds * 1000).toFixed(0)} ms = ${Object.entries(r.steps).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' + ')} ms`);
      }
      record(`mlpad, Chromium ${version} (studio: file input → rows shown)`, path, times, n, pandas);
      const ps = pandas.filter((p): p is number => p !== null);
      if (ps.length) rows.push({ engine: `pandas ${pandasVersion} read_csv (C engine), runs paired with Chromium`, file: base(path), times: ps, rows: n, bytes: statSync(path).size, cpu: pandasCpu.get(pandas) });
    }
  }, { dist: DIST });
}

function printTable(): void {
  const mb = (b: number) => b / 1e6;
  console.log(`\nload average at the end (1, 5, 15 min): ${loadavg().map((x) => x.toFixed(2)).join(', ')} on this machine's cores`);
  console.log(`\n| file | engine | median s (${REPEATS} runs) | every run, s | MB/s | rows/s | × pandas' throughput (median of pairs) | median CPU s |`);
  console.log('|---|---|---:|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = median(r.times);
    const ratio = r.ratios ? `${median(r.ratios).toFixed(2)}× (${r.ratios.map((x) => x.toFixed(2)).join(', ')})` : '';
    const cpu = r.cpu?.length ? median(r.cpu).toFixed(3) : '';
    console.log(`| ${r.file} | ${r.engine} | ${s.toFixed(3)} | ${r.times.map((x) => x.toFixed(2)).join(', ')} | ${(mb(r.bytes) / s).toFixed(1)} | ${Math.round(r.rows / s).toLocaleString('en-US')} | ${ratio} | ${cpu} |`);
  }
  console.log('(CPU s: pandas, its process inside read_csv; Node, this whole process, threads included. Chromium spreads a load over several processes and threads, so no CPU figure is given for it.)');
  for (const r of rows.filter((x) => x.ratios)) console.log(`target ≥ 1× pandas' read_csv throughput: ${r.engine} at ${median(r.ratios!).toFixed(2)}× (median of ${r.ratios!.length} alternating pairs)`);
  for (const r of rows.filter((x) => x.file.endsWith('.parquet'))) console.log(`target < 1 s for flights-3m.parquet into Arrow: ${r.engine} ${median(r.times).toFixed(2)} s`);
}

const size = await makeBenchCsv(CSV);
console.log(`bench CSV: ${CSV} (${(size / 1e6).toFixed(1)} MB); Parquet: ${PARQUET}; load average at the start: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
const pandas = await nodeRuns(CSV, true);
if (pandas.some((p) => p !== null)) {
  const ps = pandas.filter((p): p is number => p !== null);
  rows.unshift({ engine: `pandas ${pandasVersion} read_csv (C engine), runs paired with Node`, file: base(CSV), times: ps, rows: 0, bytes: size, cpu: pandasCpu.get(pandas) });
}
const CSV_ONLY = process.argv.includes('--csv-only');
if (!CSV_ONLY) await nodeRuns(PARQUET, false);
if (!process.argv.includes('--node-only')) await browserRuns(CSV_ONLY ? [CSV] : [CSV, PARQUET], new Set([CSV]));
const pandasRow = rows.find((r) => r.engine.startsWith('pandas'));
if (pandasRow) pandasRow.rows = rows.find((r) => r.file === pandasRow.file && r.engine.startsWith('mlpad'))?.rows ?? 0;
printTable();
