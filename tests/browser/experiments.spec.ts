// Experiments in the studio: every job is recorded as a run in the browser's store and found again after a reload,
// exported to a workspace file and imported into a fresh browser profile, kept consistent across two tabs, refused
// with a clear sentence when the quota is full (earlier runs intact), and compared side by side.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { loaded, openStudio, snap, trainLoanApproval as train } from './helpers.ts';

/** The Training runs in the Experiments list that have finished as Completed. */
function completedTraining(page: Page) {
  return page.locator('[data-testid="run-row"][data-job="Training"][data-status="Completed"]');
}

async function openExperiments(page: Page): Promise<void> {
  await page.getByTestId('nav-experiments').click();
  await expect(page.getByTestId('experiments-view')).toBeVisible();
}

/** Metric name → Last value, read from the open run's summary table. */
async function metricsOf(page: Page): Promise<Record<string, number>> {
  const rows = page.getByTestId('run-metrics').locator('tbody tr');
  const out: Record<string, number> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-metric'))!] = Number(await row.getAttribute('data-last'));
  return out;
}

test('a trained model is a run that survives a reload, with its metrics, curve and model artifact', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await train(page, 12);
  await openExperiments(page);
  await expect(completedTraining(page)).toHaveCount(1, { timeout: 30_000 });
  // The profile of the loaded sample is a run too.
  await expect(page.locator('[data-testid="run-row"][data-job="Profile"]')).toHaveCount(1);

  await page.reload();
  await expect(page.getByTestId('experiments-view')).toBeVisible({ timeout: 60_000 });
  const row = completedTraining(page);
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  // The reload profiled the same sample again: the same profile of the same data is not recorded twice.
  await expect(page.getByTestId('dataset-name')).toHaveAttribute('data-profiling', 'false');
  await expect(page.locator('[data-testid="run-row"][data-job="Profile"]')).toHaveCount(1);
  await snap(page, testInfo, 'experiments-list');
  await row.getByTestId('run-open').click();
  const detail = page.getByTestId('run-detail');
  await expect(detail).toBeVisible();
  await detail.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'experiments-run-detail-top');
  const metrics = await metricsOf(page);
  expect(metrics['validation:logloss']).toBeGreaterThan(0);
  expect(metrics['final.validation:auc']).toBeGreaterThan(0.6);
  await expect(page.getByTestId('run-metrics').locator('tr[data-metric="validation:logloss"] td').nth(3)).toHaveText('12');
  await expect(page.getByTestId('run-parameters')).toContainText('num_round');
  const model = page.getByTestId('run-artifacts').locator('tr[data-artifact="model"]');
  await expect(model).toBeVisible();
  expect(Number(await model.getAttribute('data-size'))).toBeGreaterThan(1000);
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="train"]')).toContainText('input');
  await expect(page.getByTestId('run-curve').locator('svg path.line')).toHaveCount(1);
  await expect(page.getByTestId('run-lineage')).toContainText('Produced');

  const [file] = await Promise.all([page.waitForEvent('download'), model.getByTestId('artifact-download').click()]);
  const json = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(json.learner.gradient_booster.model.trees).toHaveLength(12);

  // Register it: a new group, version 1, which the Models view counts.
  await page.getByTestId('register-new-group').fill('loan-models');
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-message')).toContainText('loan-models version 1');
  await snap(page, testInfo, 'experiments-run-detail');
  await page.getByTestId('register-message').getByRole('button', { name: 'Open Models' }).click();
  await expect(page.locator('main')).toContainText('loan-models');
  // Back in Experiments, the run is still open.
  await page.getByTestId('nav-experiments').click();
  await expect(page.getByTestId('run-detail')).toBeVisible();

  // Storage: the run, the model and the kept dataset each with their bytes.
  const modelBytes = Number(await model.getAttribute('data-size'));
  await page.getByTestId('exp-tab-storage').click();
  const items = page.getByTestId('storage-items');
  await expect(items.locator('tr[data-kind="run"]')).toHaveCount(2);
  await expect(items.locator('tr[data-kind="model"]')).toHaveCount(1);
  await expect(items.locator('tr[data-kind="dataset"]')).toHaveCount(1);
  expect(Number(await items.locator('tr[data-kind="model"]').getAttribute('data-bytes'))).toBe(modelBytes);
  await snap(page, testInfo, 'experiments-storage');

  // At 1024 px nothing pushes the page sideways (the runs table scrolls inside its card).
  await page.setViewportSize({ width: 1024, height: 800 });
  for (const tab of ['runs', 'compare', 'storage', 'workspace']) {
    await page.getByTestId(`exp-tab-${tab}`).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${tab} at 1024 px`).toBeLessThanOrEqual(0);
  }
  await page.getByTestId('exp-tab-runs').click();
  await expect(page.getByTestId('run-detail')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'run detail at 1024 px').toBeLessThanOrEqual(0);
});

test('export the workspace, import it into a fresh browser profile, and the same runs and metrics come back', async ({ page, browser, baseURL }, testInfo) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await train(page, 8);
  await openExperiments(page);
  await expect(completedTraining(page)).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('exp-tab-workspace').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workspace-export-button').click()]);
  expect(download.suggestedFilename()).toMatch(/^mlpad-workspace-\d{4}-\d\d-\d\d\.zip$/);
  const zip = readFileSync(await download.path());
  await page.getByTestId('exp-tab-runs').click();
  const names = (await page.getByTestId('run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')))).sort();
  await completedTraining(page).getByTestId('run-open').click();
  const before = await metricsOf(page);

  // A new context is a browser profile with empty storage.
  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  try {
    await other.goto('/?view=experiments');
    await expect(other.getByTestId('experiments-view')).toBeVisible({ timeout: 60_000 });
    await expect(other.getByTestId('dataset-name')).toHaveAttribute('data-profiling', 'false', { timeout: 60_000 });
    await other.getByTestId('exp-tab-workspace').click();
    // A file that is not a zip is refused with a sentence, and nothing changes.
    await other.getByTestId('workspace-file').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
    await expect(other.getByTestId('workspace-import-error')).toBeVisible();
    await other.getByTestId('workspace-file').setInputFiles({ name: 'workspace.zip', mimeType: 'application/zip', buffer: zip });
    await expect(other.getByTestId('workspace-summary')).toContainText('runs');
    await snap(other, testInfo, 'experiments-import-summary');
    await other.getByTestId('workspace-import-confirm').click();
    await expect(other.getByTestId('workspace-imported')).toBeVisible();
    await other.getByTestId('exp-tab-runs').click();
    // Every exported run is back under its name (the fresh tab also profiled its own default sample: one more run).
    for (const name of names) await expect(other.locator(`[data-testid="run-row"][data-run="${name}"]`)).toHaveCount(1);
    await completedTraining(other).getByTestId('run-open').click();
    expect(await metricsOf(other)).toEqual(before);
  } finally {
    await fresh.close();
  }
});

test('two tabs stay consistent: a run trained in one appears in the other without a reload', async ({ page, context }) => {
  const watcher = await context.newPage();
  await watcher.goto('/?view=experiments');
  await expect(watcher.getByTestId('experiments-view')).toBeVisible({ timeout: 60_000 });
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await train(page, 6);
  await expect(completedTraining(watcher)).toHaveCount(1, { timeout: 30_000 });
  await watcher.close();
});

test('a training job in flight is an InProgress run in another tab, with its metrics so far, and Stopped when cancelled', async ({ page, context }) => {
  const watcher = await context.newPage();
  await watcher.goto('/?view=experiments');
  await expect(watcher.getByTestId('experiments-view')).toBeVisible({ timeout: 60_000 });
  await openStudio(page, '?sample=loan-applications&view=train');
  await loaded(page, 'loan-applications.csv');
  // Far more rounds than the test waits for (3,000 took about 3 s in Node, and a busy CI run finished them before
  // Cancel), so Cancel always finds the job running.
  await page.getByTestId('hp-num_round').fill('50000');
  await page.getByTestId('train-start').click();
  const live = watcher.locator('[data-testid="run-row"][data-job="Training"][data-status="InProgress"]');
  await expect(live).toHaveCount(1, { timeout: 30_000 });
  await live.getByTestId('run-open').click();
  // The recorder saves the curve so far every 2 s while the job runs.
  await expect(watcher.getByTestId('run-metrics').locator('tr[data-metric="validation:logloss"]')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('train-cancel').click();
  await expect(watcher.locator('[data-testid="run-row"][data-job="Training"][data-status="Stopped"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(watcher.getByTestId('run-detail')).toContainText('Training cancelled');
  await watcher.close();
});

test('a full quota says what to delete, and the runs stored before are intact', async ({ page, context, baseURL }, testInfo) => {
  // Chromium fixes an origin's IndexedDB quota when the origin first uses IndexedDB, so it is set before the page
  // opens; later overrides still limit OPFS, where the blobs go.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 512 * 1024 * 1024 });
  try {
    await openStudio(page, '?sample=loan-approval&view=train');
    await loaded(page, 'loan-approval.csv');
    await train(page, 5);
    await openExperiments(page);
    await expect(completedTraining(page)).toHaveCount(1, { timeout: 30_000 });
    const used = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    // Room for nothing more: the next run's new model and predictions do not fit.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: used + 1024 });
    await train(page, 40);
    await expect(page.getByTestId('store-error')).toContainText('no more room', { timeout: 30_000 });
    await expect(page.getByTestId('store-error')).toContainText('Delete runs or models');
    await snap(page, testInfo, 'experiments-quota');
    await openExperiments(page);
    await expect(completedTraining(page)).toHaveCount(1);
    // The run whose results did not fit is marked Failed with the reason, not left in progress.
    const failed = page.locator('[data-testid="run-row"][data-job="Training"][data-status="Failed"]');
    await expect(failed).toHaveCount(1);
    await expect(page.locator('[data-testid="run-row"][data-status="InProgress"]')).toHaveCount(0);
    await failed.getByTestId('run-open').click();
    await expect(page.getByTestId('run-detail')).toContainText('no room left');
    await failed.getByTestId('run-open').click();
    await completedTraining(page).getByTestId('run-open').click();
    await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="model"]')).toBeVisible();
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  }
});

test('compare two runs: parameters side by side with the difference marked, and both curves overlaid', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await train(page, 10);
  await train(page, 25);
  await openExperiments(page);
  await expect(completedTraining(page)).toHaveCount(2, { timeout: 30_000 });
  for (const box of await completedTraining(page).getByTestId('run-select').all()) await box.check();
  await page.getByTestId('runs-compare').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tr[data-testid="compare-param"][data-name="num_round"]')).toHaveAttribute('data-differs', 'true');
  await expect(page.getByTestId('compare-curves').locator('svg path.line')).toHaveCount(2);
  await expect(page.getByTestId('compare-parallel').locator('[data-testid="parallel-line"]')).toHaveCount(2);
  await snap(page, testInfo, 'experiments-compare');
  await page.getByTestId('compare-only-differing').check();
  await expect(table.locator('tr[data-testid="compare-param"]')).toHaveCount(await table.locator('tr[data-testid="compare-param"][data-differs="true"]').count());
  await page.getByTestId('compare-parallel').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'experiments-compare-curves');
});

test('a tuning job is a Tuning run with one child run per trial, found again after a reload', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await openStudio(page, '?sample=loan-approval&view=tune');
  await loaded(page, 'loan-approval.csv');
  await page.getByTestId('tune-objective').selectOption('validation:auc');
  await page.getByTestId('tune-strategy').selectOption('Random');
  await page.getByTestId('tune-max-jobs').fill('4');
  await page.getByTestId('tune-max-parallel').fill('2');
  await page.getByTestId('range-remove-min_child_weight').click();
  await page.getByTestId('range-remove-subsample').click();
  await page.getByTestId('tune-start').click();
  await expect(page.getByTestId('tune-result')).toBeVisible({ timeout: 180_000 });
  await openExperiments(page);
  const tuning = page.locator('[data-testid="run-row"][data-job="Tuning"][data-status="Completed"]');
  await expect(tuning).toHaveCount(1, { timeout: 30_000 });
  await expect(tuning).toContainText('4 trials');

  await page.reload();
  await expect(page.getByTestId('experiments-view')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('runs-trials').check();
  const trials = page.locator('[data-testid="run-row"][data-job="Training"]');
  await expect(trials).toHaveCount(4, { timeout: 30_000 });
  await tuning.getByTestId('run-open').click();
  await expect(page.getByTestId('run-metrics')).toContainText('best:validation:auc');
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="model"]')).toBeVisible();
  // The trials side by side: eta and max_depth differ, one line each in the parallel coordinates.
  for (const box of await trials.getByTestId('run-select').all()) await box.check();
  await page.getByTestId('runs-compare').click();
  await expect(page.getByTestId('compare-table').locator('tr[data-name="eta"]')).toHaveAttribute('data-differs', 'true');
  await expect(page.getByTestId('compare-parallel').locator('[data-testid="parallel-line"]')).toHaveCount(4);
  await page.getByTestId('compare-parallel').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'experiments-tuning-compare');
});

test('a Clarify bias analysis and a Model Monitor run are recorded with their reports', async ({ page }) => {
  test.setTimeout(240_000);
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await train(page, 10);
  await page.getByTestId('nav-clarify').click();
  await expect(page.getByTestId('clarify-model')).toHaveAttribute('data-algorithm', 'xgboost', { timeout: 30_000 });
  await page.getByTestId('bias-facet').selectOption('gender');
  await page.getByTestId('bias-facet-values').getByLabel('female').check();
  await page.getByTestId('bias-run').click();
  await expect(page.getByTestId('bias-results')).toBeVisible({ timeout: 60_000 });
  await openExperiments(page);
  const clarify = page.locator('[data-testid="run-row"][data-job="Clarify"][data-status="Completed"]');
  await expect(clarify).toHaveCount(1, { timeout: 30_000 });
  await clarify.getByTestId('run-open').click();
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="analysis"]')).toContainText('analysis.json');
  await expect(page.getByTestId('run-parameters')).toContainText('bias');
  // The model whose predictions the bias used is an input, so lineage runs model → Clarify.
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="model"]')).toContainText('model.json');

  // Monitor runs on its own when loan-applications opens in its view.
  await page.goto('/?sample=loan-applications&view=monitor');
  await loaded(page, 'loan-applications.csv');
  await expect(page.getByTestId('monitor-results')).toBeVisible({ timeout: 60_000 });
  await openExperiments(page);
  const monitoring = page.locator('[data-testid="run-row"][data-job="Monitoring"][data-status="Completed"]');
  await expect(monitoring).toHaveCount(1, { timeout: 30_000 });
  await expect(monitoring).toContainText('loan-applications-csv');
  await monitoring.getByTestId('run-open').click();
  await expect(page.getByTestId('run-metrics').locator('tr[data-metric="Alerts"]')).toBeVisible();
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="statistics"]')).toBeVisible();
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="constraints"]')).toBeVisible();
});

test('an Autopilot job is a run with its candidates\u2019 objective and the best candidate\u2019s model, which can be registered', async ({ page }) => {
  test.setTimeout(240_000);
  await openStudio(page, '?sample=loan-approval&view=autopilot');
  await loaded(page, 'loan-approval.csv');
  await expect(page.getByTestId('autopilot-target')).toHaveValue('approved');
  await page.getByTestId('autopilot-mode').selectOption('HYPERPARAMETER_TUNING');
  await page.getByTestId('autopilot-max-candidates').fill('3');
  await page.getByTestId('autopilot-run').click();
  await expect(page.getByTestId('autopilot-result')).toBeVisible({ timeout: 120_000 });
  await openExperiments(page);
  const run = page.locator('[data-testid="run-row"][data-job="Autopilot"]');
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute('data-status', /Completed|Stopped/, { timeout: 30_000 });
  await run.getByTestId('run-open').click();
  await expect(page.getByTestId('run-parameters')).toContainText('HYPERPARAMETER_TUNING');
  await expect(page.getByTestId('run-metrics')).toContainText('candidate:validation:');
  await expect(page.getByTestId('run-artifacts').locator('tr[data-artifact="model"]')).toBeVisible();
  await page.getByTestId('register-new-group').fill('autopilot-best');
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-message')).toContainText('autopilot-best version 1');
});
