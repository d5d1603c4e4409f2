// The Models view: a model trained in the studio is registered from the view into a new group, approved with a
// comment, and after a reload the status and its history are still there; the version's lineage graph shows
// dataset → training → model → package, and clicking a node (or pressing Enter on it) opens its record.
import { expect, test } from '@playwright/test';
import { loaded, openStudio, snap, trainLoanApproval as train } from './helpers.ts';

test('register a trained model, approve it, reload: status and history remain; its lineage graph opens each record', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');

  // A new user first sees how to get here.
  await page.getByTestId('nav-models').click();
  await expect(page.getByTestId('models-empty')).toContainText('Train a model, then register it here or from Experiments');
  await snap(page, testInfo, 'models-empty');

  await train(page, 8);
  await page.getByTestId('nav-models').click();
  const view = page.getByTestId('models-view');
  await expect(view).toBeVisible();
  await page.getByTestId('models-register-open').click();
  // The recorder writes the run when training ends; the picker lists it once it is there.
  await expect(page.getByTestId('models-register-run').locator('option')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('models-register-run')).toContainText('xgboost');
  await page.getByTestId('models-register-new-group').fill('loan-models');
  await page.getByTestId('models-register-description').fill('first try');
  await page.getByTestId('models-register-submit').click();

  const row = page.locator('[data-testid="models-version-row"][data-version="1"]');
  await expect(row).toHaveAttribute('data-status', 'PendingManualApproval');
  await expect(page.getByTestId('models-group')).toHaveCount(1);
  const detail = page.getByTestId('models-version-detail');
  await expect(detail).toHaveAttribute('data-version', '1');
  await expect(page.getByTestId('models-metrics')).toContainText('final.validation:auc');

  await page.getByTestId('models-approval-comment').fill('AUC above 0.6');
  await page.getByTestId('models-set-Approved').click();
  await expect(detail).toHaveAttribute('data-status', 'Approved');
  await expect(row).toHaveAttribute('data-status', 'Approved');
  await expect(page.getByTestId('models-set-Approved')).toBeDisabled();
  await snap(page, testInfo, 'models-approved');

  await page.reload();
  await expect(page.getByTestId('dataset-name')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-models').click();
  await expect(row).toHaveAttribute('data-status', 'Approved', { timeout: 30_000 });
  await row.getByTestId('models-version-open').click();
  const history = page.getByTestId('models-approval-history').locator('tbody tr');
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toHaveAttribute('data-status', 'Approved');
  await expect(history.nth(0)).toContainText('AUC above 0.6');
  await expect(history.nth(1)).toHaveAttribute('data-status', 'PendingManualApproval');

  // The version's lineage: dataset → training → model → package, with SageMaker's association types.
  const graph = detail.getByTestId('lineage-graph');
  const node = (category: string) => graph.locator(`[data-testid="lineage-node"][data-category="${category}"]`);
  await expect(node('dataset')).toHaveCount(1);
  await expect(node('training')).toHaveCount(1);
  await expect(node('model')).toHaveCount(1);
  await expect(node('package')).toHaveCount(1);
  const columns = await Promise.all(['dataset', 'training', 'model', 'package'].map(async (c) => Number(await node(c).getAttribute('data-column'))));
  expect(columns).toEqual([0, 1, 2, 3]);
  for (const type of ['ContributedTo', 'Produced', 'DerivedFrom']) await expect(graph.locator(`[data-testid="lineage-edge"][data-type="${type}"]`)).toHaveCount(1);

  await node('training').click();
  const nodeDetail = detail.getByTestId('lineage-node-detail');
  await expect(nodeDetail).toContainText('JobType');
  await expect(nodeDetail).toContainText('Training');
  await expect(detail.getByTestId('lineage-open-run')).toBeVisible();
  // Keyboard: focus the model node and press Enter.
  await node('model').focus();
  await page.keyboard.press('Enter');
  await expect(nodeDetail).toHaveAttribute('data-id', /artifact\//);
  await expect(nodeDetail).toContainText('ArtifactType');
  await expect(nodeDetail).toContainText('Model');
  await snap(page, testInfo, 'models-lineage');

  // The whole workspace: the profile run of the sample is there too, in the processing column.
  await page.getByTestId('models-tab-lineage').click();
  const whole = page.getByTestId('lineage-panel').getByTestId('lineage-graph');
  await expect(whole.locator('[data-testid="lineage-node"][data-category="processing"]')).toHaveCount(1);
  await expect(whole.locator('[data-testid="lineage-node"][data-category="package"]')).toHaveCount(1);
  await whole.locator('[data-testid="lineage-node"][data-category="package"]').click();
  await page.getByTestId('lineage-open-package').click();
  await expect(page.getByTestId('models-version-detail')).toHaveAttribute('data-version', '1');
  await page.getByTestId('models-tab-lineage').click();
  await snap(page, testInfo, 'models-workspace-lineage');
});
