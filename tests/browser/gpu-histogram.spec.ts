// The WGSL histogram kernel in Chromium's WebGPU on SwiftShader: same fixtures and tolerance as the Node test
// (tests/unit/ml/gpu). The two engine modules are transpiled here and served under /__gpu-test/ by route, so
// the test does not depend on the studio bundle exposing them.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { cpuHistogram, makeBins, mulberry32 } from '../unit/ml/gpu/histogram-fixtures.ts';

const SRC = new URL('../../src/lib/ml/gpu/', import.meta.url);

function transpiled(file: string): string {
  const source = readFileSync(new URL(file, SRC), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
}

test.use({ bypassCSP: true });

test('GPU histograms in Chromium on SwiftShader equal the f64 CPU sums within n · 2^-30 · max|g| and repeat bit for bit', async ({ page }) => {
  await page.route('**/__gpu-test/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>gpu</title>' });
    return route.fulfill({ contentType: 'text/javascript', body: transpiled(name) });
  });
  await page.goto('/__gpu-test/index.html');

  const rand = mulberry32(7);
  const bins = makeBins(10_000, [255, 256, 255, 256, 255, 256, 255, 256], [true, false, true, false, true, false, true, false], false, rand);
  const grad = Float32Array.from({ length: bins.nRows }, () => rand() * 2 - 1);
  const hess = Float32Array.from({ length: bins.nRows }, () => rand() * 0.25);
  const rows = Uint32Array.from({ length: bins.nRows }, (_, i) => i).filter(() => rand() < 0.6);

  const result = await page.evaluate(async (input) => {
    const { requestComputeDevice } = await import('/__gpu-test/device.ts' as string);
    const { GpuHistogramBuilder } = await import('/__gpu-test/histogram-kernel.ts' as string);
    const got = await requestComputeDevice();
    if (!got.device) return { reason: got.reason as string };
    const b = await GpuHistogramBuilder.create(got.device, {
      nRows: input.nRows, nCols: input.nCols, codes: Uint8Array.from(input.codes), histOffsets: Uint32Array.from(input.histOffsets),
    });
    b.setGradients(Float32Array.from(input.grad), Float32Array.from(input.hess));
    const rows = Uint32Array.from(input.rows);
    const first: Float64Array = await b.build(rows);
    const again: Float64Array = await b.build(rows);
    b.destroy();
    return { software: got.software as boolean, first: Array.from(first), again: Array.from(again) };
  }, {
    nRows: bins.nRows, nCols: bins.nCols, codes: Array.from(bins.codes), histOffsets: Array.from(bins.histOffsets),
    grad: Array.from(grad), hess: Array.from(hess), rows: Array.from(rows),
  });

  expect('reason' in result ? result.reason : '').toBe('');
  if ('reason' in result) return;
  expect(result.software).toBe(true);
  expect(result.again).toEqual(result.first);
  const ref = cpuHistogram(bins, grad, hess, rows, 0, rows.length);
  const maxG = grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
  const maxH = hess.reduce((m, h) => Math.max(m, Math.abs(h)), 0);
  for (let s = 0; s < ref.count.length; s++) {
    const n = ref.count[s];
    expect(Math.abs(result.first[2 * s] - ref.hist[2 * s])).toBeLessThanOrEqual(n * 2 ** -30 * maxG + n * n * 2 ** -52 * maxG);
    expect(Math.abs(result.first[2 * s + 1] - ref.hist[2 * s + 1])).toBeLessThanOrEqual(n * 2 ** -30 * maxH + n * n * 2 ** -52 * maxH);
  }
});
