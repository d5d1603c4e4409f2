// Convention 10 for WebGPU: the same fit on tfjs webgpu (Dawn + SwiftShader, in a child process, see
// webgpu-runner.ts) and on the cpu backend must give the same model: parameters and predictions within 1e-5
// (float32 sums in another order), no tensors left behind.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDawnScript, SWIFTSHADER_ICD } from '../gpu/dawn-runner.ts';
import type { WebGpuComparison } from './webgpu-runner.ts';

const RUNNER = fileURLToPath(new URL('./webgpu-runner.ts', import.meta.url));
const hasSwiftShader = existsSync(SWIFTSHADER_ICD);

describe.skipIf(!hasSwiftShader)(`factorization-machines on tfjs webgpu (Dawn + SwiftShader)${hasSwiftShader ? '' : ` (skipped: ${SWIFTSHADER_ICD} not found; install Debian's chromium)`}`, () => {
  it('trains the same model as the cpu backend: parameters and predictions within 1e-5, no tensor leak', async (ctx) => {
    const out = await runDawnScript<WebGpuComparison | { skipped: string } | { error: string }>(RUNNER, 170_000);
    if ('skipped' in out) { console.warn(`WebGPU test skipped: ${out.skipped}`); ctx.skip(); return; }
    if ('error' in out) throw new Error(out.error);
    expect(out.label).toBe('TensorFlow.js webgpu');
    expect(out.scatterND).toEqual([[111, 222], [3, 4]]);
    expect(out.rounds).toBe(2);
    expect(out.maxParamDiff).toBeLessThan(1e-5);
    expect(out.maxPredDiff).toBeLessThan(1e-5);
    expect(out.leak).toBe(0);
  }, 180_000);
});
