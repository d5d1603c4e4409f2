// Small seeded datasets for the mlp tests: Gaussian blobs per class and a smooth nonlinear regression.
import type { DataFacts, FitData } from '../../../../src/lib/ml/estimator.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

function gauss(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** `n` rows of `d` features in `k` classes whose centres are `spread` apart (row-major). */
export function blobs(n: number, d: number, k: number, seed: number, spread = 3): FitData & { labels: Float32Array } {
  const rng = new SeededRandom(seed);
  const features = new Float32Array(n * d), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    // Centres on the first features, offset per class; the other features are noise; feature 1 has a large scale.
    for (let j = 0; j < d; j++) features[i * d + j] = (j === c % d ? spread : 0) + gauss(rng) + (j === 1 ? 100 : 0);
  }
  return { features, nRows: n, nCols: d, labels };
}

/** y = 3·sin(x0) + x1² − x2 + noise(0.1), x ~ U(−2, 2)⁴, with the label offset by 50. */
export function wave(n: number, seed: number): FitData & { labels: Float32Array } {
  const rng = new SeededRandom(seed);
  const d = 4;
  const features = new Float32Array(n * d), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) features[i * d + j] = 4 * rng.next() - 2;
    const x = features.subarray(i * d, i * d + d);
    labels[i] = 50 + 3 * Math.sin(x[0]) + x[1] * x[1] - x[2] + 0.1 * gauss(rng);
  }
  return { features, nRows: n, nCols: d, labels };
}

export function factsOf(task: DataFacts['task'], data: FitData, classes?: number): DataFacts {
  return {
    task, nRows: data.nRows, nCols: data.nCols, featureNames: Array.from({ length: data.nCols }, (_, j) => `f${j}`),
    ...(classes ? { classes: Array.from({ length: classes }, (_, c) => `c${c}`) } : {}),
  };
}
