// What the traffic-shift chart draws, from a simulated roll-out: green's share of traffic as a step line
// (one point where the share changes, not one per request), the requests where an alarm fired and where
// traffic went back to blue, and green's running accuracy over its own requests when labels were known.
import type { RolloutResult } from '../../lib/engine/deploy-engine-api.ts';

/** A point of the step line: from request `request` on, green has `share` (0..1) of the traffic. */
export interface SharePoint {
  request: number;
  share: number;
}

/** The share line's corners: the first request, every change, and the end (request = perRequest.length). */
export function shareSteps(perRequest: RolloutResult['perRequest']): SharePoint[] {
  const out: SharePoint[] = [];
  for (let i = 0; i < perRequest.length; i++) {
    const s = perRequest[i].greenShare;
    if (out.length === 0 || out[out.length - 1].share !== s) out.push({ request: i, share: s });
  }
  if (out.length) out.push({ request: perRequest.length, share: out[out.length - 1].share });
  return out;
}

/** Requests where an alarm fired, with the event's sentence. */
export function alarmMarks(events: RolloutResult['events']): { request: number; message: string }[] {
  return events.filter((e) => e.message.startsWith('alarm'));
}

/** The request at which traffic went back to blue; null when it did not. */
export function rollbackAt(events: RolloutResult['events']): number | null {
  return events.find((e) => e.message.startsWith('rolled back'))?.request ?? null;
}

/**
 * Green's accuracy over its last `window` labelled requests, at each green request (request index, value);
 * [] without labelled green answers. Shows why the alarm fired.
 */
export function greenAccuracy(perRequest: RolloutResult['perRequest'], window: number): { request: number; value: number }[] {
  const out: { request: number; value: number }[] = [];
  const recent: number[] = [];
  let sum = 0;
  for (let i = 0; i < perRequest.length; i++) {
    const r = perRequest[i];
    if (r.variant !== 'green' || r.correct === undefined) continue;
    const c = r.correct ? 1 : 0;
    recent.push(c);
    sum += c;
    if (recent.length > window) sum -= recent.shift()!;
    out.push({ request: i, value: sum / recent.length });
  }
  return out;
}
