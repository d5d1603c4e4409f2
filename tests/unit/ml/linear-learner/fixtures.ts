// Seeded synthetic data sets for the linear-learner tests.
import type { DataFacts, FitData, Task } from '../../../../src/lib/ml/estimator.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';

/** A standard normal draw (Box–Muller). */
export function normal(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** n rows of `cols` normal features (column-major, scaled by 1, 10, 100… so scaling matters) and labels from `label`. */
export function dataset(n: number, cols: number, seed: number, label: (x: number[], rng: SeededRandom) => number): FitData & { labels: Float32Array } {
  const rng = new SeededRandom(seed);
  const features = Array.from({ length: cols }, () => new Float32Array(n));
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: cols }, (_, j) => normal(rng) * 10 ** j);
    x.forEach((v, j) => { features[j][i] = v; });
    labels[i] = label(x, rng);
  }
  return { features, nRows: n, nCols: cols, labels };
}

/** Binary: positive when x0 + x1/10 + noise > 0 (about 5% label noise). */
export const binary = (n: number, seed: number) => dataset(n, 2, seed, (x, rng) => (x[0] + x[1] / 10 + 0.3 * normal(rng) > 0 ? 1 : 0));

/** Three classes: the largest of x0, x1/10 and 0.5 (linear boundaries, so a softmax model can be exact). */
export const multiclass = (n: number, seed: number) => dataset(n, 2, seed, (x) => {
  const s = [x[0], x[1] / 10, 0.5];
  return s.indexOf(Math.max(...s));
});

/** y = 3·x0 − 0.2·x1 + 5 + N(0, 0.5²). */
export const linear = (n: number, seed: number) => dataset(n, 2, seed, (x, rng) => 3 * x[0] - 0.2 * x[1] + 5 + 0.5 * normal(rng));

export function factsOf(d: FitData, task: Task, classes?: number): DataFacts {
  return { task, classes: classes ? Array.from({ length: classes }, (_, i) => `c${i}`) : undefined, nRows: d.nRows, nCols: d.nCols, featureNames: Array.from({ length: d.nCols }, (_, j) => `x${j}`) };
}

/** The same rows as one row-major matrix (features only). */
export function rowsOf(d: FitData): FitData {
  const cols = d.features as Float32Array[];
  const out = new Float32Array(d.nRows * d.nCols);
  for (let i = 0; i < d.nRows; i++) for (let j = 0; j < d.nCols; j++) out[i * d.nCols + j] = cols[j][i];
  return { features: out, nRows: d.nRows, nCols: d.nCols };
}
