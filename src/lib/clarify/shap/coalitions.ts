// Which feature coalitions Kernel SHAP evaluates, and with what weight, following shap's
// KernelExplainer.explain: subset sizes are weighted by the Shapley kernel (M − 1) / (s (M − s)), a size
// and its complement counted together; sizes are enumerated in full (both complements) from the
// smallest while the remaining budget covers every subset of that size, and the rest of the budget is
// drawn at random (size by the remaining kernel weight, then a uniform subset of that size, plus its
// complement), a repeated draw adding weight to the coalition it repeats instead of a new row.
import type { SeededRandom } from '../../ml/random.ts';

/** The evaluated coalitions of one explained row. */
export interface CoalitionPlan {
  /** Number of varying features (the players). */
  m: number;
  /** Coalitions planned (≤ the budget; shap may stop short when its draws keep repeating). */
  count: number;
  /** count × m row-major; 1 = the feature takes the explained row's value, 0 = the baseline's. */
  masks: Uint8Array;
  /** Kernel weight of each coalition (enumerated sizes at their exact share, sampled ones summing to the rest). */
  weights: Float64Array;
  /** Budget used over all 2^m − 2 coalitions (shap's fraction_evaluated). */
  fraction: number;
}

/** shap's default budget: 2M + 2048. */
export function autoSamples(m: number): number {
  return 2 * m + 2048;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Calls `visit` with every k-subset of 0..m−1 written into `mask` (lexicographic, as itertools.combinations). */
function forEachSubset(m: number, k: number, mask: Uint8Array, visit: () => void): void {
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    mask.fill(0);
    for (const i of idx) mask[i] = 1;
    visit();
    let i = k - 1;
    while (i >= 0 && idx[i] === m - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

/**
 * Coalitions for `m` ≥ 2 varying features with a budget of `samples` (capped at 2^m − 2), drawing with
 * `rng`. The same rng state gives the same plan.
 */
export function planCoalitions(m: number, samples: number, rng: SeededRandom): CoalitionPlan {
  if (!(m >= 2)) throw new RangeError(`planCoalitions needs m ≥ 2 varying features; got ${m}`);
  const maxSamples = m <= 30 ? 2 ** m - 2 : 2 ** 30;
  const budget = Math.min(Math.floor(samples), maxSamples);
  const masks = new Uint8Array(budget * m);
  const weights = new Float64Array(budget);
  let count = 0;
  const add = (mask: Uint8Array, w: number) => { masks.set(mask, count * m); weights[count++] = w; };

  const sizes = Math.ceil((m - 1) / 2);
  const paired = Math.floor((m - 1) / 2);
  const kernel = new Float64Array(sizes);
  for (let s = 1; s <= sizes; s++) kernel[s - 1] = ((m - 1) / (s * (m - s))) * (s <= paired ? 2 : 1);
  const kernelSum = kernel.reduce((a, b) => a + b, 0);
  for (let i = 0; i < sizes; i++) kernel[i] /= kernelSum;

  // Enumerate whole sizes while the budget, spread by the remaining kernel weight, covers them.
  const remaining = kernel.slice();
  let full = 0;
  let left = budget;
  const mask = new Uint8Array(m);
  for (let s = 1; s <= sizes; s++) {
    const subsets = binomial(m, s) * (s <= paired ? 2 : 1);
    if (!((left * remaining[s - 1]) / subsets >= 1 - 1e-8)) break;
    full++;
    left -= subsets;
    if (remaining[s - 1] < 1) {
      const scale = 1 - remaining[s - 1];
      for (let i = 0; i < sizes; i++) remaining[i] /= scale;
    }
    const w = kernel[s - 1] / subsets;
    forEachSubset(m, s, mask, () => {
      add(mask, w);
      if (s <= paired) { for (let j = 0; j < m; j++) mask[j] ^= 1; add(mask, w); }
    });
  }

  // Sample the sizes left, each draw with its complement when the size is paired.
  const fixed = count;
  let samplesLeft = budget - count;
  if (full !== sizes && samplesLeft > 0) {
    const p = kernel.slice(full).map((v, i) => (i + full < paired ? v / 2 : v));
    const pSum = p.reduce((a, b) => a + b, 0);
    const cdf = new Float64Array(p.length);
    let acc = 0;
    for (let i = 0; i < p.length; i++) { acc += p[i] / pSum; cdf[i] = acc; }
    const seen = new Map<string, number>();
    const order = new Int32Array(m);
    const draws = 4 * samplesLeft;
    for (let d = 0; d < draws && samplesLeft > 0; d++) {
      const u = rng.next();
      let ind = 0;
      while (ind < cdf.length - 1 && u >= cdf[ind]) ind++;
      const size = ind + full + 1;
      for (let j = 0; j < m; j++) order[j] = j;
      mask.fill(0);
      for (let j = 0; j < size; j++) {
        const r = j + rng.nextInt(m - j);
        const t = order[j]; order[j] = order[r]; order[r] = t;
        mask[order[j]] = 1;
      }
      const key = String.fromCharCode(...mask);
      const at = seen.get(key);
      if (at === undefined) { seen.set(key, count); samplesLeft--; add(mask, 1); } else weights[at] += 1;
      if (samplesLeft > 0 && size <= paired) {
        for (let j = 0; j < m; j++) mask[j] ^= 1;
        if (at === undefined) { samplesLeft--; add(mask, 1); } else weights[at + 1] += 1;
      }
    }
    let drawn = 0;
    for (let i = fixed; i < count; i++) drawn += weights[i];
    let weightLeft = 0;
    for (let i = full; i < sizes; i++) weightLeft += kernel[i];
    for (let i = fixed; i < count; i++) weights[i] *= weightLeft / drawn;
  }
  return { m, count, masks: masks.subarray(0, count * m), weights: weights.subarray(0, count), fraction: budget / maxSamples };
}
