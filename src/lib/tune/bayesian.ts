// Bayesian search: a Gaussian process (gaussian-process.ts) over the scaled space — numeric ranges on
// their [0, 1] scale, categorical ranges one-hot — and the next point where expected improvement is
// largest, found among random candidates and then refined locally around the best of them. The first few
// trials are random. Running trials count as observed at the model's own prediction (the "kriging
// believer"), so parallel trials spread out instead of all taking the same point.
import { SeededRandom } from '../ml/random.ts';
import { expectedImprovement, fitGaussianProcess, type GaussianProcess } from './gaussian-process.ts';
import { fromUnit, toUnit, type SearchDimension, type TunedValues } from './ranges.ts';
import { randomPoint } from './random.ts';
import type { Observation, SearchStrategy } from './search-strategy.ts';

/** Options of bayesianSearch. */
export interface BayesianOptions {
  /** Random trials before the model takes over; defaults to max(5, dimensions + 1). */
  initialRandom?: number;
  /** Random candidates scored per proposal; defaults to 1000. */
  candidates?: number;
  /** Observations that seed the model besides the job's own (warm start); defaults to none. */
  prior?: readonly Observation[];
}

/** The model's input for a point: numeric dimensions on their unit scale, categorical ones one-hot. */
export function encodePoint(space: readonly SearchDimension[], values: TunedValues): number[] {
  const out: number[] = [];
  for (const d of space) {
    if (d.kind === 'categorical') for (const v of d.values) out.push(String(values[d.name]) === v ? 1 : 0);
    else out.push(toUnit(d, values[d.name]));
  }
  return out;
}

const key = (v: TunedValues) => JSON.stringify(v);

/** Bayesian optimisation over `space`, reproducible for a given `seed`. */
export function bayesianSearch(space: readonly SearchDimension[], seed: number, options: BayesianOptions = {}): SearchStrategy {
  const rng = new SeededRandom(seed);
  const initial = options.initialRandom ?? Math.max(5, space.length + 1);
  const nCandidates = options.candidates ?? 1000;
  const prior = (options.prior ?? []).filter((o) => Number.isFinite(o.loss));

  const perturb = (values: TunedValues, scale: number): TunedValues => {
    const out: TunedValues = {};
    for (const d of space) {
      if (d.kind === 'categorical') {
        out[d.name] = rng.next() < 0.15 ? d.values[rng.nextInt(d.values.length)] : values[d.name];
      } else {
        // Box–Muller step on the unit scale.
        const g = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
        out[d.name] = fromUnit(d, toUnit(d, values[d.name]) + scale * g);
      }
    }
    return out;
  };

  return {
    capacity: Infinity,
    next(observed, pending) {
      const own = observed.filter((o) => Number.isFinite(o.loss));
      if (own.length + prior.length < initial) return randomPoint(space, rng);
      const data = [...prior, ...own];
      const X = data.map((o) => encodePoint(space, o.values));
      const y = data.map((o) => o.loss);
      let gp: GaussianProcess = fitGaussianProcess(X, y);
      if (pending.length > 0) {
        const Xp = pending.map((p) => encodePoint(space, p));
        gp = fitGaussianProcess([...X, ...Xp], [...y, ...Xp.map((x) => gp.predict(x).mean)], { lengthScales: gp.lengthScales, noise: gp.noise });
      }
      const best = Math.min(...y);
      const taken = new Set([...data.map((o) => key(o.values)), ...pending.map(key)]);
      const score = (v: TunedValues) => {
        if (taken.has(key(v))) return -1;
        const { mean, variance } = gp.predict(encodePoint(space, v));
        return expectedImprovement(mean, variance, best);
      };
      // Random candidates, plus steps around the best trials so far (where improvement is most often found).
      const scored: { v: TunedValues; ei: number }[] = [];
      const ranked = [...data].sort((a, b) => a.loss - b.loss).slice(0, 5);
      for (let i = 0; i < nCandidates; i++) {
        const v = i % 5 === 4 && ranked.length ? perturb(ranked[i % ranked.length].values, 0.1) : randomPoint(space, rng);
        scored.push({ v, ei: score(v) });
      }
      scored.sort((a, b) => b.ei - a.ei);
      // Local refinement: a shrinking random walk from each of the best few candidates, keeping improvements.
      let top = scored[0];
      for (const start of scored.slice(0, 5)) {
        let cur = start;
        for (let step = 0; step < 40; step++) {
          const v = perturb(cur.v, 0.1 * Math.pow(0.93, step));
          const ei = score(v);
          if (ei > cur.ei) cur = { v, ei };
        }
        if (cur.ei > top.ei) top = cur;
      }
      // Nothing new with any expected improvement (a small space fully tried): a random point.
      return top.ei > 0 ? top.v : randomPoint(space, rng);
    },
  };
}
