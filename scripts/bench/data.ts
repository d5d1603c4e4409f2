// `npm run bench:data`: how fast mlpad turns files into Arrow tables, in Node and in headless Chromium,
// printed beside pandas.read_csv on the same CSV. A benchmark, not a test: it prints figures, it does not
// fail on a slow machine.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { withStudio } from './studio-browser.ts';
import { resolve } from 'node:path';
import { loadBytes } from '../../src/lib/data/index.ts';
import { makeBenchCsv } from './make-bench-csv.ts';

const CSV = resolve('bench/out/bench-50mb.csv');
const PARQUET = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const REPEATS = 3;
const PYTHON = '/usr/bin/python3';

interface Row { engine: string; file: string; seconds: number; rows: number; bytes: number }
const rows: Row[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function nodeRuns(path: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const r = await loadBytes(path.split('/').pop()!, bytes);
    times.push((performance.now() - t0) / 1000);
    n = r.table.numRows;
  }
  rows.push({ engine: 'mlpad, Node ' + process.version, file: path.split('/').pop()!, seconds: median(times), rows: n, bytes: bytes.length });
}

function pandasRun(path: string): void {
  if (!existsSync(PYTHON)) return console.log(`(pandas anchor skipped: ${PYTHON} not found)`);
  const code = `import sys,time,pandas as pd
ts=[]
for _ in range(${REPEATS}):
    t=time.perf_counter(); df=pd.read_csv(sys.argv[1]); ts.append(time.perf_counter()-t)
ts.sort(); print(ts[len(ts)//2], len(df), pd.__version__)`;
  try {
    const [secs, n, version] = execFileSync(PYTHON, ['-c', code, path], { encoding: 'utf8' }).trim().split(' ');
    rows.push({ engine: `pandas ${version} read_csv (C engine)`, file: path.split('/').pop()!, seconds: Number(secs), rows: Number(n), bytes: statSync(path).size });
  } catch (e) {
    console.log(`(pandas anchor skipped: ${(e as Error).message.split('\n')[0]})`);
  }
}

async function browserRuns(paths: string[]): Promise<void> {
  await withStudio(4199, '', async (page, browser) => {
    const version = browser.version();
    await page.locator('[data-testid="dataset-name"]').waitFor({ timeout: 60_000 });
    for (const path of paths) {
      const name = path.split('/').pop()!;
      const times: number[] = [];
      let n = 0;
      for (let i = 0; i < REPEATS; i++) {
        await page.locator('[data-testid="file-input"]').setInputFiles(path);
        // The default sample is load 1; each file load after it counts up.
        const summary = page.locator(`[data-testid="dataset-name"][data-name="${name}"][data-load-id="${2 + i + paths.indexOf(path) * REPEATS}"]`);
        await summary.waitFor({ timeout: 120_000 });
        times.push(Number(await summary.getAttribute('data-load-seconds')));
        // Let the profile worker finish with this table, so the next load does not share the two cores with it.
        await page.locator('[data-testid="dataset-name"][data-profiling="false"]').waitFor({ timeout: 120_000 });
        n = Number(await summary.getAttribute('data-rows'));
      }
      rows.push({ engine: `mlpad, Chromium ${version} (worker)`, file: name, seconds: median(times), rows: n, bytes: statSync(path).size });
    }
  });
}

function printTable(): void {
  const mb = (b: number) => b / 1e6;
  console.log('\n| file | engine | seconds (median of 3) | MB/s | rows/s |');
  console.log('|---|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.file} | ${r.engine} | ${r.seconds.toFixed(3)} | ${(mb(r.bytes) / r.seconds).toFixed(1)} | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} |`);
  }
  const pandas = rows.find((r) => r.engine.startsWith('pandas'));
  const csvRows = rows.filter((r) => r.file.endsWith('.csv') && r.engine.startsWith('mlpad'));
  if (pandas) for (const r of csvRows) console.log(`target ≥ 0.5× pandas: ${r.engine} at ${(pandas.seconds / r.seconds).toFixed(2)}× pandas' throughput`);
  for (const r of rows.filter((x) => x.file.endsWith('.parquet'))) console.log(`target < 3 s for flights-3m.parquet: ${r.engine} ${r.seconds.toFixed(2)} s`);
}

const size = await makeBenchCsv(CSV);
console.log(`bench CSV: ${CSV} (${(size / 1e6).toFixed(1)} MB); Parquet: ${PARQUET}`);
await nodeRuns(CSV);
await nodeRuns(PARQUET);
pandasRun(CSV);
if (!process.argv.includes('--node-only')) await browserRuns([CSV, PARQUET]);
printTable();
