import { expect, test } from '@playwright/test';
import { openStudio } from './helpers.ts';

test('WebGPU is found on SwiftShader with --enable-unsafe-webgpu and labelled as a software adapter', async ({ page }) => {
  await openStudio(page, '?view=compute');
  const info = page.getByTestId('backend-info');
  await expect(info).toHaveAttribute('data-tf-backend', /^(webgpu|webgl|wasm|cpu)$/, { timeout: 90_000 });
  await expect(info).toHaveAttribute('data-adapter-architecture', /swiftshader/i);
  await expect(info).toHaveAttribute('data-adapter-software', 'true');
  await expect(info).toHaveAttribute('data-tf-backend', 'webgpu');
  await expect(page.getByText(/software \(SwiftShader\)/).first()).toBeVisible();
  // Training passes a software GPU over under auto: the badge and the per-algorithm table say wasm, as results will.
  await expect(page.getByTestId('backend-badge')).toContainText('WASM · GPU is software');
  const where = page.getByTestId('training-compute');
  await expect(where.locator('tr[data-algorithm="kmeans"]')).toHaveAttribute('data-backend', 'wasm');
  await expect(where.locator('tr[data-algorithm="kmeans"]')).toContainText('the GPU here is a software one (swiftshader)');
  await expect(where.locator('tr[data-algorithm="xgboost"]')).toContainText('Not TensorFlow.js');
});

test('forcing the cpu backend switches TensorFlow.js, and the choice is kept in the URL', async ({ page }) => {
  await openStudio(page, '?view=compute');
  const info = page.getByTestId('backend-info');
  await expect(info).toHaveAttribute('data-tf-backend', 'webgpu', { timeout: 90_000 });
  await page.getByTestId('backend-select').first().selectOption('cpu');
  await expect(info).toHaveAttribute('data-tf-backend', 'cpu', { timeout: 60_000 });
  await expect(page).toHaveURL(/backend=cpu/);
  await page.getByTestId('backend-select').first().selectOption('wasm');
  await expect(info).toHaveAttribute('data-tf-backend', 'wasm', { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('backend-info')).toHaveAttribute('data-tf-backend', 'wasm', { timeout: 90_000 });
});
