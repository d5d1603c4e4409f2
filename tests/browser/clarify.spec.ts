import { expect, test, type Page } from '@playwright/test';
import { clippedLabels, isBlockedServiceWorker, loaded, openFile, openStudio, snap } from './helpers.ts';


const metricValue = (page: Page, table: string, metric: string) => page.locator(`[data-testid="${table}"] tr[data-metric="${metric}"]`).getAttribute('data-value');

test('Clarify: bias of a trained xgboost model with a live threshold, TreeSHAP and Kernel SHAP charts, partial dependence', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && !isBlockedServiceWorker(m.text())) warnings.push(m.text());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await page.getByTestId('hp-num_round').fill('10');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-results')).toBeVisible({ timeout: 90_000 });

  await page.getByTestId('nav-clarify').click();
  await expect(page.getByTestId('clarify-model')).toHaveAttribute('data-algorithm', 'xgboost', { timeout: 30_000 });
  // Bias: label approved = 1 (the model's target), facet gender = female, predictions of the model.
  await expect(page.getByTestId('bias-label')).toHaveValue('approved');
  await expect(page.getByTestId('bias-label-values').getByLabel('1')).toBeChecked();
  await page.getByTestId('bias-facet').selectOption('gender');
  await page.getByTestId('bias-facet-values').getByLabel('female').check();
  await expect(page.getByTestId('bias-predicted-model')).toBeChecked();
  await page.getByTestId('bias-run').click();
  await expect(page.getByTestId('bias-results')).toBeVisible({ timeout: 60_000 });
  for (const m of ['CI', 'DPL', 'KL', 'JS']) await expect(page.locator(`[data-testid="bias-table-pre-0"] tr[data-metric="${m}"]`)).toBeVisible();
  for (const m of ['DPPL', 'DI', 'AD', 'RD']) await expect(page.locator(`[data-testid="bias-table-post-0"] tr[data-metric="${m}"]`)).toBeVisible();
  await expect(page.getByTestId('bias-table-pre-0')).toHaveAttribute('data-value-or-threshold', 'female');
  // Values are numbers, ∞ or "undefined", never NaN.
  expect(await page.getByTestId('bias-results').textContent()).not.toContain('NaN');
  expect(await page.getByTestId('bias-post').textContent()).not.toContain('NaN');
  const ci = Number(await metricValue(page, 'bias-table-pre-0', 'CI'));
  // CI = (n_rest − n_female) / n = (1041 − 959) / 2000 on the sample.
  expect(ci).toBeCloseTo((1041 - 959) / 2000, 6);
  // Confusion counts of the facet and the rest add up to the rows.
  const counts = async (id: string) => ((await page.getByTestId(id).getAttribute('data-counts')) ?? '').split(',').map(Number);
  const f = await counts('confusion-0-facet');
  const r = await counts('confusion-0-rest');
  expect(f.reduce((s, v) => s + v, 0)).toBe(959);
  expect(r.reduce((s, v) => s + v, 0)).toBe(1041);
  await snap(page, testInfo, 'clarify-bias');

  // The slider recomputes the post-training metrics.
  const before = await metricValue(page, 'bias-table-post-0', 'DPPL');
  const slider = page.getByTestId('bias-threshold-slider');
  await expect(slider).toHaveValue('0.5');
  await slider.fill('0.8');
  await expect(page.getByTestId('bias-threshold')).toHaveAttribute('data-threshold', '0.8', { timeout: 15_000 });
  await expect(page.getByTestId('bias-live-ms')).toContainText('recomputed in');
  const after = await metricValue(page, 'bias-table-post-0', 'DPPL');
  expect(after).not.toBe(before);
  const href = await page.getByTestId('bias-download').getAttribute('href');
  expect(href).toMatch(/^blob:/);
  expect(await clippedLabels(page)).toEqual([]);

  // Explain: TreeSHAP on 50 rows.
  await page.getByTestId('clarify-tab-explain').click();
  await page.getByTestId('shap-rows').fill('50');
  await page.getByTestId('shap-method').selectOption('tree');
  await page.getByTestId('shap-run').click();
  const results = page.getByTestId('shap-results');
  await expect(results).toHaveAttribute('data-method', 'tree_shap', { timeout: 60_000 });
  await expect(results).toHaveAttribute('data-rows', '50');
  const features = Number(await results.getAttribute('data-features'));
  expect(features).toBeGreaterThan(3);
  await expect(page.locator('[data-testid="shap-global"] rect')).toHaveCount(features);
  await expect(page.locator('[data-testid="beeswarm"] circle')).toHaveCount(50 * Math.min(10, features));
  await expect(page.getByTestId('shap-scale')).toContainText('log-odds');

  async function checkWaterfall(row: number) {
    await page.locator(`[data-testid="beeswarm"] circle[data-row="${row}"]`).first().click();
    const w = page.getByTestId('waterfall');
    await expect(w).toHaveAttribute('data-row', String(row));
    const expected = Number(await w.getAttribute('data-expected'));
    const output = Number(await w.getAttribute('data-output'));
    const bars = await page.getByTestId('waterfall-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(bars.length).toBeGreaterThan(0);
    // The bars take the expected value to the row's output (float64 sums; 1e-9 absolute).
    expect(Math.abs(bars.reduce((s, v) => s + v, 0) - (output - expected))).toBeLessThan(1e-9);
    // ... and equal the sum of the row's SHAP values as the beeswarm draws them (all features, 1e-6: float text).
    if (features <= 10) {
      const dots = await page.locator(`[data-testid="beeswarm"] circle[data-row="${row}"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-shap'))));
      expect(Math.abs(dots.reduce((s, v) => s + v, 0) - (output - expected))).toBeLessThan(1e-6);
    }
  }
  await checkWaterfall(7);
  await expect(page.getByTestId('shap-download-csv')).toHaveAttribute('href', /^blob:/);

  // Partial dependence of the top features.
  await page.getByTestId('pdp-top').fill('3');
  await page.getByTestId('pdp-run').click();
  await expect(page.getByTestId('pdp-chart')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId('pdp-chart').first()).toHaveAttribute('data-grid', /\d+/);
  expect(await clippedLabels(page)).toEqual([]);
  await snap(page, testInfo, 'clarify-tree-shap');

  // Kernel SHAP on 50 rows; the focus goes back to the button after the job.
  await page.getByTestId('shap-method').selectOption('kernel');
  await page.getByTestId('shap-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shap-cancel')).toBeFocused();
  await expect(results).toHaveAttribute('data-method', 'kernel_shap', { timeout: 120_000 });
  await expect(page.locator('[data-testid="beeswarm"] circle')).toHaveCount(50 * Math.min(10, features));
  // XGBoost computes on the CPU: its evaluations are shared by one inference worker per core (at most 8).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(results).toHaveAttribute('data-workers', String(Math.min(8, cores) >= 2 ? Math.min(8, cores) : 1));
  await expect(page.getByTestId('shap-scale')).toContainText(cores >= 2 ? 'workers in parallel' : 'one worker');
  await expect(page.getByTestId('shap-run')).toBeFocused();
  await checkWaterfall(3);
  expect(await clippedLabels(page)).toEqual([]);
  await snap(page, testInfo, 'clarify-kernel-shap');

  // features_to_explain: two ticked columns give Kernel SHAP values for those two only.
  await page.getByTestId('shap-features').locator('summary').click();
  await page.getByTestId('shap-features').getByLabel('income', { exact: true }).check();
  await page.getByTestId('shap-features').getByLabel('credit_score', { exact: true }).check();
  await expect(page.getByTestId('shap-features').locator('summary')).toContainText('2 of');
  await page.getByTestId('shap-run').click();
  await expect(results).toHaveAttribute('data-features', '2', { timeout: 120_000 });
  await expect(results).toHaveAttribute('data-method', 'kernel_shap');
  expect(warnings).toEqual([]);
});

test('Clarify: a facet column with one value gives the message in the view; Explain without a model points to Train', async ({ page }) => {
  await openStudio(page);
  const rows = ['group,score,outcome'];
  for (let i = 0; i < 60; i++) rows.push(`only,${i},${i % 3 === 0 ? 'yes' : 'no'}`);
  await openFile(page, 'one-facet.csv', rows.join('\n') + '\n', 'text/csv');
  await loaded(page, 'one-facet.csv');
  await page.getByTestId('nav-clarify').click();
  await page.getByTestId('clarify-tab-explain').click();
  await expect(page.getByTestId('explain-no-model')).toContainText('Train');
  await page.getByTestId('clarify-tab-bias').click();
  await page.getByTestId('bias-label').selectOption('outcome');
  await page.getByTestId('bias-label-values').getByLabel('yes').check();
  await page.getByTestId('bias-facet').selectOption('group');
  await expect(page.getByTestId('bias-predicted-none')).toBeChecked();
  await page.getByTestId('bias-run').click();
  await expect(page.getByTestId('clarify-error')).toContainText("facet column 'group' has the single value 'only'", { timeout: 30_000 });
  await expect(page.getByTestId('bias-results')).toHaveCount(0);
});
