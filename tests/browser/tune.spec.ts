// The Tune view end to end on the loan-applications sample: XGBoost, validation:auc, Random search with 6
// trials 2 at a time over eta 0.05–0.5 (log) and max_depth 2–6. A bad range is refused beside its field;
// the trials table reaches 6 rows with AUCs in (0.5, 1], the best is marked, the parallel-coordinates chart
// has a line per trial, trials.json is SageMaker's list; a second, longer job stopped after two trials keeps
// them; "Use in Train view" fills the Train form. No request leaves the page, no console warning, no chart
// label clipped.
import { expect, test, type Page } from '@playwright/test';
import { clippedLabels, isBlockedServiceWorker, loaded, openStudio, snap } from './helpers.ts';

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

const rowsOf = (page: Page) => page.getByTestId('trial-row').evaluateAll((rows) => rows.map((r) => ({
  name: r.getAttribute('data-name') ?? '', status: r.getAttribute('data-status') ?? '', objective: r.getAttribute('data-objective') ?? '', best: r.getAttribute('data-best') === 'true',
})));

test('Tune: Random search over eta and max_depth, the live charts and table, Stop, and the best trial into the Train view', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(300_000);
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
  await openStudio(page, '?sample=loan-applications&view=tune');
  expect(await loaded(page, 'loan-applications.csv')).toBe(6017);

  await expect(page.getByTestId('tune-algorithm')).toHaveValue('xgboost');
  await expect(page.getByTestId('tune-target')).toHaveValue('approved');
  await page.getByTestId('tune-objective').selectOption('validation:auc');
  await expect(page.getByTestId('tune-direction')).toContainText('Maximize');
  await page.getByTestId('tune-strategy').selectOption('Random');
  await page.getByTestId('tune-max-jobs').fill('6');
  await page.getByTestId('tune-max-parallel').fill('2');
  // xgboost's preset ranges: keep eta and max_depth.
  await expect(page.getByTestId('range-row')).toHaveCount(4);
  await page.getByTestId('range-remove-min_child_weight').click();
  await page.getByTestId('range-remove-subsample').click();
  await expect(page.getByTestId('range-row')).toHaveCount(2);

  // A range outside eta's valid range is refused beside its field, in ranges.ts' words.
  await page.getByTestId('range-scaling-eta').selectOption('Logarithmic');
  await page.getByTestId('range-min-eta').fill('0');
  await expect(page.getByTestId('range-problem-eta')).toContainText('the range 0:0.5 of eta leaves its valid range (0, 1]');
  await page.getByTestId('range-min-eta').fill('0.05');
  await page.getByTestId('range-max-eta').fill('0.5');
  await expect(page.getByTestId('range-problem-eta')).toHaveCount(0);
  await page.getByTestId('range-min-max_depth').fill('2');
  await page.getByTestId('range-max-max_depth').fill('6');

  await page.getByTestId('tune-start').click();
  await expect(page.getByTestId('tune-progress')).toBeVisible();
  // Live: the per-round chart follows running trials.
  await expect(page.getByTestId('rounds-chart')).toBeVisible({ timeout: 60_000 });
  await snap(page, testInfo, 'tune-live');
  await expect(page.getByTestId('tune-result')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('trial-row')).toHaveCount(6);
  const rows = await rowsOf(page);
  expect(rows.map((r) => r.status)).toEqual(Array(6).fill('Completed'));
  const aucs = rows.map((r) => Number(r.objective));
  for (const v of aucs) {
    expect(v).toBeGreaterThan(0.5);
    expect(v).toBeLessThanOrEqual(1);
  }
  const marked = rows.filter((r) => r.best);
  expect(marked).toHaveLength(1);
  expect(Number(marked[0].objective)).toBe(Math.max(...aucs));
  await expect(page.getByTestId('tune-result')).toHaveAttribute('data-best', marked[0].name);
  await expect(page.getByTestId('parallel-chart')).toHaveAttribute('data-lines', '6');
  await expect(page.getByTestId('parallel-line')).toHaveCount(6);
  await expect(page.getByTestId('trial-dot')).toHaveCount(6);
  // Sorted by the objective, best first.
  await page.getByTestId('trials-sort').click();
  const sorted = (await rowsOf(page)).map((r) => Number(r.objective));
  expect(sorted).toEqual([...aucs].sort((a, b) => b - a));
  expect(await clippedLabels(page)).toEqual([]);
  await page.getByTestId('trials-chart').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'tune-result');
  await page.getByTestId('parallel-chart').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'tune-parallel');

  // The downloads: SageMaker's ListTrainingJobsForHyperParameterTuningJob and the best model.
  const trials = await download(page, 'tune-download-trials');
  expect(trials.name).toBe('loan-applications-trials.json');
  const list = JSON.parse(trials.bytes.toString('utf8')) as { TrainingJobSummaries: { TunedHyperParameters: Record<string, string> }[] };
  expect(list.TrainingJobSummaries).toHaveLength(6);
  for (const t of list.TrainingJobSummaries) {
    expect(Number(t.TunedHyperParameters.eta)).toBeGreaterThanOrEqual(0.05);
    expect(Number(t.TunedHyperParameters.eta)).toBeLessThanOrEqual(0.5);
    expect([2, 3, 4, 5, 6]).toContain(Number(t.TunedHyperParameters.max_depth));
  }
  const model = await download(page, 'tune-download-model');
  expect(model.name).toBe(`loan-applications-${marked[0].name}-model.json`);
  expect(JSON.parse(model.bytes.toString('utf8'))).toHaveProperty('learner');

  // A warm-started job of 2 trials: SageMaker's WarmStartConfig names the previous job as its parent.
  await expect(page.getByTestId('tune-warm-start')).toBeEnabled();
  await page.getByTestId('tune-warm-start').selectOption('IdenticalDataAndAlgorithm');
  await page.getByTestId('tune-max-jobs').fill('2');
  await page.getByTestId('tune-start').click();
  await expect(page.getByTestId('tune-result')).toHaveAttribute('data-reason', 'MaxNumberOfTrainingJobsReached', { timeout: 120_000 });
  const warm = JSON.parse((await download(page, 'tune-download-job')).bytes.toString('utf8')) as { WarmStartConfig?: { ParentHyperParameterTuningJobs: { HyperParameterTuningJobName: string }[]; WarmStartType: string }; TrainingJobs: unknown[] };
  expect(warm.WarmStartConfig?.WarmStartType).toBe('IdenticalDataAndAlgorithm');
  expect(warm.WarmStartConfig?.ParentHyperParameterTuningJobs.map((p) => p.HyperParameterTuningJobName)).toEqual(['loan-applications-tuning']);
  expect(warm.TrainingJobs).toHaveLength(2);
  await page.getByTestId('tune-warm-start').selectOption('none');

  // A second, longer job: Stop once two trials have finished keeps them.
  await page.getByTestId('tune-max-jobs').fill('200');
  await page.getByTestId('tune-start').click();
  await expect(page.getByTestId('tune-progress')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('tune-progress').getAttribute('data-done')), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await page.getByTestId('tune-stop').click();
  await expect(page.getByTestId('tune-result')).toHaveAttribute('data-reason', 'StoppedByUser', { timeout: 60_000 });
  await expect(page.getByTestId('tune-notice')).toContainText('finished trials are kept');
  const after = await rowsOf(page);
  expect(after.length).toBeLessThan(200);
  expect(after.filter((r) => r.status === 'Completed').length).toBeGreaterThanOrEqual(2);
  expect(after.filter((r) => r.status === 'InProgress')).toEqual([]);
  for (const r of after.filter((x) => x.status === 'Stopped')) expect(r.objective === '' || Number(r.objective) > 0).toBe(true);
  expect(after.filter((r) => r.best)).toHaveLength(1);
  await page.getByTestId('rounds-chart').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'tune-stopped');

  // The best trial into the Train view.
  const best = (await rowsOf(page)).find((r) => r.best)!;
  const hp = await page.getByTestId('tune-best-hp').locator('div').evaluateAll((ds) => Object.fromEntries(ds.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])));
  expect(Object.keys(hp).sort()).toEqual(['eta', 'max_depth']);
  await page.getByTestId('tune-use-in-train').click();
  await expect(page.getByTestId('train-algorithm')).toHaveValue('xgboost');
  await expect(page.getByTestId('hp-eta')).toHaveValue(hp.eta!);
  await expect(page.getByTestId('hp-max_depth')).toHaveValue(hp.max_depth!);
  expect(best.name).toMatch(/-tuning-\d{3}$/);

  expect(foreign).toEqual([]);
  expect(warnings).toEqual([]);
});
