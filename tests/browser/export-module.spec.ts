// The exported ES module in Chromium: an XGBoost model and a Random Cut Forest (no TensorFlow.js) are
// trained and exported in Node, the module is served by the test's own route and imported by the page,
// and its predictBatch equals mlpad's inference (estimator.infer after modelFeatures) in Node: labels
// exactly, numbers within 1e-6 (relative above 1).
import { expect, test } from '@playwright/test';
import { exportModule } from '../../src/lib/deploy/export-module.ts';
import {
  compareRecords, mlpadInference, predictionRows, recordsOf, trainModel, type ExportCase,
} from '../unit/deploy/export-fixtures.ts';

const CASES: ExportCase[] = [
  { algorithm: 'xgboost', task: 'multiclass', hp: { num_round: '10', max_depth: '3' } },
  { algorithm: 'randomcutforest', hp: { num_trees: '50', num_samples_per_tree: '64' } },
];

test.use({ bypassCSP: true });

for (const c of CASES) {
  test(`${c.algorithm}: the exported module imported in Chromium predicts as mlpad in Node to 1e-6, labels exactly`, async ({ page }) => {
    const bytes = await trainModel(c);
    const { code } = exportModule(bytes);
    await page.route('**/__export-test/**', (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
      if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>export</title>' });
      return route.fulfill({ contentType: 'text/javascript', body: code });
    });
    await page.goto('/__export-test/index.html');
    const rows = predictionRows();
    const got = await page.evaluate(async (input) => {
      const m = await import('/__export-test/model.mjs' as string);
      return { records: m.predictBatch(input), algorithm: m.metadata.algorithm as string };
    }, rows);
    expect(got.algorithm).toBe(c.algorithm);
    const { inference, classes } = await mlpadInference(bytes, rows);
    const result = compareRecords(got.records, recordsOf(inference, rows.length, classes));
    expect(result.problems).toEqual([]);
    expect(result.values).toBeGreaterThan(0);
  });
}
