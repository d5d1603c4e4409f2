import { expect, test, type Page } from '@playwright/test';
import { SeededRandom } from '../../src/lib/ml/random.ts';
import { loaded, openFile, openStudio, snap } from './helpers.ts';

/** Console errors, uncaught exceptions and failed requests of `page` (its workers' included), as lines. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return problems;
}

/**
 * 24,000 seeded rows, six numeric features and a 0/1 label: enough rows that the root and the large
 * nodes (≥ 4,096 rows per thread) are built by the histogram workers, not in the training thread.
 */
function bigCsv(): string {
  const rng = new SeededRandom(11);
  const lines = ['a,b,c,d,e,f,label'];
  for (let i = 0; i < 24_000; i++) {
    const x = Array.from({ length: 6 }, () => rng.next() * 2 - 1);
    const z = 2 * x[0] * x[1] + Math.sin(3 * x[2]) + x[3] - 0.5 * x[4] * x[4] + 0.8 * (rng.next() - 0.5);
    lines.push(`${x.map((v) => v.toFixed(5)).join(',')},${z > 0 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

const metric = async (page: Page, name: string) =>
  Number(await page.locator(`[data-testid="train-metrics"] td[data-split="validation"][data-metric="${name}"]`).getAttribute('data-value'));

/** Set nthread (under Advanced), train, and wait for the results of that thread count. */
async function trainWith(page: Page, nthread: string): Promise<{ auc: number; logloss: number }> {
  const advanced = page.getByTestId('hp-advanced');
  if (!(await page.getByTestId('hp-nthread').isVisible())) await advanced.click();
  await page.getByTestId('hp-nthread').fill(nthread);
  await page.getByTestId('train-start').click();
  const results = page.getByTestId('train-results');
  await expect(results).toHaveAttribute('data-threads', nthread, { timeout: 90_000 });
  await expect(page.getByTestId('train-progress')).toBeHidden();
  await expect(page.getByTestId("train-compute")).toHaveText(`CPU, ${nthread} thread${nthread === '1' ? '' : 's'}`);
  return { auc: await metric(page, 'auc'), logloss: await metric(page, 'logloss') };
}

test('the studio defaults nthread to the cores of a cross-origin isolated page; loan-approval trains the same on 2 threads as on 1', async ({ page }) => {
  const problems = watchProblems(page);
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  const cores = await page.evaluate(() => (crossOriginIsolated ? Math.min(8, navigator.hardwareConcurrency) : 0));
  expect(cores).toBeGreaterThan(0);
  await expect(page.getByTestId('threads-note')).toContainText(`Threads: ${cores} `);
  await expect(page.getByTestId('threads-note')).toContainText('cross-origin isolated');
  await page.getByTestId('hp-advanced').click();
  await expect(page.getByTestId('hp-nthread')).toHaveValue(String(cores));

  await page.getByTestId('hp-num_round').fill('20');
  const two = await trainWith(page, '2');
  expect(two.auc).toBeGreaterThan(0.6);
  await expect(page.getByTestId('learning-curve')).toHaveAttribute('data-rounds', '20');
  const one = await trainWith(page, '1');
  expect(one.auc.toFixed(3)).toBe(two.auc.toFixed(3));
  expect(Math.abs(one.logloss - two.logloss)).toBeLessThan(1e-6);
  expect(problems).toEqual([]);
});

test('24,000 rows train on 2 histogram threads (nested workers) to the metrics of 1 thread, within 1e-6', async ({ page }, testInfo) => {
  const problems = watchProblems(page);
  await openStudio(page, '?view=data');
  await openFile(page, 'threads-24k.csv', bigCsv(), 'text/csv');
  expect(await loaded(page, 'threads-24k.csv')).toBe(24_000);
  await page.getByTestId('nav-train').click();
  await expect(page.getByTestId('train-target')).toHaveValue('label');
  await page.getByTestId('hp-num_round').fill('15');
  const workers = new Set<string>();
  page.on('worker', (w) => workers.add(w.url()));
  const two = await trainWith(page, '2');
  expect(two.auc).toBeGreaterThan(0.8);
  // The training worker started one nested histogram worker.
  expect([...workers].some((u) => /histogram\.worker/.test(u))).toBe(true);
  // The studio scrolls inside its main pane, so full-page shots miss the results: shoot them in view.
  await page.getByTestId('threads-note').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'train-threads-note');
  await page.getByTestId('train-results').getByRole('heading', { name: 'Results' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await snap(page, testInfo, 'train-threads-results');
  const one = await trainWith(page, '1');
  expect(Math.abs(one.auc - two.auc)).toBeLessThan(1e-6);
  expect(Math.abs(one.logloss - two.logloss)).toBeLessThan(1e-6);
  expect(problems).toEqual([]);
});
