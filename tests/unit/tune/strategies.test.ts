import { describe, expect, it } from 'vitest';
import type { HyperparameterSpec } from '../../../src/lib/ml/hyperparameters.ts';
import { getAlgorithm } from '../../../src/lib/ml/registry.ts';
import { bayesianSearch } from '../../../src/lib/tune/bayesian.ts';
import { expectedImprovement, fitGaussianProcess } from '../../../src/lib/tune/gaussian-process.ts';
import { gridSearch } from '../../../src/lib/tune/grid.ts';
import { hyperbandBrackets, HyperbandSchedule, resourceParameter } from '../../../src/lib/tune/hyperband.ts';
import { randomSearch } from '../../../src/lib/tune/random.ts';
import { searchSpace, type TunedValues } from '../../../src/lib/tune/ranges.ts';
import type { Observation, SearchStrategy } from '../../../src/lib/tune/search-strategy.ts';

const xgb = getAlgorithm('xgboost').schema;

describe('Grid', () => {
  it('runs every combination once, in order, and then has none left', () => {
    const space = searchSpace(xgb, { CategoricalParameterRanges: [{ Name: 'max_depth', Values: ['2', '4', '6'] }, { Name: 'grow_policy', Values: ['depthwise', 'lossguide'] }] });
    const g = gridSearch(space);
    expect(g.capacity).toBe(6);
    const got: TunedValues[] = [];
    for (let v = g.next([], []); v; v = g.next([], [])) got.push(v);
    expect(got.map((v) => `${v.max_depth}/${v.grow_policy}`)).toEqual(['2/depthwise', '2/lossguide', '4/depthwise', '4/lossguide', '6/depthwise', '6/lossguide']);
  });
  it('refuses a continuous range, saying Grid needs categorical values', () => {
    const space = searchSpace(xgb, { ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.1, MaxValue: 0.3 }] });
    expect(() => gridSearch(space)).toThrow('the Grid strategy needs categorical values, but eta has a continuous range 0.1:0.3; list the values to try (--range eta=a,b,c) or choose the Random or Bayesian strategy');
  });
});

describe('Random', () => {
  it('the same RandomSeed proposes the same trials; another seed others; values stay in range', () => {
    const space = searchSpace(xgb, { ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.01, MaxValue: 0.3, ScalingType: 'Logarithmic' }], IntegerParameterRanges: [{ Name: 'max_depth', MinValue: 2, MaxValue: 8 }] });
    const draw = (seed: number) => { const r = randomSearch(space, seed); return Array.from({ length: 20 }, () => r.next([], [])!); };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
    for (const v of draw(7)) {
      expect(v.eta as number).toBeGreaterThanOrEqual(0.01);
      expect(v.eta as number).toBeLessThanOrEqual(0.3);
      expect(Number.isInteger(v.max_depth)).toBe(true);
    }
  });
});

describe('Gaussian process', () => {
  const f = (x: number) => Math.sin(6 * x) + 0.5 * x;
  const X = [0.05, 0.2, 0.4, 0.55, 0.7, 0.9].map((x) => [x]);
  const y = X.map(([x]) => f(x));
  it('with a tiny noise the posterior mean interpolates the observations within 1e-6 and their variance is ~0', () => {
    const gp = fitGaussianProcess(X, y, { noise: 1e-10 });
    for (let i = 0; i < X.length; i++) {
      const p = gp.predict(X[i]);
      expect(Math.abs(p.mean - y[i])).toBeLessThan(1e-6);
      expect(p.variance).toBeLessThan(1e-9);
    }
    // Between observations the model is uncertain, and close to the smooth function.
    expect(gp.predict([0.3]).variance).toBeGreaterThan(1e-4);
    expect(Math.abs(gp.predict([0.3]).mean - f(0.3))).toBeLessThan(0.15);
  });
  it('expected improvement is 0 at the observed best without noise, and positive in unexplored gaps', () => {
    const gp = fitGaussianProcess(X, y, { noise: 0 });
    const best = Math.min(...y);
    const at = X[y.indexOf(best)];
    const p = gp.predict(at);
    expect(expectedImprovement(p.mean, p.variance, best)).toBeLessThan(1e-9);
    const q = gp.predict([0.8]);
    expect(expectedImprovement(q.mean, q.variance, best)).toBeGreaterThan(1e-6);
  });
});

// Branin over x1 ∈ [-5, 10], x2 ∈ [0, 15]; global minimum 0.397887.
const BRANIN_MIN = 0.397887;
function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}
const fake: HyperparameterSpec[] = [
  { name: 'x1', sagemakerName: 'x1', type: 'float', default: 0, min: -5, max: 10, help: '' },
  { name: 'x2', sagemakerName: 'x2', type: 'float', default: 0, min: 0, max: 15, help: '' },
];
const brSpace = searchSpace(fake, { ContinuousParameterRanges: [{ Name: 'x1', MinValue: -5, MaxValue: 10 }, { Name: 'x2', MinValue: 0, MaxValue: 15 }] });
function bestRegret(s: SearchStrategy, trials: number): number {
  const obs: Observation[] = [];
  for (let i = 0; i < trials; i++) {
    const v = s.next(obs, [])!;
    obs.push({ values: v, loss: branin(v.x1 as number, v.x2 as number) });
  }
  return Math.min(...obs.map((o) => o.loss)) - BRANIN_MIN;
}
const median = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return (s[4] + s[5]) / 2; };

describe('Bayesian against Random', () => {
  it('Branin, 30 trials, 10 seeds: the median best regret of Bayesian is lower than Random\'s (and below 0.5)', () => {
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    const bayes = seeds.map((s) => bestRegret(bayesianSearch(brSpace, s), 30));
    const random = seeds.map((s) => bestRegret(randomSearch(brSpace, s), 30));
    console.log(`Branin regret, median of 10 seeds: Bayesian ${median(bayes).toFixed(4)}, Random ${median(random).toFixed(4)}`);
    expect(median(bayes)).toBeLessThan(median(random));
    expect(median(bayes)).toBeLessThan(0.5);
  }, 120_000);
  it('the same seed proposes the same Bayesian trials', () => {
    const run = () => { const s = bayesianSearch(brSpace, 3); const obs: Observation[] = []; for (let i = 0; i < 8; i++) { const v = s.next(obs, [])!; obs.push({ values: v, loss: branin(v.x1 as number, v.x2 as number) }); } return obs; };
    expect(run()).toEqual(run());
  }, 30_000);
});

describe('Hyperband', () => {
  it('min 1 / max 81 / η 3 gives the brackets of Li et al. (2018), Table 1', () => {
    const b = hyperbandBrackets(1, 81, 3);
    expect(b.map((x) => x.s)).toEqual([4, 3, 2, 1, 0]);
    expect(b.map((x) => x.n)).toEqual([[81, 27, 9, 3, 1], [34, 11, 3, 1], [15, 5, 1], [8, 2], [5]]);
    expect(b.map((x) => x.r)).toEqual([[1, 3, 9, 27, 81], [3, 9, 27, 81], [9, 27, 81], [27, 81], [81]]);
    expect(new HyperbandSchedule(1, 81).plannedTrials).toBe(143);
  });
  it('hands trials to brackets until each holds its n_0, then has no room', () => {
    const h = new HyperbandSchedule(1, 9); // s=2: n 9,3,1; s=1: n 5,1; s=0: n 3
    const per = new Map<number, number>();
    for (let i = 0; i < h.plannedTrials; i++) { const s = h.assign(`t${i}`)!; per.set(s, (per.get(s) ?? 0) + 1); }
    expect(h.plannedTrials).toBe(17);
    expect([...per.entries()].sort()).toEqual([[0, 3], [1, 5], [2, 9]]);
    expect(h.assign('one-more')).toBeNull();
  });
  it('a rung passes at most n_{i+1} trials, only those in the best 1/η so far, and the first always', () => {
    const better = new HyperbandSchedule(1, 9, 3);
    const ids = Array.from({ length: 17 }, (_, i) => `t${i}`).filter((id) => better.assign(id) === 2);
    expect(ids.length).toBe(9);
    // Falling losses (each the best so far): the first 3 go on, then rung 1 (n_1 = 3) is full.
    expect(ids.map((id, i) => better.observe(id, 1, 10 - i))).toEqual(['continue', 'continue', 'continue', 'stop', 'stop', 'stop', 'stop', 'stop', 'stop']);
    const worse = new HyperbandSchedule(1, 9, 3);
    const ids2 = Array.from({ length: 17 }, (_, i) => `t${i}`).filter((id) => worse.assign(id) === 2);
    // Rising losses: only the first goes on; the 4th is not in the best third of 4 either.
    expect(ids2.slice(0, 4).map((id, i) => worse.observe(id, 1, i))).toEqual(['continue', 'stop', 'stop', 'stop']);
    // Rounds that are not rungs never stop a trial.
    expect(worse.observe(ids2[5], 2, 99)).toBe('continue');
  });
  it('finds the resource hyperparameter of each algorithm by asking it for its rounds', () => {
    expect(resourceParameter(getAlgorithm('xgboost'), {})).toEqual({ name: 'num_round', value: 100 });
    expect(resourceParameter(getAlgorithm('linear-learner'), {})?.name).toBe('epochs');
    expect(resourceParameter(getAlgorithm('xgboost'), { num_round: 30 })).toEqual({ name: 'num_round', value: 30 });
  });
});
