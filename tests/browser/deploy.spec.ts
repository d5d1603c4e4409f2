// The Deploy view end to end on the loan-applications sample: an XGBoost model trained in the Train view
// is added, batch-transforms the dataset (one output row per input row, in the preview and the download),
// is deployed to the in-tab endpoint (a CSV row answers 200 with SageMaker's `predictions`, a malformed body
// a 400 with a message, and the endpoint keeps serving), drives the what-if form, shares traffic with a
// deliberately bad model at weights 1 and 3 (with data capture), is compared with it in a shadow test, and
// the bad model is rolled back by the accuracy alarm of a canary shift. Then the exports. No request leaves
// the page, no console warning, no chart label clipped.
import { expect, test, type Page } from '@playwright/test';
import { clippedLabels, isBlockedServiceWorker, loaded, openStudio, snap } from './helpers.ts';

/** The bytes of the file a button saves (clicked as a user would). */
async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

const invocations = (page: Page) =>
  page.getByTestId('variant-stat').evaluateAll((rows) => rows.map((r) => ({ variant: r.getAttribute('data-variant') ?? '', n: Number(r.getAttribute('data-invocations')) })));

test('Deploy: batch transform, an endpoint with a what-if form and two variants, a shadow test, a rolled-back canary and the exports', async ({ page, baseURL }, testInfo) => {
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
  await openStudio(page, '?sample=loan-applications&view=train');
  const rows = await loaded(page, 'loan-applications.csv');
  expect(rows).toBe(6017);
  await expect(page.getByTestId('train-target')).toHaveValue('approved');
  await page.getByTestId('hp-num_round').fill('10');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-results')).toBeVisible({ timeout: 90_000 });

  // Models: the Train view's model, once.
  await page.getByTestId('nav-deploy').click();
  await page.getByTestId('deploy-add-trained').click();
  await expect(page.getByTestId('deploy-model')).toHaveCount(1);
  await expect(page.getByTestId('deploy-model')).toHaveAttribute('data-algorithm', 'xgboost');
  await expect(page.getByTestId('deploy-add-trained')).toBeDisabled();

  // Batch transform of the dataset: one output record per row, in the preview and in the download.
  await page.getByTestId('transform-run').click();
  const result = page.getByTestId('transform-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toHaveAttribute('data-rows', String(rows));
  await expect(result).toHaveAttribute('data-output-rows', String(rows));
  await expect(page.getByTestId('transform-preview').locator('tbody tr')).toHaveCount(20);
  // SageMaker's XGBoost answers text/csv with the score alone.
  await expect(page.getByTestId('transform-preview').locator('thead th')).toHaveText(['score']);
  const out = await download(page, 'transform-download');
  expect(out.name).toBe('loan-applications-transformed.csv');
  const lines = out.bytes.toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('score');
  expect(lines.length - 1).toBe(rows);
  // Every score is a probability.
  expect(lines.slice(1).every((l) => Number(l) >= 0 && Number(l) <= 1 && l.trim() !== '')).toBe(true);
  await snap(page, testInfo, 'deploy-transform');

  // The endpoint: a CSV row (the dataset's first, prefilled) answers 200 with `predictions`.
  await page.getByTestId('endpoint-deploy').click();
  await expect(page.getByTestId('endpoint-live')).toBeVisible();
  const body = page.getByTestId('request-body');
  await expect(body).toHaveValue(/^2024-01-01,43,49100,591,14250,medical,online,0\.1396,0$/);
  await page.getByTestId('request-accept').selectOption('application/json');
  await page.getByTestId('request-send').click();
  const response = page.getByTestId('response');
  await expect(response).toHaveAttribute('data-status', '200');
  await expect(response).toHaveAttribute('data-variant', 'variant-1');
  const answer = JSON.parse((await page.getByTestId('response-body').textContent()) ?? '');
  // SageMaker's XGBoost answers a binary:logistic model with the score (the probability of class 1) alone.
  expect(answer.predictions).toHaveLength(1);
  expect(Object.keys(answer.predictions[0])).toEqual(['score']);
  expect(answer.predictions[0].score).toBeGreaterThanOrEqual(0);
  expect(answer.predictions[0].score).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('response-latency')).toContainText('ms');
  // A malformed body: a 400 with a message; the next good request still gets 200.
  const good = await body.inputValue();
  await body.fill('2024-01-01,"43');
  await page.getByTestId('request-send').click();
  await expect(response).toHaveAttribute('data-status', '400');
  expect(((await page.getByTestId('response-body').textContent()) ?? '').length).toBeGreaterThan(20);
  await body.fill(good);
  await page.getByTestId('request-send').click();
  await expect(response).toHaveAttribute('data-status', '200');

  // What if: raising the sliders of the fixed model's score and decision raises the probability of approval.
  const prediction = page.getByTestId('whatif-prediction');
  await expect(prediction).toHaveAttribute('data-status', '200');
  await expect(prediction).toContainText('probability that approved is 1');
  const first = Number(await prediction.getAttribute('data-score'));
  for (const input of ['score', 'predicted']) await page.getByTestId(`whatif-slider-${input}`).fill('1');
  await expect(prediction).not.toHaveAttribute('data-score', String(first));
  await expect.poll(async () => Number(await prediction.getAttribute('data-score'))).toBeGreaterThan(first + 0.1);
  const high = await prediction.getAttribute('data-main');
  expect(await prediction.textContent()).toContain(high);
  await snap(page, testInfo, 'deploy-endpoint');

  // A deliberately bad model: the same algorithm on shuffled labels.
  await page.getByTestId('rollout-make-bad').click();
  await expect(page.getByTestId('deploy-model')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByTestId('deploy-model').nth(1)).toContainText('deliberately bad');

  // Two variants at weights 1 and 3 with data capture: 40 rows reach both, 40 in all, all captured.
  const variantRows = page.getByTestId('variant-row');
  await variantRows.nth(1).getByTestId('variant-serve').check();
  await variantRows.nth(0).getByTestId('variant-weight').fill('1');
  await variantRows.nth(1).getByTestId('variant-weight').fill('3');
  await page.getByTestId('capture-on').check();
  await expect(page.getByTestId('endpoint-deploy')).toHaveText('Update endpoint');
  await page.getByTestId('endpoint-deploy').click();
  await expect(page.getByTestId('variant-stat')).toHaveCount(2);
  await page.getByTestId('traffic-count').fill('40');
  await page.getByTestId('traffic-send').click();
  await expect(page.getByTestId('traffic-result')).toContainText('40 × 200', { timeout: 60_000 });
  const counts = await invocations(page);
  expect(counts.map((c) => c.variant)).toEqual(['variant-1', 'variant-2']);
  expect(counts.every((c) => c.n > 0)).toBe(true);
  expect(counts.reduce((s, c) => s + c.n, 0)).toBe(40);
  expect(counts[1].n).toBeGreaterThan(counts[0].n);
  await expect(page.getByTestId('variant-stats')).toHaveAttribute('data-total', '40');
  const capture = (await download(page, 'capture-download')).bytes.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(capture).toHaveLength(40);
  expect(capture[0].captureData.endpointInput.encoding).toBe('CSV');
  expect(capture[0].eventVersion).toBe('0');

  // Weights 0 everywhere: the endpoint answers why, and keeps serving a named variant.
  await variantRows.nth(0).getByTestId('variant-weight').fill('0');
  await variantRows.nth(1).getByTestId('variant-weight').fill('0');
  await expect(page.getByTestId('endpoint-deploy')).toHaveText('Update weights');
  await page.getByTestId('endpoint-deploy').click();
  await expect(page.getByTestId('zero-weights')).toBeVisible();
  await page.getByTestId('request-send').click();
  await expect(response).toHaveAttribute('data-status', '400');
  await expect(page.getByTestId('response-body')).toContainText('weight 0');
  await page.getByTestId('request-target').selectOption('variant-1');
  await page.getByTestId('request-send').click();
  await expect(response).toHaveAttribute('data-status', '200');

  // Shadow test: the bad model disagrees with production on many rows and is less accurate.
  await page.getByTestId('shadow-run').click();
  const shadow = page.getByTestId('shadow-result');
  await expect(shadow).toBeVisible({ timeout: 120_000 });
  expect(Number(await shadow.getAttribute('data-requests'))).toBe(rows);
  expect(Number(await shadow.getAttribute('data-disagreement'))).toBeGreaterThan(0.2);
  expect(Number(await page.locator('[data-testid="shadow-metrics"] tr[data-metric="accuracy"]').getAttribute('data-difference'))).toBeLessThan(-0.1);

  // The canary of the bad model trips the accuracy alarm and is rolled back.
  await expect(page.getByTestId('rollout-green')).toHaveValue(await page.getByTestId('deploy-model').nth(1).getAttribute('data-id') ?? '');
  await expect(page.getByTestId('rollout-label')).toHaveValue('approved');
  await page.getByTestId('rollout-run').click();
  const rollout = page.getByTestId('rollout-result');
  await expect(rollout).toHaveAttribute('data-outcome', 'rolled-back', { timeout: 120_000 });
  await expect(page.getByTestId('rollout-outcome')).toContainText('Rolled back');
  await expect(page.getByTestId('rollout-alarm')).toHaveCount(1);
  await expect(page.getByTestId('rollout-rollback')).toHaveCount(1);
  await expect(page.getByTestId('rollout-events')).toContainText("alarm 'accuracy' fired");
  expect(await clippedLabels(page)).toEqual([]);
  await page.getByTestId('rollout-chart').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'deploy-rollout');
  await page.getByTestId('shadow-result').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'deploy-shadow');
  await page.getByTestId('variant-stats').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'deploy-variants');

  // Exports: an ES module with predict, and SageMaker's model.tar.gz (gzip) for XGBoost.
  const esm = await download(page, 'export-esm');
  expect(esm.name).toMatch(/\.mjs$/);
  expect(esm.bytes.toString('utf8')).toContain('export function predict(row)');
  const tar = await download(page, 'export-sagemaker');
  expect(tar.name).toBe('model.tar.gz');
  expect([tar.bytes[0], tar.bytes[1]]).toEqual([0x1f, 0x8b]);
  await page.getByTestId('rollout-events').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'deploy-export');

  expect(foreign).toEqual([]);
  expect(warnings).toEqual([]);
});
