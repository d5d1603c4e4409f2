// tree_method in the Train view: gpu_hist trains through the worker on WebGPU (SwiftShader here) and grows
// the trees hist grows on the CPU; auto stays on the CPU on a software adapter and says why.
import { expect, test, type Page } from '@playwright/test';
import { loaded, openStudio } from './helpers.ts';

const metric = async (page: Page, name: string) =>
  Number(await page.locator(`[data-testid="train-metrics"] td[data-split="validation"][data-metric="${name}"]`).getAttribute('data-value'));

async function trainWith(page: Page, treeMethod: string): Promise<{ auc: number; logloss: number; compute: string }> {
  if (!(await page.getByTestId('hp-tree_method').isVisible())) await page.getByTestId('hp-advanced').click();
  await page.getByTestId('hp-tree_method').selectOption(treeMethod);
  await page.getByTestId('train-start').click();
  const results = page.getByTestId('train-results');
  await expect(page.getByTestId('train-progress')).toBeHidden({ timeout: 90_000 });
  await expect(results).toBeVisible();
  return { auc: await metric(page, 'auc'), logloss: await metric(page, 'logloss'), compute: (await results.getAttribute('data-compute')) ?? '' };
}

test('tree_method gpu_hist trains loan-approval on WebGPU (SwiftShader) to the metrics of hist on the CPU; auto says why it stays on the CPU', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await page.getByTestId('hp-num_round').fill('8');

  const gpu = await trainWith(page, 'gpu_hist');
  expect(gpu.compute).toMatch(/^WebGPU \(.+; software\)$/);
  await expect(page.getByTestId('train-compute')).toHaveText(gpu.compute);
  const cpu = await trainWith(page, 'hist');
  expect(cpu.compute).toMatch(/^CPU, \d threads?$/);
  // Same trees: the GPU's fixed-point sums differ from the CPU's f64 sums by < n · 2^-30 · max|g| per slot.
  expect(Math.abs(gpu.auc - cpu.auc)).toBeLessThan(1e-6);
  expect(Math.abs(gpu.logloss - cpu.logloss)).toBeLessThan(1e-5);

  await trainWith(page, 'auto');
  await expect(page.getByTestId('compute-reason')).toContainText('Histograms on the CPU (tree_method auto):');
  expect(errors).toEqual([]);
});
