import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDawnScript, SWIFTSHADER_ICD } from './dawn-runner.ts';
import { featureGroups, fixedPointScale, GpuHistogramBuilder } from '../../../../src/lib/ml/gpu/histogram-kernel.ts';

const RUNNER = fileURLToPath(new URL('./histogram-runner.ts', import.meta.url));

interface RunnerCase { name: string; worstBoundRatio: number; relErrG: number; relErrH: number; deterministic: boolean; gpuMs: number; cpuMs: number }
type RunnerOutput = { skipped: string } | { error: string } | { adapter: unknown; software: boolean; cases: RunnerCase[] };

// The GPU part runs in a child process with Dawn's environment (dawn-runner.ts).
function runRunner(): Promise<RunnerOutput> {
  return runDawnScript<RunnerOutput>(RUNNER, 240_000);
}

describe('fixedPointScale', () => {
  it('fixedPointScale(maxAbs) is a power of two keeping maxAbs · s below 2^30 and above 2^29', () => {
    for (const m of [1, 0.25, 0.3, 1000, 1e-7, 3.4e38, 2 ** 20]) {
      const s = fixedPointScale(m);
      expect(Number.isInteger(Math.log2(s))).toBe(true);
      expect(m * s).toBeLessThan(2 ** 30);
      expect(m * s).toBeGreaterThanOrEqual(2 ** 29);
    }
    expect(fixedPointScale(0)).toBe(1);
  });
});

describe('featureGroups', () => {
  it('featureGroups packs consecutive features into runs of at most maxSlots slots', () => {
    const offsets = Uint32Array.from([0, 257, 514, 771, 1028, 1285]);
    expect(Array.from(featureGroups(offsets, 1024))).toEqual([0, 3, 3, 5]);
    expect(Array.from(featureGroups(offsets, 257))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it('featureGroups names the feature that does not fit workgroup memory', () => {
    expect(() => featureGroups(Uint32Array.from([0, 10, 3000]), 1024)).toThrow(/feature 1 has 2990 histogram slots; .* at most 1024/);
  });
});

describe('GpuHistogramBuilder.create argument checks', () => {
  const device = {} as GPUDevice; // the checks below run before the device is touched
  it('rejects codes whose length is not nRows × nCols', async () => {
    await expect(GpuHistogramBuilder.create(device, { nRows: 3, nCols: 2, codes: new Uint8Array(5), histOffsets: Uint32Array.from([0, 2, 4]) }))
      .rejects.toThrow('bins.codes must hold nRows × nCols = 6 codes (got 5)');
  });
  it('rejects histOffsets without nCols + 1 entries', async () => {
    await expect(GpuHistogramBuilder.create(device, { nRows: 3, nCols: 2, codes: new Uint8Array(6), histOffsets: Uint32Array.from([0, 2]) }))
      .rejects.toThrow('bins.histOffsets must have nCols + 1 = 3 entries (got 2)');
  });
});

describe.skipIf(!existsSync(SWIFTSHADER_ICD))(`GpuHistogramBuilder on Dawn + SwiftShader${existsSync(SWIFTSHADER_ICD) ? '' : ` (skipped: ${SWIFTSHADER_ICD} not found; install Debian's chromium)`}`, () => {
  it('GPU histograms of 10k rows × 8 features (256 bins, missing cells) equal the f64 CPU sums to 1e-8 of the largest slot, within the documented n · 2^-30 · max|g| bound, and repeat bit for bit', async (ctx) => {
    const out = await runRunner();
    if ('skipped' in out) { console.warn(`GPU histogram test skipped: ${out.skipped}`); ctx.skip(); return; }
    if ('error' in out) throw new Error(out.error);
    expect(out.cases.length).toBe(3);
    for (const c of out.cases) {
      expect(c.worstBoundRatio, c.name).toBeLessThanOrEqual(1);
      expect(c.relErrG, c.name).toBeLessThan(1e-8);
      expect(c.relErrH, c.name).toBeLessThan(1e-8);
      expect(c.deterministic, c.name).toBe(true);
    }
  }, 300_000);
});
