// `npm run bench:monitor`: Model Monitor baseline statistics (src/lib/monitor/statistics.ts: types, counts,
// moments, a KLL sketch per numeric column, category counts) for flights-3m.parquet (3,000,000 rows, 5
// columns), in Node and in headless Chromium, beside pandas' describe(include='all') on the same columns.
// Each side runs in its own process (the Node side is this file with --node-side, the pandas side
// monitor_native.py, the Chromium side a Vite-bundled page, monitor-browser.ts), loads the data once, and
// is then asked to compute the statistics BENCH_PAIRS times (default 5, at least 5), the order of the sides
// rotating every round. Timed on every side: the statistics of an already decoded table, not the reading.
// Printed: median seconds, the median per-round ratio, each process's peak RSS, load average before/after.
// A benchmark, not a test: it prints a table and fails on nothing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadBytes } from '../../src/lib/data/index.ts';
import { baselineStatistics } from '../../src/lib/monitor/statistics.ts';

const PARQUET = resolve('node_modules/vega-datasets/data/flights-3m.parquet');
const PYTHON = '/usr/bin/python3';
const PAIRS = Math.max(5, Number(process.env.BENCH_PAIRS ?? 5) || 5);
const HERE = fileURLToPath(import.meta.url);

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const mb = (bytes: number) => bytes / 1048576;

/** --node-side: the Node process the parent drives over stdin/stdout (same protocol as monitor_native.py). */
async function nodeSide(): Promise<void> {
  const t0 = performance.now();
  const { table } = await loadBytes('flights-3m.parquet', new Uint8Array(readFileSync(PARQUET)));
  console.log(`ready ${((performance.now() - t0) / 1000).toFixed(6)} ${mb(process.memoryUsage().rss).toFixed(1)} ${table.numRows} ${process.version}`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'run') {
      const t = performance.now();
      const s = baselineStatistics(table);
      console.log(`${((performance.now() - t) / 1000).toFixed(6)} ${s.features.find((f) => f.name === 'delay')?.numerical_statistics?.mean}`);
    } else if (line === 'quit') {
      console.log(`peak ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}`);
      process.stdin.destroy();
      return;
    }
  }
}

/** A child answering one line per command. */
class LineChild {
  private waiting: ((line: string) => void)[] = [];
  private early: string[] = [];
  constructor(readonly proc: ChildProcess, readonly name: string) {
    createInterface({ input: proc.stdout! }).on('line', (line) => { const w = this.waiting.shift(); if (w) w(line); else this.early.push(line); });
    proc.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  }
  next(): Promise<string> {
    const line = this.early.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((res, rej) => {
      this.waiting.push(res);
      this.proc.once('exit', (code) => rej(new Error(`${this.name} exited with ${code}`)));
    });
  }
  async ask(cmd: string): Promise<string> { this.proc.stdin!.write(cmd + '\n'); return this.next(); }
}

/** Writes flights-3m's decoded columns for pandas when it cannot read Parquet itself (no pyarrow). */
async function decodedColumns(dir: string): Promise<void> {
  const { table } = await loadBytes('flights-3m.parquet', new Uint8Array(readFileSync(PARQUET)));
  const n = table.numRows;
  const f64 = (name: string) => { const v = table.getChild(name)!; const a = new Float64Array(n); for (let i = 0; i < n; i++) { const x = v.get(i); a[i] = x === null ? NaN : Number(x); } return a; };
  const date = table.getChild('date')!;
  const ms = new BigInt64Array(n);
  for (let i = 0; i < n; i++) { const x: unknown = date.get(i); ms[i] = BigInt(x instanceof Date ? x.getTime() : Number(x)); }
  writeFileSync(join(dir, 'date.i64'), new Uint8Array(ms.buffer));
  for (const c of ['delay', 'distance']) writeFileSync(join(dir, `${c}.f64`), new Uint8Array(f64(c).buffer));
  for (const c of ['origin', 'destination']) {
    const v = table.getChild(c)!;
    const parts: string[] = new Array(n);
    for (let i = 0; i < n; i++) parts[i] = String(v.get(i));
    writeFileSync(join(dir, `${c}.txt`), parts.join('\n') + '\n');
  }
}

/** Peak RSS (VmHWM) of the largest renderer process under `pid`, in MB. */
function rendererPeak(pid: number): number {
  const children = new Map<number, number[]>();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(p)]);
    } catch { /* gone */ }
  }
  let peak = 0;
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      try {
        if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('--type=renderer')) {
          const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${c}/status`, 'utf8'));
          if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
        }
      } catch { /* gone */ }
      walk(c);
    }
  };
  walk(pid);
  return peak;
}

interface Side { name: string; timed: string; ready: string; run(): Promise<number>; quit(): Promise<number> }

async function chromiumSide(dir: string): Promise<Side | null> {
  // @ts-expect-error plain ESM helper
  const { findChromium, CHROMIUM_ARGS } = await import('../find-chromium.mjs');
  const chromium = findChromium() as string | null;
  if (!chromium) { console.log('(Chromium side skipped: no Chromium; apt-get install -y chromium)'); return null; }
  const { build } = await import('vite');
  await build({
    configFile: false, logLevel: 'warn', define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir: dir, emptyOutDir: true, target: 'es2022', lib: { entry: resolve('scripts/bench/monitor-browser.ts'), formats: ['es'], fileName: () => 'bench.js' } },
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>mlpad monitor bench</title><script type="module" src="/bench.js"></script>\n');
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const file = url === '/flights-3m.parquet' ? PARQUET : join(dir, url === '/' ? 'index.html' : url);
    if ((file !== PARQUET && !file.startsWith(dir)) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { chromium: pw } = await import('playwright-core');
  const browserServer = await pw.launchServer({ executablePath: chromium, args: CHROMIUM_ARGS });
  const browser = await pw.connect(browserServer.wsEndpoint());
  const page = await browser.newPage();
  await page.goto(`http://localhost:${(server.address() as { port: number }).port}/`);
  await page.waitForFunction(() => 'monitorBench' in window, undefined, { timeout: 60_000 });
  const loaded = (await page.evaluate('window.monitorBench.load("/flights-3m.parquet")')) as { rows: number; seconds: number };
  const pid = browserServer.process().pid!;
  return {
    name: `mlpad, Chromium ${browser.version().split('.')[0]}`,
    timed: 'baselineStatistics(table)',
    ready: `fetch + decode ${loaded.seconds.toFixed(2)} s, ${loaded.rows} rows`,
    run: async () => ((await page.evaluate('window.monitorBench.stats()')) as { seconds: number }).seconds,
    quit: async () => {
      const peak = rendererPeak(pid);
      await browser.close();
      await browserServer.close();
      server.close();
      return peak;
    },
  };
}

async function childSide(name: string, timed: string, cmd: string, args: string[]): Promise<Side> {
  const child = new LineChild(spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] }), name);
  const [, secs, rss, rows, version] = (await child.next()).split(' ');
  let check = '';
  return {
    name: `${name} ${version}`,
    timed,
    ready: `read ${Number(secs).toFixed(2)} s, ${rows} rows, RSS ${Number(rss).toFixed(0)} MB after`,
    run: async () => { const [s, extra] = (await child.ask('run')).split(' '); check = extra; return Number(s); },
    quit: async () => {
      const peak = Number((await child.ask('quit')).split(' ')[1]);
      child.proc.stdin!.end();
      console.log(`(${name}: mean delay ${check})`);
      return peak;
    },
  };
}

async function main(): Promise<void> {
  const before = loadavg();
  console.log(`Model Monitor baseline statistics of flights-3m.parquet (3,000,000 rows × 5 columns), ${PAIRS} rounds, sides rotating`);
  const tmp = mkdtempSync(join(tmpdir(), 'mlpad-monitor-bench-'));
  try {
    const sides: Side[] = [];
    sides.push(await childSide('mlpad, Node', 'baselineStatistics(table)', process.execPath, ['--import', 'tsx', HERE, '--node-side']));
    let pandasSource = PARQUET;
    let pandasTimed = "describe(include='all') of read_parquet's frame";
    try {
      execFileSync(PYTHON, ['-c', 'import pyarrow'], { stdio: 'ignore' });
    } catch {
      console.log('pyarrow (and fastparquet) are missing from /usr/bin/python3, so pandas cannot read Parquet: mlpad decodes the file once and hands pandas the columns as raw float64/int64 binary and text, read with numpy.');
      await decodedColumns(tmp);
      pandasSource = tmp;
      pandasTimed = "describe(include='all') of the decoded columns";
    }
    if (existsSync(PYTHON)) sides.push(await childSide('pandas', pandasTimed, PYTHON, [resolve('scripts/bench/monitor_native.py'), pandasSource]));
    else console.log(`(pandas side skipped: ${PYTHON} not found)`);
    const chromium = await chromiumSide(join(tmp, 'page'));
    if (chromium) sides.push(chromium);
    for (const s of sides) console.log(`${s.name}: ${s.ready}; warm-up ${(await s.run()).toFixed(2)} s`);
    const times = sides.map(() => [] as number[]);
    for (let p = 0; p < PAIRS; p++) {
      for (let k = 0; k < sides.length; k++) {
        const i = (k + p) % sides.length;
        times[i].push(await sides[i].run());
      }
    }
    const peaks: number[] = [];
    for (const s of sides) peaks.push(await s.quit());
    const after = loadavg();
    const pandas = sides.findIndex((s) => s.name.startsWith('pandas'));
    console.log('');
    console.log(`${'side'.padEnd(24)}${'what is timed'.padEnd(50)}${'median s'.padStart(10)}${'Mrows/s'.padStart(9)}${'runs'.padStart(6)}${'peak RSS MB'.padStart(13)}`);
    sides.forEach((s, i) => {
      const m = median(times[i]);
      console.log(`${s.name.padEnd(24)}${s.timed.padEnd(50)}${m.toFixed(3).padStart(10)}${(3 / m).toFixed(2).padStart(9)}${String(times[i].length).padStart(6)}${peaks[i].toFixed(0).padStart(13)}`);
    });
    if (pandas >= 0) {
      sides.forEach((s, i) => {
        if (i === pandas) return;
        const ratios = times[i].map((t, r) => times[pandas][r] / t);
        console.log(`pandas / ${s.name}: median ratio ${median(ratios).toFixed(2)} over ${ratios.length} rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); above 1 means mlpad is faster`);
      });
    }
    console.log('Peak RSS: the whole process (Node: process.resourceUsage().maxRSS; pandas: resource.getrusage ru_maxrss; Chromium: VmHWM of the page\'s renderer), data included.');
    console.log(`load average before ${before.map((v) => v.toFixed(2)).join(' ')}, after ${after.map((v) => v.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes('--node-side')) await nodeSide();
else await main();
