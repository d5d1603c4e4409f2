// The rows the unsupervised results draw: at most MAX_POINTS of a split, seeded, in row order. Clusters are
// drawn on the sample's first two principal axes (a small power iteration in float64, enough for a picture);
// projections on their first two components; anomaly scores against row order.
import type { FitData, Inference } from '../ml/estimator.ts';
import { featureColumns } from '../ml/matrix.ts';
import { SeededRandom } from '../ml/random.ts';
import type { PointSample, SplitName } from './train-engine-api.ts';

/** Most points a scatter or series draws. */
export const MAX_POINTS = 4000;

function sampleIndices(n: number, max: number): Uint32Array {
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  if (n <= max) return idx;
  const rng = new SeededRandom(0);
  for (let i = 0; i < max; i++) { const j = i + rng.nextInt(n - i); const t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
  return idx.slice(0, max).sort();
}

/** The top two eigenvectors of the sample's covariance, by power iteration with deflation. */
function principalAxes(cols: Float32Array[], pick: Uint32Array): { means: Float64Array; axes: Float64Array[] } {
  const d = cols.length, n = pick.length;
  const means = new Float64Array(d);
  for (let j = 0; j < d; j++) { let s = 0; for (const i of pick) s += cols[j][i]; means[j] = s / n; }
  const cov = new Float64Array(d * d);
  for (const i of pick) {
    for (let a = 0; a < d; a++) {
      const va = cols[a][i] - means[a];
      for (let b = a; b < d; b++) cov[a * d + b] += va * (cols[b][i] - means[b]);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  const axes: Float64Array[] = [];
  for (let k = 0; k < Math.min(2, d); k++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 + j * 1e-3);
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) { let s = 0; for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b]; w[a] = s; }
      for (const u of axes) { let dot = 0; for (let j = 0; j < d; j++) dot += w[j] * u[j]; for (let j = 0; j < d; j++) w[j] -= dot * u[j]; }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      v = w.map((x) => x / norm);
    }
    axes.push(v);
  }
  return { means, axes };
}

/** Points of `split` for the charts of an unsupervised `inference`; rows are the split's table rows. */
export function pointSample(split: SplitName, data: FitData, rows: Uint32Array, inference: Inference): PointSample | undefined {
  const pick = sampleIndices(data.nRows, MAX_POINTS);
  const tableRows = Uint32Array.from(pick, (i) => rows[i]);
  if (inference.kind === 'decomposition') {
    const C = inference.components;
    return {
      split, rows: tableRows, xLabel: 'projection_1', yLabel: C > 1 ? 'projection_2' : 'row',
      x: Float32Array.from(pick, (i) => inference.projection[i * C]),
      y: Float32Array.from(pick, (i, k) => (C > 1 ? inference.projection[i * C + 1] : k)),
    };
  }
  if (inference.kind === 'anomaly') {
    return { split, rows: tableRows, xLabel: 'data row', yLabel: 'anomaly score', x: Float32Array.from(tableRows, (r) => r + 1), y: Float32Array.from(pick, (i) => inference.score[i]) };
  }
  if (inference.kind === 'clustering') {
    const cols = featureColumns(data);
    const { means, axes } = principalAxes(cols, pick);
    const along = (axis: Float64Array | undefined) => Float32Array.from(pick, (i) => {
      if (!axis) return 0;
      let s = 0;
      for (let j = 0; j < cols.length; j++) s += (cols[j][i] - means[j]) * axis[j];
      return s;
    });
    return { split, rows: tableRows, xLabel: 'principal axis 1', yLabel: 'principal axis 2', x: along(axes[0]), y: along(axes[1]), group: Int32Array.from(pick, (i) => inference.closestCluster[i]) };
  }
  return undefined;
}
