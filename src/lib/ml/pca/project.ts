// Inference: rows projected onto the components, (x − mean) · Vᵀ (or x · Vᵀ without subtract_mean), with
// TensorFlow.js in batches. Centring is done in float64 before the float32 tensor, as in training.
import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../matrix.ts';
import type { PcaModel } from './model.ts';
import { centredBatch } from './moments.ts';

/** Rows per projection batch: bounds the tensor memory, not the result. */
const PROJECT_BATCH = 4096;

/** nRows × k row-major projection of `x` (which must have the model's column count and no NaN). */
export async function projectRows(model: PcaModel, x: FeatureMatrix): Promise<Float32Array> {
  const { k, nCols } = model;
  const out = new Float32Array(x.nRows * k);
  const shift = model.subtractMean ? Float64Array.from(model.mean) : null;
  const components = tf.tensor2d(model.components, [k, nCols]);
  try {
    for (let start = 0; start < x.nRows; start += PROJECT_BATCH) {
      const end = Math.min(x.nRows, start + PROJECT_BATCH);
      const values = centredBatch(x, start, end, shift);
      const product = tf.tidy(() => tf.matMul(tf.tensor2d(values, [end - start, nCols]), components, false, true));
      try {
        out.set(await product.data(), start * k);
      } finally {
        product.dispose();
      }
    }
  } finally {
    components.dispose();
  }
  return out;
}
