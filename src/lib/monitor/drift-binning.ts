// How PSI and the Jensen-Shannon distance turn two samples into two histograms. Numbers: the reference's
// quantiles at 1/k, 2/k, …, (k−1)/k (numpy.quantile's default 'linear' method, reproduced operation by
// operation so that ties fall on the same side as in numpy), duplicates dropped, bins closed on the right:
// bin 0 is (−∞, e₀], bin i is (e_{i−1}, e_i], the last is (e_last, ∞). Text: one bin per category, the
// reference's categories in order of first appearance, then the current sample's new ones.

/** The bins both samples were counted in, as written into drift results. */
export interface NumericBinning {
  method: 'quantile';
  /** Number of bins (k minus any duplicate edges). */
  bins: number;
  /** Inner edges; bin i holds values v with edges[i−1] < v <= edges[i]. */
  edges: number[];
}

export interface CategoricalBinning {
  method: 'categories';
  /** One bin per category: the reference's in order of first appearance, then unseen ones from the current sample. */
  categories: string[];
}

/** numpy's _lerp: a + (b−a)·t, computed from b's side when t >= 0.5. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** numpy.quantile(sorted, q) with method 'linear', on an ascending array. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q; // numpy's 'linear' virtual index
  let lo = Math.floor(virtual);
  let gamma = virtual - lo;
  if (lo < 0) { lo = 0; gamma = 0; }
  if (lo >= n - 1) return sorted[n - 1];
  return lerp(sorted[lo], sorted[lo + 1], gamma);
}

/** Inner edges at the reference's k-quantiles, duplicates removed. `sorted` is ascending and non-empty. */
export function quantileEdges(sorted: Float64Array, k: number): number[] {
  const edges: number[] = [];
  for (let i = 1; i < k; i++) {
    const e = quantileSorted(sorted, i / k) + 0; // + 0 turns −0 into 0, as JSON writes it
    if (edges.length === 0 || e !== edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Shares of the present values in each bin (right-closed, see NumericBinning); `sorted` ascending. */
export function binShares(sorted: Float64Array, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (bin < edges.length && sorted[i] > edges[bin]) bin++;
    counts[bin]++;
  }
  for (let i = 0; i < counts.length; i++) counts[i] /= sorted.length;
  return counts;
}

/** Categories of both samples (see CategoricalBinning) and each sample's share per category; null = missing, ignored. */
export function categoryShares(reference: readonly (string | null)[], current: readonly (string | null)[]): { categories: string[]; reference: Float64Array; current: Float64Array } {
  const index = new Map<string, number>();
  for (const col of [reference, current]) for (const v of col) if (v !== null && !index.has(v)) index.set(v, index.size);
  const share = (col: readonly (string | null)[]): Float64Array => {
    const out = new Float64Array(index.size);
    let n = 0;
    for (const v of col) {
      if (v === null) continue;
      out[index.get(v) as number]++;
      n++;
    }
    for (let i = 0; i < out.length; i++) out[i] /= n;
    return out;
  };
  return { categories: [...index.keys()], reference: share(reference), current: share(current) };
}
