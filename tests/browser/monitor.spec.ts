// The Monitor view: alive on first open with the loan-applications sample (baseline Q1, month windows), its
// heatmap, alerts, model-quality line and downloads; Cancel keeps the results; a baseline written by the
// view and opened again gives the same alerts (and says why it has no KS/PSI/JS); data without dates says so
// and offers the sample; the drift measures beyond Model Monitor in the window detail and the heatmap.
import { expect, test, type Page } from '@playwright/test';
import { clippedLabels, isBlockedServiceWorker, loaded, openFile, openStudio, snap } from './helpers.ts';

function watchConsole(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && !isBlockedServiceWorker(m.text())) warnings.push(m.text());
  });
  page.on('pageerror', (e) => warnings.push(e.message));
  return warnings;
}

/** The text of the file a download link gives (clicked as a user would; the CSP keeps fetch off blob: URLs). */
async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const alerts = (page: Page) =>
  page.getByTestId('monitor-alert').evaluateAll((rows) => rows.map((r) => ({ window: r.getAttribute('data-window') ?? '', feature: r.getAttribute('data-feature') ?? '', check: r.getAttribute('data-check') ?? '' })));

test('the loan-applications sample runs on opening: heatmap, drift and new-value alerts, model quality, downloads', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const warnings = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openStudio(page, '?sample=loan-applications&view=monitor');
  await loaded(page, 'loan-applications.csv');
  await expect(page.getByTestId('monitor-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('monitor-baseline-date')).toHaveValue('2024-04-01');
  await expect(page.locator('#monitor-results-h')).toBeFocused();

  const heatmap = page.getByTestId('monitor-heatmap');
  const features = Number(await heatmap.getAttribute('data-features'));
  const windows = Number(await heatmap.getAttribute('data-windows'));
  expect(windows).toBe(12);
  expect(features).toBe(9); // every column but application_date
  await expect(heatmap.locator('rect.cell')).toHaveCount(features * windows);
  expect(await heatmap.locator('rect.cell[data-feature="application_date"]').count()).toBe(0);

  const list = await alerts(page);
  expect(list.some((a) => a.check === 'baseline_drift_check' && a.feature === 'income' && a.window > '2024-07')).toBe(true);
  expect(list.filter((a) => a.check === 'baseline_drift_check' && a.feature === 'income').every((a) => a.window >= '2024-07')).toBe(true);
  expect(list.some((a) => a.check === 'categorical_values_check' && a.feature === 'purpose' && a.window === '2024-10')).toBe(true);
  expect(list.some((a) => a.check === 'categorical_values_check' && a.window < '2024-10')).toBe(false);
  // Outlined cells are the windows' violations.
  await expect(heatmap.locator('rect.cell[data-feature="purpose"][data-window="2024-10"]')).toHaveAttribute('data-violation', 'true');

  const quality = page.getByTestId('monitor-quality-chart');
  await expect(quality).toHaveAttribute('data-points', '12');
  expect(await page.getByTestId('monitor-quality-chart-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){11}$/);
  await expect(page.getByTestId('monitor-quality-chart-threshold')).toHaveCount(1);
  await expect(page.getByTestId('monitor-drift-chart-line')).toHaveAttribute('d', /^M/);

  for (const id of ['statistics', 'constraints', 'quality', 'timeline']) {
    expect(await page.getByTestId(`monitor-download-${id}`).getAttribute('href')).toMatch(/^blob:/);
  }
  expect(await page.getByTestId('monitor-download-violations').getAttribute('href')).toMatch(/^blob:/);

  // The filter narrows the alerts; a click on an alert's window opens it in the detail panel.
  await page.getByTestId('monitor-alert-filter').selectOption('categorical_values_check');
  expect(new Set((await alerts(page)).map((a) => a.check))).toEqual(new Set(['categorical_values_check']));
  await page.getByTestId('monitor-alert').first().getByRole('button').click();
  await expect(page.getByTestId('monitor-window')).toHaveAttribute('data-window', '2024-10');
  await expect(page.getByTestId('monitor-window-violations')).toContainText("Feature 'purpose' has values outside its baseline domain");
  const file = JSON.parse(await download(page, 'monitor-download-violations'));
  expect(file.violations.some((v: { feature_name: string; constraint_check_type: string }) => v.feature_name === 'purpose' && v.constraint_check_type === 'categorical_values_check')).toBe(true);

  // Cancel a longer run: the month results stay and focus returns to Run.
  await page.getByTestId('monitor-window-size').selectOption('hour');
  await page.getByTestId('monitor-run').click();
  await expect(page.getByTestId('monitor-cancel')).toBeFocused();
  await page.getByTestId('monitor-cancel').click();
  await expect(page.getByTestId('monitor-notice')).toContainText('cancelled');
  await expect(page.getByTestId('monitor-run')).toBeFocused();
  await expect(heatmap).toHaveAttribute('data-windows', '12');
  await snap(page, testInfo, 'monitor-sample');
  expect(warnings).toEqual([]);
});

test('a baseline written by the view, opened again as files, gives the same alerts', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, '?sample=loan-applications&view=monitor');
  await expect(page.getByTestId('monitor-results')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('monitor-quality').uncheck();
  await page.getByTestId('monitor-run').click();
  await expect(page.locator('#monitor-results-h')).toBeFocused({ timeout: 60_000 });
  const before = await alerts(page);
  const statistics = await download(page, 'monitor-download-statistics');
  const constraints = await download(page, 'monitor-download-constraints');
  expect(JSON.parse(statistics).features.map((f: { name: string }) => f.name)).not.toContain('application_date');
  await page.getByTestId('monitor-baseline-input').setInputFiles([
    { name: 'constraints.json', mimeType: 'application/json', buffer: Buffer.from(constraints) },
    { name: 'statistics.json', mimeType: 'application/json', buffer: Buffer.from(statistics) },
  ]);
  await page.getByTestId('monitor-baseline-files').check();
  await expect(page.getByTestId('monitor-baseline-files-state')).toContainText('statistics.json and constraints.json');
  await page.getByTestId('monitor-run').click();
  await expect(page.getByTestId('monitor-results')).toContainText('Baseline: statistics.json, constraints.json', { timeout: 60_000 });
  expect(await alerts(page)).toEqual(before);
  // Baseline files hold no rows: the measures beyond Model Monitor say so instead of showing nothing.
  await expect(page.getByTestId('monitor-drift-measures-none')).toContainText('baseline files (statistics.json, constraints.json) hold no rows');
  await expect(page.getByTestId('monitor-heatmap-measure').locator('option[value="psi"]')).toBeDisabled();

  // A file that is not JSON is named in the view.
  await page.getByTestId('monitor-baseline-input').setInputFiles([{ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 0,') }]);
  await expect(page.getByTestId('monitor-files-error')).toContainText('broken.json is not valid JSON');
});

test('data without a date column says so, a column that does not parse shows its message, the sample button opens it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const warnings = watchConsole(page);
  await openStudio(page);
  const rows = ['when,x,kind'];
  for (let i = 0; i < 40; i++) rows.push(`${i % 2 ? 'soon' : 'later'},${i},${i % 3 ? 'a' : 'b'}`);
  await openFile(page, 'no-dates.csv', rows.join('\n') + '\n', 'text/csv');
  await loaded(page, 'no-dates.csv');
  await page.getByTestId('nav-monitor').click();
  await expect(page.getByTestId('monitor-no-time')).toContainText('no-dates.csv has no date or time column');
  await page.getByTestId('monitor-time-column').selectOption('when');
  await expect(page.getByTestId('monitor-time-error')).toContainText('time column "when" holds no dates or times that can be read (first value "later")');
  await page.getByTestId('monitor-run').click();
  await expect(page.getByTestId('monitor-form-error')).toContainText('time column "when" holds no dates');
  await snap(page, testInfo, 'monitor-no-dates');
  await page.getByTestId('monitor-open-sample').click();
  await loaded(page, 'loan-applications.csv');
  await expect(page.getByTestId('monitor-heatmap')).toHaveAttribute('data-windows', '12', { timeout: 60_000 });
  expect(warnings).toEqual([]);
});

test('rows out of time order are windowed in the page too (no code generation, which the CSP forbids)', async ({ page }) => {
  test.setTimeout(120_000);
  const warnings = watchConsole(page);
  const rows: string[] = [];
  for (let d = 0; d < 90; d++) {
    const date = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < 4; k++) rows.push(`${date},${(d * 7 + k) % 11 + (d >= 60 ? 8 : 0)},${k % 2 ? 'a' : 'b'}`);
  }
  rows.reverse();
  await openStudio(page);
  await openFile(page, 'shuffled.csv', ['day,x,kind', ...rows].join('\n') + '\n', 'text/csv');
  await loaded(page, 'shuffled.csv');
  await page.getByTestId('nav-monitor').click();
  await page.getByTestId('monitor-window-size').selectOption('month');
  await page.getByTestId('monitor-run').click();
  const heatmap = page.getByTestId('monitor-heatmap');
  await expect(heatmap).toHaveAttribute('data-windows', '3', { timeout: 60_000 });
  const list = await alerts(page);
  expect(list.some((a) => a.check === 'baseline_drift_check' && a.feature === 'x' && a.window === '2024-03')).toBe(true);
  expect(warnings).toEqual([]);
});

test('bias drift on loan-applications (approved = 1, channel = online, the predicted column): 12 points and bias_drift_check alerts', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const warnings = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openStudio(page, '?sample=loan-applications&view=monitor');
  await loaded(page, 'loan-applications.csv');
  await expect(page.getByTestId('monitor-results')).toBeVisible({ timeout: 60_000 });
  // Without a model, attribution drift is off and says why; bias's "the model" choice is disabled.
  await expect(page.getByTestId('monitor-attribution')).toBeDisabled();
  await expect(page.getByTestId('monitor-no-model')).toContainText('No model yet');
  await page.getByTestId('monitor-bias').check();
  await expect(page.getByTestId('monitor-bias-label')).toHaveValue('approved');
  await expect(page.getByTestId('monitor-bias-predicted-select')).toHaveValue('predicted');
  await expect(page.getByTestId('monitor-bias-predicted-model')).toBeDisabled();
  await expect(page.getByTestId('monitor-bias-label-values').locator('input[value="1"]')).toBeChecked();
  await page.getByTestId('monitor-bias-facet').selectOption('channel');
  await page.getByTestId('monitor-bias-facet-values').locator('input[value="online"]').check();
  await snap(page, testInfo, 'monitor-bias-setup');
  await page.getByTestId('monitor-run').click();
  await expect(page.locator('#monitor-results-h')).toBeFocused({ timeout: 60_000 });

  const chart = page.getByTestId('monitor-bias-chart');
  await expect(chart).toHaveAttribute('data-points', '12');
  await expect(page.getByTestId('monitor-bias-metric')).toHaveValue('DPPL');
  await expect(page.getByTestId('monitor-bias-chart-threshold')).toHaveCount(1);
  const list = await alerts(page);
  const bias = list.filter((a) => a.check === 'bias_drift_check');
  expect(bias.length).toBeGreaterThan(0);
  // Outlined points are the windows with a DPPL bias_drift_check.
  const ringed = await chart.locator('circle.ring').evaluateAll((c) => c.map((x) => x.getAttribute('data-window')));
  expect(ringed).toEqual(bias.filter((a) => a.feature === 'DPPL').map((a) => a.window));
  await page.getByTestId('monitor-alert-filter').selectOption('bias_drift_check');
  await expect(page.getByTestId('monitor-alert').first()).toContainText('farther from its balanced value');
  const file = JSON.parse(await download(page, 'monitor-download-bias'));
  expect(file.post_training_bias_metrics.facets.channel[0].value_or_threshold).toBe('online');
  // Another metric redraws the line.
  await page.getByTestId('monitor-bias-metric').selectOption('DI');
  await expect(page.getByTestId('monitor-results')).toContainText('Bias drift: DI');
  await chart.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'monitor-bias');
  expect(await clippedLabels(page)).toEqual([]);
  expect(warnings).toEqual([]);
});

test('feature attribution drift with the Train view\'s xgboost model: the nDCG chart has 12 points in [0, 1]', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const warnings = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openStudio(page, '?sample=loan-applications&view=train');
  await loaded(page, 'loan-applications.csv');
  await page.getByTestId('train-target').selectOption('approved');
  await page.getByTestId('hp-num_round').fill('20');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-results')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('nav-monitor').click();
  await expect(page.getByTestId('monitor-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('monitor-model')).toContainText('xgboost trained in this tab');
  await page.getByTestId('monitor-attribution').check();
  await page.getByTestId('monitor-run').click();
  await expect(page.locator('#monitor-results-h')).toBeFocused({ timeout: 120_000 });
  const chart = page.getByTestId('monitor-ndcg-chart');
  await expect(chart).toHaveAttribute('data-points', '12');
  await expect(page.getByTestId('monitor-ndcg-chart-threshold')).toHaveCount(1);
  await chart.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'monitor-attribution');
  expect(await clippedLabels(page)).toEqual([]);
  const file = JSON.parse(await download(page, 'monitor-download-attribution'));
  expect(Object.keys(file.explanations)).toEqual(['tree_shap']);
  const values = await chart.locator('circle.point').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
  expect(values).toHaveLength(12);
  // The y axis is fixed to [0, 1] over the plot's height (viewBox y 12 at 1 to 190 at 0): every point inside is in [0, 1].
  for (const cy of values) expect(cy >= 12 - 1e-6 && cy <= 190 + 1e-6, `cy ${cy}`).toBe(true);
  const ticks = await chart.locator('text.tick').allTextContents();
  expect(ticks).toContain('0');
  expect(ticks).toContain('1');
  const violations = (await alerts(page)).filter((a) => a.check === 'feature_attribution_drift_check');
  const flagged = await chart.locator('circle.point.flag').count();
  expect(flagged).toBe(violations.length);
  expect(warnings).toEqual([]);
});

test('the drift measures beyond Model Monitor: a KS/Wasserstein/PSI/JS table per window, and PSI in the heatmap', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const warnings = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openStudio(page, '?sample=loan-applications&view=monitor');
  await loaded(page, 'loan-applications.csv');
  await expect(page.getByTestId('monitor-results')).toBeVisible({ timeout: 60_000 });
  const heatmap = page.getByTestId('monitor-heatmap');
  const features = Number(await heatmap.getAttribute('data-features'));
  expect(features).toBe(9);

  // The window detail of 2024-10 (income has drifted since July): one row per monitored feature.
  await page.getByTestId('monitor-window-select').selectOption({ index: 9 });
  await expect(page.getByTestId('monitor-window')).toHaveAttribute('data-window', '2024-10');
  const table = page.getByTestId('monitor-drift-measures-table');
  await expect(table.locator('tbody tr')).toHaveCount(features);
  const cell = (feature: string, measure: string) => table.locator(`tr[data-feature="${feature}"] td[data-measure="${measure}"]`);
  const psi = Number(await cell('income', 'psi').textContent());
  expect(psi, 'income PSI in 2024-10').toBeGreaterThan(0.25);
  expect(Number(await cell('income', 'js_distance').textContent())).toBeGreaterThan(0);
  expect(Number(await cell('income', 'ks_statistic').textContent())).toBeGreaterThan(0);
  expect(await cell('income', 'ks_pvalue').textContent()).toBe('< 0.001');
  // A text feature: no KS or Wasserstein, the note as the title; PSI over its categories.
  await expect(cell('purpose', 'ks_statistic')).toHaveText('—');
  await expect(cell('purpose', 'ks_statistic')).toHaveAttribute('title', "'purpose' is text: the Kolmogorov-Smirnov test and the Wasserstein distance need numbers");
  expect(Number(await cell('purpose', 'psi').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('monitor-drift-binning')).toContainText('10 quantile bins of the baseline');
  await expect(page.getByTestId('monitor-drift-binning')).toContainText('1e-4');
  await expect(table.locator('th', { hasText: 'PSI' })).toHaveAttribute('title', /below 0\.1 stable, 0\.1–0\.25 a moderate shift, above 0\.25 a major shift/);

  // The heatmap in PSI: the legend names it, the cells' titles hold the same PSI as the table (3 decimals there).
  await expect(page.getByTestId('monitor-heatmap-legend-title')).toHaveText('Model Monitor distance');
  await page.getByTestId('monitor-heatmap-measure').selectOption('psi');
  await expect(heatmap).toHaveAttribute('data-measure', 'psi');
  await expect(page.getByTestId('monitor-heatmap-legend-title')).toHaveText('PSI: values above 0.5 drawn as 0.5');
  const title = await heatmap.locator('rect.cell[data-feature="income"][data-window="2024-10"] title').textContent();
  const m = /^income in 2024-10: PSI (\d+\.\d{3})$/.exec(title ?? '');
  expect(m, title ?? '').not.toBeNull();
  expect(Math.abs(Number(m![1]) - psi)).toBeLessThanOrEqual(0.0005 + psi * 0.005); // table: 3 significant digits
  const titles = await heatmap.locator('rect.cell title').allTextContents();
  expect(titles.every((t) => / PSI (\d|—)/.test(t))).toBe(true);
  await page.getByTestId('monitor-heatmap-measure').selectOption('wasserstein');
  await expect(page.getByTestId('monitor-heatmap-legend-title')).toHaveText('Wasserstein (scaled by the baseline’s standard deviation): values above 1 drawn as 1');
  await page.getByTestId('monitor-heatmap-measure').selectOption('psi');
  await heatmap.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'monitor-drift-psi');
  await table.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'monitor-drift-measures');
  expect(await clippedLabels(page)).toEqual([]);
  expect(warnings).toEqual([]);
});
