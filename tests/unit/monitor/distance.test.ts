import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoricalChiSquared, categoricalLInfinity, chiSquaredSurvival, numericalDistance } from '../../../src/lib/monitor/distance.ts';
import { KllSketch } from '../../../src/lib/monitor/kll.ts';

const PYTHON = '/usr/bin/python3';
const hasScipy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import scipy.stats'], { encoding: 'utf8' }).status === 0;
const scipySkip = hasScipy ? '' : ` (skipped: ${PYTHON} cannot import scipy; apt-get install python3-scipy)`;

function sketchOf(values: number[]): KllSketch {
  const s = new KllSketch();
  for (const v of values) s.update(v);
  return s;
}

/** Two-sample KS statistic by brute force over every value of either sample. */
function bruteKs(a: number[], b: number[]): number {
  let d = 0;
  for (const x of [...a, ...b]) {
    const fa = a.filter((v) => v <= x).length / a.length;
    const fb = b.filter((v) => v <= x).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe('Deequ\'s distances', () => {
  const a = [1, 2, 2, 3, 4, 5, 5, 5, 6, 9, 10, 11];
  const b = [2, 3, 3, 4, 7, 8, 8, 9, 12, 13];

  it('Simple numeric distance is the two-sample KS statistic while the sketches hold every value', () => {
    const r = numericalDistance(sketchOf(a), sketchOf(b), 'Simple');
    expect(r.simple).toBeCloseTo(bruteKs(a, b), 15);
    expect(r.value).toBe(r.simple);
    expect([r.n, r.m]).toEqual([12, 10]);
  });

  it('Robust subtracts 1.8·√((n+m)/(n·m)) and floors at 0', () => {
    const big = Array.from({ length: 2000 }, (_, i) => i);
    const shifted = big.map((v) => v + 600);
    const r = numericalDistance(sketchOf(big), sketchOf(shifted), 'Robust');
    expect(r.value).toBeCloseTo(r.simple - 1.8 * Math.sqrt(4000 / (2000 * 2000)), 14);
    expect(numericalDistance(sketchOf(a), sketchOf(b), 'Robust').value).toBe(0);
  });

  it('categorical L∞ is the largest frequency gap, over the union of categories', () => {
    const base = new Map([['a', 50], ['b', 30], ['c', 20]]);
    const cur = new Map([['a', 20], ['b', 30], ['d', 50]]);
    const r = categoricalLInfinity(base, cur, 'Simple');
    expect(r.value).toBeCloseTo(0.5, 15); // 'd': 0 vs 0.5
    expect(categoricalLInfinity(base, cur, 'Robust').value).toBeCloseTo(0.5 - 1.8 * Math.sqrt(200 / 10000), 15);
  });

  it('χ² survival matches textbook critical values (3.8415 for df 1 at 5%, 23.2093 for df 10 at 1%)', () => {
    expect(chiSquaredSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquaredSurvival(23.209251158954356, 10)).toBeCloseTo(0.01, 12);
    expect(chiSquaredSurvival(0, 3)).toBe(1);
  });

  it(`χ² survival agrees with scipy.stats.chi2.sf to 1e-12${scipySkip}`, { skip: !hasScipy }, () => {
    const grid = [[0.1, 1], [2, 2], [7.5, 3], [30, 12], [150, 99], [0.5, 40]];
    const run = spawnSync(PYTHON, ['-c', `import json,sys; from scipy.stats import chi2; print(json.dumps([chi2.sf(x,d) for x,d in ${JSON.stringify(grid)}]))`], { encoding: 'utf8' });
    const want = JSON.parse(run.stdout) as number[];
    grid.forEach(([x, df], i) => expect(Math.abs(chiSquaredSurvival(x, df) - want[i])).toBeLessThan(1e-12));
  });

  it('ChiSquared merges small expected categories as Deequ does, then tests against the baseline proportions', () => {
    // Baseline 'rare' expects 1 in 100 (< 5 and one of three categories = more than 20%): merged into 'b'.
    const base = new Map([['a', 600], ['b', 390], ['rare', 10]]);
    const cur = new Map([['a', 50], ['b', 45], ['rare', 5], ['new', 40]]);
    const r = categoricalChiSquared(base, cur);
    const e = [0.6 * 100, 0.4 * 100];
    const o = [50, 50];
    const chi = o.reduce((s, x, i) => s + ((x - e[i]) ** 2) / e[i], 0);
    expect(r.simple).toBeCloseTo(chi, 12);
    expect(r.value).toBeCloseTo(chiSquaredSurvival(chi, 1), 14);
    expect(categoricalChiSquared(new Map([['a', 5]]), cur).value).toBeNaN();
  });
});
