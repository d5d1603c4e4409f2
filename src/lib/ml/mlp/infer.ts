// Inference: standardise rows on the CPU, forward in chunks, then SageMaker-style outputs: class
// probabilities with the arg-max (multiclass) or p > 0.5 (binary) label, or the regression score.
import * as tf from '@tensorflow/tfjs';
import type { Inference } from '../estimator.ts';
import { firstMissing, validateFeatureMatrix, type FeatureMatrix } from '../matrix.ts';
import { EVAL_CHUNK_ROWS } from './epoch-metrics.ts';
import { forward } from './forward.ts';
import { outputOf } from './loss.ts';
import { mlpFeatureCount, type MlpModel } from './model.ts';
import { layerTensors } from './network.ts';
import { standardizedRows } from './normalize.ts';

/** The model's raw outputs per row: probabilities (binary: 1 per row; multiclass: classes per row) or scores. */
async function outputs(model: MlpModel, x: FeatureMatrix): Promise<Float32Array> {
  const units = model.layers[model.layers.length - 1].nOut;
  const rows = standardizedRows(x, model.featureMean, model.featureScale);
  const out = new Float32Array(x.nRows * units);
  const layers = layerTensors(model.layers);
  try {
    for (let start = 0; start < x.nRows; start += EVAL_CHUNK_ROWS) {
      const size = Math.min(EVAL_CHUNK_ROWS, x.nRows - start);
      const y = tf.tidy(() => {
        const xt = tf.tensor2d(rows.subarray(start * x.nCols, (start + size) * x.nCols), [size, x.nCols]);
        return outputOf(model.predictorType, forward(layers, model.activation, xt));
      });
      out.set(await y.data() as Float32Array, start * units);
      y.dispose();
    }
  } finally {
    tf.dispose(layers.flatMap((l) => [l.w, ...(l.b ? [l.b] : []), ...(l.bn ? [l.bn.gamma, l.bn.beta, l.bn.mean, l.bn.variance] : [])]));
  }
  return out;
}

/** Predictions of `model` for `x`; throws a RangeError on a feature-count mismatch or NaN features. */
export async function inferMlp(model: MlpModel, x: FeatureMatrix): Promise<Inference> {
  validateFeatureMatrix(x, 'x');
  const nIn = mlpFeatureCount(model);
  if (x.nCols !== nIn) throw new RangeError(`x has ${x.nCols} features but the mlp model reads ${nIn}`);
  const miss = firstMissing(x);
  if (miss) throw new RangeError(`x feature ${miss.column} is missing (NaN) in row ${miss.row}; mlp needs complete rows (fill missing values first)`);
  const out = await outputs(model, x);
  const n = x.nRows;
  if (model.predictorType === 'regressor') {
    const score = new Float32Array(n);
    for (let i = 0; i < n; i++) score[i] = out[i] * model.labelScale + model.labelMean;
    return { kind: 'regression', score };
  }
  const predictedLabel = new Int32Array(n);
  if (model.predictorType === 'binary_classifier') {
    for (let i = 0; i < n; i++) predictedLabel[i] = out[i] > 0.5 ? 1 : 0;
    return { kind: 'classification', predictedLabel, probabilities: out, classes: 2 };
  }
  const k = model.classes;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
    predictedLabel[i] = best;
  }
  return { kind: 'classification', predictedLabel, probabilities: out, classes: k };
}
