// The survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, P(D_n >= x), as
// scipy.stats.kstwo.sf computes it: Simard & L'Ecuyer's (2011) choice of method by n and n·x², over
// Ruben-Gambino's closed forms at the ends, Smirnov's one-sided exact sum (doubled) for large x, Durbin's
// matrix method (Marsaglia-Tsang-Wang) for small x, and the Pelz-Good asymptotic series for large n.
// ks_2samp's asymptotic mode evaluates it at n = round(n1·n2/(n1+n2)). Where SciPy uses Pomeranz's
// recursion (n <= 140, 0.754693 < n·x² <= 4) this uses Durbin's matrix, which is also exact.

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const MIN_LOG = -708;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
/** Above this n cephes' smirnov() switches to an approximation rather than summing n terms. */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** log(n! / n^n) by Stirling's series (n > 140). */
function logFactorialOverPower(n: number): number {
  const c = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
    -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2];
  const r = 1 / n;
  let poly = 0;
  for (const k of c) poly = poly * (r / n) + k;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + r * poly;
}

/**
 * Smirnov's one-sided statistic: P(D+_n >= x) = x · Σ_{j <= n(1-x)} C(n,j) (1-x-j/n)^(n-j) (x+j/n)^(j-1),
 * summed term by term in logs (cephes sums in double-double; the terms here carry ~1e-11 relative error).
 */
export function smirnovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  if (n === 1) return 1 - x;
  const nx = n * x;
  if (nx <= 1) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < -708.3964185322641) return 0;
  if (nx >= n - 1) return (1 - x) ** n;
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  let logC = 0; // log C(n, j)
  let sum = 0;
  for (let j = 0; j < n; j++) {
    if (j > 0) logC += Math.log((n - j + 1) / j);
    const a = 1 - x - j / n;
    if (a <= 0) break;
    sum += Math.exp(logC + (n - j) * Math.log(a) + (j - 1) * Math.log(x + j / n));
  }
  return clip(x * sum);
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

/** P(D_n <= d) by Durbin's matrix method, H^n with Marsaglia-Tsang-Wang's scaling. */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];
  let P: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) P[i * m + i] = 1;
  let expnt = 0;
  let hExpnt = 0;
  for (let nn = n; nn > 0; nn = Math.floor(nn / 2)) {
    if (nn % 2) {
      P = matmul(P, H, m);
      expnt += hExpnt;
    }
    H = matmul(H, H, m);
    hExpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128;
      hExpnt += 128;
    }
  }
  let p = P[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      expnt -= 128;
    }
  }
  return clip(p * 2 ** expnt);
}

/** P(D_n <= x) by the Pelz-Good series: Li-Chien/Korolyuk's terms in 1/√n, each through Jacobi's theta transform. */
export function kolmogorovCdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2, k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4, k2b = ((2 * z4 - 5 * z2) * PI2) / 4, k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64, k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4, k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qp + coeffs[i];
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / div[i];
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const qk = q ** (k * k);
    k2extra += k * k * qk;
    const kpi = Math.PI * k;
    k3extra += (Math.sqrt(3) * z + kpi) * (Math.sqrt(3) * z - kpi) * k * k * qk;
  }
  K[2] += (k2extra * PI2 * SQRT2PI) / (-36 * z3);
  K[3] += (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2);
  return sum;
}

/** P(D_n >= x) for the two-sided one-sample statistic (scipy.stats.kstwo.sf(x, n)); n a positive integer. */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`kolmogorovSf: n must be a positive integer, got ${n}`);
  if (Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - kolmogorovCdfDurbin(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, x) : kolmogorovCdfPelzGood(n, x);
  return clip(1 - cdf);
}
