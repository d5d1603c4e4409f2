// One pass over the data in mini-batches with TensorFlow.js: the centred scatter matrix Σ Aᵦᵀ Aᵦ (regular
// mode) or its product with a d × l basis Σ Aᵦᵀ (Aᵦ Q) (randomized mode). Each batch multiplies in float32
// on the tensor backend; batches add up in float64 on the CPU, so rounding does not grow with the row count.
import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../matrix.ts';
import { centredBatch } from './moments.ts';

/** The rows a pass reads: features centred on `mean`, rows weighted by `weights` (default 1). */
export interface PassData {
  matrix: FeatureMatrix;
  mean: Float64Array;
  weights?: Float32Array;
  /** Rows per batch. */
  batchSize: number;
}

async function eachBatch(data: PassData, visit: (batch: tf.Tensor2D) => tf.Tensor2D, into: Float64Array): Promise<void> {
  const { matrix, mean, weights, batchSize } = data;
  for (let start = 0; start < matrix.nRows; start += batchSize) {
    const end = Math.min(matrix.nRows, start + batchSize);
    const values = centredBatch(matrix, start, end, mean, weights);
    const product = tf.tidy(() => visit(tf.tensor2d(values, [end - start, matrix.nCols])));
    try {
      const part = await product.data();
      for (let i = 0; i < into.length; i++) into[i] += part[i];
    } finally {
      product.dispose();
    }
  }
}

/** Σ w (x − mean)(x − mean)ᵀ: the d × d centred scatter matrix, row-major float64. */
export async function centredScatter(data: PassData): Promise<Float64Array> {
  const d = data.matrix.nCols;
  const out = new Float64Array(d * d);
  await eachBatch(data, (a) => tf.matMul(a, a, true, false), out);
  return out;
}

/**
 * (S · Qᵀ)ᵀ = Q · S for the centred scatter S and `l` basis vectors `q` (l × d row-major): l × d row-major
 * float64, row i being S applied to basis vector i.
 */
export async function centredScatterTimes(data: PassData, q: Float64Array, l: number): Promise<Float64Array> {
  const d = data.matrix.nCols;
  const out = new Float64Array(l * d);
  const basis = tf.tensor2d(Float32Array.from(q), [l, d]);
  try {
    await eachBatch(data, (a) => tf.matMul(tf.matMul(a, basis, false, true), a, true, false), out);
  } finally {
    basis.dispose();
  }
  return out;
}
