// Issue 13: the page's thread stays responsive while a 2-million-row CSV loads, profiles and trains. A
// PerformanceObserver records every main-thread long task; none may last over 100 ms from the moment the
// file is chosen until the training result is on screen. Failures print the longest tasks with the page's
// performance marks around them, to say which step froze the page. Durations are wall time: the page's tasks use
// at most ~25 ms of CPU each (Chromium trace, thread time), but on a machine with far more runnable processes than
// cores a task waits for a core mid-way and can be reported at several times its CPU time.
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

test.describe.configure({ timeout: 180_000 });

test('a 2,000,000-row CSV loads, profiles and trains XGBoost with no main-thread task over 100 ms', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpad-long-tasks-'));
  const file = join(dir, 'two-million.csv');
  writeFileSync(file, numericCsv(ROWS));
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
    const long = tasks.filter((t) => t.duration > MAX_TASK_MS).sort((a, b) => b.duration - a.duration);
    const near = (at: number) => marks.filter((m) => Math.abs(m.at - at) < 1000).map((m) => `${m.name}@${Math.round(m.at - at)}ms`).join(', ');
    const report = tasks
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 10)
      .map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - from)} ms [${t.attribution}] marks: ${near(t.start) || '-'}`);
    console.log(`main-thread long tasks (> 50 ms) after choosing the file: ${tasks.length}; longest:\n  ${report.join('\n  ') || '(none)'}`);
    expect(long.map((t) => Math.round(t.duration)), `tasks over ${MAX_TASK_MS} ms:\n  ${report.join('\n  ')}`).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
