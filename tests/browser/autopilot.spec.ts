// The Autopilot view end to end on the loan-applications sample (target approved). "Check the data" lists the
// report's findings; the sample's fixed-model columns (score, predicted) are NOT target leakage by the engine's
// rule (one-feature cross-validated AUC above 0.99): they score about 0.78 and 0.70, so they stay features. A
// HYPERPARAMETER_TUNING job with 4 candidates and a 60 s budget fills a leaderboard sorted by test F1 with the
// best marked; Stop during a second, longer job keeps the finished candidates; "Explain in Clarify" and "Deploy"
// take the best model file. A small file with a copy of its target shows a highlighted leakage finding. No
// request leaves the page, no console warning, no chart label clipped.
import { expect, test, type Page } from '@playwright/test';
import { clippedLabels, isBlockedServiceWorker, loaded, openFile, openStudio, snap } from './helpers.ts';

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

const rowsOf = (page: Page) => page.getByTestId('leaderboard-row').evaluateAll((rows) => rows.map((r) => ({
  name: r.getAttribute('data-name') ?? '', algorithm: r.getAttribute('data-algorithm') ?? '', status: r.getAttribute('data-status') ?? '',
  rank: Number(r.getAttribute('data-rank')), test: r.getAttribute('data-test') ?? '', best: r.getAttribute('data-best') === 'true',
})));

test('Autopilot: check the data, an HPO leaderboard in a 60 s budget, Stop keeping finished candidates, and the best model into Clarify and Deploy', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && !isBlockedServiceWorker(m.text())) warnings.push(m.text());
  });
  page.on('pageerror', (e) => warnings.push(e.message));
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await openStudio(page, '?sample=loan-applications&view=autopilot');
  expect(await loaded(page, 'loan-applications.csv')).toBe(6017);

  await expect(page.getByTestId('autopilot-target')).toHaveValue('approved');
  await expect(page.getByTestId('autopilot-reason')).toContainText('so the problem is BinaryClassification');
  await expect(page.getByTestId('autopilot-objective')).toHaveValue('');
  await expect(page.getByTestId('autopilot-objective').locator('option').first()).toHaveText('Default (F1)');
  await expect(page.getByTestId('autopilot-budget')).toHaveValue('60');
  await expect(page.getByTestId('autopilot-mode')).toHaveValue('AUTO');

  // Check the data: the report before any training.
  await page.getByTestId('autopilot-check').click();
  await expect(page.getByTestId('autopilot-report')).toBeVisible({ timeout: 30_000 });
  const findings = await page.getByTestId('autopilot-finding').evaluateAll((fs) => fs.map((f) => ({ kind: f.getAttribute('data-kind'), severity: f.getAttribute('data-severity'), column: f.getAttribute('data-column') })));
  expect(findings).toContainEqual({ kind: 'missing-values', severity: 'warning', column: 'credit_score' });
  expect(findings.filter((f) => f.kind === 'target-leakage')).toEqual([]);
  for (const [name, treatment] of [['score', 'numeric'], ['predicted', 'boolean']] as const) {
    const row = page.locator(`[data-testid="autopilot-column"][data-name="${name}"]`);
    await expect(row).toHaveAttribute('data-treatment', treatment);
    const power = Number(await row.getAttribute('data-power'));
    expect(power).toBeGreaterThan(0.6);
    expect(power).toBeLessThan(0.99);
  }
  await expect(page.locator('[data-testid="autopilot-column"][data-name="approved"]')).toHaveAttribute('data-treatment', 'target');
  await snap(page, testInfo, 'autopilot-report');

  // HYPERPARAMETER_TUNING, 4 candidates, 60 s.
  await page.getByTestId('autopilot-mode').selectOption('HYPERPARAMETER_TUNING');
  await page.getByTestId('autopilot-max-candidates').fill('4');
  await page.getByTestId('autopilot-run').click();
  await expect(page.getByTestId('autopilot-progress')).toBeVisible();
  await expect(page.getByTestId('autopilot-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('autopilot-result')).toHaveAttribute('data-mode', 'HYPERPARAMETER_TUNING');
  const rows = await rowsOf(page);
  // At most 4 tuning trials; each algorithm's best trial is refitted on every training row as '<trial>-full',
  // on top of MaxCandidates, and names a trial that is on the leaderboard.
  const refits = rows.filter((r) => r.name.endsWith('-full'));
  expect(rows.length - refits.length).toBeLessThanOrEqual(4);
  for (const r of refits) expect(rows.map((x) => x.name)).toContain(r.name.slice(0, -'-full'.length));
  expect(refits.length).toBeLessThanOrEqual(new Set(rows.map((r) => r.algorithm)).size);
  const completed = rows.filter((r) => r.status === 'Completed');
  expect(completed.length).toBeGreaterThanOrEqual(1);
  // Rank order is descending test F1 (maximised), candidates without one last.
  const scored = rows.filter((r) => r.test !== '').map((r) => Number(r.test));
  expect(scored).toEqual([...scored].sort((a, b) => b - a));
  expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
  const marked = rows.filter((r) => r.best);
  expect(marked).toHaveLength(1);
  expect(marked[0].rank).toBe(1);
  const bestF1 = Number(marked[0].test);
  expect(bestF1).toBeGreaterThan(0);
  expect(bestF1).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('autopilot-best')).toHaveAttribute('data-value', String(bestF1));
  await expect(page.getByTestId('leaderboard-dot')).toHaveCount(scored.length);
  // Sortable: training time, then back to test F1 best first.
  await page.getByTestId('leaderboard-sort-seconds').click();
  await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-sort', 'seconds');
  await page.getByTestId('leaderboard-sort-test').click();
  expect((await rowsOf(page)).filter((r) => r.test !== '').map((r) => Number(r.test))).toEqual(scored);
  expect(await clippedLabels(page)).toEqual([]);
  await page.getByTestId('leaderboard-chart').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'autopilot-leaderboard');

  const board = await download(page, 'autopilot-download-leaderboard');
  expect(board.name).toBe('loan-applications-leaderboard.json');
  const json = JSON.parse(board.bytes.toString('utf8')) as { Leaderboard: { CandidateName: string }[]; BestModel?: string; Mode: string };
  expect(json.Mode).toBe('HYPERPARAMETER_TUNING');
  expect(json.Leaderboard.map((e) => e.CandidateName)).toEqual(rows.map((r) => r.name));
  expect(json.BestModel).toBe(marked[0].name);
  const model = await download(page, 'autopilot-download-model');
  expect(model.name).toBe(`loan-applications-${marked[0].name}-model.json`);
  expect(() => JSON.parse(model.bytes.toString('utf8'))).not.toThrow();
  const report = await download(page, 'autopilot-download-report');
  expect(JSON.parse(report.bytes.toString('utf8'))).toMatchObject({ file: 'loan-applications.csv', target: 'approved', problemType: 'BinaryClassification' });

  // A second, longer job: Stop once two candidates have finished keeps them.
  await page.getByTestId('autopilot-max-candidates').fill('100');
  await page.getByTestId('autopilot-run').click();
  await expect(page.getByTestId('autopilot-progress')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('autopilot-progress').getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  await snap(page, testInfo, 'autopilot-live');
  await page.getByTestId('autopilot-stop').click();
  await expect(page.getByTestId('autopilot-result')).toHaveAttribute('data-status', 'Stopped', { timeout: 30_000 });
  await expect(page.getByTestId('autopilot-notice')).toContainText('finished candidates are kept');
  const after = await rowsOf(page);
  expect(after.filter((r) => r.status === 'Completed').length).toBeGreaterThanOrEqual(2);
  expect(after.length).toBeLessThan(100);
  expect(after.filter((r) => r.best)).toHaveLength(1);

  // The best model into Clarify: its model card names the algorithm.
  const bestFile = await page.getByTestId('autopilot-result').getAttribute('data-best-file');
  const algorithm = after.find((r) => r.name === bestFile)!.algorithm;
  await page.getByTestId('autopilot-explain').click();
  await expect(page.getByTestId('clarify-model')).toHaveAttribute('data-algorithm', algorithm, { timeout: 30_000 });
  await expect(page.getByTestId('clarify-model')).toContainText(bestFile!);
  await snap(page, testInfo, 'autopilot-clarify');
  // And into Deploy's models.
  await page.getByTestId('nav-autopilot').click();
  await page.getByTestId('autopilot-deploy').click();
  await expect(page.getByTestId('deploy-model')).toHaveAttribute('data-algorithm', algorithm, { timeout: 30_000 });

  // ENSEMBLING with two algorithms: bags, their stack, and a single model refitted for the file.
  await page.getByTestId('nav-autopilot').click();
  await page.getByTestId('autopilot-mode').selectOption('ENSEMBLING');
  await page.getByTestId('autopilot-max-candidates').fill('2');
  await page.getByTestId('autopilot-budget').fill('45');
  await page.getByTestId('autopilot-run').click();
  await expect(page.getByTestId('autopilot-result')).toHaveAttribute('data-mode', 'ENSEMBLING', { timeout: 60_000 });
  const ens = await rowsOf(page);
  const names = ens.map((r) => r.name);
  expect(names).toEqual(expect.arrayContaining(['xgboost-bagged', 'linear-learner-bagged']));
  const file = await page.getByTestId('autopilot-result').getAttribute('data-best-file');
  expect(file).toMatch(/^(xgboost|linear-learner)-(full|fold-1)$/);
  const scoredEns = ens.filter((r) => r.test !== '').map((r) => Number(r.test));
  expect(scoredEns).toEqual([...scoredEns].sort((a, b) => b - a));
  expect(await clippedLabels(page)).toEqual([]);
  await snap(page, testInfo, 'autopilot-ensembling');

  // "Open in the Train view": the best downloadable candidate's training result in the Train view's results,
  // its test metrics those of the candidate's metrics.json (the file Autopilot hands out) on the held-out rows.
  const testRows = Number((await page.getByTestId('autopilot-result').locator('.summary').innerText()).match(/tested on ([\d,]+) held-out rows/)![1].replace(/,/g, ''));
  await page.getByTestId('autopilot-open-train').click();
  const results = page.getByTestId('train-results');
  await expect(results).toHaveAttribute('data-algorithm', file!.replace(/-(full|fold-1)$/, ''), { timeout: 10_000 });
  await expect(page.getByTestId('train-notice')).toContainText(`Showing ${file} (Autopilot's best`);
  const metricsFile = JSON.parse((await download(page, 'download-metrics')).bytes.toString('utf8')) as { test: Record<string, number> };
  expect(metricsFile.test.rows).toBe(testRows);
  const cells = await page.locator('[data-testid="train-metrics"] td[data-split="test"]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-metric') ?? '', Number(td.getAttribute('data-value'))] as const));
  expect(cells.length).toBeGreaterThanOrEqual(2);
  for (const [metric, value] of cells) expect(value, metric).toBeCloseTo(metricsFile.test[metric], 12);
  await snap(page, testInfo, 'autopilot-train-view');

  // Leakage: a column that copies the target is dropped and highlighted.
  const lines = ['x,copy,y'];
  for (let i = 0; i < 200; i++) lines.push(`${(i * 37) % 101},${i % 3 === 0 ? 'yes' : 'no'},${i % 3 === 0 ? 'yes' : 'no'}`);
  await page.getByTestId('nav-data').click();
  await openFile(page, 'leaky.csv', lines.join('\n') + '\n', 'text/csv');
  await loaded(page, 'leaky.csv');
  await page.getByTestId('nav-autopilot').click();
  await expect(page.getByTestId('autopilot-target')).toHaveValue('y');
  await page.getByTestId('autopilot-check').click();
  const leak = page.locator('[data-testid="autopilot-finding"][data-kind="target-leakage"]');
  await expect(leak).toHaveAttribute('data-column', 'copy');
  await expect(leak).toHaveClass(/leak/);
  await expect(page.locator('[data-testid="autopilot-column"][data-name="copy"]')).toHaveAttribute('data-treatment', 'dropped');
  await snap(page, testInfo, 'autopilot-leakage');

  expect(foreign).toEqual([]);
  expect(warnings).toEqual([]);
});
