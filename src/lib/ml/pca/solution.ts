// What both algorithm modes produce: unit components with deterministic signs and, per component, the
// variance it explains. The sign rule is scikit-learn's svd_flip on V (u_based_decision=False): the
// entry of largest magnitude is positive, so two fits, or two backends, give the same projection.

/** Components and their variances, in float64, largest first. */
export interface PcaSolution {
  /** Components kept. */
  k: number;
  /** Feature columns. */
  d: number;
  /** k × d row-major unit vectors. */
  components: Float64Array;
  /** vᵀ M v per component, M the decomposed scatter (centred, or uncentred when subtract_mean is false). */
  decomposed: Float64Array;
  /** vᵀ S v per component, S the centred scatter: the component's share of the data's spread. */
  centred: Float64Array;
}

/** Flips each row of `vectors` (k × d) so that its entry of largest magnitude (the first on ties) is positive. */
export function flipSigns(vectors: Float64Array, k: number, d: number): void {
  for (let j = 0; j < k; j++) {
    let best = 0;
    for (let i = 1; i < d; i++) if (Math.abs(vectors[j * d + i]) > Math.abs(vectors[j * d + best])) best = i;
    if (vectors[j * d + best] < 0) for (let i = 0; i < d; i++) vectors[j * d + i] = -vectors[j * d + i];
  }
}

/** vᵀ A v for the symmetric d × d row-major `a` and row `row` of `vectors`, clamped at 0. */
export function quadraticForm(a: Float64Array, vectors: Float64Array, row: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    const vi = vectors[row * d + i];
    if (vi === 0) continue;
    let t = 0;
    for (let j = 0; j < d; j++) t += a[i * d + j] * vectors[row * d + j];
    s += vi * t;
  }
  return Math.max(0, s);
}

/** Adds w · μμᵀ to the d × d row-major `scatter` in place: the centred scatter becomes the uncentred one. */
export function addMeanOuter(scatter: Float64Array, mean: Float64Array, weight: number): void {
  const d = mean.length;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) scatter[i * d + j] += weight * mean[i] * mean[j];
}
