// gpu_hist against hist: the same boosting code grows trees from WebGPU histograms (Dawn + SwiftShader, in a
// child process, see train-runner.ts) and from the CPU's, and they must be the same trees. Tolerances are
// in train-fixtures.ts: equal structure, splits and default directions; leaves within 1e-5 relative;
// predictions within 1e-5.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDawnScript, SWIFTSHADER_ICD } from './dawn-runner.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { PRED_TOL, compareModels, trainCases } from './train-fixtures.ts';
import type { TrainCaseResult } from './train-runner.ts';

const RUNNER = fileURLToPath(new URL('./train-runner.ts', import.meta.url));

type EstimatorResult = ReturnType<typeof compareModels> & { syncFitError: string };
type RunnerOutput = { skipped: string } | { error: string } | { adapter: unknown; software: boolean; cases: TrainCaseResult[]; estimator: EstimatorResult; deviceLoss: string };

// The GPU part runs in a child process with Dawn's environment (dawn-runner.ts).
// One child process trains every case, so SwiftShader compiles the kernel once; the tests share its output.
let runner: Promise<RunnerOutput> | null = null;
function runRunner(): Promise<RunnerOutput> {
  runner ??= runDawnScript<RunnerOutput>(RUNNER, 170_000);
  return runner;
}

describe.skipIf(!existsSync(SWIFTSHADER_ICD))(`gpu_hist on Dawn + SwiftShader${existsSync(SWIFTSHADER_ICD) ? '' : ` (skipped: ${SWIFTSHADER_ICD} not found; install Debian's chromium)`}`, () => {
  trainCases().forEach((c, i) => {
    it(`gpu_hist grows the same trees as hist (${c.name}): same splits and default directions, leaves within 1e-5 relative, predictions within 1e-5`, async (ctx) => {
      const out = await runRunner();
      if ('skipped' in out) { console.warn(`GPU training test skipped: ${out.skipped}`); ctx.skip(); return; }
      if ('error' in out) throw new Error(out.error);
      const r = out.cases[i];
      expect(r.structure, r.name).toBe('');
      expect(r.trees, r.name).toBeGreaterThan(0);
      expect(r.leafRatio, r.name).toBeLessThanOrEqual(1);
      expect(r.maxPredDiff, r.name).toBeLessThanOrEqual(PRED_TOL);
      expect(r.gpuBuilds, r.name).toBeGreaterThanOrEqual(r.trees);
      expect(r.betweenRounds, r.name).toBe(resolveXGBoostParams(c.params).num_round);
    }, 180_000);
  });

  it('xgboostEstimator.fitAsync({ gpu: device }) with gpu_hist saves an XGBoost JSON model that reloads to the hist trees', async (ctx) => {
    const out = await runRunner();
    if ('skipped' in out) { console.warn(`GPU training test skipped: ${out.skipped}`); ctx.skip(); return; }
    if ('error' in out) throw new Error(out.error);
    expect(out.estimator.structure).toBe('');
    expect(out.estimator.trees).toBe(2);
    expect(out.estimator.leafRatio).toBeLessThanOrEqual(1);
    expect(out.estimator.syncFitError).toMatch(/gpu_hist trains asynchronously/);
  }, 120_000);

  it('a gpu_hist fit whose device is lost mid-training rejects with a gpu_hist: message naming the way out', async (ctx) => {
    const out = await runRunner();
    if ('skipped' in out) { console.warn(`GPU training test skipped: ${out.skipped}`); ctx.skip(); return; }
    if ('error' in out) throw new Error(out.error);
    expect(out.deviceLoss).toMatch(/^gpu_hist: building a histogram on the WebGPU device failed \(.+\); the device may have been lost\. Request a new one with requestComputeDevice\(\) or train with tree_method hist\.$/);
  }, 180_000);
});
