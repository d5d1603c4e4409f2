import { describe, expect, it } from 'vitest';
import { initTf, smokeTest } from '../../../src/lib/compute/tf-backend.ts';
import { describeAdapter, findAdapter } from '../../../src/lib/compute/adapter.ts';

describe('initTf in Node', () => {
  it('initTf("cpu") runs on the cpu backend and the smoke test computes a correct matmul', async () => {
    const info = await initTf('cpu', { cores: 2 });
    expect(info.tfBackend).toBe('cpu');
    expect(info.requested).toBe('cpu');
    expect(info.available).toContain('cpu');
    expect(await smokeTest()).toMatchObject({ ok: true });
  });

  it('initTf("auto") without navigator.gpu reports WebGPU as failed with a reason and picks a CPU-side backend', async () => {
    const info = await initTf('auto');
    expect(info.adapter).toBeNull();
    expect(info.adapterError).toMatch(/WebGPU is not available/);
    expect(info.failed.find((f) => f.name === 'webgpu')?.reason).toMatch(/WebGPU/);
    expect(['wasm', 'cpu']).toContain(info.tfBackend);
  });

  it('initTf rejects an unknown backend name with a message listing the valid ones', async () => {
    // @ts-expect-error deliberately invalid
    await expect(initTf('tpu')).rejects.toThrow(/backend must be one of auto, webgpu, webgl, wasm, cpu; got "tpu"/);
  });
});

describe('describeAdapter', () => {
  const fake = (info: Partial<GPUAdapterInfo>, isFallbackAdapter = false) => ({ info, isFallbackAdapter }) as unknown as GPUAdapter;

  it('labels SwiftShader as a software adapter', () => {
    expect(describeAdapter(fake({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' })).software).toBe(true);
  });

  it('labels a fallback adapter as software even without a known name', () => {
    expect(describeAdapter(fake({ vendor: 'acme', architecture: '' }, true)).software).toBe(true);
  });

  it('keeps a hardware adapter as hardware', () => {
    const d = describeAdapter(fake({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100' }));
    expect(d).toEqual({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100', software: false });
  });

  it('findAdapter(undefined) explains that WebGPU is missing instead of throwing', async () => {
    expect(await findAdapter(undefined)).toMatchObject({ adapter: null, error: expect.stringMatching(/navigator\.gpu is undefined/) });
  });
});
