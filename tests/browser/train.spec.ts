import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { loaded, openStudio, snap } from './helpers.ts';

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('the train view trains XGBoost on loan-approval, streams the curve, reports metrics and downloads the model', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await expect(page.getByTestId('train-target')).toHaveValue('approved');
  await expect(page.getByTestId('train-task')).toContainText('binary classification (inferred)');
  await expect(page.getByTestId('hp-objective')).toHaveValue('binary:logistic');

  await page.getByTestId('hp-num_round').fill('20');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('train-progress')).toBeHidden();
  await expect(page.getByTestId('learning-curve')).toHaveAttribute('data-rounds', '20');
  await expect(page.getByTestId('learning-curve').locator('svg path.line')).toHaveCount(2);
  const auc = Number(await page.locator('[data-testid="train-metrics"] td[data-split="validation"][data-metric="auc"]').getAttribute('data-value'));
  expect(auc).toBeGreaterThan(0.6);
  await expect(page.getByTestId('confusion-matrix').locator('svg')).toBeVisible();
  await expect(page.getByTestId('roc-curve').locator('svg path.line')).toHaveCount(1);
  // Per-class precision, recall and F1, and a decision threshold that recounts them live.
  await expect(page.getByTestId('per-class-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('per-class-table').locator('tfoot tr')).toHaveCount(2);
  const control = page.getByTestId('threshold-control');
  await expect(control).toHaveAttribute('data-threshold', '0.5');
  const recallAtHalf = Number(await control.getAttribute('data-recall'));
  const cells = page.getByTestId('confusion-matrix').locator('svg rect.cell');
  await page.getByTestId('threshold-slider').fill('0.9');
  await expect(control).toHaveAttribute('data-threshold', '0.9');
  await expect(page.getByTestId('confusion-matrix')).toHaveAttribute('data-threshold', '0.9');
  expect(Number(await control.getAttribute('data-recall'))).toBeLessThanOrEqual(recallAtHalf);
  await expect(page.getByTestId('per-class-metrics')).toContainText('at threshold 0.90');
  await expect(cells).toHaveCount(4);
  await snap(page, testInfo, 'train-results-threshold');
  await page.getByTestId('threshold-reset').click();
  await expect(control).toHaveAttribute('data-threshold', '0.5');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.50');
  await expect(page.getByTestId('feature-importance').locator('svg rect.bar').first()).toBeVisible();
  await page.getByTestId('importance-weight').check();
  await expect(page.getByTestId('feature-importance')).toHaveAttribute('data-kind', 'weight');
  // The tree viewer mounts when it is scrolled near (a heavy panel; issue 13).
  await page.getByTestId('tree-panel').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('tree-viewer').locator('svg')).toBeVisible();
  await snap(page, testInfo, 'train-results');

  const model = await download(page, 'download-model');
  expect(model.name).toBe('loan-approval-xgboost-model.json');
  const json = JSON.parse(model.text);
  expect(json.learner.gradient_booster).toBeDefined();
  expect(json.learner.gradient_booster.model.trees).toHaveLength(20);
  const preds = await download(page, 'download-predictions');
  const lines = preds.text.trim().split('\n');
  expect(lines[0]).toBe('row,applicant_id,split,actual,predicted_label,probability_0,probability_1');
  expect(lines.length).toBeGreaterThan(100);
});

test('eta = -1 names eta and its range and starts no training; cancelling a long run keeps the studio usable', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await page.getByTestId('hp-num_round').fill('5');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible({ timeout: 90_000 });

  await page.getByTestId('hp-eta').fill('-1');
  await expect(page.getByTestId('hp-error-eta')).toContainText('eta must be in (0, 1]; got');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-error')).toContainText('eta must be in (0, 1]');
  await expect(page.getByTestId('train-progress')).toBeHidden();
  await snap(page, testInfo, 'train-eta-error');

  await page.getByTestId('hp-eta').fill('0.3');
  await expect(page.getByTestId('hp-error-eta')).toBeHidden();
  // Far more rounds than the test waits for, so Cancel always finds the job running.
  await page.getByTestId('hp-num_round').fill('50000');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-error')).toBeHidden();
  const progress = page.getByTestId('train-progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('data-round')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(progress).toContainText('of 50,000');
  await expect(progress).not.toContainText('under a second');
  await snap(page, testInfo, 'train-running');
  await page.getByTestId('train-cancel').click();
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('train-notice')).toContainText(/cancelled at round \d+/);
  // The cancelled run keeps its partial curve, labelled with the round it reached.
  const partial = page.getByTestId('cancelled-curve');
  await expect(partial).toContainText(/Learning curve \(cancelled at round [\d,]+\)/);
  expect(Number(await partial.getAttribute('data-cancelled-at'))).toBeGreaterThan(0);
  await expect(partial.locator('svg path.line').first()).toBeVisible();
  // The previous results and their downloads are still there, and the studio still works.
  await expect(page.getByTestId('learning-curve')).toHaveAttribute('data-rounds', '5');
  await expect(page.getByTestId('download-model')).toBeVisible();
  await page.getByTestId('nav-data').click();
  await page.getByTestId('nav-train').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible();
  await expect(page.getByTestId('hp-num_round')).toHaveValue('50000');
  await page.getByTestId('hp-num_round').fill('3');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('learning-curve')).toHaveAttribute('data-rounds', '3', { timeout: 90_000 });
});

test('a numeric target trains a regression and draws residuals; a multiclass target gets a confusion matrix', async ({ page }) => {
  await openStudio(page, '?sample=penguins&view=train&target=Body+Mass+(g)');
  await loaded(page, 'penguins.json');
  await expect(page.getByTestId('train-task')).toContainText('regression (inferred)');
  await expect(page.getByTestId('hp-objective')).toHaveValue('reg:squarederror');
  await expect(page.getByTestId('train-split')).toHaveValue('random');
  await page.getByTestId('hp-num_round').fill('10');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('residual-plot').locator('svg circle').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('[data-testid="train-metrics"] td[data-split="validation"][data-metric="rmse"]')).toBeVisible();
  await expect(page.getByTestId('roc-curve')).toHaveCount(0);

  await page.getByTestId('train-target').selectOption('Species');
  await expect(page.getByTestId('train-task')).toContainText('multiclass classification (inferred)');
  await expect(page.getByTestId('hp-objective')).toHaveValue('multi:softprob');
  await expect(page.getByTestId('hp-num_class')).toHaveValue('3');
  await page.getByTestId('train-split').selectOption('stratified');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('confusion-matrix').locator('svg rect.cell')).toHaveCount(9, { timeout: 90_000 });
  // Per-class metrics with one-vs-rest AUC, and ROC / PR curves of each class with a legend; no threshold control.
  await expect(page.getByTestId('per-class-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('per-class-table').locator('thead th')).toContainText(['Class', 'Precision', 'Recall', 'F1', 'Support', 'AUC']);
  await expect(page.getByTestId('class-roc-curves').locator('svg path.line')).toHaveCount(3);
  await expect(page.getByTestId('class-roc-curves').locator('.legend li')).toHaveCount(3);
  await expect(page.getByTestId('class-pr-curves').locator('svg path.line')).toHaveCount(3);
  await expect(page.getByTestId('threshold-control')).toHaveCount(0);
  await expect(page).toHaveURL(/target=Species/);

  // An objective that does not fit the data fails in the worker and is reported in the alert banner.
  await page.getByTestId('hp-objective').selectOption('reg:squarederror');
  await expect(page.getByTestId('hp-num_class')).toHaveValue('');
  await page.getByTestId('hp-eval_metric').fill('rmse');
  await page.getByTestId('train-start').click();
  await expect(page.getByRole('alert')).toContainText('objective reg:squarederror does not fit target "Species"');
  await expect(page.getByTestId('train-progress')).toBeHidden();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
});

test('early stopping marks the best round on the learning curve and says which rounds the metrics use', async ({ page }) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await page.getByTestId('hp-num_round').fill('300');
  await page.getByTestId('hp-eta').fill('0.5');
  const stopping = page.getByTestId('hp-early_stopping_rounds');
  if (!(await stopping.isVisible())) await page.getByTestId('hp-advanced').click();
  await stopping.fill('3');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible({ timeout: 90_000 });
  const curve = page.getByTestId('learning-curve');
  const best = Number(await curve.getAttribute('data-best-round'));
  expect(best).toBeGreaterThan(0);
  expect(Number(await curve.getAttribute('data-rounds'))).toBeGreaterThan(best);
  await expect(curve.locator('svg line.mark')).toHaveCount(1);
  await expect(curve.locator('svg text.mark-label')).toHaveText(`best round ${best}`);
  await expect(page.getByTestId('best-round-note')).toContainText(`metrics use rounds 1–${best} (best round)`);
});
