// A Gaussian-process regression model for Bayesian search: a Matérn 5/2 kernel with one length scale per
// input dimension, observations standardised, the signal variance profiled out analytically and the
// length scales and noise chosen by maximising the log marginal likelihood (a grid over a shared length
// scale and the noise, then a few passes of per-dimension refinement). Expected improvement is the
// acquisition. Inputs live in [0, 1]^d; the objective is minimised.

/** Matérn 5/2 correlation at scaled distance r ≥ 0. */
export function matern52(r: number): number {
  const s = Math.sqrt(5) * r;
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/** Options of fitGaussianProcess. */
export interface GaussianProcessOptions {
  /** Noise variance relative to the signal variance; defaults to choosing it by marginal likelihood from 1e-6…1e-1. */
  noise?: number;
  /** Length scale of every dimension; defaults to choosing them by marginal likelihood. */
  lengthScales?: readonly number[];
}

/** A fitted model: posterior mean and variance anywhere in [0, 1]^d. */
export interface GaussianProcess {
  /** Posterior mean and variance of the latent function (noise excluded) at x. */
  predict(x: readonly number[]): { mean: number; variance: number };
  /** The chosen length scales (one per dimension), relative noise and the log marginal likelihood. */
  readonly lengthScales: readonly number[];
  readonly noise: number;
  readonly logLikelihood: number;
}

interface Factor { chol: Float64Array; alpha: Float64Array; logLik: number; signal: number }

function correlation(a: readonly number[], b: readonly number[], ls: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) { const d = (a[k] - b[k]) / ls[k]; s += d * d; }
  return matern52(Math.sqrt(s));
}

/** Cholesky of C + noise·I and the profiled likelihood of y; null when not positive definite. */
function factor(X: readonly (readonly number[])[], y: Float64Array, ls: readonly number[], noise: number): Factor | null {
  const n = X.length;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = correlation(X[i], X[j], ls) + (i === j ? noise + 1e-10 : 0);
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const alpha = solve(L, n, y);
  let quad = 0, logDet = 0;
  for (let i = 0; i < n; i++) { quad += y[i] * alpha[i]; logDet += 2 * Math.log(L[i * n + i]); }
  // The signal variance s² that maximises the likelihood of y ~ N(0, s²(C + noise·I)) is yᵀ(C + noise·I)⁻¹y / n.
  const signal = Math.max(quad / n, 1e-12);
  const logLik = -0.5 * n * (1 + Math.log(2 * Math.PI * signal)) - 0.5 * logDet;
  return { chol: L, alpha, logLik, signal };
}

/** (L Lᵀ)⁻¹ b. */
function solve(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const z = forward(L, n, b);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

/** L⁻¹ b. */
function forward(L: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

const SHARED_SCALES = [0.05, 0.08, 0.12, 0.18, 0.25, 0.35, 0.5, 0.7, 1, 1.5, 2.5];
const NOISES = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1];
const REFINE = [0.5, 0.7, 1.4, 2];

/** Fits the model to observations `y` at points `X` (rows in [0, 1]^d); needs at least one point. */
export function fitGaussianProcess(X: readonly (readonly number[])[], y: readonly number[], options: GaussianProcessOptions = {}): GaussianProcess {
  const n = X.length;
  if (n === 0 || y.length !== n) throw new RangeError(`fitGaussianProcess needs as many observations as points (≥ 1); got ${n} points and ${y.length} values`);
  const d = X[0].length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
  const z = Float64Array.from(y, (v) => (v - mean) / sd);
  const noises = options.noise !== undefined ? [options.noise] : NOISES;
  let best: { ls: number[]; noise: number; f: Factor } | null = null;
  const consider = (ls: number[], noise: number) => {
    const f = factor(X, z, ls, noise);
    if (f && (!best || f.logLik > best.f.logLik)) best = { ls, noise, f };
  };
  if (options.lengthScales) {
    for (const noise of noises) consider([...options.lengthScales], noise);
  } else {
    for (const l of SHARED_SCALES) for (const noise of noises) consider(new Array<number>(d).fill(l), noise);
    // Per-dimension refinement (automatic relevance): an irrelevant hyperparameter gets a long length scale.
    for (let pass = 0; pass < 2 && best && d > 1; pass++) {
      for (let k = 0; k < d; k++) {
        const b: { ls: number[]; noise: number } = best;
        for (const m of REFINE) {
          const ls = [...b.ls];
          ls[k] = Math.min(10, Math.max(0.02, ls[k] * m));
          consider(ls, b.noise);
        }
      }
    }
  }
  if (!best) throw new RangeError('the Gaussian process could not be fitted: the observations are degenerate');
  const { ls, noise, f } = best as { ls: number[]; noise: number; f: Factor };
  return {
    lengthScales: ls,
    noise,
    logLikelihood: f.logLik,
    predict(x) {
      const k = X.map((xi) => correlation(x, xi, ls));
      let m = 0;
      for (let i = 0; i < n; i++) m += k[i] * f.alpha[i];
      const v = forward(f.chol, n, k);
      let q = 0;
      for (let i = 0; i < n; i++) q += v[i] * v[i];
      // Below 1e-9 the remaining correlation is the jitter's and rounding's: an observed point has no variance left.
      const rest = 1 - q < 1e-9 ? 0 : 1 - q;
      return { mean: mean + sd * m, variance: rest * f.signal * sd * sd };
    },
  };
}

/** Standard normal density and distribution function. */
function phi(x: number): number { return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI); }
function Phi(x: number): number {
  // Abramowitz–Stegun 7.1.26 on erf, |error| < 1.5e-7.
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Expected improvement below `best` of a normal posterior (mean, variance), for minimisation; `xi` ≥ 0 asks for a margin (default 0). */
export function expectedImprovement(mean: number, variance: number, best: number, xi = 0): number {
  const gain = best - mean - xi;
  const s = Math.sqrt(variance);
  if (s < 1e-12) return Math.max(0, gain);
  const u = gain / s;
  return Math.max(0, gain * Phi(u) + s * phi(u));
}
