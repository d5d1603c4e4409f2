// gpu_hist against hist: the same boosting code grows trees from WebGPU histograms (Dawn + SwiftShader, in a
// child process, see train-runner.ts) and from the CPU's, and they must be the same trees. Tolerances are
// in train-fixtures.ts: equal structure, splits and default directions; leaves within 1e-5 relative;
// predictions within 1e-5.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { PRED_TOL, compareModels, trainCases } from './train-fixtures.ts';
import type { TrainCaseResult } from './train-runner.ts';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const RUNNER = fileURLToPath(new URL('./train-runner.ts', import.meta.url));

type EstimatorResult = ReturnType<typeof compareModels> & { syncFitError: string };
type RunnerOutput = { skipped: string } | { error: string } | { adapter: unknown; software: boolean; cases: TrainCaseResult[]; estimator: EstimatorResult; deviceLoss: string };

// Dawn reads VK_ICD_FILENAMES and loads libvulkan.so.1 when the webgpu package loads, so the GPU part runs in
// a child process started with that environment.
// One child process trains every case, so SwiftShader compiles the kernel once; the tests share its output.
let runner: Promise<RunnerOutput> | null = null;
function runRunner(): Promise<RunnerOutput> {
  runner ??= new Promise((resolve, reject) => {
    execFile('npx', ['tsx', RUNNER], {
      env: { ...process.env, VK_ICD_FILENAMES: ICD, LD_LIBRARY_PATH: ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
      timeout: 170_000,
    }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try { resolve(JSON.parse(line) as RunnerOutput); } catch { reject(new Error(`runner failed (${err?.message ?? 'no JSON'}):\n${stdout}\n${stderr}`)); }
    });
  });
  return runner;
}

describe.skipIf(!existsSync(ICD))(`gpu_hist on Dawn + SwiftShader${existsSync(ICD) ? '' : ` (skipped: ${ICD} not found; install Debian's chromium)`}`, () => {
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
