import { describe, expect, it } from 'vitest';
import { autoSamples, planCoalitions } from '../../../../src/lib/clarify/shap/coalitions.ts';
import { solveConstrained } from '../../../../src/lib/clarify/shap/constrained-wls.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

function sizes(masks: Uint8Array, m: number, count: number): number[] {
  return Array.from({ length: count }, (_, s) => masks.subarray(s * m, (s + 1) * m).reduce((a, b) => a + b, 0));
}

describe('planCoalitions', () => {
  it('enumerates all 2^M − 2 coalitions once when the budget allows, with Shapley kernel weights summing to 1 (1e-12)', () => {
    for (const m of [2, 3, 4, 5, 8]) {
      const p = planCoalitions(m, autoSamples(m), new SeededRandom(0));
      expect(p.count).toBe(2 ** m - 2);
      expect(new Set(Array.from({ length: p.count }, (_, s) => p.masks.subarray(s * m, (s + 1) * m).join(''))).size).toBe(p.count);
      expect(Math.abs(p.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      // Relative kernel weight of a coalition of size s: (M − 1) / (C(M, s) s (M − s)), up to one constant.
      const size = sizes(p.masks, m, p.count);
      const c = (n: number, k: number): number => (k === 0 ? 1 : (c(n, k - 1) * (n - k + 1)) / k);
      const ratio = p.weights.map((w, s) => w / ((m - 1) / (c(m, size[s]) * size[s] * (m - size[s]))));
      expect(Math.max(...ratio) - Math.min(...ratio)).toBeLessThan(1e-12 * Math.max(...ratio));
      expect(p.fraction).toBe(1);
    }
  });

  it('enumerates the small sizes of 12 features and samples the rest in complementary pairs within the budget', () => {
    const p = planCoalitions(12, 500, new SeededRandom(4));
    expect(p.count).toBeLessThanOrEqual(500);
    expect(p.count).toBeGreaterThan(450);
    const size = sizes(p.masks, 12, p.count);
    // sizes 1 and 11 (24 coalitions) and 2 and 10 (132) fit: (500 − 24) · their kernel share ≥ 132.
    expect(size.slice(0, 24).every((s) => s === 1 || s === 11)).toBe(true);
    expect(size.slice(24, 156).every((s) => s === 2 || s === 10)).toBe(true);
    // Drawn sizes 3–5 come with their complement next; size 6 (its own complement's size) comes alone.
    for (let s = 156; s < p.count;) {
      expect(size[s]).toBeGreaterThanOrEqual(3);
      expect(size[s]).toBeLessThanOrEqual(6);
      if (size[s] < 6 && s + 1 < p.count) { expect(size[s] + size[s + 1]).toBe(12); s += 2; } else s++;
    }
    expect(Math.abs(p.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  });

  it('refuses fewer than 2 players', () => {
    expect(() => planCoalitions(1, 10, new SeededRandom(0))).toThrow(/m ≥ 2/);
  });
});

describe('solveConstrained', () => {
  it('recovers additive values exactly (1e-12) from a sampled plan', () => {
    const m = 4;
    const phi = [0.5, -1.25, 2, 0.75];
    const p = planCoalitions(m, 14, new SeededRandom(0));
    const ey = Float64Array.from({ length: p.count }, (_, s) => phi.reduce((a, v, j) => a + v * p.masks[s * m + j], 0));
    const out = new Float64Array(m);
    solveConstrained(p.masks, p.weights, p.count, m, ey, Float64Array.of(2), 1, out);
    for (let j = 0; j < m; j++) expect(Math.abs(out[j] - phi[j])).toBeLessThan(1e-12);
  });

  it('falls back to the pseudo-inverse when two features never separate, as numpy pinv (1e-12)', () => {
    // Features 0 and 1 are always together: the normal matrix is singular. Expected: numpy's
    // pinv(EᵀWE) EᵀW y on the same eliminated system (shap's fallback), computed once with /usr/bin/python3.
    const masks = Uint8Array.from([1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1]);
    const out = new Float64Array(4);
    solveConstrained(masks, Float64Array.from([1, 2, 1, 1, 1]), 5, 4, Float64Array.from([1, 2, 0.5, 2.5, 1]), Float64Array.of(3), 1, out);
    const numpy = [0.6363636363636369, 0.6363636363636367, 0.6363636363636357, 1.0909090909090908];
    for (let j = 0; j < 4; j++) expect(Math.abs(out[j] - numpy[j])).toBeLessThan(1e-12);
    expect(Math.abs(out.reduce((a, b) => a + b, 0) - 3)).toBeLessThan(1e-12);
  });
});
