// Every algorithm of the registry through the Train view: the form follows the estimator (no target for the
// unsupervised ones), the job runs in the worker, and the results show the charts that fit the kind.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { loaded, openFile, openStudio } from './helpers.ts';

// Every test here fails on an error in the page (an effect loop, an uncaught rejection), not only on what it checks.
const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors.length = 0;
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
test.afterEach(() => expect(pageErrors).toEqual([]));

async function trainWith(page: Page, algorithm: string, hp: Record<string, string> = {}): Promise<void> {
  await page.getByTestId('train-algorithm').selectOption(algorithm);
  for (const [name, value] of Object.entries(hp)) {
    const field = page.getByTestId(`hp-${name}`);
    if (!(await field.isVisible())) await page.getByTestId('hp-advanced').click();
    if (await field.evaluate((el) => el.tagName === 'SELECT')) await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-progress')).toBeHidden({ timeout: 150_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(page.getByTestId('train-results')).toHaveAttribute('data-algorithm', algorithm);
}

/** The results panel as a picture in the test report (the view scrolls inside the page, so a page shot misses it). */
async function snapResults(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.getByTestId('train-results').screenshot({ path });
  await page.setViewportSize({ width: 1280, height: 720 });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('pca on penguins: no target, explained variance and a projection coloured by a column; the model file names pca', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=penguins&view=train');
  await loaded(page, 'penguins.json');
  await page.getByTestId('train-algorithm').selectOption('pca');
  await expect(page.getByTestId('train-no-target')).toContainText('learns without a target');
  await expect(page.getByTestId('train-task')).toHaveCount(0);
  await trainWith(page, 'pca', { num_components: '3' });
  await expect(page.getByTestId('explained-variance').locator('svg rect.bar')).toHaveCount(3);
  await page.getByTestId('colour-by').selectOption('Species');
  await expect(page.getByTestId('point-chart').locator('svg circle').first()).toBeVisible();
  await expect(page.getByTestId('point-chart').locator('.legend li')).toHaveCount(3);
  // SwiftShader is the only GPU here: auto trains on wasm and says why.
  await expect(page.getByTestId('train-compute')).toHaveText('TensorFlow.js wasm');
  await expect(page.getByTestId('compute-reason')).toContainText('software');
  await snapResults(page, testInfo, 'pca-results');
  const model = await download(page, 'download-model');
  expect(model.name).toBe('penguins-pca-model.json');
  expect(JSON.parse(model.text)).toMatchObject({ format: 'mlpad-model', algorithm: 'pca', version: 1 });
  const preds = await download(page, 'download-predictions');
  expect(preds.text.split('\n')[0]).toBe('row,split,projection_1,projection_2,projection_3');
});

test('randomcutforest on seattle-weather: anomaly scores against row order with the threshold marked', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=seattle-weather&view=train');
  await loaded(page, 'seattle-weather.csv');
  await page.getByTestId('train-algorithm').selectOption('randomcutforest');
  await page.getByTestId('train-target').selectOption('');
  await trainWith(page, 'randomcutforest', { num_trees: '50' });
  const chart = page.getByTestId('point-chart');
  await expect(chart).toHaveAttribute('data-kind', 'anomaly');
  await expect(chart.locator('line.threshold')).toHaveCount(1);
  await expect(page.locator('[data-testid="train-metrics"] td[data-metric="threshold"]').first()).not.toHaveText('—');
  await snapResults(page, testInfo, 'rcf-results');
});

test('a link with algorithm=kmeans&hp.k=4 opens the form so; kmeans draws cluster sizes, clusters and the elbow curve; the link keeps typed values', async ({ page }, testInfo) => {
  await openStudio(page, '?sample=penguins&view=train&algorithm=kmeans&hp.k=4');
  await loaded(page, 'penguins.json');
  await expect(page.getByTestId('train-algorithm')).toHaveValue('kmeans');
  await expect(page.getByTestId('hp-k')).toHaveValue('4');
  await page.getByTestId('hp-epochs').fill('2');
  await expect(page).toHaveURL(/algorithm=kmeans&hp\.epochs=2&hp\.k=4/);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-results')).toBeVisible({ timeout: 90_000 });
  // The Train button comes back with the focus (never left on <body>).
  await expect(page.getByTestId('train-start')).toBeFocused();
  await expect(page.getByTestId('cluster-sizes').locator('svg rect.bar')).toHaveCount(4);
  await expect(page.getByTestId('point-chart')).toHaveAttribute('data-kind', 'clustering');
  await expect(page.getByTestId('point-chart').locator('.legend li')).toHaveCount(4);
  await expect(page.getByTestId('result-curve').locator('svg path.line')).toHaveCount(1);
  await expect(page.locator('[data-testid="train-metrics"] td[data-metric="msd"]').first()).not.toHaveText('—');
  await snapResults(page, testInfo, 'kmeans-results');
});

test('every TensorFlow.js algorithm trains on WebGPU (SwiftShader) when the Compute view forces it', async ({ page }) => {
  test.setTimeout(420_000);
  await openStudio(page, '?sample=penguins&view=train&backend=webgpu');
  await loaded(page, 'penguins.json');
  const cases: [string, Record<string, string>, string][] = [
    ['linear-learner', { epochs: '3' }, 'accuracy'],
    ['knn', { k: '3' }, 'accuracy'],
    ['kmeans', { k: '3' }, 'msd'],
    ['pca', { num_components: '2' }, 'explained_variance_ratio'],
    ['mlp', { epochs: '3', hidden_units: '8' }, 'accuracy'],
  ];
  for (const [algorithm, hp, metric] of cases) {
    await trainWith(page, algorithm, hp);
    await expect(page.getByTestId('train-compute'), algorithm).toHaveText('TensorFlow.js webgpu');
    await expect(page.locator(`[data-testid="train-metrics"] td[data-metric="${metric}"]`).first(), algorithm).not.toHaveText('—');
  }
});

test('factorization-machines trains a user × item ratings table straight from the file (every user and item a one-hot feature)', async ({ page }) => {
  const lines = ['user,item,rating'];
  for (let i = 0; i < 3000; i++) {
    const u = (i * 7919) % 400, it = (i * 104729) % 300;
    lines.push(`u${u},i${it},${(3 + ((u % 5) - 2) * 0.3 + ((it % 4) - 1.5) * 0.4).toFixed(2)}`);
  }
  await openStudio(page);
  await openFile(page, 'ratings.csv', lines.join('\n') + '\n', 'text/csv');
  await loaded(page, 'ratings.csv');
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-target').selectOption('rating');
  await trainWith(page, 'factorization-machines', { epochs: '10', linear_lr: '0.05', factors_lr: '0.02' });
  await expect(page.getByTestId('train-results')).toContainText('700 features');
  const rmse = Number(await page.locator('[data-testid="train-metrics"] td[data-split="validation"][data-metric="rmse"]').getAttribute('data-value'));
  expect(rmse).toBeLessThan(0.6);
});

test('a time split preselects the only datetime column; Train with a bad value focuses that field', async ({ page }) => {
  await openStudio(page, '?sample=seattle-weather&view=train');
  await loaded(page, 'seattle-weather.csv');
  await page.getByTestId('train-split').selectOption('time');
  await expect(page.getByTestId('train-time-column')).toHaveValue('date');
  await page.getByTestId('hp-eta').fill('7');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('hp-eta')).toBeFocused();
  await expect(page.getByTestId('hp-error-eta')).toBeInViewport();
});

test('changing the objective brings its eval metrics with it instead of blocking on the old ones', async ({ page }) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  await expect(page.getByTestId('hp-eval_metric')).toHaveValue('logloss,auc');
  await page.getByTestId('hp-objective').selectOption('binary:logitraw');
  await expect(page.getByTestId('hp-eval_metric')).toHaveValue('logloss,auc');
  await page.getByTestId('hp-objective').selectOption('reg:logistic');
  await expect(page.getByTestId('hp-error-eval_metric')).toHaveCount(0);
  await page.getByTestId('hp-objective').selectOption('reg:squarederror');
  await expect(page.getByTestId('hp-eval_metric')).toHaveValue('rmse,mae');
  await expect(page.getByTestId('hp-error-eval_metric')).toHaveCount(0);
});
