// PCA in an exported module: (x − mean) · Vᵀ (or x · Vᵀ without subtract_mean), centred in float64 and
// rounded to float32 before the product, as src/lib/ml/pca/project.ts computes it on TensorFlow.js's CPU
// backend.
import { floatsToJson } from '../../ml/model-file.ts';
import type { PcaModel } from '../../ml/pca/model.ts';
import type { ExportRuntime } from './types.ts';

function params(model: PcaModel) {
  return { nCols: model.nCols, k: model.k, subtractMean: model.subtractMean, mean: floatsToJson(model.mean), components: floatsToJson(model.components) };
}

const SOURCE = String.raw`
const MEAN = Float32Array.from(P.mean), V = Float32Array.from(P.components);

function inferRows(X) {
  const d = P.nCols, k = P.k;
  const xs = new Float32Array(d);
  return X.map((x) => {
    for (let j = 0; j < d; j++) xs[j] = P.subtractMean ? x[j] - MEAN[j] : x[j];
    const projection = new Array(k);
    for (let c = 0; c < k; c++) projection[c] = dotBlocked(xs, 0, 1, V, c * d, 1, d);
    return { projection };
  });
}
`;

export const pcaRuntime: ExportRuntime<PcaModel> = { source: SOURCE, params, needsFinite: true };
