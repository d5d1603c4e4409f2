// k-means in an exported module: the closest centre by the float32 expansion ‖x‖² − 2x·c + ‖c‖² on rows and
// centres shifted by the centres' mean, and the distance from x − c, as src/lib/ml/kmeans/infer.ts
// computes them on TensorFlow.js's CPU backend (float32 after every op, first minimum on ties).
import type { KMeansModel } from '../../ml/kmeans/model.ts';
import { floatsToJson } from '../../ml/model-file.ts';
import type { ExportRuntime } from './types.ts';

function params(model: KMeansModel) {
  return { k: model.k, d: model.d, centres: floatsToJson(model.centres) };
}

const SOURCE = String.raw`
const SHIFT = new Float64Array(P.d);
const CENTRES = new Float32Array(P.k * P.d);
const CC = new Float32Array(P.k);
(() => {
  const { k, d } = P;
  const given = Float32Array.from(P.centres);
  for (let j = 0; j < k; j++) for (let c = 0; c < d; c++) SHIFT[c] += given[j * d + c] / k;
  for (let i = 0; i < k * d; i++) CENTRES[i] = given[i] - SHIFT[i % d];
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += f(CENTRES[j * d + c] * CENTRES[j * d + c]);
    CC[j] = s;
  }
})();

function inferRows(X) {
  const { k, d } = P;
  const xs = new Float32Array(d);
  return X.map((x) => {
    let xx = 0;
    for (let c = 0; c < d; c++) { xs[c] = x[c] - SHIFT[c]; xx += f(xs[c] * xs[c]); }
    xx = f(xx);
    let best = 0, min = Infinity;
    for (let j = 0; j < k; j++) {
      const dot = dotBlocked(xs, 0, 1, CENTRES, j * d, 1, d);
      let d2 = f(f(xx - f(2 * dot)) + CC[j]);
      if (d2 < 0) d2 = 0;
      if (j === 0 || d2 < min) { min = d2; best = j; }
    }
    let s = 0;
    for (let c = 0; c < d; c++) { const diff = f(xs[c] - CENTRES[best * d + c]); s += f(diff * diff); }
    return { closest_cluster: best, distance_to_cluster: f(Math.sqrt(f(s))) };
  });
}
`;

export const kmeansRuntime: ExportRuntime<KMeansModel> = { source: SOURCE, params, needsFinite: true };
