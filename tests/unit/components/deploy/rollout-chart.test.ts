import { describe, expect, it } from 'vitest';
import { alarmMarks, greenAccuracy, rollbackAt, shareSteps } from '../../../../src/components/deploy/rollout-chart.ts';
import type { RolloutResult } from '../../../../src/lib/engine/deploy-engine-api.ts';

const req = (greenShare: number, variant: 'blue' | 'green', correct?: boolean): RolloutResult['perRequest'][number] => ({ greenShare, variant, status: 200, latencyMs: 1, ...(correct === undefined ? {} : { correct }) });

describe('rollout chart geometry', () => {
  it('shareSteps keeps one corner per change of share and closes at the last request', () => {
    const per = [req(0.2, 'blue'), req(0.2, 'green'), req(1, 'green'), req(1, 'green'), req(0, 'blue')];
    expect(shareSteps(per)).toEqual([{ request: 0, share: 0.2 }, { request: 2, share: 1 }, { request: 4, share: 0 }, { request: 5, share: 0 }]);
    expect(shareSteps([])).toEqual([]);
  });

  it('alarmMarks and rollbackAt find the alarm and the roll-back in the events', () => {
    const events = [
      { request: 0, message: 'traffic shift started (canary)' },
      { request: 0, message: 'step 1: 20% of traffic to green for 1000 requests' },
      { request: 812, message: "alarm 'accuracy' fired: accuracy 0.52 < 0.6 over the last 200 green requests" },
      { request: 812, message: 'rolled back: all traffic to blue' },
    ];
    expect(alarmMarks(events)).toEqual([events[2]]);
    expect(rollbackAt(events)).toBe(812);
    expect(rollbackAt(events.slice(0, 2))).toBeNull();
  });

  it('greenAccuracy is the share right over green\'s last `window` labelled requests', () => {
    const per = [req(0.5, 'green', true), req(0.5, 'blue', false), req(0.5, 'green', false), req(0.5, 'green'), req(0.5, 'green', false), req(0.5, 'green', true)];
    expect(greenAccuracy(per, 2)).toEqual([{ request: 0, value: 1 }, { request: 2, value: 0.5 }, { request: 4, value: 0 }, { request: 5, value: 0.5 }]);
  });
});
