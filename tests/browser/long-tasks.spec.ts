// Issue 13: the page's thread stays responsive while a 2-million-row CSV loads, profiles and trains. A
// PerformanceObserver records every main-thread long task; none may last over 100 ms from the moment the
// file is chosen until the training result is on screen. Failures print the longest tasks with the page's
// performance marks around them, to say which step froze the page. Durations are wall time: the page's tasks use
// at most ~25 ms of CPU each, but on a machine with far more runnable processes than cores a task waits for a
// core mid-way and can be reported at several times its CPU time (CI once saw a 111 ms task no run here could
// reproduce, even beside four busy processes). So a Chromium trace records each task's thread time too: a task
// over 100 ms fails the test unless the trace shows its thread ran for less than half of it, i.e. the page's
// code was not what held the thread but the machine, which had no core to give it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loaded, openStudio } from './helpers.ts';

const ROWS = 2_000_000;
/** The longest main-thread task allowed, in ms (the issue's bound; Chromium reports tasks over 50 ms). */
const MAX_TASK_MS = 100;

/** A numeric CSV of `rows` rows: four features and a 0/1 label that depends on two of them (seeded LCG). */
function numericCsv(rows: number): Buffer {
  let seed = 13;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const parts: string[] = ['a,b,c,d,label\n'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const a = rand() * 100;
    const b = rand() * 10 - 5;
    const c = Math.floor(rand() * 1000);
    const d = rand();
    const label = a / 50 + b + (rand() - 0.5) * 2 > 2 ? 1 : 0;
    chunk += `${a.toFixed(3)},${b.toFixed(4)},${c},${d.toFixed(5)},${label}\n`;
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return Buffer.from(parts.join(''));
}

interface LongTask {
  start: number;
  duration: number;
  attribution: string;
}

/** The page's main-thread tasks in a Chromium trace: wall and thread (CPU) time in ms. */
function traceTasks(trace: Buffer): { wall: number; cpu: number }[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  return events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}/${e.tid}`))
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? NaN) / 1000 }));
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

test.describe.configure({ timeout: 180_000 });

test('a 2,000,000-row CSV loads, profiles and trains XGBoost with no main-thread task over 100 ms', async ({ page, browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpad-long-tasks-'));
  const file = join(dir, 'two-million.csv');
  writeFileSync(file, numericCsv(ROWS));
  let tracing = false;
  try {
    await page.addInitScript(() => {
      const seen: LongTask[] = [];
      (globalThis as unknown as { __longTasks: LongTask[] }).__longTasks = seen;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const a = (e as PerformanceEntry & { attribution?: { name: string; containerType: string; containerName: string; containerSrc: string }[] }).attribution ?? [];
          seen.push({ start: e.startTime, duration: e.duration, attribution: a.map((x) => `${x.name}/${x.containerType}${x.containerSrc ? ` ${x.containerSrc}` : ''}`).join('; ') });
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    await openStudio(page);
    await browser.startTracing(page, { categories: ['toplevel'] });
    tracing = true;
    const from = await page.evaluate(() => performance.now());
    await page.getByTestId('file-input').setInputFiles(file);
    // Waits poll a cheap check 4 times a second: expect()'s polling runs Playwright's own scripts on the
    // page's thread (an ARIA snapshot per failed try), which would show up as the page's long tasks.
    const until = (check: { shown: string; text?: string; hidden?: string }, timeout: number) =>
      page.waitForFunction(({ shown, text, hidden }) => {
        const el = document.querySelector(shown);
        return !!el && (!text || (el.textContent ?? '').includes(text)) && (!hidden || !document.querySelector(hidden));
      }, check, { polling: 250, timeout });
    await until({ shown: '[data-testid="dataset-name"][data-name="two-million.csv"]' }, 90_000);
    expect(await loaded(page, 'two-million.csv')).toBe(ROWS);
    await page.getByTestId('nav-train').click();
    await page.getByTestId('train-algorithm').selectOption('xgboost');
    await page.getByTestId('train-target').selectOption('label');
    await until({ shown: '[data-testid="train-task"]', text: 'binary classification (inferred)' }, 60_000);
    await page.getByTestId('hp-num_round').fill('3');
    await page.getByTestId('train-start').click();
    await until({ shown: '[data-testid="train-metrics"]', hidden: '[data-testid="train-progress"]' }, 120_000);
    // A long task still running when the result appears is reported when it ends: give it a frame or two.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const { tasks, marks } = await page.evaluate((t0) => ({
      tasks: (globalThis as unknown as { __longTasks: LongTask[] }).__longTasks.filter((t) => t.start >= t0),
      marks: performance.getEntriesByType('mark').filter((m) => m.startTime >= t0).map((m) => ({ name: m.name, at: m.startTime })),
    }), from);
    tracing = false;
    const traced = traceTasks(await browser.stopTracing());
    // The traced task of (nearly) the same wall time; a long task the trace does not have counts as the page's.
    const cpuOf = (t: LongTask) => {
      let best: { wall: number; cpu: number } | null = null;
      for (const x of traced) if (Math.abs(x.wall - t.duration) < 4 && (!best || Math.abs(x.wall - t.duration) < Math.abs(best.wall - t.duration))) best = x;
      return best ? best.cpu : NaN;
    };
    expect(traced.filter((x) => x.cpu >= 0).length, 'the trace has the page\'s tasks with their thread time').toBeGreaterThan(100);
    const waitedForACore = (t: LongTask) => cpuOf(t) < t.duration / 2;
    const long = tasks.filter((t) => t.duration > MAX_TASK_MS && !waitedForACore(t)).sort((a, b) => b.duration - a.duration);
    const near = (at: number) => marks.filter((m) => Math.abs(m.at - at) < 1000).map((m) => `${m.name}@${Math.round(m.at - at)}ms`).join(', ');
    const report = tasks
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 10)
      .map((t) => `${Math.round(t.duration)} ms (thread time ${Number.isNaN(cpuOf(t)) ? 'not traced' : `${Math.round(cpuOf(t))} ms`}) at +${Math.round(t.start - from)} ms [${t.attribution}] marks: ${near(t.start) || '-'}`);
    console.log(`main-thread long tasks (> 50 ms) after choosing the file: ${tasks.length}; longest:\n  ${report.join('\n  ') || '(none)'}`);
    expect(long.map((t) => Math.round(t.duration)), `tasks over ${MAX_TASK_MS} ms:\n  ${report.join('\n  ')}`).toEqual([]);
  } finally {
    // The browser outlives this test: a failed run must not leave it tracing for the next spec.
    if (tracing) await browser.stopTracing().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});
