// The seeded 200,000 × 28 binary task the profiling scripts train on: continuous, skewed and coarse
// (few distinct values) columns, with a label from interactions of the first eight.
import { SeededRandom } from '../../src/lib/ml/random.ts';

export const N = 200_000, D = 28;

export function makeProfileData(): { cols: Float32Array[]; labels: Float32Array } {
  const rng = new SeededRandom(42);
  const cols = Array.from({ length: D }, () => new Float32Array(N));
  const labels = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) {
      // Mix of continuous and coarse (few distinct values) columns, as real tables have.
      const u = rng.next() + rng.next() + rng.next() - 1.5;
      const v = j % 7 === 3 ? Math.round(u * 4) : j % 5 === 0 ? Math.exp(u) : u;
      cols[j][i] = v;
      if (j < 8) s += (j % 2 ? 1 : -0.7) * v * (j < 4 ? 1 : cols[j - 4][i]);
    }
    labels[i] = s + 0.5 * (rng.next() - 0.5) > 0 ? 1 : 0;
  }
  return { cols, labels };
}
