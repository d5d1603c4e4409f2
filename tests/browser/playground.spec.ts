// The playground: two features of the user's table, a model redrawn live as it trains, retrain in place.
import { expect, test } from '@playwright/test';
import { loaded, openStudio } from './helpers.ts';

// Every test here fails on an error in the page (an effect loop, an uncaught rejection), not only on what it checks.
const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
test.afterEach(() => expect(pageErrors).toEqual([]));

test('the playground draws penguins on two features and redraws the mlp\'s decision regions every epoch; xgboost retrains in place', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=penguins&view=playground');
  await loaded(page, 'penguins.json');
  await expect(page.getByTestId('pg-x')).toHaveValue('Beak Length (mm)');
  await expect(page.getByTestId('pg-y')).toHaveValue('Beak Depth (mm)');
  await expect(page.getByTestId('pg-surface').locator('circle.dot').first()).toBeVisible();
  await page.getByTestId('hp-epochs').fill('40');
  await page.getByTestId('pg-train').click();
  // Live: a surface is drawn while training is still running.
  await expect(page.locator('[data-testid="pg-surface"][data-live="true"] [data-testid="surface-cells"][data-cells="4096"]')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('pg-train')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('surface-cells')).toHaveAttribute('data-cells', '4096');
  await expect(page.getByTestId('learning-curve').locator('svg path.line')).toHaveCount(2);
  const path = testInfo.outputPath('playground-mlp.png');
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.getByTestId('playground').screenshot({ path });
  await testInfo.attach('playground-mlp', { path, contentType: 'image/png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByTestId('pg-algorithm').selectOption('xgboost');
  await page.getByTestId('hp-num_round').fill('15');
  await page.getByTestId('pg-train').click();
  await expect(page.getByTestId('pg-train')).toHaveText('Retrain xgboost', { timeout: 120_000 });
  await expect(page.getByTestId('pg-surface')).toHaveAttribute('data-rounds', '15');
  await expect(page.getByTestId('surface-cells')).toHaveAttribute('data-cells', '4096');
  await expect(page.getByTestId('tree-viewer')).toBeVisible();
  await page.getByTestId('tree-pick').fill('4');
  await expect(page.getByTestId('tree-viewer')).toHaveAttribute('data-tree', '4');
});
