// Seeded data for the randomcutforest tests: a seasonal series with planted spikes, and a 2-D blob.
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: SeededRandom): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * `n` points of sin(2πi / period) + N(0, noise²), with `spikes` rows (away from the start) shifted by
 * ±U(minSpike, maxSpike); labels mark the spiked rows with 1.
 */
export function seasonalWithSpikes(opts: { n?: number; period?: number; noise?: number; spikes?: number; minSpike?: number; maxSpike?: number; seed?: number } = {}): { values: Float32Array; labels: Float32Array } {
  const { n = 2000, period = 50, noise = 0.1, spikes = 20, minSpike = 0.5, maxSpike = 1.5, seed = 7 } = opts;
  const rng = new SeededRandom(seed);
  const values = new Float32Array(n);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = Math.sin((2 * Math.PI * i) / period) + noise * gaussian(rng);
  let planted = 0;
  while (planted < spikes) {
    const i = 10 + rng.nextInt(n - 10);
    if (labels[i] === 1) continue;
    labels[i] = 1;
    values[i] += (rng.next() < 0.5 ? -1 : 1) * (minSpike + (maxSpike - minSpike) * rng.next());
    planted++;
  }
  return { values, labels };
}

/** `n` rows of a 2-D standard normal blob, row-major, with row `outlierRow` moved to (x, y). */
export function blobWithOutlier(n: number, outlierRow: number, x: number, y: number, seed = 3): Float32Array {
  const rng = new SeededRandom(seed);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n * 2; i++) out[i] = gaussian(rng);
  out[outlierRow * 2] = x;
  out[outlierRow * 2 + 1] = y;
  return out;
}
