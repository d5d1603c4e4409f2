import { describe, expect, it } from 'vitest';
import { Endpoint, type Invoker } from '../../../src/lib/deploy/endpoint.ts';
import { recordsDisagree, shadowStats } from '../../../src/lib/deploy/shadow.ts';
import type { InferenceRequest, PredictionRecord } from '../../../src/lib/deploy/types.ts';

/** A classifier fake: label 1 when x > cut; each call takes `ms` on the shared fake clock. */
function classifier(clock: { t: number }, cut: number, ms: number): Invoker {
  return async (req: InferenceRequest) => {
    const x = Number(req.body);
    clock.t += ms;
    const label = x > cut ? 1 : 0;
    return { status: 200, body: String(label), contentType: 'text/csv', records: [{ score: x, predicted_label: label }] };
  };
}

/** A regression fake: score = f(x). */
function regressor(f: (x: number) => number): Invoker {
  return async (req: InferenceRequest) => {
    const score = f(Number(req.body));
    return { status: 200, body: String(score), contentType: 'text/csv', records: [{ score }] };
  };
}

const xs = Array.from({ length: 200 }, (_, i) => (i + 0.5) / 200); // 0.0025 … 0.9975

describe('shadow test comparison', () => {
  it('counts exactly the rows where a shifted threshold changes the label, and compares accuracy and f1 with direct counts', async () => {
    // Production answers x > 0.5 at once; the shadow answers x > 0.6 and takes 3 ms on the same clock.
    const clock = { t: 0 };
    const ep = new Endpoint('e', [{ name: 'prod', weight: 1, invoke: classifier(clock, 0.5, 1) }], {
      clock: () => clock.t, shadow: { variant: { name: 'shadow', weight: 0, invoke: classifier(clock, 0.6, 3) }, samplingPercent: 100 },
    });
    const labels = new Map<string, number>();
    for (const x of xs) {
      const r = await ep.invoke({ body: String(x), contentType: 'text/csv' });
      labels.set(r.id, x > 0.55 ? 1 : 0); // the truth sits between the two thresholds
    }
    await ep.settled();
    const s = ep.shadowStats(labels)!;
    const between = xs.filter((x) => x > 0.5 && x <= 0.6).length; // 20
    expect([s.production, s.shadow, s.requests, s.compared]).toEqual(['prod', 'shadow', 200, 200]);
    expect(s.disagreements).toBe(between);
    expect(s.disagreementRate).toBeCloseTo(between / 200, 12);
    expect(s.labelled).toBe(200);
    // production wrong on (0.5, 0.55]: 10 false positives; shadow wrong on (0.55, 0.6]: 10 false negatives
    const pos = xs.filter((x) => x > 0.55).length; // 90
    const f1 = (tp: number, fp: number, fn: number) => (2 * tp) / (2 * tp + fp + fn);
    const byName = Object.fromEntries(s.metrics.map((m) => [m.name, m]));
    expect(byName.accuracy.production).toBeCloseTo(190 / 200, 12);
    expect(byName.accuracy.shadow).toBeCloseTo(190 / 200, 12);
    expect(byName.f1.production).toBeCloseTo(f1(pos, 10, 0), 12);
    expect(byName.f1.shadow).toBeCloseTo(f1(pos - 10, 0, 10), 12);
    expect(byName.f1.difference).toBeCloseTo(byName.f1.shadow - byName.f1.production, 12);
    expect(s.latencyMs.production!.p50).toBe(1);
    // Both calls run at once on one fake clock: the shadow's window also spans production's 1 ms.
    expect(s.latencyMs.shadow!.p50).toBe(4);
    expect(s.latencyMs.shadow!.mean).toBe(4);
  });

  it('uses weighted_f1 for more than two classes (against a hand count)', async () => {
    const three: Invoker = async (req) => ({ status: 200, body: '', contentType: 'text/csv', records: [{ predicted_label: req.body }] });
    const wrongOnC: Invoker = async (req) => ({ status: 200, body: '', contentType: 'text/csv', records: [{ predicted_label: req.body === 'c' ? 'a' : req.body }] });
    const ep = new Endpoint('e', [{ name: 'p', weight: 1, invoke: three }], { shadow: { variant: { name: 's', weight: 0, invoke: wrongOnC }, samplingPercent: 100 } });
    const labels = new Map<string, string>();
    for (const y of ['a', 'a', 'b', 'c']) labels.set((await ep.invoke({ body: y, contentType: 'text/csv' })).id, y);
    await ep.settled();
    const s = ep.shadowStats(labels)!;
    const m = Object.fromEntries(s.metrics.map((x) => [x.name, x]));
    expect(m.weighted_f1.production).toBeCloseTo(1, 12);
    // shadow: a has precision 2/3 recall 1 → f1 0.8 (support 2); b f1 1 (support 1); c f1 0 (support 1)
    expect(m.weighted_f1.shadow).toBeCloseTo((2 * 0.8 + 1 + 0) / 4, 12);
    expect(m.accuracy.shadow).toBeCloseTo(0.75, 12);
    expect(s.disagreements).toBe(1);
  });

  it('holds regression scores to tolerance × max(1, |production|) and reports rmse and mae', async () => {
    const run = async (shadowF: (x: number) => number) => {
      const ep = new Endpoint('e', [{ name: 'p', weight: 1, invoke: regressor((x) => 1000 * x) }], { shadow: { variant: { name: 's', weight: 0, invoke: regressor(shadowF) }, samplingPercent: 100 } });
      const labels = new Map<string, number>();
      for (const x of xs) labels.set((await ep.invoke({ body: String(x), contentType: 'text/csv' })).id, 1000 * x + 2);
      await ep.settled();
      return ep.shadowStats(labels)!;
    };
    expect((await run((x) => 1000 * x * (1 + 1e-9))).disagreements).toBe(0);
    const off = await run((x) => 1000 * x + 1);
    expect(off.disagreements).toBe(200);
    const m = Object.fromEntries(off.metrics.map((x) => [x.name, x]));
    expect(m.rmse.production).toBeCloseTo(2, 9);
    expect(m.rmse.shadow).toBeCloseTo(1, 9);
    expect(m.mae.difference).toBeCloseTo(-1, 9);
  });

  it('compares clusters, projections and scores by the documented rules', () => {
    const d = (p: PredictionRecord, s: PredictionRecord, tol?: number) => recordsDisagree(p, s, tol);
    expect(d({ closest_cluster: 2, distance_to_cluster: 1 }, { closest_cluster: 2, distance_to_cluster: 5 })).toBe(false);
    expect(d({ closest_cluster: 2 }, { closest_cluster: 3 })).toBe(true);
    expect(d({ predicted_label: 1, score: 0.9 }, { predicted_label: '1', score: 0.7 })).toBe(false);
    expect(d({ projection: [1, 2] }, { projection: [1, 2 + 1e-7] })).toBe(false);
    expect(d({ projection: [1, 2] }, { projection: [1, 2.001] })).toBe(true);
    expect(d({ score: 0 }, { score: 5e-7 })).toBe(false); // absolute floor near 0
    expect(d({ score: 1e6 }, { score: 1e6 + 0.5 })).toBe(false); // relative for large scores
    expect(d({ score: 1e6 }, { score: 1e6 + 2 })).toBe(true);
    expect(d({ score: 0.5 }, { score: 0.6 }, 0.2)).toBe(false);
  });

  it('counts error answers apart and leaves them out of the comparison', async () => {
    let k = 0;
    const flaky: Invoker = async () => { if (k++ % 4 === 0) throw new Error('out of memory'); return { status: 200, body: '1', contentType: 'text/csv', records: [{ predicted_label: 1 }] }; };
    const ok: Invoker = async () => ({ status: 200, body: '1', contentType: 'text/csv', records: [{ predicted_label: 1 }] });
    const ep = new Endpoint('e', [{ name: 'p', weight: 1, invoke: ok }], { shadow: { variant: { name: 's', weight: 0, invoke: flaky }, samplingPercent: 100 } });
    for (let i = 0; i < 20; i++) await ep.invoke({ body: '1', contentType: 'text/csv' });
    await ep.settled();
    const s = ep.shadowStats()!;
    expect([s.requests, s.errors.production, s.errors.shadow, s.compared, s.disagreements, s.labelled]).toEqual([20, 0, 5, 15, 0, 0]);
    expect(s.metrics).toEqual([]);
  });

  it('is null without a shadow, and refuses a negative tolerance', () => {
    const ep = new Endpoint('e', [{ name: 'p', weight: 1, invoke: regressor((x) => x) }]);
    expect(ep.shadowStats()).toBeNull();
    expect(() => shadowStats('p', 's', [], undefined, { tolerance: -1 })).toThrow('options.tolerance must be a number ≥ 0');
  });
});
