// The studio's elbow chart after a k-means fit: the sum of squared distances for k = 1… on a seeded sample
// of the training rows (a fit per k, so the sample keeps it to seconds), with the trained k marked.
import type { FitData, ResultCurve } from '../estimator.ts';
import { featureColumns } from '../matrix.ts';
import { SeededRandom } from '../random.ts';
import { elbowCurve } from './elbow.ts';
import type { KMeansParams } from './params.ts';

/** Rows of the sample the elbow chart fits on. */
export const ELBOW_ROWS = 3000;
/** Largest k drawn (or the trained k + 4 when larger). */
export const ELBOW_MAX_K = 10;

function sample(data: FitData, max: number, seed: number): FitData {
  if (data.nRows <= max) return data;
  const idx = Uint32Array.from({ length: data.nRows }, (_, i) => i);
  const rng = new SeededRandom(seed);
  for (let i = 0; i < max; i++) { const j = i + rng.nextInt(data.nRows - i); const t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
  const pick = idx.slice(0, max).sort();
  const cols = featureColumns(data).map((c) => Float32Array.from(pick, (i) => c[i]));
  return { features: cols, nRows: max, nCols: data.nCols, ...(data.weights ? { weights: Float32Array.from(pick, (i) => data.weights![i]) } : {}) };
}

/** The elbow curve of `data` around the trained `params.k`. */
export async function elbowChart(data: FitData, params: KMeansParams): Promise<ResultCurve[]> {
  const rows = sample(data, ELBOW_ROWS, params.seed);
  const top = Math.min(rows.nRows, Math.max(ELBOW_MAX_K, params.k + 4));
  const ks = Array.from({ length: top }, (_, i) => i + 1);
  const points = await elbowCurve(rows, ks, { seed: params.seed, init_method: params.init_method, epochs: params.epochs });
  return [{
    title: 'Elbow curve',
    note: `Sum of squared distances to the closest centre for k = 1…${top}${rows.nRows < data.nRows ? ` on a sample of ${rows.nRows.toLocaleString('en')} training rows` : ''}; past the bend, more clusters buy little.`,
    xLabel: 'k', yLabel: 'sum of squared distances',
    x: Float32Array.from(points, (p) => p.k), y: Float32Array.from(points, (p) => p.ssd), markX: params.k,
  }];
}
