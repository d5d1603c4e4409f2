// gpu_hist training in Chromium's WebGPU (SwiftShader): the engine trains in the page with histograms from the
// WGSL kernel, and its trees must be the CPU path's (trained here in Node) — same splits, thresholds and
// default directions, leaves within 1e-5 relative, predictions within 1e-5 (tolerances in
// tests/unit/ml/gpu/train-fixtures.ts). Engine modules are served from src/ under /__gpu-train/, each
// transpiled on request; their relative `.ts` imports resolve to the same route, so the test does not
// depend on the studio bundle exposing them.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { resolveXGBoostParams } from '../../src/lib/ml/xgboost/params.ts';
import { fromXGBoostJSON, toXGBoostJSON } from '../../src/lib/ml/xgboost/model-json.ts';
import { predictXGBoost } from '../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../src/lib/ml/xgboost/train.ts';
import { PRED_TOL, TEST_GROUP_SLOTS, compareModels, maxAbsDiff, trainCases } from '../unit/ml/gpu/train-fixtures.ts';

const ROOT = new URL('../../', import.meta.url);

function transpiled(path: string): string {
  if (!/^src\/lib\/[\w/.-]+\.ts$/.test(path) || path.includes('..')) throw new Error(`not an engine module: ${path}`);
  const source = readFileSync(new URL(path, ROOT), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
}

test.use({ bypassCSP: true });

for (const c of trainCases()) {
  test(`gpu_hist in Chromium on SwiftShader grows the same trees as hist on the CPU (${c.name})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.route('**/__gpu-train/**', (route) => {
      const path = new URL(route.request().url()).pathname.replace(/^\/__gpu-train\//, '');
      if (path === 'index.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>gpu train</title>' });
      return route.fulfill({ contentType: 'text/javascript', body: transpiled(path) });
    });
    await page.goto('/__gpu-train/index.html');

    const p = resolveXGBoostParams(c.params);
    const cols = c.data.features as Float32Array[];
    const result = await page.evaluate(async (input) => {
      const { requestComputeDevice } = await import('/__gpu-train/src/lib/ml/gpu/device.ts' as string);
      const { trainXGBoostAsync } = await import('/__gpu-train/src/lib/ml/xgboost/train-async.ts' as string);
      const { toXGBoostJSON } = await import('/__gpu-train/src/lib/ml/xgboost/model-json.ts' as string);
      const { GpuHistogramBuilder } = await import('/__gpu-train/src/lib/ml/gpu/histogram-kernel.ts' as string);
      // Count the kernel's builds, to show the histograms came from the GPU.
      let builds = 0;
      const build = GpuHistogramBuilder.prototype.build;
      GpuHistogramBuilder.prototype.build = function (this: unknown, ...args: unknown[]) { builds++; return build.apply(this, args); };
      const got = await requestComputeDevice();
      if (!got.device) return { reason: got.reason as string };
      const data = {
        features: input.features.map((col: (number | null)[]) => Float32Array.from(col, (v) => (v === null ? NaN : v))),
        nRows: input.nRows, nCols: input.nCols, labels: Float32Array.from(input.labels),
      };
      let rounds = 0;
      const model = await trainXGBoostAsync(data, { ...input.params, tree_method: 'gpu_hist' },
        { callbacks: { betweenRounds: () => { rounds++; } } }, { device: got.device, histogram: { maxGroupSlots: input.groupSlots } });
      got.device.destroy();
      return { software: got.software as boolean, json: toXGBoostJSON(model) as string, rounds, builds };
    }, {
      // NaN does not survive page.evaluate's serialisation; null stands for missing.
      features: cols.map((col) => Array.from(col, (v) => (Number.isNaN(v) ? null : v))),
      nRows: c.data.nRows, nCols: c.data.nCols, labels: Array.from(c.data.labels), params: p, groupSlots: TEST_GROUP_SLOTS,
    });

    expect('reason' in result ? result.reason : '').toBe('');
    if ('reason' in result) return;
    expect(result.software).toBe(true);
    expect(result.rounds).toBe(p.num_round);
    expect(result.builds).toBeGreaterThanOrEqual(p.num_round);
    // Both through XGBoost JSON, so the comparison also covers the saved model.
    const cpu = fromXGBoostJSON(toXGBoostJSON(trainXGBoost(c.data, p)));
    const gpu = fromXGBoostJSON(result.json);
    const cmp = compareModels(cpu, gpu);
    expect(cmp.structure).toBe('');
    expect(cmp.trees).toBe(p.num_round * Math.max(1, p.num_class));
    expect(cmp.leafRatio).toBeLessThanOrEqual(1);
    expect(maxAbsDiff(predictXGBoost(cpu, c.data), predictXGBoost(gpu, c.data))).toBeLessThanOrEqual(PRED_TOL);
  });
}
