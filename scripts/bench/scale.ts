// Issue 13's scale check: a 1 GB CSV (10 million rows × 10 numeric and categorical columns) loads,
// profiles and trains XGBoost (10 rounds) in the studio in headless Chromium. Prints, per step, the seconds and
// the peak resident memory (RSS from /proc, sampled every 250 ms; GiB) of the renderer process, which holds the page
// and all its workers, and of all Chromium processes together, beside the Arrow table's size (the IPC bytes the
// data worker hands the page) and their ratio; the issue's target is a peak at most 2× the table.
// A benchmark, not a test: `npm run bench:scale` (the CSV is written once under bench/out/, git-ignored).
// Knobs: SCALE_ROWS, SCALE_PORT, BENCH_DIST (the build to serve), SCALE_TRAIN=0 (stop after the profile),
// SCALE_TRACE=1|2 (the renderer's memory each second; 2 adds its big mappings, which name what holds memory),
// SCALE_UASM=1 (Chromium's per-thread attribution after the profile), SCALE_REDUCED_MOTION=1 (no animations).
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { mulberry32 } from '../../src/lib/ml/random.ts';
import { withStudio } from './studio-browser.ts';

/** Rows to write and load; SCALE_ROWS picks a smaller file to iterate on (2_000_000 is about 216 MB). Defaults to 10 million (1.08 GB). */
const ROWS = Number(process.env.SCALE_ROWS ?? 10_000_000);
if (!Number.isInteger(ROWS) || ROWS < 1000) throw new RangeError(`SCALE_ROWS must be an integer of at least 1000, got ${process.env.SCALE_ROWS}.`);
const NAME = ROWS === 10_000_000 ? 'scale-1gb.csv' : `scale-${ROWS}.csv`;
const CSV = `bench/out/${NAME}`;
const CITIES = ['Seattle', 'Portland', 'Boise', 'Denver', 'Austin', 'Boston', 'Chicago', 'Miami', 'Reno', 'Tulsa'];
/** The preview server's port; SCALE_PORT overrides it (defaults to 4207). */
const PORT = Number(process.env.SCALE_PORT ?? 4207);
const ROUNDS = 10;
/** The studio build to serve: BENCH_DIST (a `vite build --outDir` folder), else ./dist (built first when missing). */
const DIST = process.env.BENCH_DIST ?? 'dist';
/** SCALE_TRACE=1 prints the renderer's memory every second (RSS, anonymous, shared-memory pages): where a peak comes from. */
const TRACE = process.env.SCALE_TRACE === '1' || process.env.SCALE_TRACE === '2';
/** SCALE_TRACE=2 adds the renderer's big mappings to every trace line. */
const TRACE_MAPPINGS = process.env.SCALE_TRACE === '2';
/** SCALE_TRAIN=0 stops after the profile (for iterating on the load and the profile); defaults to training. */
const TRAIN = process.env.SCALE_TRAIN !== '0';
/** Each step's time limit; a slow 2-core machine parses 1 GB in minutes, not hours. */
const STEP_MS = 30 * 60_000;

/**
 * Write ROWS rows of 10 columns (7 numeric with 7 decimals, two categorical, a 0/1 label that depends on three
 * of them), about 108 bytes a row, seeded: 1.08 GB. Kept when a file with that many rows' bytes is there.
 */
async function makeScaleCsv(path: string): Promise<void> {
  if (existsSync(path) && statSync(path).size > ROWS * 100) return;
  mkdirSync(dirname(path), { recursive: true });
  const rnd = mulberry32(13);
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('x1,x2,x3,x4,x5,x6,x7,city,segment,label\n');
  for (let row = 0; row < ROWS; ) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000 && row < ROWS; i++, row++) {
      const x = Array.from({ length: 7 }, () => (rnd() - 0.5) * 2000);
      const city = Math.floor(rnd() * CITIES.length);
      const label = x[0] / 1000 + x[1] / 2000 + (city < 3 ? 0.4 : 0) + (rnd() - 0.5) > 0.2 ? 1 : 0;
      lines.push(`${x.map((v) => v.toFixed(7)).join(',')},${CITIES[city]},segment_${Math.floor(rnd() * 50)},${label}`);
    }
    await write(`${lines.join('\n')}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface Proc { pid: number; ppid: number; rss: number; renderer: boolean }

/** Chromium processes started by this Node process (its descendants), with their RSS in bytes. */
function chromiumProcesses(): Proc[] {
  const all = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const rssPages = Number(readFileSync(`/proc/${name}/statm`, 'utf8').split(' ')[1]);
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      all.set(Number(name), { pid: Number(name), ppid: Number(fields[1]), rss: rssPages * 4096, renderer: cmd.includes('--type=renderer') });
    } catch {
      // The process ended while we read it.
    }
  }
  const mine = (p: Proc): boolean => {
    for (let q: Proc | undefined = p, hops = 0; q && hops < 20; q = all.get(q.ppid), hops++) if (q.pid === process.pid) return q !== p;
    return false;
  };
  return [...all.values()].filter(mine);
}

/** The RssAnon and RssShmem lines of a process's /proc status, in GiB. */
function statusOf(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return `anon ${gb(kb('RssAnon'))}, shmem ${gb(kb('RssShmem'))}, file ${gb(kb('RssFile'))}, threads ${/^Threads:\s+(\d+)/m.exec(status)?.[1]}`;
  } catch {
    return 'gone';
  }
}

/**
 * The renderer's big resident mappings (over 4 MiB), largest first, as `size:resident` in MiB: a direct-mapped
 * allocation (a column, a scratch array) is a mapping of its own, so this names what holds the memory.
 */
function mappingsOf(procs: Proc[]): string {
  const renderers = procs.filter((p) => p.renderer);
  const top = renderers.find((p) => p.rss === Math.max(...renderers.map((q) => q.rss)));
  if (!top) return 'no renderer';
  try {
    const found: [number, number][] = [];
    let size = 0;
    for (const line of readFileSync(`/proc/${top.pid}/smaps`, 'utf8').split('\n')) {
      const m = /^Size:\s+(\d+)/.exec(line);
      if (m) size = Number(m[1]) / 1024;
      const r = /^Rss:\s+(\d+)/.exec(line);
      if (r && Number(r[1]) / 1024 > 4) found.push([size, Number(r[1]) / 1024]);
    }
    found.sort((a, b) => b[1] - a[1]);
    const total = found.reduce((n, f) => n + f[1], 0);
    return `${found.length} mappings over 4 MiB resident, ${total.toFixed(0)} MiB: ${found.map(([s, r]) => `${s.toFixed(0)}:${r.toFixed(0)}`).join(' ')}`;
  } catch {
    return 'smaps unreadable';
  }
}

/** Samples memory until stopped; `mark(step)` starts a new step's peaks. */
class MemorySampler {
  readonly peaks = new Map<string, { renderer: number; total: number }>();
  /** The renderer's RSS as each step began. */
  readonly starts = new Map<string, number>();
  #step = 'baseline';
  #timer = setInterval(() => this.sample(), 250);
  readonly #started = performance.now();
  #traced = -Infinity;

  sample(): void {
    const procs = chromiumProcesses();
    // The page's renderer is the biggest one (an idle extension or spare renderer is tiny).
    const renderers = procs.filter((p) => p.renderer);
    const renderer = Math.max(0, ...renderers.map((p) => p.rss));
    if (TRACE && performance.now() - this.#traced >= 1000) {
      this.#traced = performance.now();
      const top = renderers.find((p) => p.rss === renderer);
      console.log(`trace ${((this.#traced - this.#started) / 1000).toFixed(1)} s ${this.#step}: renderer ${gb(renderer)}${top ? ` (${statusOf(top.pid)})` : ''}${TRACE_MAPPINGS ? `; ${mappingsOf(procs)}` : ''}`);
    }
    const total = procs.reduce((s, p) => s + p.rss, 0);
    const peak = this.peaks.get(this.#step) ?? { renderer: 0, total: 0 };
    this.peaks.set(this.#step, { renderer: Math.max(peak.renderer, renderer), total: Math.max(peak.total, total) });
  }

  mark(step: string): void {
    this.sample();
    if (TRACE) console.log(`trace before ${step}: ${mappingsOf(chromiumProcesses())}`);
    this.#step = step;
    this.sample();
    this.starts.set(step, this.peaks.get(step)?.renderer ?? 0);
  }

  stop(): void {
    if (TRACE) console.log(`trace at the end: ${mappingsOf(chromiumProcesses())}`);
    clearInterval(this.#timer);
    this.sample();
  }
}

/** Wait for the element with test id `shown`; throw the text of `error` if that appears instead. */
async function shownOrError(page: Page, shown: string, error: string): Promise<void> {
  const ok = page.locator(`[data-testid="${shown}"]`).waitFor({ timeout: STEP_MS }).then(() => 'shown');
  const bad = page.locator(`[data-testid="${error}"]`).waitFor({ timeout: STEP_MS }).then(() => 'error');
  // The loser keeps waiting until the page closes: its rejection then is expected.
  ok.catch(() => {});
  bad.catch(() => {});
  const which = await Promise.race([ok, bad.catch(() => new Promise<never>(() => {}))]);
  if (which === 'error') throw new Error((await page.locator(`[data-testid="${error}"]`).textContent())?.trim() ?? error);
}

const gb = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GiB`;

async function timed(page: Page, memory: MemorySampler, step: string, run: () => Promise<void>): Promise<number> {
  memory.mark(step);
  const t = performance.now();
  try {
    await run();
  } catch (e) {
    const crashed = page.isClosed() ? ' (the page closed: the tab crashed)' : '';
    throw new Error(`${step} failed after ${((performance.now() - t) / 1000).toFixed(0)} s${crashed}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return (performance.now() - t) / 1000;
}

async function main(): Promise<void> {
  const t = performance.now();
  await makeScaleCsv(CSV);
  const size = statSync(CSV).size;
  const generated = (performance.now() - t) / 1000;
  console.log(`${CSV}: ${gb(size)} (written in ${generated.toFixed(0)} s, or kept from an earlier run)`);
  await withStudio(PORT, '', async (page, browser) => {
    // SCALE_REDUCED_MOTION=1 asks for reduced motion (no sliding progress bar): isolates what animating costs.
    if (process.env.SCALE_REDUCED_MOTION === '1') await page.emulateMedia({ reducedMotion: 'reduce' });
    // tsx names the arrow functions the callbacks below define; the page needs the helper it calls for that.
    await page.evaluate('globalThis.__name = (f) => f');
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.locator('[data-testid="dataset-name"][data-profiling="false"]').waitFor({ timeout: 120_000 });
    const memory = new MemorySampler();
    await new Promise((r) => setTimeout(r, 1000));
    const seconds: Record<string, number> = {};
    let rows = 0;
    let tableBytes = 0;
    let loadDetail = '';
    try {
      seconds.load = await timed(page, memory, 'load', async () => {
        await page.locator('[data-testid="file-input"]').setInputFiles(CSV);
        const summary = page.locator(`[data-testid="dataset-name"][data-name="${NAME}"]`);
        await shownOrError(page, `dataset-name"][data-name="${NAME}`, 'load-error');
        rows = Number(await summary.getAttribute('data-rows'));
      });
      const received = await page.evaluate(() => (performance.getEntriesByName('mlpad-data:received', 'mark').at(-1) as PerformanceMark | undefined)?.detail ?? null);
      const d = received as { ipcBytes?: number; shared?: boolean; readMs: number; parseMs: number; buildMs: number; ipcMs: number } | null;
      tableBytes = d?.ipcBytes ?? 0;
      if (d) loadDetail = `read ${(d.readMs / 1000).toFixed(1)} s, parse ${(d.parseMs / 1000).toFixed(1)} s, build ${(d.buildMs / 1000).toFixed(1)} s, ${d.shared ? 'sharing' : 'IPC'} ${(d.ipcMs / 1000).toFixed(1)} s in the data worker; the table ${d.shared ? 'lives in shared memory (one copy)' : 'crossed as IPC bytes (copies)'}`;
      seconds.profile = await timed(page, memory, 'profile', async () => {
        await page.locator(`[data-testid="dataset-name"][data-name="${NAME}"][data-profiling="false"]`).waitFor({ timeout: STEP_MS });
      });
      if (process.env.SCALE_UASM === '1') {
        // Per-realm memory (page and each worker) as Chromium attributes it: which thread holds what.
        const m = await page.evaluate(async () => {
          const r = await (performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ bytes: number; breakdown: { bytes: number; types: string[]; attribution: { url: string; scope: string }[] }[] }> }).measureUserAgentSpecificMemory();
          return { bytes: r.bytes, breakdown: r.breakdown.map((b) => ({ mb: Math.round(b.bytes / 2 ** 20), types: b.types.join('+'), who: b.attribution.map((a) => `${a.scope} ${a.url.split('/').pop()}`).join(', ') })) };
        });
        console.log(`measureUserAgentSpecificMemory: ${Math.round(m.bytes / 2 ** 20)} MiB`, JSON.stringify(m.breakdown));
        memory.sample();
        console.log(`trace after it: ${mappingsOf(chromiumProcesses())}`);
      }
      if (TRAIN) seconds.train = await timed(page, memory, 'train', async () => {
        await page.getByTestId('nav-train').click();
        await page.getByTestId('train-algorithm').selectOption('xgboost');
        await page.getByTestId('train-target').selectOption('label');
        await page.getByTestId('hp-num_round').fill(String(ROUNDS));
        // The target's facts come from the profile worker (after the profile): Train refuses to start until then.
        await page.waitForFunction(() => !document.body.textContent?.includes('Reading the target column'), undefined, { polling: 500, timeout: STEP_MS });
        await page.getByTestId('train-start').click();
        await shownOrError(page, 'train-metrics', 'train-error');
      });
    } catch (e) {
      console.log(`${crashed ? 'The tab crashed. ' : ''}${e instanceof Error ? e.message : String(e)}`);
    } finally {
      memory.stop();
    }
    const base = memory.peaks.get('baseline')!;
    console.log(`\nChromium ${browser.version()}; ${rows.toLocaleString('en')} rows; Arrow table (IPC bytes) ${gb(tableBytes)}; renderer before the load ${gb(base.renderer)}`);
    if (loadDetail) console.log(`load: ${loadDetail}`);
    // A small SCALE_ROWS table is dwarfed by the studio itself: the growth over the renderer before the load says more.
    console.log('\n| step | seconds | peak renderer RSS (page + workers) | × table | growth over the studio before the load | × table | peak RSS, all Chromium processes | × table |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const ratio = (n: number) => (tableBytes ? `${(n / tableBytes).toFixed(2)}×` : 'n/a');
    for (const step of ['load', 'profile', 'train']) {
      const p = memory.peaks.get(step);
      if (!p) continue;
      const s = seconds[step];
      const growth = p.renderer - base.renderer;
      console.log(`| ${step} | ${s === undefined ? 'did not finish' : s.toFixed(1)} | ${gb(p.renderer)} | ${ratio(p.renderer)} | ${gb(growth)} | ${ratio(growth)} | ${gb(p.total)} | ${ratio(p.total)} |`);
    }
    const train = memory.peaks.get('train');
    const trainStart = memory.starts.get('train');
    // The training job's own working memory (float32 features, the bin matrix, gradients, predictions): what the
    // renderer grew by during the train step, over what it held as the step began (the shared table included).
    if (train && trainStart) console.log(`\ntrain step: the renderer held ${gb(trainStart)} as it began and grew by ${gb(train.renderer - trainStart)} (${ratio(train.renderer - trainStart)}): the job's working memory (features, bins, gradients) plus any copy of the table.`);
    const peak = Math.max(...[...memory.peaks.values()].map((p) => p.renderer));
    console.log(`\npeak renderer RSS ${gb(peak)} = ${ratio(peak)} the Arrow table (target ≤ 2×); ${gb(peak - base.renderer)} above the studio before the load.`);
  }, { dist: DIST });
}

await main();
