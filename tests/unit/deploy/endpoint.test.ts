import { describe, expect, it } from 'vitest';
import { Endpoint, type EndpointVariant, type Invoker } from '../../../src/lib/deploy/endpoint.ts';
import type { InferenceRequest, InferenceResponse } from '../../../src/lib/deploy/types.ts';

/** A fake clock the fake models advance by their latency, so timings are exact. */
function fakeClock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

/** A deterministic model: x > 0.5 → label 1, with score x; `latency(x)` ms on the fake clock. */
function threshold(clock: { t: number }, latency: (x: number) => number = () => 1): Invoker {
  return async (req: InferenceRequest): Promise<InferenceResponse> => {
    const x = Number(req.body.split(',')[0]);
    clock.t += latency(x);
    return { status: 200, body: `${x > 0.5 ? 1 : 0},${x}`, contentType: 'text/csv; charset=utf-8', records: [{ score: x, predicted_label: x > 0.5 ? 1 : 0 }] };
  };
}

const csv = (x: number): InferenceRequest => ({ body: String(x), contentType: 'text/csv' });

function variant(name: string, weight: number, invoke: Invoker): EndpointVariant {
  return { name, weight, invoke };
}

describe('Endpoint routing', () => {
  it('routes in proportion to the weights (seeded; within 4 binomial standard deviations)', async () => {
    const clock = fakeClock();
    const ep = new Endpoint('e', [variant('a', 1, threshold(clock)), variant('b', 3, threshold(clock)), variant('off', 0, threshold(clock))], { seed: 7, clock: clock.now });
    const n = 4000;
    for (let i = 0; i < n; i++) await ep.invoke(csv(0.1));
    const [a, b, off] = ep.stats();
    const sd = Math.sqrt(n * 0.75 * 0.25); // 27.4
    expect(Math.abs(b.invocations - 0.75 * n)).toBeLessThan(4 * sd);
    expect(a.invocations + b.invocations).toBe(n);
    expect(off.invocations).toBe(0);
  });

  it('gives the same routing for the same seed and another for another seed', async () => {
    const order = async (seed: number) => {
      const clock = fakeClock();
      const ep = new Endpoint('e', [variant('a', 1, threshold(clock)), variant('b', 1, threshold(clock))], { seed, clock: clock.now });
      const out: string[] = [];
      for (let i = 0; i < 64; i++) out.push((await ep.invoke(csv(0.2))).variant);
      return out.join('');
    };
    expect(await order(3)).toBe(await order(3));
    expect(await order(3)).not.toBe(await order(4));
  });

  it('sends a TargetVariant request to that variant, even one of weight 0', async () => {
    const clock = fakeClock();
    const ep = new Endpoint('e', [variant('a', 1, threshold(clock)), variant('b', 0, threshold(clock))], { clock: clock.now });
    for (let i = 0; i < 10; i++) expect((await ep.invoke({ ...csv(0.9), targetVariant: 'b' })).variant).toBe('b');
    expect(ep.stats().map((s) => s.invocations)).toEqual([0, 10]);
  });

  it('answers an unknown TargetVariant with a 400 naming the variants, and keeps serving', async () => {
    const clock = fakeClock();
    const ep = new Endpoint('shop', [variant('a', 1, threshold(clock)), variant('b', 1, threshold(clock))], { clock: clock.now });
    const r = await ep.invoke({ ...csv(0.9), targetVariant: 'c' });
    expect(r.status).toBe(400);
    expect(r.body).toBe("TargetVariant 'c' is not a production variant of endpoint 'shop'; use one of: a, b.");
    expect(r.variant).toBe('');
    expect((await ep.invoke(csv(0.9))).status).toBe(200);
    expect(ep.log().map((e) => e.status)).toEqual([400, 200]);
  });

  it('answers every request with a 400 while all weights are 0, and serves again after a weight update', async () => {
    const clock = fakeClock();
    const ep = new Endpoint('e', [variant('a', 0, threshold(clock)), variant('b', 0, threshold(clock))], { clock: clock.now });
    for (let i = 0; i < 3; i++) {
      const r = await ep.invoke(csv(0.9));
      expect(r.status).toBe(400);
      expect(r.body).toBe('every production variant has weight 0; give one a positive weight');
    }
    ep.updateWeights({ b: 2 });
    const r = await ep.invoke(csv(0.9));
    expect([r.status, r.variant]).toEqual([200, 'b']);
    expect(ep.stats().map((s) => s.weight)).toEqual([0, 2]);
  });
});

describe('Endpoint validation', () => {
  const ok = threshold(fakeClock());
  it('refuses negative or non-finite weights at construction, naming the variant', () => {
    expect(() => new Endpoint('e', [variant('a', 1, ok), variant('bad', -1, ok)])).toThrow(RangeError);
    expect(() => new Endpoint('e', [variant('bad', -1, ok)])).toThrow("the weight of variant 'bad' must be a finite number ≥ 0, got -1");
    expect(() => new Endpoint('e', [variant('inf', Infinity, ok)])).toThrow("variant 'inf'");
    expect(() => new Endpoint('e', [variant('nan', NaN, ok)])).toThrow("variant 'nan'");
  });

  it('refuses a bad weight update without changing any weight', () => {
    const ep = new Endpoint('e', [variant('a', 1, ok), variant('b', 1, ok)]);
    expect(() => ep.updateWeights({ a: 5, b: -2 })).toThrow("Endpoint.updateWeights: the weight of variant 'b' must be a finite number ≥ 0, got -2.");
    expect(() => ep.updateWeights({ a: 5, z: 1 })).toThrow("'z' is not a production variant of endpoint 'e'; use one of: a, b.");
    expect(ep.stats().map((s) => s.weight)).toEqual([1, 1]);
  });

  it('refuses duplicate names, an empty variant list and bad options, naming the field', () => {
    expect(() => new Endpoint('e', [])).toThrow('variants must be a non-empty array');
    expect(() => new Endpoint('e', [variant('a', 1, ok), variant('a', 1, ok)])).toThrow("'a' appears twice");
    expect(() => new Endpoint('e', [variant('a', 1, ok)], { logLimit: 0 })).toThrow('options.logLimit');
    expect(() => new Endpoint('e', [variant('a', 1, ok)], { capture: { enabled: true, samplingPercent: 101 } })).toThrow('options.capture.samplingPercent');
    expect(() => new Endpoint('e', [variant('a', 1, ok)], { shadow: { variant: variant('a', 0, ok), samplingPercent: 50 } })).toThrow('already a production variant');
  });
});

describe('Endpoint failures and statistics', () => {
  it('turns a throwing model into a 500 with its message, counted as a server error', async () => {
    const clock = fakeClock();
    const failing: Invoker = async () => { clock.t += 2; throw new Error('tree 3 is corrupt'); };
    const ep = new Endpoint('e', [variant('a', 1, failing)], { clock: clock.now });
    const r = await ep.invoke(csv(1));
    expect(r.status).toBe(500);
    expect(r.body).toBe('tree 3 is corrupt');
    expect(r.latencyMs).toBe(2);
    expect((await ep.invoke(csv(1))).status).toBe(500);
    const [s] = ep.stats();
    expect([s.invocations, s.serverErrors, s.clientErrors]).toEqual([2, 2, 0]);
    expect(s.latencyMs).toBeNull(); // no answered request
  });

  it('counts a 4xx answer of the model as a client error', async () => {
    const clock = fakeClock();
    const picky: Invoker = async (req) => (req.contentType === 'text/csv'
      ? threshold(clock)(req)
      : { status: 415, body: 'unsupported content type', contentType: 'text/plain', records: [] });
    const ep = new Endpoint('e', [variant('a', 1, picky)], { clock: clock.now });
    await ep.invoke(csv(0.3));
    await ep.invoke({ body: '{}', contentType: 'application/x-npy' });
    const [s] = ep.stats();
    expect([s.invocations, s.clientErrors, s.serverErrors]).toEqual([2, 1, 0]);
  });

  it('reports latency mean, p50, p90 and p99 as a direct computation over the answered requests (1e-9)', async () => {
    const clock = fakeClock();
    // latencies 1..100 ms in a scrambled order: linear-interpolation percentiles are 50.5, 90.1, 99.01
    const ms = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    let k = 0;
    const ep = new Endpoint('e', [variant('a', 1, threshold(clock, () => ms[k++]))], { clock: clock.now });
    for (let i = 0; i < 100; i++) await ep.invoke(csv(0.4));
    const lat = ep.stats()[0].latencyMs!;
    expect(lat.mean).toBeCloseTo(50.5, 9);
    expect(lat.p50).toBeCloseTo(50.5, 9);
    expect(lat.p90).toBeCloseTo(90.1, 9);
    expect(lat.p99).toBeCloseTo(99.01, 9);
    expect(ep.log().map((e) => e.latencyMs)).toEqual(ms);
  });

  it('keeps only the newest logLimit invocations', async () => {
    const clock = fakeClock();
    const ep = new Endpoint('e', [variant('a', 1, threshold(clock))], { clock: clock.now, logLimit: 5 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await ep.invoke(csv(i / 12))).id);
    expect(ep.log().map((e) => e.id)).toEqual(ids.slice(-5));
    expect(new Set(ids).size).toBe(12);
    expect(ep.stats()[0].invocations).toBe(12);
  });

  it('calls onChange listeners after each invocation and weight change until unsubscribed', async () => {
    const clock = fakeClock();
    const ep = new Endpoint('e', [variant('a', 1, threshold(clock))], { clock: clock.now });
    let calls = 0;
    const off = ep.onChange(() => { calls++; });
    await ep.invoke(csv(0.1));
    ep.updateWeights({ a: 2 });
    off();
    await ep.invoke(csv(0.1));
    expect(calls).toBe(2);
  });
});

describe('Endpoint shadow variant', () => {
  it('copies about samplingPercent of the production traffic to the shadow and returns only production answers', async () => {
    const clock = fakeClock();
    const shadowModel: Invoker = async (req) => { const r = await threshold(clock)(req); return { ...r, body: 'shadow' }; };
    const ep = new Endpoint('e', [variant('prod', 1, threshold(clock))], { clock: clock.now, seed: 1, shadow: { variant: variant('shadow', 0, shadowModel), samplingPercent: 25 } });
    const n = 2000;
    for (let i = 0; i < n; i++) expect((await ep.invoke(csv(0.7))).body).not.toBe('shadow');
    await ep.settled();
    const copied = ep.log().filter((e) => e.shadow !== undefined).length / 1000; // the log keeps the newest 1,000
    expect(Math.abs(copied - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / 1000));
    expect(ep.stats()).toHaveLength(1); // the shadow is not a production variant
    expect(ep.shadowStats()!.requests).toBe(ep.log().filter((e) => e.shadow).length);
  });
});
