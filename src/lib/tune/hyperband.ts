// Hyperband (Li et al., JMLR 2018) as SageMaker runs it: brackets of successive halving over a resource
// (boosting rounds, epochs) between MinResource and MaxResource with reduction factor η = 3. Every trial
// trains towards MaxResource; at each rung of its bracket (r_i rounds done) it goes on only if it is among
// the best 1/η of the trials that reached that rung before it and its rung still has room (the paper's
// n_{i+1}); otherwise the job stops it (status Stopped), as SageMaker's Hyperband stops training jobs.
// Decisions are made as trials report, asynchronously (ASHA-style), so parallel trials never wait.
import type { RawHyperparameters } from '../ml/hyperparameters.ts';
import type { AnyEstimator } from '../ml/registry.ts';

/** One bracket: its index s, the trials entering each rung (n_i) and the resource at each rung (r_i). */
export interface HyperbandBracket {
  s: number;
  n: number[];
  r: number[];
}

/** SageMaker's reduction factor. */
export const HYPERBAND_ETA = 3;

/** The brackets for resources `min`…`max` and factor `eta` (default 3), most aggressive first; min 1 / max 81 gives the paper's Table 1. */
export function hyperbandBrackets(min: number, max: number, eta = HYPERBAND_ETA): HyperbandBracket[] {
  if (!(Number.isInteger(min) && min >= 1 && Number.isInteger(max) && max >= min)) {
    throw new RangeError(`Hyperband needs whole-number resources with 1 <= MinResource <= MaxResource; got MinResource ${min}, MaxResource ${max}`);
  }
  const sMax = Math.floor(Math.log(max / min) / Math.log(eta) + 1e-9);
  const out: HyperbandBracket[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n0 = Math.ceil(((sMax + 1) / (s + 1)) * Math.pow(eta, s) - 1e-9);
    const n: number[] = [];
    const r: number[] = [];
    for (let i = 0; i <= s; i++) {
      n.push(Math.floor(n0 * Math.pow(eta, -i) + 1e-9));
      r.push(Math.max(min, Math.round(max * Math.pow(eta, i - s))));
    }
    out.push({ s, n, r });
  }
  return out;
}

/** The decision at a rung. */
export type RungDecision = 'continue' | 'stop';

/** Hands trials to brackets and decides at each rung whether a trial goes on. */
export class HyperbandSchedule {
  readonly brackets: HyperbandBracket[];
  private readonly assigned: number[];
  /** Per bracket and rung: the losses recorded there and how many trials went on past it. */
  private readonly rungs: { losses: number[]; promoted: number }[][];
  private readonly bracketOf = new Map<string, number>();

  constructor(min: number, max: number, readonly eta = HYPERBAND_ETA) {
    this.brackets = hyperbandBrackets(min, max, eta);
    this.assigned = this.brackets.map(() => 0);
    this.rungs = this.brackets.map((b) => b.r.map(() => ({ losses: [], promoted: 0 })));
  }

  /** Trials in the full plan (the sum of every bracket's n_0). */
  get plannedTrials(): number {
    return this.brackets.reduce((a, b) => a + b.n[0], 0);
  }

  /** Places trial `id` in the least-filled bracket (the most aggressive on ties); returns its index s, or null once every bracket is full. */
  assign(id: string): number | null {
    let pick = -1;
    for (let k = 0; k < this.brackets.length; k++) {
      if (this.assigned[k] >= this.brackets[k].n[0]) continue;
      if (pick < 0 || this.assigned[k] / this.brackets[k].n[0] < this.assigned[pick] / this.brackets[pick].n[0]) pick = k;
    }
    if (pick < 0) return null;
    this.assigned[pick]++;
    this.bracketOf.set(id, pick);
    return this.brackets[pick].s;
  }

  /** After `resource` rounds of trial `id` with loss `loss`: stop at a rung it does not pass, else continue. */
  observe(id: string, resource: number, loss: number): RungDecision {
    const k = this.bracketOf.get(id);
    if (k === undefined) return 'continue';
    const b = this.brackets[k];
    const i = b.r.indexOf(resource);
    if (i < 0 || i === b.r.length - 1) return 'continue';
    const rung = this.rungs[k][i];
    const better = rung.losses.filter((x) => x < loss).length;
    const reached = rung.losses.length + 1;
    rung.losses.push(loss);
    // In the best 1/η of the trials that have reached this rung, itself included (so the first goes on), with room left above.
    const passes = Number.isFinite(loss) && better < Math.ceil(reached / this.eta) && rung.promoted < b.n[i + 1];
    if (passes) rung.promoted++;
    return passes ? 'continue' : 'stop';
  }
}

/**
 * The hyperparameter that sets the algorithm's rounds or epochs (Hyperband's resource), found by asking
 * the estimator how many rounds a value gives, and its current value under `given`; undefined when none.
 */
export function resourceParameter(estimator: AnyEstimator, given: RawHyperparameters): { name: string; value: number } | undefined {
  let base: number;
  try { base = estimator.rounds(estimator.resolve(given)); } catch { return undefined; }
  for (const spec of estimator.schema) {
    if (spec.type !== 'int') continue;
    const probe = base + 7;
    try {
      if (estimator.rounds(estimator.resolve({ ...given, [spec.name]: probe })) === probe) return { name: spec.name, value: base };
    } catch { /* not this one */ }
  }
  return undefined;
}
