// Scores of sparse rows under a parameter table, in chunks whose gathered tensors stay small. Used for
// inference and for the per-epoch metrics (then straight from the training tensors, without a copy back).
import * as tf from '@tensorflow/tfjs';
import { batchSlots, predictionChunk } from './batch-slots.ts';
import { slotTerms } from './slot-scores.ts';
import type { SparseRows } from './sparse-rows.ts';

/**
 * ŷ for every row of `s`: the sigmoid of the score when `binary` (the positive class's probability), else
 * the score. `table` is [n, k + 1] with row i = [vᵢ, wᵢ]; `bias` is w0.
 */
export async function predictRows(table: tf.Tensor2D, bias: number | tf.Scalar, s: SparseRows, binary: boolean): Promise<Float32Array> {
  const k = table.shape[1] - 1;
  const out = new Float32Array(s.nRows);
  const order = new Int32Array(s.nRows);
  for (let i = 0; i < s.nRows; i++) order[i] = i;
  const chunk = predictionChunk(s, k + 1);
  for (let start = 0; start < s.nRows; start += chunk) {
    const slots = batchSlots(s, order.subarray(start, Math.min(s.nRows, start + chunk)));
    const y = tf.tidy(() => {
      const pos = tf.tensor2d(slots.pos, [slots.rows, slots.width], 'int32');
      const x = tf.tensor2d(slots.x, [slots.rows, slots.width]);
      const z = tf.add(slotTerms(table, pos, x, k).score, bias);
      return binary ? tf.sigmoid(z) : z;
    });
    out.set(await y.data() as Float32Array, start);
    y.dispose();
  }
  return out;
}
