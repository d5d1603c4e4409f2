import { makeTable } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { EndpointVariant, Invoker } from '../../../src/lib/deploy/endpoint.ts';
import { replayRequests } from '../../../src/lib/deploy/replay.ts';
import { simulateRollout, type Alarm, type RolloutResult } from '../../../src/lib/deploy/rollout.ts';

const ROWS = 2000;
const truth = (id: number) => (id * 2654435761) % 7 < 3 ? 1 : 0;
/** A labelled file: id, a feature, and the true label. */
const items = replayRequests(makeTable({
  id: Int32Array.from({ length: ROWS }, (_, i) => i),
  x: Float64Array.from({ length: ROWS }, (_, i) => (i % 97) / 97),
  label: Int32Array.from({ length: ROWS }, (_, i) => truth(i)),
}), ['id', 'x'], { label: 'label' });

/** A fake classifier right on `accuracy` of the rows (by a fixed pattern of the id), wrong on the rest. */
function model(accuracy: number, extra: { fail?: (id: number) => boolean; clock?: { t: number }; ms?: number } = {}): Invoker {
  return async (req) => {
    const id = Number(req.body.split(',')[0]);
    if (extra.clock) extra.clock.t += extra.ms ?? 1;
    if (extra.fail?.(id)) throw new Error('model crashed');
    const right = ((id * 7919) % 100) < accuracy * 100;
    const label = right ? truth(id) : 1 - truth(id);
    return { status: 200, body: String(label), contentType: 'text/csv', records: [{ predicted_label: label, score: label }] };
  };
}

const variant = (name: string, invoke: Invoker): EndpointVariant => ({ name, weight: 1, invoke });
const accuracyAlarm: Alarm = { name: 'accuracy-drop', metric: 'accuracy', threshold: 0.7, window: 20 };

function checkEventOrder(r: RolloutResult) {
  for (let i = 1; i < r.events.length; i++) expect(r.events[i].request).toBeGreaterThanOrEqual(r.events[i - 1].request);
  expect(r.perRequest).toHaveLength(ROWS);
}

describe('simulateRollout', () => {
  it('completes every step of a canary shift to a good green model', async () => {
    const stepsSeen: number[] = [];
    const r = await simulateRollout(variant('blue', model(0.9)), variant('green', model(0.9)), items, { type: 'canary', canaryPercent: 10, bakeRequests: 400 }, [accuracyAlarm],
      { seed: 3, finalBakeRequests: 200, onStep: (s) => stepsSeen.push(s.greenPercent) });
    expect(r.outcome).toBe('completed');
    expect(r.steps.map((s) => [s.greenPercent, s.requests, s.alarm])).toEqual([[10, 400, null], [100, 200, null]]);
    expect(stepsSeen).toEqual([10, 100]);
    // the canary's green share is binomial(400, 0.1): within 4 standard deviations of 40
    expect(Math.abs(r.steps[0].greenRequests - 40)).toBeLessThan(4 * Math.sqrt(400 * 0.1 * 0.9));
    expect(r.steps[1].greenRequests).toBe(200);
    expect(r.steps[1].metrics['accuracy-drop']).toBeGreaterThan(0.7);
    expect(r.events.map((e) => e.message)).toEqual([
      'traffic shift started (canary: 10% for 400 requests, then 100%, final bake 200 requests)',
      'step 1: 10% of traffic to green for 400 requests',
      'step 2: 100% of traffic to green (final bake of 200 requests)',
      'completed: all traffic on green',
    ]);
    expect(r.events.map((e) => e.request)).toEqual([0, 0, 400, 600]);
    expect(r.perRequest.slice(600).every((p) => p.variant === 'green' && p.greenShare === 1)).toBe(true);
    checkEventOrder(r);
  });

  it('completes every step of a linear shift to a good green model', async () => {
    const r = await simulateRollout(variant('blue', model(0.9)), variant('green', model(0.9)), items, { type: 'linear', stepPercent: 25, stepRequests: 300 }, [accuracyAlarm], { seed: 1 });
    expect(r.outcome).toBe('completed');
    expect(r.steps.map((s) => [s.greenPercent, s.requests])).toEqual([[25, 300], [50, 300], [75, 300], [100, 20]]); // final bake defaults to the largest window
    expect(r.events.filter((e) => e.message.startsWith('step')).map((e) => e.request)).toEqual([0, 300, 600, 900]);
    expect(r.events.at(-1)).toEqual({ request: 920, message: 'completed: all traffic on green' });
    // the share of green traffic in each step follows its weight (4 binomial standard deviations)
    for (const s of r.steps.slice(0, 3)) expect(Math.abs(s.greenRequests - s.requests * s.greenPercent / 100)).toBeLessThan(4 * Math.sqrt(300 * 0.25));
    checkEventOrder(r);
  });

  it('rolls a bad green model (accuracy 40% against blue\'s 90%) back during the canary bake, naming the alarm', async () => {
    const r = await simulateRollout(variant('blue', model(0.9)), variant('green', model(0.4)), items, { type: 'canary', canaryPercent: 10, bakeRequests: 600 }, [accuracyAlarm], { seed: 3 });
    expect(r.outcome).toBe('rolled-back');
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0].alarm).toBe('accuracy-drop');
    expect(r.steps[0].greenRequests).toBe(20); // the first full window already fails
    expect(r.steps[0].metrics['accuracy-drop']).toBeLessThan(0.7);
    const fired = r.events.find((e) => e.message.startsWith("alarm 'accuracy-drop' fired"))!;
    expect(fired.message).toMatch(/^alarm 'accuracy-drop' fired: accuracy 0\.\d+ < 0\.7 over the last 20 green requests$/);
    const messages = r.events.map((e) => e.message);
    expect(messages.slice(2)).toEqual([fired.message, 'rolled back: all traffic to blue']);
    expect(r.events[3].request).toBe(fired.request);
    expect(fired.request).toBeLessThan(600); // during the bake
    // the request that fired was green's; every later one went to blue
    expect(r.perRequest[fired.request].variant).toBe('green');
    expect(r.perRequest.slice(fired.request + 1).every((p) => p.variant === 'blue' && p.greenShare === 0)).toBe(true);
    // and blue's accuracy after the rollback is its 90% (± 3 points on 1,400+ rows)
    const after = r.perRequest.slice(fired.request + 1);
    expect(Math.abs(after.filter((p) => p.correct).length / after.length - 0.9)).toBeLessThan(0.03);
    checkEventOrder(r);
  });

  it('rolls an all-at-once shift back on error_rate when green fails 30% of requests', async () => {
    const alarm: Alarm = { name: '5xx', metric: 'error_rate', threshold: 0.1, window: 20 };
    const r = await simulateRollout(variant('blue', model(0.9)), variant('green', model(0.9, { fail: (id) => id % 10 < 3 })), items, { type: 'all-at-once' }, [alarm], { finalBakeRequests: 100 });
    expect(r.outcome).toBe('rolled-back');
    expect(r.steps.map((s) => [s.greenPercent, s.alarm, s.requests])).toEqual([[100, '5xx', 20]]);
    expect(r.perRequest.slice(0, 20).filter((p) => p.status === 500)).toHaveLength(6);
    expect(r.events.map((e) => e.message)).toEqual([
      'traffic shift started (all at once, final bake 100 requests)',
      'step 1: 100% of traffic to green (final bake of 100 requests)',
      "alarm '5xx' fired: error_rate 0.3 > 0.1 over the last 20 green requests",
      'rolled back: all traffic to blue',
    ]);
    checkEventOrder(r);
  });

  it('fires latency_p99 on a slow green fleet and monitor_violations from the monitor callback', async () => {
    const clock = { t: 0 };
    const slow = await simulateRollout(variant('blue', model(0.9, { clock, ms: 2 })), variant('green', model(0.9, { clock, ms: 40 })), items, { type: 'canary', canaryPercent: 50, bakeRequests: 200 },
      [{ name: 'slow', metric: 'latency_p99', threshold: 25, window: 10 }], { clock: () => clock.t });
    expect([slow.outcome, slow.steps[0].alarm, slow.steps[0].greenRequests]).toEqual(['rolled-back', 'slow', 10]);
    const seen: number[][] = [];
    const monitored = await simulateRollout(variant('blue', model(0.9)), variant('green', model(0.9)), items, { type: 'canary', canaryPercent: 50, bakeRequests: 200 },
      [{ name: 'drift', metric: 'monitor_violations', threshold: 0, window: 10 }], { monitor: (rows) => { seen.push(rows); return rows.some((r) => r >= 100) ? 1 : 0; } });
    expect(monitored.outcome).toBe('rolled-back');
    expect(seen.every((rows) => rows.length === 10)).toBe(true);
    expect(seen.flat().every((row) => monitored.perRequest[row].variant === 'green')).toBe(true);
  });

  it('refuses bad policies and alarms with messages naming the field', async () => {
    const b = variant('blue', model(0.9)), g = variant('green', model(0.9));
    await expect(simulateRollout(b, g, items, { type: 'canary', canaryPercent: 0, bakeRequests: 10 }, [])).rejects.toThrow('policy.canaryPercent must be a percentage in (0, 100], got 0');
    await expect(simulateRollout(b, g, items, { type: 'canary', canaryPercent: 10, bakeRequests: 0 }, [])).rejects.toThrow('policy.bakeRequests must be an integer ≥ 1, got 0');
    await expect(simulateRollout(b, g, items, { type: 'linear', stepPercent: 120, stepRequests: 5 }, [])).rejects.toThrow('policy.stepPercent');
    await expect(simulateRollout(b, g, items, { type: 'linear', stepPercent: 10, stepRequests: 1.5 }, [])).rejects.toThrow('policy.stepRequests');
    await expect(simulateRollout(b, g, items, { type: 'blue-green' } as never, [])).rejects.toThrow("policy.type must be 'all-at-once', 'canary' or 'linear'");
    await expect(simulateRollout(b, g, items, { type: 'all-at-once' }, [{ ...accuracyAlarm, window: 0 }])).rejects.toThrow("alarm 'accuracy-drop'.window must be an integer ≥ 1");
    await expect(simulateRollout(b, g, items, { type: 'all-at-once' }, [{ name: 'm', metric: 'monitor_violations', threshold: 0, window: 5 }])).rejects.toThrow('pass options.monitor');
    await expect(simulateRollout(b, g, items.slice(0, 50), { type: 'linear', stepPercent: 25, stepRequests: 30 }, [])).rejects.toThrow('the replayed file has 50 requests but this linear shift needs 90');
    await expect(simulateRollout(b, variant('blue', model(0.5)), items, { type: 'all-at-once' }, [])).rejects.toThrow('blue and green need different variant names');
  });
});
