// Traffic shifting from a blue fleet to a green one, simulated over a replayed labelled file, as
// SageMaker's deployment guardrails run a blue/green update: all at once, canary (a share of traffic
// for a baking period, then the rest) or linear (equal steps, each baked). Alarms watch the green
// fleet; one that fires during a step or the final bake sends all traffic back to blue at once
// (auto-rollback), and the rest of the file goes to blue. After the last step the whole fleet bakes for
// `finalBakeRequests` more requests before the shift completes (SageMaker's TerminationWait), and the
// rest of the file goes to green.
//
// Alarms are evaluated as CloudWatch does with too few datapoints: not at all until the green fleet has
// served `window` requests, then after every green request over its last `window` (monitor_violations:
// once per `window` green requests, over those, as a monitoring schedule would). accuracy fires below
// its threshold, every other metric above. Answers that are not 2xx count toward error_rate only.
import { Endpoint, type EndpointVariant } from './endpoint.ts';
import { quantileSorted } from '../profile/quantile.ts';
import type { ReplayItem } from './replay.ts';

export type ShiftPolicy =
  | { type: 'all-at-once' }
  | { type: 'canary'; canaryPercent: number; bakeRequests: number }
  | { type: 'linear'; stepPercent: number; stepRequests: number };

export interface Alarm {
  name: string;
  /** error_rate: share of non-2xx answers; latency_p99: ms; accuracy: share correct among labelled rows; rmse: of score against a numeric label; monitor_violations: options.monitor's count. */
  metric: 'error_rate' | 'latency_p99' | 'accuracy' | 'rmse' | 'monitor_violations';
  threshold: number;
  /** evaluated over the last N requests to the new fleet */
  window: number;
}

export interface RolloutStep {
  index: number;
  greenPercent: number;
  /** Requests served during the step. */
  requests: number;
  greenRequests: number;
  /** Each alarm's metric at the end of the step over the last min(window, green requests so far); null without data. */
  metrics: Record<string, number | null>;
  /** The alarm that fired during the step, if one did. */
  alarm: string | null;
}

export interface RolloutResult {
  steps: RolloutStep[];
  events: { request: number; message: string }[];
  outcome: 'completed' | 'rolled-back';
  /** One per replayed item, in order. `correct`: every labelled row right (absent without labelled rows or for an error answer). */
  perRequest: { greenShare: number; variant: 'blue' | 'green'; status: number; latencyMs: number; correct?: boolean }[];
}

export interface RolloutOptions {
  /** Seed of the traffic split; defaults to 0. */
  seed?: number;
  /** Requests the whole green fleet serves, alarms armed, before the shift completes; defaults to the largest alarm window (0 without alarms). */
  finalBakeRequests?: number;
  /** Violations found in these table rows of the green fleet's traffic (e.g. a Model Monitor check); needed by monitor_violations alarms. */
  monitor?: (rows: number[]) => number;
  /** Called as each step ends (also the step an alarm ended). */
  onStep?: (step: RolloutStep) => void;
  /** Monotonic milliseconds used to time each request; defaults to performance.now. */
  clock?: () => number;
}

const METRICS: readonly Alarm['metric'][] = ['error_rate', 'latency_p99', 'accuracy', 'rmse', 'monitor_violations'];

function checkCount(fn: string, field: string, x: unknown, min: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) throw new RangeError(`${fn}: ${field} must be an integer ≥ ${min}, got ${String(x)}.`);
  return x;
}

function checkShare(fn: string, field: string, x: unknown): number {
  if (typeof x !== 'number' || !(x > 0 && x <= 100)) throw new RangeError(`${fn}: ${field} must be a percentage in (0, 100], got ${String(x)}.`);
  return x;
}

/** The policy's steps as [green percent, requests]; the last is the full fleet's final bake. */
function stepsOf(fn: string, policy: ShiftPolicy, finalBake: number): [number, number][] {
  if (policy === null || typeof policy !== 'object') throw new TypeError(`${fn}: policy must be { type: 'all-at-once' | 'canary' | 'linear', … }.`);
  if (policy.type === 'all-at-once') return [[100, finalBake]];
  if (policy.type === 'canary') {
    return [[checkShare(fn, 'policy.canaryPercent', policy.canaryPercent), checkCount(fn, 'policy.bakeRequests', policy.bakeRequests, 1)], [100, finalBake]];
  }
  if (policy.type === 'linear') {
    const step = checkShare(fn, 'policy.stepPercent', policy.stepPercent);
    const requests = checkCount(fn, 'policy.stepRequests', policy.stepRequests, 1);
    const out: [number, number][] = [];
    for (let k = 1; k * step < 100 - 1e-9; k++) out.push([Number((k * step).toPrecision(12)), requests]);
    out.push([100, finalBake]);
    return out;
  }
  throw new RangeError(`${fn}: policy.type must be 'all-at-once', 'canary' or 'linear', got ${String((policy as { type?: unknown }).type)}.`);
}

function describe(policy: ShiftPolicy, finalBake: number): string {
  const bake = `final bake ${finalBake} requests`;
  if (policy.type === 'canary') return `canary: ${policy.canaryPercent}% for ${policy.bakeRequests} requests, then 100%, ${bake}`;
  if (policy.type === 'linear') return `linear: steps of ${policy.stepPercent}% every ${policy.stepRequests} requests, ${bake}`;
  return `all at once, ${bake}`;
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));

/** What one green request left for the alarms. */
interface GreenResult { ok: boolean; latencyMs: number; correct: number; labelled: number; sqError: number; scored: number; rows: number[] }

function metricOf(alarm: Alarm, window: readonly GreenResult[], monitor: RolloutOptions['monitor']): number | null {
  if (window.length === 0) return null;
  const sum = (f: (g: GreenResult) => number) => window.reduce((s, g) => s + f(g), 0);
  switch (alarm.metric) {
    case 'error_rate': return sum((g) => (g.ok ? 0 : 1)) / window.length;
    case 'latency_p99': return quantileSorted(Float64Array.from(window, (g) => g.latencyMs).sort(), 0.99);
    case 'accuracy': { const n = sum((g) => g.labelled); return n === 0 ? null : sum((g) => g.correct) / n; }
    case 'rmse': { const n = sum((g) => g.scored); return n === 0 ? null : Math.sqrt(sum((g) => g.sqError) / n); }
    case 'monitor_violations': return (monitor as (rows: number[]) => number)(window.flatMap((g) => g.rows));
  }
}

const fires = (alarm: Alarm, value: number | null) => value !== null && (alarm.metric === 'accuracy' ? value < alarm.threshold : value > alarm.threshold);

/** Simulates shifting traffic from `blue` to `green` over `items`, in order; see the file comment. */
export async function simulateRollout(blue: EndpointVariant, green: EndpointVariant, items: readonly ReplayItem[], policy: ShiftPolicy, alarms: readonly Alarm[], options: RolloutOptions = {}): Promise<RolloutResult> {
  const fn = 'simulateRollout';
  if (!Array.isArray(items)) throw new TypeError(`${fn}: items must be an array of replayed requests (see replayRequests).`);
  if (!Array.isArray(alarms)) throw new TypeError(`${fn}: alarms must be an array (empty for none).`);
  const names = new Set<string>();
  for (const a of alarms) {
    if (a === null || typeof a !== 'object' || typeof a.name !== 'string' || a.name === '') throw new TypeError(`${fn}: each alarm needs a non-empty name.`);
    if (names.has(a.name)) throw new RangeError(`${fn}: alarm names must be unique; '${a.name}' appears twice.`);
    names.add(a.name);
    if (!METRICS.includes(a.metric)) throw new RangeError(`${fn}: alarm '${a.name}' has metric '${String(a.metric)}'; use one of ${METRICS.join(', ')}.`);
    if (typeof a.threshold !== 'number' || !Number.isFinite(a.threshold)) throw new RangeError(`${fn}: alarm '${a.name}' needs a finite threshold, got ${String(a.threshold)}.`);
    checkCount(fn, `alarm '${a.name}'.window`, a.window, 1);
    if (a.metric === 'monitor_violations' && typeof options.monitor !== 'function') throw new TypeError(`${fn}: alarm '${a.name}' watches monitor_violations; pass options.monitor.`);
  }
  const finalBake = checkCount(fn, 'options.finalBakeRequests', options.finalBakeRequests ?? Math.max(0, ...alarms.map((a) => a.window)), 0);
  const plan = stepsOf(fn, policy, finalBake);
  const needed = plan.reduce((s, [, r]) => s + r, 0);
  if (items.length < needed) {
    throw new RangeError(`${fn}: the replayed file has ${items.length} requests but this ${policy.type} shift needs ${needed} (steps and final bake); use a larger file or fewer requests per step.`);
  }
  if (blue?.name === green?.name) throw new RangeError(`${fn}: blue and green need different variant names; both are '${String(blue?.name)}'.`);
  const endpoint = new Endpoint('rollout', [{ ...blue, weight: 100 }, { ...green, weight: 0 }], { seed: options.seed ?? 0, clock: options.clock, logLimit: 1 });
  const setGreen = (p: number) => endpoint.updateWeights({ [blue.name]: 100 - p, [green.name]: p });

  const steps: RolloutStep[] = [];
  const events: RolloutResult['events'] = [];
  const perRequest: RolloutResult['perRequest'] = [];
  const greenResults: GreenResult[] = [];
  let state: 'shifting' | 'completed' | 'rolled-back' = 'shifting';
  let greenPercent = 0;
  let stepIndex = -1;
  let inStep = 0;
  const lastWindow = (n: number) => greenResults.slice(Math.max(0, greenResults.length - n));
  const endStep = () => {
    const step = steps[stepIndex];
    for (const a of alarms) step.metrics[a.name] = metricOf(a, lastWindow(a.window), options.monitor);
    options.onStep?.(step);
  };
  const startStep = (request: number) => {
    stepIndex++;
    const [percent, requests] = plan[stepIndex];
    greenPercent = percent;
    setGreen(percent);
    inStep = 0;
    steps.push({ index: stepIndex, greenPercent: percent, requests: 0, greenRequests: 0, metrics: {}, alarm: null });
    const bake = stepIndex === plan.length - 1 ? ` (final bake of ${requests} requests)` : ` for ${requests} requests`;
    events.push({ request, message: `step ${stepIndex + 1}: ${percent}% of traffic to green${bake}` });
  };
  /** Moves past finished steps before request `i`; completes the shift after the last. */
  const advance = (i: number) => {
    while (state === 'shifting' && inStep >= plan[stepIndex][1]) {
      endStep();
      if (stepIndex === plan.length - 1) {
        state = 'completed';
        events.push({ request: i, message: 'completed: all traffic on green' });
      } else startStep(i);
    }
  };

  events.push({ request: 0, message: `traffic shift started (${describe(policy, finalBake)})` });
  startStep(0);
  for (let i = 0; i < items.length; i++) {
    advance(i);
    const item = items[i];
    const answer = await endpoint.invoke(item.request);
    const isGreen = answer.variant === green.name;
    const ok = answer.status >= 200 && answer.status < 300;
    const labels = item.labels ?? (item.label !== undefined ? [item.label] : []);
    const g: GreenResult = { ok, latencyMs: answer.latencyMs, correct: 0, labelled: 0, sqError: 0, scored: 0, rows: Array.from({ length: item.rows ?? 1 }, (_, k) => item.row + k) };
    if (ok) {
      answer.records.forEach((r, k) => {
        const label = labels[k];
        if (label === null || label === undefined) return;
        if (r.predicted_label !== undefined) { g.labelled++; if (String(r.predicted_label) === String(label)) g.correct++; }
        if (typeof r.score === 'number' && Number.isFinite(Number(label))) { g.scored++; g.sqError += (r.score - Number(label)) ** 2; }
      });
    }
    perRequest.push({ greenShare: greenPercent / 100, variant: isGreen ? 'green' : 'blue', status: answer.status, latencyMs: answer.latencyMs, ...(g.labelled > 0 ? { correct: g.correct === g.labelled } : {}) });
    if (state !== 'shifting') continue;
    inStep++;
    const step = steps[stepIndex];
    step.requests++;
    if (!isGreen) continue;
    step.greenRequests++;
    greenResults.push(g);
    for (const a of alarms) {
      if (greenResults.length < a.window) continue;
      if (a.metric === 'monitor_violations' && greenResults.length % a.window !== 0) continue;
      const value = metricOf(a, lastWindow(a.window), options.monitor);
      if (!fires(a, value)) continue;
      step.alarm = a.name;
      const op = a.metric === 'accuracy' ? '<' : '>';
      events.push({ request: i, message: `alarm '${a.name}' fired: ${a.metric} ${fmt(value as number)} ${op} ${fmt(a.threshold)} over the last ${a.window} green requests` });
      setGreen(0);
      greenPercent = 0;
      state = 'rolled-back';
      events.push({ request: i, message: 'rolled back: all traffic to blue' });
      endStep();
      break;
    }
  }
  advance(items.length);
  return { steps, events, outcome: state === 'rolled-back' ? 'rolled-back' : 'completed', perRequest };
}
