import { describe, expect, it } from 'vitest';
import { initTrainingBackend } from '../../../src/lib/compute/training-backend.ts';

/** A WebGPU entry point whose one adapter is SwiftShader (what headless Chromium has without a GPU). */
const softwareGpu = { requestAdapter: async () => ({ info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, isFallbackAdapter: false }) } as unknown as GPU;

describe('initTrainingBackend', () => {
  it('auto takes the first allowed backend that works and gives no reason when nothing was passed over', async () => {
    const r = await initTrainingBackend('auto', { allowed: ['cpu'] });
    expect(r).toEqual({ backend: 'cpu', label: 'TensorFlow.js cpu' });
  });

  it('auto passes GPU backends over when the only adapter is a software one, and says so', async () => {
    const r = await initTrainingBackend('auto', { gpu: softwareGpu, allowed: ['webgpu', 'webgl', 'cpu'] });
    expect(r.backend).toBe('cpu');
    expect(r.reason).toBe('TensorFlow.js cpu: the GPU here is a software one (swiftshader), slower than wasm on the CPU.');
  });

  it('a forced backend the algorithm does not allow falls back to auto with the reason', async () => {
    const r = await initTrainingBackend('webgl', { allowed: ['webgpu', 'cpu'] });
    expect(r.backend).toBe('cpu');
    expect(r.reason).toMatch(/^TensorFlow\.js cpu: this algorithm does not run on webgl\.$/);
  });

  it('a forced backend that is allowed is used', async () => {
    expect((await initTrainingBackend('cpu')).backend).toBe('cpu');
  });
});
